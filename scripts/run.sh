#!/usr/bin/env bash
# ./build.sh run: a local hub and an enrolled kiosk on ./data. Called by
# build.sh after it has installed dependencies and built bin/.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
echo "Playhall is being built piece by piece; this run shows what exists so far."
for b in kiosk kioskctl hub; do
  if [ -x "bin/$b" ]; then echo "  bin/$b: $("bin/$b" --version 2>/dev/null || echo built)"; else echo "  bin/$b: not there yet"; fi
done
