#!/usr/bin/env bash
# Playhall build script. Run ./build.sh help for the subcommands.
# Works from any directory; every step that fails is named on stderr.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"

STEP="start"
trap 'echo "build.sh: step \"$STEP\" failed (exit $?)" >&2' ERR

step() { STEP="$*"; echo "==> $*" >&2; }

export PATH="/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin:$PATH"
export CGO_ENABLED=1
GO_VERSION_MIN=1.26
# A machine without Go 1.26 gets this toolchain from the Go module proxy: the
# archive `GOTOOLCHAIN=go1.26.8` would fetch, checked against this SHA-256.
GO_BOOTSTRAP=go1.26.8
GO_BOOTSTRAP_SHA256=30c2b1bf7dcc88d3eb0a1364e47ddd9128edb3110a30e8a0ef61cd5856b31de7
STATICCHECK=honnef.co/go/tools/cmd/staticcheck@v0.8.2
APT_PACKAGES=(
  # Ebitengine on Linux (cgo, X11, OpenGL, ALSA) — see product.md
  gcc libc6-dev pkg-config
  libx11-dev libxrandr-dev libxinerama-dev libxcursor-dev libxi-dev libxxf86vm-dev
  libgl1-mesa-dev libasound2-dev
  # headless rendering for tests and for `run` without a display
  xvfb xauth libgl1-mesa-dri
  # the CJK font source and the subsetter (assets/fonts/regen.sh)
  fonts-noto-cjk fonttools
  # browser tests and the dashboard screenshots
  chromium
  # misc tools the scripts use
  ca-certificates curl git zip unzip
)

VERSION=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS="-X github.com/playhall/playhall/version.Version=$VERSION -X github.com/playhall/playhall/version.Commit=$COMMIT"

# ---------------------------------------------------------------- deps
need_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  printf '%s\n' "${missing[@]}"
}

# go_ok: a go command on PATH of version GO_VERSION_MIN or newer.
go_ok() {
  command -v go >/dev/null || return 1
  local v
  v=$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null | sed 's/^go//') || return 1
  [ "$(printf '%s\n' "$GO_VERSION_MIN" "$v" | sort -V | head -n1)" = "$GO_VERSION_MIN" ]
}

# ensure_go puts Go on PATH: /usr/local/go or any go on PATH if new enough,
# else $GO_BOOTSTRAP from the Go module proxy (Debian's golang is too old;
# go.dev may be unreachable), kept in ~/.cache/playhall.
ensure_go() {
  go_ok && return 0
  local cache="${XDG_CACHE_HOME:-$HOME/.cache}/playhall"
  local dir="$cache/golang.org/toolchain@v0.0.1-$GO_BOOTSTRAP.linux-amd64"
  if [ ! -x "$dir/bin/go" ]; then
    if [ "$(uname -sm)" != "Linux x86_64" ]; then
      echo "Go $GO_VERSION_MIN or newer is needed: https://go.dev/doc/install" >&2
      return 1
    fi
    echo "no Go $GO_VERSION_MIN or newer found: fetching $GO_BOOTSTRAP from the Go module proxy into $cache" >&2
    mkdir -p "$cache"
    local zip="$cache/$GO_BOOTSTRAP.zip.part"
    curl -fsSL -o "$zip" "${PLAYHALL_GOPROXY:-https://proxy.golang.org}/golang.org/toolchain/@v/v0.0.1-$GO_BOOTSTRAP.linux-amd64.zip"
    if ! echo "$GO_BOOTSTRAP_SHA256  $zip" | sha256sum -c --quiet -; then
      rm -f "$zip"
      echo "the $GO_BOOTSTRAP archive does not match its SHA-256; not using it" >&2
      return 1
    fi
    rm -rf "$dir"
    unzip -q "$zip" -d "$cache"
    rm -f "$zip"
    # module archives keep no file modes
    chmod +x "$dir"/bin/* "$dir"/pkg/tool/*/*
  fi
  export PATH="$dir/bin:$PATH" GOTOOLCHAIN=local
  go_ok
}

