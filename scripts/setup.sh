#!/usr/bin/env bash
# Install everything SafetyNet needs on a Debian 12 / Ubuntu machine, idempotently:
#   scripts/setup.sh app    what building and serving the app needs
#   scripts/setup.sh test   the above plus what the tests need (browser, age, minisign, zbar, fuzzing)
# Debian packages are installed only when missing; Debian source packages are fetched and the
# WASM dependencies built once into $SAFETYNET_CACHE; npm packages come from the committed lock.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/.." && pwd)
. "$here/env.sh"; . "$here/lib.sh"
profile=${1:-app}
case "$profile" in app|test) ;; *) die "usage: scripts/setup.sh [app|test]";; esac

# ---------------------------------------------------------------- Debian packages
pkgs_app=(
  build-essential cmake ninja-build pkg-config python3 dpkg-dev debian-archive-keyring
  openssl                                      # serve.py --lan makes the pop-up clinic certificates
  emscripten                                   # 3.1.6: the WASM compiler (clang 14, binaryen)
  nlohmann-json3-dev doctest-dev libsodium-dev libqrcodegencpp-dev
  libcurl4-openssl-dev                         # the CLI's `directory pull` (HTTP/HTTPS)
  fonts-noto-core fonttools                    # the UI font, subset at build time (pyftsubset)
  fonts-noto-cjk                               # Chinese and Korean, cut into files fetched on demand
  libharfbuzz-dev libfribidi-dev               # the text shaper natively (ui/shaping)
  python3-babel                                # reads the PO catalogs, CLDR plural rules (scripts/i18n)
)
pkgs_test=(
  chromium                                     # headless end-to-end tests (playwright-core drives it)
  age minisign                                 # interop: the stock tools must open our files
  zbar-tools                                   # zbarimg decodes the QR codes we draw
  clang libclang-rt-14-dev                     # libFuzzer + ASan/UBSan fuzz targets
  brotli                                       # size budget figures
  libharfbuzz-bin                              # hb-shape: the shaping test's reference
  gettext                                      # msgfmt --check: the PO catalogs as gettext reads them
)
want=("${pkgs_app[@]}")
[ "$profile" = test ] && want+=("${pkgs_test[@]}")
command -v node >/dev/null 2>&1 || want+=(nodejs)
command -v npm  >/dev/null 2>&1 || want+=(npm)

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---------------------------------------------------------------- Debian sources + WASM dependencies
with_cache_lock bash "$here/fetch-debian-sources.sh"
with_cache_lock bash "$here/build-wasm-deps.sh"

# ---------------------------------------------------------------- npm (build-time data and test tools)
stamp="$root/node_modules/.safetynet-lock-sha"
want_sha=$(sha256sum "$root/package-lock.json" | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want_sha" ]; then
  log "npm ci"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want_sha" > "$stamp"
fi
log "setup ($profile) done"
