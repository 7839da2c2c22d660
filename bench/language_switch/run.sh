#!/usr/bin/env bash
# Switching the kiosk's language, warm and cold, in ONE headless Chromium run (issue 14's
# budget: switching to Chinese on a warm cache draws the next frame within 100 ms). Prints the
# table; never fails on a figure.
#
#   bench/language_switch/run.sh [--app DIR] [--langs zh-Hans,vi,ar] [--rounds N] [--cold-rounds N]
#
#   --app DIR        a built app folder (default build/web/app)
#   --langs          the languages to switch to, each in turn (default zh-Hans,vi,ar)
#   --rounds N       warm rounds per language (default 10); --cold-rounds N: cold ones (default: N)
# The app is served by serve.py (its headers, its brotli and gzip copies) from a copy of the
# folder (hard links) whose assets/site.json offers English, Spanish and the languages.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
app=$root/build/web/app; langs=zh-Hans,vi,ar; rounds=10; cold=
while [ $# -gt 0 ]; do
  case "$1" in
    --app) app=$2; shift 2 ;;
    --langs) langs=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --cold-rounds) cold=$2; shift 2 ;;
    *) echo "usage: bench/language_switch/run.sh [--app DIR] [--langs a,b] [--rounds N] [--cold-rounds N]" >&2; exit 1 ;;
  esac
done
[ -n "$cold" ] || cold=$rounds
[ -f "$app/safetynet.wasm" ] || { echo "no built app in $app: scripts/build.sh web" >&2; exit 1; }
out=${OUT:-$root/build/bench/language_switch/results}
www=$root/build/bench/language_switch/www
rm -rf "$www"; mkdir -p "$(dirname "$www")" "$out"
cp -al "$(cd "$app" && pwd)" "$www" 2>/dev/null || { rm -rf "$www"; cp -a "$(cd "$app" && pwd)" "$www"; }  # another file system: a copy
# The site offers the languages (a new file, not a write through the hard link); no stale
# precompressed copies of the old one.
rm -f "$www/assets/site.json" "$www/assets/site.json.gz" "$www/assets/site.json.br"
node -e '
const fs = require("fs");
const site = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
site.languages = ["en", "es", ...process.argv[3].split(",")];
fs.writeFileSync(process.argv[2], JSON.stringify(site, null, 2));
' "$app/assets/site.json" "$www/assets/site.json" "$langs"

python3 "$root/serve.py" --dir "$www" --port 0 > "$out/serve.out" 2> "$out/serve.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
base=
for _ in $(seq 100); do
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$out/serve.out" | head -1 || true)
  [ -n "$base" ] && break; sleep 0.1
done
[ -n "$base" ] || { echo "serve.py did not start: $(cat "$out/serve.log")" >&2; exit 1; }
mkdir -p "$out/shots"
node "$here/switch.mjs" "$base" --langs "$langs" --rounds "$rounds" --cold-rounds "$cold" --shots "$out/shots" \
  > "$out/switch.json" 2> "$out/switch.log"
node "$here/table.mjs" "$out/switch.json" "$www" | tee "$out/TABLE.md"