cmd_deps() {
  step "deps: apt packages"
  mapfile -t missing < <(need_apt | sed '/^$/d')
  if ((${#missing[@]})); then
    local sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    echo "installing: ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  step "deps: Go toolchain"
  ensure_go
  step "deps: Go modules"
  go mod download
  step "deps: staticcheck"
  command -v staticcheck >/dev/null || go install "$STATICCHECK"
}

# ---------------------------------------------------------------- build
BINARIES=(kiosk kioskctl hub)

cmd_build() {
  step "build: binaries into bin/"
  mkdir -p bin
  for b in "${BINARIES[@]}"; do
    if [ -d "cmd/$b" ]; then
      go build -trimpath -ldflags "$LDFLAGS" -o "bin/$b" "./cmd/$b"
    fi
  done
  ls -1 bin >&2
}

# ---------------------------------------------------------------- headless helpers
XVFB_PID=""
start_xvfb() {
  step "xvfb: start a private display"
  read -r disp XVFB_PID < <(scripts/xvfb.sh "${1:-1920x1080x24}")
  export DISPLAY="$disp"
}
stop_xvfb() {
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; XVFB_PID=""; fi
}
null_audio() {
  # No sound card in CI: send ALSA's default PCM to a null sink (file in the repo).
  export ALSA_CONFIG_PATH="$ROOT/testdata/alsa-null.conf"
}

# Packages whose dependency graph reaches Ebitengine need a display; the rest
# run anywhere and run with the race detector.
split_packages() {
  GUI_PKGS=()
  PLAIN_PKGS=()
  E2E_PKGS=()
  while read -r pkg deps; do
    if [[ "$pkg" == */e2e || "$pkg" == */e2e/* ]]; then
      E2E_PKGS+=("$pkg")
    elif [[ " $deps " == *" github.com/hajimehoshi/ebiten/v2 "* ]]; then
      GUI_PKGS+=("$pkg")
    else
      PLAIN_PKGS+=("$pkg")
    fi
  done < <(go list -f '{{.ImportPath}} {{join .Deps " "}}' ./...)
}

# ---------------------------------------------------------------- test
cmd_test() {
  cmd_deps
  cmd_lint
  cmd_build
  cmd_web
  split_packages
  export PLAYHALL_BIN="$ROOT/bin"
  export PLAYHALL_WEB_DIR="$ROOT/dist/web"
  export PLAYHALL_CHROMIUM="${PLAYHALL_CHROMIUM:-$(command -v chromium || true)}"
  step "test: rules, storage and servers (go test -race)"
  go test -race -count=1 -timeout 15m "${PLAIN_PKGS[@]}"
  null_audio
  start_xvfb
  trap stop_xvfb EXIT
  if ((${#GUI_PKGS[@]})); then
    step "test: rendering and scenarios under Xvfb $DISPLAY with null audio"
    go test -count=1 -timeout 15m "${GUI_PKGS[@]}"
  fi
  if ((${#E2E_PKGS[@]})); then
    step "test: end to end (kiosk -> hub -> dashboard, web edition in Chromium)"
    go test -count=1 -timeout 15m "${E2E_PKGS[@]}"
  fi
  stop_xvfb
  step "test: done"
  echo "all tests passed" >&2
}

# ---------------------------------------------------------------- lint
cmd_lint() {
  step "lint: Go toolchain"
  ensure_go
  step "lint: gofmt"
  local bad
  bad=$(find . -name '*.go' -not -path './node_modules/*' -not -path './.git/*' -print0 | xargs -0 -r gofmt -l)
  if [ -n "$bad" ]; then echo "gofmt would change:" >&2; echo "$bad" >&2; false; fi
  step "lint: go vet"
  go vet ./...
  step "lint: staticcheck"
  command -v staticcheck >/dev/null || go install "$STATICCHECK"
  staticcheck ./...
}

# ---------------------------------------------------------------- bench
cmd_bench() {
  cmd_deps
  cmd_build
  split_packages
  mkdir -p bench
  null_audio
  start_xvfb
  trap stop_xvfb EXIT
  step "bench: go test -bench . -benchmem -p 1 (output in bench/latest.txt)"
  # -p 1: one package's benchmarks at a time; two at once on a 2-core
  # machine put BenchmarkPlay3Min at 974 plays/s against 1,307-1,566 alone.
  go test -run '^$' -bench . -benchmem -count=1 -p 1 -timeout 30m ./... | tee bench/latest.txt
  stop_xvfb
}

# ---------------------------------------------------------------- run
cmd_run() {
  cmd_deps
  cmd_build
  cmd_web
  exec scripts/run.sh
}

# ---------------------------------------------------------------- dist
cmd_dist() {
  cmd_deps
  cmd_web
  mkdir -p dist
  for target in linux/amd64 windows/amd64; do
    local os=${target%/*} arch=${target#*/}
    local name="playhall-$VERSION-$os-$arch" out="dist/playhall-$VERSION-$os-$arch"
    step "dist: $name"
    rm -rf "$out"; mkdir -p "$out"
    local ext="" cgo=1
    if [ "$os" = windows ]; then ext=.exe; cgo=0; fi
    for b in "${BINARIES[@]}"; do
      [ -d "cmd/$b" ] || continue
      # hub and kioskctl never need cgo; the kiosk needs it on Linux only.
      local c=0
      if [ "$b" = kiosk ]; then c=$cgo; fi
      CGO_ENABLED=$c GOOS=$os GOARCH=$arch go build -trimpath -ldflags "$LDFLAGS" -o "$out/$b$ext" "./cmd/$b"
    done
    cp README.md "$out/"
    # Licences of everything shipped that is not ours: the font (OFL) and
    # the dashboard's ECharts (Apache-2.0, with its NOTICE and d3's licence).
    mkdir -p "$out/licenses"
    find assets hub/dashboard/static/vendor -type f \( -name 'LICENSE*' -o -name '*LICENSE*.txt' -o -name '*NOTICE*' -o -name 'OFL*' -o -name '*.license' \) |
      while read -r f; do cp "$f" "$out/licenses/$(echo "$f" | tr / _)"; done
    mkdir -p "$out/deploy"
    cp deploy/* hub/deploy/* "$out/deploy/"
    # The hub serves the web edition at /play from dist/web next to its binary.
    mkdir -p "$out/dist"
    cp -r dist/web "$out/dist/web"
    if [ "$os" = windows ]; then
      (cd dist && rm -f "$name.zip" && zip -qr "$name.zip" "$name")
    else
      tar -C dist -czf "dist/$name.tar.gz" "$name"
    fi
  done
  tar -C dist -czf "dist/playhall-$VERSION-web.tar.gz" web
  ls -l dist >&2
}

# ---------------------------------------------------------------- web, screenshots
cmd_web() {
  step "web: build the WebAssembly edition into dist/web"
  scripts/web.sh
}

cmd_screenshots() {
  cmd_deps
  cmd_build
  null_audio
  step "screenshots: every screen at 1920x1080 and 1080x1920 into docs/screenshots/"
  start_xvfb 3840x2160x24
  trap stop_xvfb EXIT
  mkdir -p docs/screenshots
  bin/kiosk --screenshots docs/screenshots
  stop_xvfb
  step "screenshots: the dashboard (a seeded hub in headless Chromium)"
  PLAYHALL_BIN="$ROOT/bin" go run ./hub/dashboard/cmd/shots -out docs/screenshots
}

usage() {
  cat <<EOF
usage: ./build.sh COMMAND
  deps         install apt packages and Go modules (idempotent)
  build        build bin/kiosk, bin/kioskctl, bin/hub (version $VERSION, commit $COMMIT)
  run          build and start a local hub and an enrolled kiosk on ./data
  test         install what is missing and run every test (Xvfb, null audio, Chromium)
  bench        all Go benchmarks with -benchmem; output saved to bench/latest.txt
  lint         gofmt, go vet, staticcheck
  dist         linux-amd64 and windows-amd64 archives into dist/
  web          the WebAssembly edition into dist/web
  screenshots  every kiosk screen and the dashboard into docs/screenshots/
EOF
}

case "${1:-help}" in
  deps) cmd_deps ;;
  build) cmd_deps; cmd_build ;;
  run) cmd_run ;;
  test) cmd_test ;;
  bench) cmd_bench ;;
  lint) cmd_lint ;;
  dist) cmd_dist ;;
  web) cmd_deps; cmd_web ;;
  screenshots) cmd_screenshots ;;
  help|-h|--help) usage ;;
  *) usage; echo "build.sh: unknown command \"$1\"" >&2; exit 2 ;;
esac
