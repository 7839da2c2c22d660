#!/usr/bin/env bash
# FHIRPath: the real forms' expressions parsed and evaluated by SafetyNet's engine, natively and as
# WebAssembly under node, beside fhirpath.js under node on the same expressions and responses
# (README.md here). Prints figures and ratios; never passes or fails.
#   bench/fhirpath/run.sh [--repeat R]
# Needs scripts/build.sh native and web (bench_fhirpath in build/native and build/web), node and
# node_modules (npm ci), and ../shared/realworld beside the clone.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
repeat=15
[ "${1:-}" = "--repeat" ] && repeat=$2
realworld=${SAFETYNET_REALWORLD:-$root/../shared/realworld}
native=$root/build/native/bench/fhirpath/bench_fhirpath
wasm=$root/build/web/bench/fhirpath/bench_fhirpath.js
[ -x "$native" ] || { echo "build first: scripts/build.sh native" >&2; exit 1; }
[ -f "$wasm" ] || { echo "build first: scripts/build.sh web" >&2; exit 1; }
[ -d "$realworld/questionnaires" ] || { echo "the real forms are not in $realworld" >&2; exit 1; }
out=$root/build/bench/fhirpath
mkdir -p "$out"
node "$root/tests/fhirpath/forms_oracle.mjs" "$realworld" "$out/forms-oracle.json" >&2
node "$here/workload.mjs" "$realworld" "$out/forms-oracle.json" "$out/workload.json"
{
  "$native" "$out/workload.json" --repeat "$repeat" --engine "SafetyNet native"
  node --no-experimental-fetch "$wasm" "$out/workload.json" --repeat "$repeat" --engine "SafetyNet WASM (node $(node --version))"
  node "$here/fhirpathjs.mjs" "$out/workload.json" --repeat "$repeat"
} > "$out/results.jsonl"
node - "$out/results.jsonl" <<'JS'
const rows = require('fs').readFileSync(process.argv[2], 'utf8').trim().split('\n').map(JSON.parse);
const js = rows.find((r) => r.engine.startsWith('fhirpath.js'));
const f = (x) => x.toFixed(2).padStart(9);
const ratio = (ours, theirs) => (theirs / ours).toFixed(2).padStart(6) + 'x';
console.log(`${rows[0].expressions} expressions of the real forms, µs per expression (the fastest of the passes)`);
console.log(`${'engine'.padEnd(34)}${'parse'.padStart(9)}${'evaluate'.padStart(9)}${'both'.padStart(9)}   speed-up vs fhirpath.js (parse / evaluate / both)`);
for (const r of rows) {
  const vs = r === js ? '' : `   ${ratio(r.parse_us, js.parse_us)} ${ratio(r.evaluate_us, js.evaluate_us)} ${ratio(r.both_us, js.both_us)}`;
  console.log(`${r.engine.padEnd(34)}${f(r.parse_us)}${f(r.evaluate_us)}${f(r.both_us)}${vs}`);
}
JS
