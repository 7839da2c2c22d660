#!/usr/bin/env bash
# Configure and build SafetyNet: `scripts/build.sh [native|web|app|fuzz|all] [--strict]`.
#   build/native   g++: safetynet_core, the `safetynet` CLI, tests, benchmarks
#   build/web      Emscripten: the app in build/web/app/, the same tests for node
#   app            only the app in build/web/app/ (what scripts/run.sh serves), configured as
#                  `web` is, so the test command and the run command share one build
# Warnings are errors in every build (--strict is accepted for older callers); configuring
# with other flags would make each command recompile what the other built.
# Expects scripts/setup.sh to have run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/.." && pwd)
. "$here/env.sh"; . "$here/lib.sh"

what=all; strict=ON
for a in "$@"; do
  case "$a" in
    native|web|app|fuzz|all) what=$a ;;
    --strict) strict=ON ;;
    *) die "usage: scripts/build.sh [native|web|app|fuzz|all] [--strict]" ;;
  esac
done

deps=$(wasm_deps_prefix)
case "$what" in web|app|all)
  [ -f "$deps/.complete" ] || die "the WASM dependencies for these sources are not built ($deps): run scripts/setup.sh" ;;
esac
common=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DSAFETYNET_STRICT_WARNINGS=$strict
        -DSAFETYNET_DEPS_PREFIX="$deps"
        -DSAFETYNET_SOURCES_DIR="$SAFETYNET_CACHE/src")

if [ "$what" = web ] || [ "$what" = app ] || [ "$what" = all ]; then
  log "building ${what/all/web} (Emscripten) in build/web"
  # node >= 18 + emscripten 3.1.6 under node: the WASM tests run with --no-experimental-fetch,
  # or emscripten's loader fetches the .wasm by file path and fails.
  emcmake cmake -S "$root" -B "$root/build/web" "${common[@]}" \
    "-DCMAKE_CROSSCOMPILING_EMULATOR=$(command -v node);--no-experimental-fetch" >/dev/null
  if [ "$what" = app ]; then
    cmake --build "$root/build/web" -j"$SAFETYNET_JOBS" --target safetynet_web_sw
  else
    cmake --build "$root/build/web" -j"$SAFETYNET_JOBS"
  fi
fi
if [ "$what" = native ] || [ "$what" = all ]; then
  log "building native in build/native"
  cmake -S "$root" -B "$root/build/native" "${common[@]}" -DSAFETYNET_WEB_APP_DIR="$root/build/web/app" >/dev/null
  cmake --build "$root/build/native" -j"$SAFETYNET_JOBS"
fi
if [ "$what" = fuzz ] || [ "$what" = all ]; then
  log "building fuzz targets (clang, libFuzzer, ASan + UBSan) in build/fuzz"
  CC=clang CXX=clang++ cmake -S "$root" -B "$root/build/fuzz" "${common[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSAFETYNET_BUILD_FUZZERS=ON -DSAFETYNET_FUZZ_SECONDS="${SAFETYNET_FUZZ_SECONDS:-60}" >/dev/null
  cmake --build "$root/build/fuzz" -j"$SAFETYNET_JOBS"
fi
