#!/usr/bin/env bash
# Set up what is missing, build everything with warnings as errors, and run every test:
# doctest suites (native and WASM under node), CLI, serve.py, interop with the real age and
# minisign tools, end-to-end tests in headless Chromium, and short fuzz runs
# (SAFETYNET_FUZZ_SECONDS, default 60, per target).
# Exit status is non-zero if anything failed. Timings are printed at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/.." && pwd)
. "$here/env.sh"; . "$here/lib.sh"
export SAFETYNET_T0=$(date +%s)
steps=()
step() {  # <label> <command...>
  local label=$1 t=$(date +%s); shift
  "$@"
  steps+=("$(printf '%5ss  %s' $(( $(date +%s) - t )) "$label")")
}

step "setup (packages, Debian sources, WASM deps, npm)" bash "$here/setup.sh" test
step "build native + web (warnings are errors)" bash "$here/build.sh" all --strict

status=0
run_ctest() {  # <build dir>
  ctest --test-dir "$1" -j"$SAFETYNET_JOBS" --output-on-failure --no-tests=error || status=1
}
step "native tests (unit, CLI, serve.py, interop, e2e)" run_ctest "$root/build/native"
step "WASM tests under node" run_ctest "$root/build/web"
step "fuzz targets, ${SAFETYNET_FUZZ_SECONDS:-60} s each" run_ctest "$root/build/fuzz"

echo
echo "---- timings ----"
printf '%s\n' "${steps[@]}"
printf '%5ss  total\n' "$(elapsed)"
if [ $status -ne 0 ]; then echo "SOME TESTS FAILED"; else echo "ALL TESTS PASSED"; fi
exit $status
