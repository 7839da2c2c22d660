#!/usr/bin/env bash
# Idle CPU and INP of SafetyNet beside LHC-Forms in ONE headless Chromium run (issue 16).
# Prints the table; never fails on a figure.
#
#   bench/idle/run.sh [--app NAME=DIR]... [--rounds N] [--seconds S] [--port P]
#
#   --app NAME=DIR  a built app folder (default: safetynet=build/web/app); give it twice to
#                   compare builds (e.g. before=... after=...) in the same run
# The served tree is bench/startup's (the shared LHC-Forms harness and lforms 40.1.3, set up
# the same way: bench/startup/README.md), served over loopback by python3 -m http.server.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
rounds=3; seconds=10; port=8793; apps=()
while [ $# -gt 0 ]; do
  case "$1" in
    --app) apps+=("$2"); shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "usage: bench/idle/run.sh [--app NAME=DIR]... [--rounds N] [--seconds S] [--port P]" >&2; exit 1 ;;
  esac
done
[ ${#apps[@]} -gt 0 ] || apps=("safetynet=$root/build/web/app")
harness=${LFORMS_HARNESS:-$root/../shared/bench/lforms}
cache=${SAFETYNET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/safetynet}/bench/lforms-40.1.3
www=$root/build/bench/idle/www
out=${OUT:-$root/build/bench/idle/results}
[ -f "$harness/measure.mjs" ] || { echo "no LHC-Forms harness at $harness (set LFORMS_HARNESS)" >&2; exit 1; }
[ -f "$cache/node_modules/lforms/package.json" ] || { echo "lforms 40.1.3 not unpacked: run bench/startup/run.sh once" >&2; exit 1; }
rm -rf "$www"; mkdir -p "$www/node_modules" "$out"
cp -r "$harness/pages" "$harness/q" "$www/"
ln -s "$cache/node_modules/lforms" "$www/node_modules/lforms"
args=()
for a in "${apps[@]}"; do
  [ -f "${a#*=}/safetynet.wasm" ] || { echo "no built app in ${a#*=}" >&2; exit 1; }
  ln -s "$(cd "${a#*=}" && pwd)" "$www/${a%%=*}"
  args+=(--app "${a%%=*}")
done
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$www" > "$out/http.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/pages/baseline.html" && break; sleep 0.1; done
node "$here/idle.mjs" "http://127.0.0.1:$port" "${args[@]}" --rounds "$rounds" --seconds "$seconds" \
  > "$out/idle.json" 2> "$out/idle.log"
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const lf = r.pages[0];
console.log(`| page | idle CPU, % of one core (median of ${r.rounds} x ${r.seconds} s) | x LHC-Forms | INP of a tap on an answer, ms (median) |`);
console.log("|---|---:|---:|---:|");
for (const p of r.pages) console.log(`| ${p.name} | ${p.idle_median.toFixed(2)} | ${(p.idle_median / lf.idle_median).toFixed(1)} | ${p.inp_median === null ? "" : p.inp_median} |`);
' "$out/idle.json" | tee "$out/TABLE.md"
