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
