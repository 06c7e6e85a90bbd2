#!/usr/bin/env bash
# Start a private Xvfb and print "DISPLAY PID" once it accepts clients.
#   scripts/xvfb.sh [WIDTHxHEIGHTxDEPTH]
# Xvfb writes its display number to the -displayfd descriptor only when it is
# ready, so no polling or sleeping is needed.
set -euo pipefail
geometry=${1:-1920x1080x24}
fifo=$(mktemp -u /tmp/playhall-xvfb.XXXXXX)
mkfifo "$fifo"
exec 3<>"$fifo"
rm -f "$fifo"
Xvfb -displayfd 3 -screen 0 "$geometry" -nolisten tcp -noreset +extension GLX >/dev/null 2>&1 &
pid=$!
if ! read -r -t 30 num <&3; then
  echo "xvfb.sh: Xvfb did not become ready within 30 s" >&2
  kill "$pid" 2>/dev/null || true
  exit 1
fi
exec 3>&-
echo ":$num $pid"
