#!/usr/bin/env bash
# Build the WASM dependencies (cmake/deps) once into $SAFETYNET_CACHE/wasm-deps/<key>, where the
# key hashes everything that changes the result: emcc's version, the pinned source versions and
# the deps build file (wasm_deps_prefix in lib.sh; scripts/build.sh uses the same folder).
# A second run costs nothing but the hash.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/.." && pwd)
. "$here/env.sh"; . "$here/lib.sh"

prefix=$(wasm_deps_prefix)
base=$(dirname "$prefix"); key=$(basename "$prefix")
if [ -f "$prefix/.complete" ]; then
  exit 0
fi
log "building WASM dependencies into $prefix (once per version)"
rm -rf "$prefix" "$base/build-$key"
emcmake cmake -S "$root/cmake/deps" -B "$base/build-$key" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DSRC="$SAFETYNET_CACHE/src" -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
cmake --build "$base/build-$key" -j"$SAFETYNET_JOBS" >"$base/build-$key.log" 2>&1 \
  || { tail -n 30 "$base/build-$key.log"; die "WASM dependency build failed (log: $base/build-$key.log)"; }
cmake --install "$base/build-$key" >/dev/null
touch "$prefix/.complete"
rm -rf "$base/build-$key"
log "WASM dependencies ready"
