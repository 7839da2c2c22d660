#!/usr/bin/env bash
# Startup and download size of the web app beside LHC-Forms rendering the same AHC HRSN
# Questionnaire, in ONE headless Chromium run (issue 8). Prints one table; never fails on time.
#
#   bench/startup/run.sh [--runs N] [--app NAME=DIR]... [--no-click] [--port P]
#
#   --runs N        measured cold loads per page (default 9), after one discarded warm-up
#   --app NAME=DIR  a built app folder to measure (default: safetynet=build/web/app); give it
#                   several times to compare builds (e.g. -O3 against -Oz) in the same run
#   --no-click      skip the click -> response pass
# Environment: LFORMS_HARNESS (default ../shared/bench/lforms), MAXF (measure.mjs
# --max-foreign: discard runs during which other processes used more than MAXF % of the CPUs;
# unset = only record that share), OUT (default build/bench/startup/results).
#
# The shared LHC-Forms harness is copied (not committed) into build/bench/startup/www; its
# measure.mjs does the page-load runs (one browser, a fresh context per run, interleaved pages).
# lforms 40.1.3 itself is unpacked once into ~/.cache/safetynet/bench/lforms-40.1.3 with
# `npm pack` (the harness README explains why not `npm install`). One python3 http.server
# serves everything uncompressed over loopback, so the times are not download times; the wire
# sizes are in the size table.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
runs=9; port=8791; click=1; apps=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --app) apps+=("$2"); shift 2 ;;
    --no-click) click=0; shift ;;
    --port) port=$2; shift 2 ;;
    *) echo "usage: bench/startup/run.sh [--runs N] [--app NAME=DIR]... [--no-click] [--port P]" >&2; exit 1 ;;
  esac
done
[ ${#apps[@]} -gt 0 ] || apps=("safetynet=$root/build/web/app")
log() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

harness=${LFORMS_HARNESS:-$root/../shared/bench/lforms}
lforms_version=40.1.3
cache=${SAFETYNET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/safetynet}/bench/lforms-$lforms_version
www=$root/build/bench/startup/www
out=${OUT:-$root/build/bench/startup/results}
[ -f "$harness/measure.mjs" ] || { echo "no LHC-Forms harness at $harness (set LFORMS_HARNESS)" >&2; exit 1; }
for a in "${apps[@]}"; do
  [ -f "${a#*=}/safetynet.wasm" ] || { echo "no built app in ${a#*=}: scripts/build.sh web" >&2; exit 1; }
done

# lforms 40.1.3, unpacked once per version.
if [ ! -f "$cache/node_modules/lforms/package.json" ]; then
  log "fetching lforms@$lforms_version into $cache"
  mkdir -p "$cache" && (cd "$cache" && { [ -f "lforms-$lforms_version.tgz" ] || npm pack "lforms@$lforms_version" >/dev/null; } &&
    mkdir -p node_modules/lforms && tar xzf "lforms-$lforms_version.tgz" -C node_modules/lforms --strip-components=1)
fi

# The served tree: the harness's pages at the root (they use absolute /node_modules and /q
# paths), each app under /<name>/.
rm -rf "$www"; mkdir -p "$www/node_modules" "$out"
cp -r "$harness/measure.mjs" "$harness/sizes.sh" "$harness/pages" "$harness/q" "$www/"
ln -s "$cache/node_modules/lforms" "$www/node_modules/lforms"
for a in "${apps[@]}"; do ln -s "$(cd "${a#*=}" && pwd)" "$www/${a%%=*}"; done

python3 -m http.server "$port" --bind 127.0.0.1 --directory "$www" > "$out/http.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/pages/baseline.html" && break; sleep 0.1; done

B=http://127.0.0.1:$port
urls=("$B/pages/baseline.html" "$B/pages/lforms.html?q=core")
for a in "${apps[@]}"; do urls+=("$B/${a%%=*}/index.html"); done
guard=(); [ -n "${MAXF:-}" ] && guard=(--max-foreign "$MAXF")

(cd "$www" && ./sizes.sh) > "$out/lforms-sizes.txt"
log "load: ${#urls[@]} pages interleaved, 1 warm-up + $runs runs each, a fresh browser context per run"
node "$www/measure.mjs" "${urls[@]}" "$runs" "${guard[@]}" --out "$out/load.json" \
  --screenshot "$out/load.png" 2> "$out/load.log" > /dev/null
if [ $click -eq 1 ]; then
  log "click -> response: LHC-Forms (first answer radio -> QuestionnaireResponse)"
  node "$www/measure.mjs" "$B/pages/lforms.html?q=core" "$runs" "${guard[@]}" --out "$out/click-lforms.json" \
    --click 'wc-lhc-form input[type=radio]' 2> "$out/click-lforms.log" > /dev/null
  for a in "${apps[@]}"; do
    log "click -> response: ${a%%=*} (a touch on a first-screen button -> the app's state and frame)"
    node "$here/click.mjs" "$B/${a%%=*}/index.html" "$runs" > "$out/click-${a%%=*}.json" 2> "$out/click-${a%%=*}.log"
  done
fi
node "$here/table.mjs" --results "$out" --runs "$runs" "${apps[@]}" | tee "$out/TABLE.md"
