#!/usr/bin/env bash
# Configure and build SafetyNet: `scripts/build.sh [native|web|all] [--strict]`.
#   build/native   g++: safetynet_core, the `safetynet` CLI, tests, benchmarks
#   build/web      Emscripten: the app in build/web/app/, the same tests for node
# --strict turns warnings into errors (the test command always builds this way).
# Expects scripts/setup.sh to have run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/.." && pwd)
. "$here/env.sh"; . "$here/lib.sh"

what=all; strict=OFF
for a in "$@"; do
  case "$a" in
    native|web|fuzz|all) what=$a ;;
    --strict) strict=ON ;;
    *) die "usage: scripts/build.sh [native|web|fuzz|all] [--strict]" ;;
  esac
done

common=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DSAFETYNET_STRICT_WARNINGS=$strict
        -DSAFETYNET_DEPS_PREFIX="$SAFETYNET_CACHE/wasm-deps/current"
        -DSAFETYNET_SOURCES_DIR="$SAFETYNET_CACHE/src")

if [ "$what" = web ] || [ "$what" = all ]; then
  log "building web (Emscripten) in build/web"
  # node >= 18 + emscripten 3.1.6: tests must run with --no-experimental-fetch (TOOLCHAIN §2.1).
  emcmake cmake -S "$root" -B "$root/build/web" "${common[@]}" \
    "-DCMAKE_CROSSCOMPILING_EMULATOR=$(command -v node);--no-experimental-fetch" >/dev/null
  cmake --build "$root/build/web" -j"$SAFETYNET_JOBS"
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
