#!/usr/bin/env bash
# The matcher against the JS peers of the shared search-peers harness, side by side in one run.
#   bench/matching/run.sh [--sizes "100000 1000000"] [--peers "grid scan sqljs minisearch flexsearch"]
#                         [--rerun-peers] [--repeat R] [--rounds K]
# The harness is copied (not committed) into build/bench/search-peers and installs its pinned
# npm packages there. Data and queries are generated once (deterministic). A peer's results
# file is kept and reused unless --rerun-peers: the JS peers at 1M take most of an hour and
# 8 GB of memory, so they run once; ours run every time, natively and as WebAssembly under
# node, on the same data and queries, then agreement is checked and the table printed. Every
# matcher's latency is the median of R timed passes per query, after one warm-up pass.
# --rounds K (after a first run, which builds the index): K rounds in which the grid peer, ours
# natively and ours as WebAssembly run one after the other (interleaved, so a busy machine weighs
# on all three alike), into results/rounds/rI/; then the median over the rounds of each one's
# p50 and p95, and of the per-round ratios to the grid (bench/matching/rounds.mjs).
# Needs scripts/build.sh native and web (matching_bench in build/native and build/web;
# MATCHING_BENCH_NATIVE / MATCHING_BENCH_WASM point at other builds of it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
sizes="100000 1000000"; peers="grid scan sqljs minisearch flexsearch"; rerun=0; repeat=5; rounds=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes=$2; shift 2 ;;
    --peers) peers=$2; shift 2 ;;
    --rerun-peers) rerun=1; shift ;;
    --repeat) repeat=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: bench/matching/run.sh [--sizes S] [--peers P] [--rerun-peers] [--repeat R] [--rounds K]" >&2; exit 1 ;;
  esac
done
src=${SEARCH_PEERS_DIR:-$root/../shared/bench/search-peers}
h=$root/build/bench/search-peers
native=${MATCHING_BENCH_NATIVE:-$root/build/native/bench/matching/matching_bench}
wasm=${MATCHING_BENCH_WASM:-$root/build/web/bench/matching/matching_bench.js}
[ -x "$native" ] || { echo "build first: scripts/build.sh native" >&2; exit 1; }
[ -f "$wasm" ] || { echo "build first: scripts/build.sh web" >&2; exit 1; }
log() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

if [ ! -f "$h/harness/bench.js" ]; then
  log "copying the harness from $src"
  mkdir -p "$h"; cp -r "$src/." "$h/"; chmod -R u+w "$h"
fi
[ -d "$h/node_modules/flexsearch" ] || (cd "$h" && npm ci --no-audit --no-fund)
mkdir -p "$h/data" "$h/results/logs"
cd "$h"

if [ "$rounds" -gt 0 ]; then
  for n in $sizes; do
    idx="data/safetynet-$n.idx"
    [ -f "$idx" ] || { echo "no $idx: run bench/matching/run.sh --sizes $n first" >&2; exit 1; }
    for i in $(seq 1 "$rounds"); do
      out="results/rounds/r$i"; mkdir -p "$out"
      log "round $i/$rounds, N=$n (load: $(cut -d' ' -f1-3 /proc/loadavg))"
      node --expose-gc --max-old-space-size=20000 harness/bench.js --peer grid --data "data/services-$n.hsds.json" \
        --queries data/queries.json --out "$out" --repeat "$repeat" > "$out/grid-$n.log" 2>&1
      "$native" --index "$idx" --queries data/queries.json --out "$out" --peer cpp-native --repeat "$repeat" 2> "$out/cpp-native-$n.log"
      node --no-experimental-fetch "$wasm" --index "$idx" --queries data/queries.json --out "$out" --peer cpp-wasm \
        --repeat "$repeat" 2> "$out/cpp-wasm-$n.log"
      node harness/compare.js --results "$out" --n "$n" --ref grid > "$out/agreement-$n.txt" 2>&1 || true
    done
  done
  node "$here/rounds.mjs" --results results/rounds --sizes "$sizes"
  exit 0
fi
[ -f data/queries.json ] || node harness/gen-queries.js --n 200 --seed 7 --out data/queries.json

for n in $sizes; do
  [ -f "data/services-$n.hsds.json" ] || { log "generating $n services"; nice node harness/generate.js --n "$n" --seed 20240611 --out data; }
  for p in $peers; do
    # A peer's results count only if produced here (its log exists): the harness ships golden
    # files measured on another machine.
    if [ $rerun -eq 1 ] || [ ! -f "results/$p-$n.json" ] || [ ! -f "results/logs/$p-$n.log" ]; then
      log "peer $p, N=$n"
      /usr/bin/env time -v -o "results/logs/$p-$n.time" timeout "${TIMEOUT_S:-3600}" \
        nice node --expose-gc --max-old-space-size=20000 harness/bench.js --peer "$p" \
          --data "data/services-$n.hsds.json" --queries data/queries.json --out results --repeat "$repeat" \
          > "results/logs/$p-$n.log" 2>&1 || true
      tail -1 "results/logs/$p-$n.log" >&2
    else
      log "peer $p, N=$n: kept results/$p-$n.json ($(node -e "console.log(require('./results/$p-$n.json').date)"))"
    fi
  done
  # Ours: import HSDS and compile the index (timed), then query the index natively and as WASM.
  idx="data/safetynet-$n.idx"
  log "C++: import and compile $n services"
  /usr/bin/env time -v -o "results/logs/cpp-build-$n.time" "$native" --data "data/services-$n.hsds.json" \
    --write-index "$idx" --queries data/queries.json --out results --peer cpp-build 2> "results/logs/cpp-build-$n.log"
  tail -2 "results/logs/cpp-build-$n.log" >&2
  build_json=$(node -e "const r=require('./results/cpp-build-$n.json'); console.log(JSON.stringify({importS:r.importS,buildS:r.buildS}))")
  rm -f "results/cpp-build-$n.json"
  log "C++ native: $n services from the index, $repeat timed passes"
  /usr/bin/env time -v -o "results/logs/cpp-native-$n.time" "$native" --index "$idx" --queries data/queries.json \
    --out results --peer cpp-native --repeat "$repeat" 2> "results/logs/cpp-native-$n.log"
  tail -1 "results/logs/cpp-native-$n.log" >&2
  log "C++ WebAssembly under node: $n services from the index, $repeat timed passes"
  /usr/bin/env time -v -o "results/logs/cpp-wasm-$n.time" node --no-experimental-fetch "$wasm" --index "$idx" \
    --queries data/queries.json --out results --peer cpp-wasm --repeat "$repeat" 2> "results/logs/cpp-wasm-$n.log"
  tail -1 "results/logs/cpp-wasm-$n.log" >&2
  # The import/compile times belong to both rows.
  for p in cpp-native cpp-wasm; do
    node -e "const fs=require('fs'); const f='results/$p-$n.json'; const r=JSON.parse(fs.readFileSync(f)); Object.assign(r, $build_json); fs.writeFileSync(f, JSON.stringify(r));"
  done
  node harness/compare.js --results results --n "$n" --ref grid > "results/agreement-$n.txt" 2>&1 || true
  cat "results/agreement-$n.txt"
done
node "$here/table.mjs" --results results --sizes "$sizes"
