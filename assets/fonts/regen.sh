#!/usr/bin/env bash
# Reproduce the embedded Noto Sans SC subsets from Debian's fonts-noto-cjk.
#   assets/fonts/regen.sh
# Needs: fonts-noto-cjk (NotoSansCJK-{Regular,Bold}.ttc) and fonttools
# (pyftsubset, run with Debian's /usr/bin/python3). Writes
# NotoSansSC-{Regular,Bold}.subset.otf, charset.txt (the code points asked
# for) and OFL.txt next to this script. Deterministic for a given fonttools
# and fonts-noto-cjk version.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=${NOTO_CJK_DIR:-/usr/share/fonts/opentype/noto}
py=${PYTHON:-/usr/bin/python3}
face=2 # index of "Noto Sans CJK SC" inside the .ttc (0 JP, 1 KR, 2 SC, 3 TC, 4 HK)

"$py" - "$here/charset.txt" <<'PY'
import sys
cps = set()
# GB2312: every valid two-byte code, rows 0xA1-0xF7, cells 0xA1-0xFE.
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            s = bytes([hi, lo]).decode("gb2312")
        except UnicodeDecodeError:
            continue
        cps.update(ord(c) for c in s)
ranges = [
    (0x20, 0x7E),      # Basic Latin
    (0xA0, 0xFF),      # Latin-1 supplement
    (0x2000, 0x206F),  # general punctuation (… • ‘’ “” — –)
    (0x2100, 0x214F),  # letterlike (℃ №)
    (0x2190, 0x21FF),  # arrows
    (0x2460, 0x24FF),  # enclosed alphanumerics (① …)
    (0x2500, 0x25FF),  # box drawing, blocks, geometric shapes (● ▲ ◆)
    (0x2600, 0x26FF),  # miscellaneous symbols (★ ♥ ☎)
    (0x2700, 0x27BF),  # dingbats (✓ ✗ ✔ ✘)
    (0x3000, 0x303F),  # CJK symbols and punctuation (「」《》、。)
    (0xFF00, 0xFFEF),  # full-width forms (！，：？)
]
for a, b in ranges:
    cps.update(range(a, b + 1))
cps.update([0x00B7, 0x2022, 0x2026, 0x2713, 0x2717, 0x2605, 0x2665, 0x03B3])
with open(sys.argv[1], "w") as f:
    f.write(",".join("U+%04X" % c for c in sorted(cps)) + "\n")
PY

for weight in Regular Bold; do
  pyftsubset "$src/NotoSansCJK-$weight.ttc" \
    --font-number=$face \
    --unicodes-file="$here/charset.txt" \
    --layout-features='kern,liga,locl,palt,halt' \
    --no-hinting --desubroutinize \
    --name-IDs='*' --name-languages='*' \
    --output-file="$here/NotoSansSC-$weight.subset.otf"
done

# The licence text and the font's own copyright notice, as the OFL asks.
"$py" - "$here/NotoSansSC-Regular.subset.otf" "$here/OFL.txt" <<'PY'
import sys
from fontTools.ttLib import TTFont
name = TTFont(sys.argv[1])["name"]
notice = name.getDebugName(0)
lic = open("/usr/share/doc/fonts-noto-cjk/copyright").read()
start = lic.index(" SIL OPEN FONT LICENSE Version 1.1")
body = lic[start:]
end = body.find("\nLicense:")
body = body[:end] if end >= 0 else body
text = "\n".join(l[1:] if l.startswith(" ") else l for l in body.splitlines())
text = text.replace("\n.\n", "\n\n")
with open(sys.argv[2], "w") as f:
    f.write("Noto Sans CJK SC (subset for Playhall, made by assets/fonts/regen.sh\n")
    f.write("from Debian's fonts-noto-cjk with fonttools' pyftsubset)\n\n")
    f.write(notice.strip() + "\n\n")
    f.write(text.strip() + "\n")
PY
ls -l "$here"/*.otf
