#!/usr/bin/env bash
# Build the Playhall web edition (WebAssembly) into a folder that any static
# web server can serve:   scripts/web.sh [OUTDIR]   (default dist/web)
#   index.html  main.js  wasm_exec.js  playhall.wasm  playhall.wasm.gz
# ./build.sh web calls it; the hub serves the folder at /play/ (hub serve --web DIR).
set -Eeuo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
STEP="start"
trap 'echo "web.sh: step \"$STEP\" failed" >&2' ERR
step() { STEP="$*"; echo "==> $*" >&2; }

OUT=${1:-dist/web}
VERSION=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS="-s -w -X github.com/playhall/playhall/version.Version=$VERSION -X github.com/playhall/playhall/version.Commit=$COMMIT"

step "web: go build GOOS=js GOARCH=wasm ./cmd/web -> $OUT/playhall.wasm"
mkdir -p "$OUT"
tmp="$OUT/.playhall.wasm.tmp"
CGO_ENABLED=0 GOOS=js GOARCH=wasm go build -trimpath -ldflags "$LDFLAGS" -o "$tmp" ./cmd/web
mv -f "$tmp" "$OUT/playhall.wasm"

step "web: page, loader and wasm_exec.js"
cp web/index.html web/main.js "$OUT/"
cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" "$OUT/wasm_exec.js"

step "web: playhall.wasm.gz for servers that send precompressed files"
gzip -9 -n -c "$OUT/playhall.wasm" >"$OUT/playhall.wasm.gz.tmp"
mv -f "$OUT/playhall.wasm.gz.tmp" "$OUT/playhall.wasm.gz"

ls -l "$OUT" >&2
echo "web edition $VERSION in $OUT" >&2
