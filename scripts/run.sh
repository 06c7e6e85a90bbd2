#!/usr/bin/env bash
# ./build.sh run: a local hub on 127.0.0.1:8080 and a kiosk enrolled to it,
# both on ./data. build.sh has already installed dependencies and built bin/.
#
# With a display: opens the kiosk window; closing it (staff menu → exit)
# stops the hub too. Without one ($DISPLAY unset): runs the kiosk under Xvfb
# in autoplay for RUN_FLOW of kiosk time (default 20m), fast-forwarded and
# silent (software rendering is slow; a server has no sound card): about a
# minute of wall time. Then it syncs and prints what was played, where the
# screenshots are and the hub's totals.
set -Eeuo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
STEP="start"
trap 'echo "run: step \"$STEP\" failed" >&2' ERR
step() { STEP="$*"; echo "==> $*" >&2; }

DATA="$ROOT/data"
HUB_DATA="$DATA/hub"
KIOSK_DATA="$DATA/kiosk"
ADDR="${PLAYHALL_ADDR:-127.0.0.1:8080}"
HUB_URL="http://$ADDR"
RUN_FLOW="${RUN_FLOW:-20m}"
ADMIN_PASSWORD="${PLAYHALL_ADMIN_PASSWORD:-playhall-demo}"
mkdir -p "$HUB_DATA" "$KIOSK_DATA"

missing=()
for b in kiosk kioskctl hub; do [ -x "bin/$b" ] || missing+=("$b"); done
if ((${#missing[@]})); then
  echo "not built yet: ${missing[*]} — run shows what exists:" >&2
  for b in kiosk kioskctl hub; do [ -x "bin/$b" ] && "bin/$b" --version; done
  exit 0
fi

HUB_PID=""
XVFB_PID=""
cleanup() {
  [ -n "$HUB_PID" ] && kill "$HUB_PID" 2>/dev/null && wait "$HUB_PID" 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  true
}
trap cleanup EXIT

step "hub: first-run setup in $HUB_DATA"
if [ ! -f "$DATA/.demo-ready" ]; then
  bin/hub school add --data "$HUB_DATA" DEMO01 --name "示范中学" --district "示范区" \
    --enrolment 7=320 --enrolment 8=310 --enrolment 9=300
  printf '%s\n' "$ADMIN_PASSWORD" | bin/hub user add --data "$HUB_DATA" admin --role admin
fi

step "hub: serve on $ADDR"
bin/hub serve --addr "$ADDR" --data "$HUB_DATA" >"$DATA/hub.log" 2>&1 &
HUB_PID=$!
for _ in $(seq 100); do
  curl -fsS "$HUB_URL/healthz" >/dev/null 2>&1 && break
  kill -0 "$HUB_PID" 2>/dev/null || { cat "$DATA/hub.log" >&2; false; }
  sleep 0.1
done
curl -fsS "$HUB_URL/healthz" >/dev/null

if [ ! -f "$DATA/.demo-ready" ]; then
  step "kiosk: enrol to the hub"
  code=$(bin/hub kiosk add --data "$HUB_DATA" --school DEMO01 --name "演示终端" | tail -n 1)
  bin/kioskctl enroll --data "$KIOSK_DATA" --hub "$HUB_URL" --code "$code"
  touch "$DATA/.demo-ready"
fi

cat <<EOF

  Dashboard:  $HUB_URL/   (user admin, password $ADMIN_PASSWORD)
  Web games:  $HUB_URL/play/   (built by ./build.sh web)
  Play log:   $KIOSK_DATA/playlog.db
  Hub data:   $HUB_DATA   (hub log: $DATA/hub.log)

EOF

if [ -n "${DISPLAY:-}" ]; then
  step "kiosk: window on $DISPLAY (staff menu: five taps top-left, then exit)"
  rc=0
  bin/kiosk --data "$KIOSK_DATA" || rc=$?
  # 10 is the staff menu's Exit: a normal way out.
  if [ "$rc" != 0 ] && [ "$rc" != 10 ]; then echo "kiosk exited with $rc" >&2; exit "$rc"; fi
else
  step "kiosk: no display, autoplay under Xvfb: $RUN_FLOW of kiosk time, fast-forwarded"
  read -r disp XVFB_PID < <(scripts/xvfb.sh 1920x1080x24)
  export DISPLAY="$disp" ALSA_CONFIG_PATH="$ROOT/testdata/alsa-null.conf"
  shots="$DATA/screenshots"
  mkdir -p "$shots"
  bin/kiosk --autoplay --mute --quit-after "$RUN_FLOW" --speed 30 --draw-every 30 --walk-away 4 \
    --data "$KIOSK_DATA" \
    --screenshot-every 100 --screenshot-dir "$shots" --screenshot "$shots/last.png"
  step "kiosk: sync what was played"
  bin/kioskctl sync --data "$KIOSK_DATA"
  echo
  echo "What was played (kioskctl stats):"
  bin/kioskctl stats --data "$KIOSK_DATA"
  echo
  echo "Screenshots: $shots ($(ls "$shots" | wc -l) files)"
  token=$(bin/hub token add --data "$HUB_DATA" --user admin | tail -n 1)
  echo "Hub totals (GET /api/v1/summary):"
  curl -fsS -H "Authorization: Bearer $token" "$HUB_URL/api/v1/summary"
  echo
fi
