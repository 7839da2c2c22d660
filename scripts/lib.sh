# Helpers for the SafetyNet scripts. Source after env.sh.

log()  { printf '\033[1m[safetynet]\033[0m %s\n' "$*" >&2; }
die()  { printf '[safetynet] error: %s\n' "$*" >&2; exit 1; }

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $* (install sudo or run as root)"; fi
}

# Serialise work on the shared cache: two builds (or two checkouts) may run at once.
with_cache_lock() {
  mkdir -p "$SAFETYNET_CACHE"
  (
    flock 9
    "$@"
  ) 9>"$SAFETYNET_CACHE/.lock"
}

# Wall-clock seconds since the script started, for the timing lines the README quotes.
elapsed() { echo $(( $(date +%s) - ${SAFETYNET_T0:-$(date +%s)} )); }

# The folder the WASM dependencies for this checkout are built into: $SAFETYNET_CACHE/wasm-deps/
# <key>, where the key hashes everything that changes the result (emcc's version, the pinned
# source versions, cmake/deps/CMakeLists.txt). Builds use this folder by its key, never a shared
# "current" link: two checkouts that pin different versions build side by side.
wasm_deps_prefix() {
  local root key
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  key=$( { emcc --version | head -n1; echo "$SAFETYNET_DEBIAN_SOURCES $SAFETYNET_QRCODEGEN_VERSION";
           cat "$root/cmake/deps/CMakeLists.txt"; } | sha256sum | cut -c1-16)
  echo "$SAFETYNET_CACHE/wasm-deps/$key"
}
