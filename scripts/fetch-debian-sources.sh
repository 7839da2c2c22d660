#!/usr/bin/env bash
# Fetch the pinned Debian 12 source packages the WASM build compiles (Dear ImGui, libsodium,
# qrcodegen, HarfBuzz, FriBidi) into $SAFETYNET_CACHE and unpack them with Debian's patches applied.
# Idempotent: a second run only checks that the unpacked trees carry the pinned versions.
# Touches no system apt configuration (a private sources list and state directory are used).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"; . "$here/lib.sh"

dl="$SAFETYNET_CACHE/debian"
src="$SAFETYNET_CACHE/src"
mkdir -p "$dl/apt/lists/partial" "$dl/apt/cache/archives/partial" "$src"

# The mirror apt already uses (deb822 or one-line format), unless DEBIAN_MIRROR says otherwise.
mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1)}
[ -n "$mirror" ] || mirror=$(awk '$1=="deb"{for(i=2;i<=NF;i++) if ($i ~ /^https?:/) {print $i; exit}}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian

cat > "$dl/apt/src.sources" <<EOS
Types: deb-src
URIs: $mirror
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOS
apt_src() {
  apt-get -o Dir::Etc::SourceList="$dl/apt/src.sources" -o Dir::Etc::SourceParts=/dev/null \
          -o Dir::State::Lists="$dl/apt/lists" -o Dir::Cache="$dl/apt/cache" \
          -o APT::Sandbox::User="$(id -un)" -o Debug::NoLocking=1 "$@"
}

updated=0
ensure_index() { [ $updated = 1 ] || { log "apt-get update (deb-src index, private)"; apt_src update -qq; updated=1; }; }

for spec in $SAFETYNET_DEBIAN_SOURCES; do
  nv=${spec%%:*}; dir=${spec#*:}; name=${nv%%=*}; ver=${nv#*=}
  target="$src/$dir-$ver"
  if [ ! -f "$target/.debian-version" ]; then
    if ! ls "$dl/${name}_${ver#*:}.dsc" >/dev/null 2>&1; then
      ensure_index
      log "apt-get source $nv"
      (cd "$dl" && apt_src source --download-only -qq "$nv")
    fi
    rm -rf "$target"
    dpkg-source -x "$dl/${name}_${ver}.dsc" "$target" >/dev/null
    echo "$ver" > "$target/.debian-version"
  fi
  ln -sfn "$dir-$ver" "$src/$dir"
done

qv=$SAFETYNET_QRCODEGEN_VERSION
if [ ! -f "$src/qrcodegen-$qv/.debian-version" ]; then
  if [ ! -f "$dl/qr-code-generator_$qv.orig.tar.gz" ]; then
    ensure_index
    log "apt-get source --tar-only qr-code-generator"
    (cd "$dl" && apt_src source --download-only --tar-only -qq qr-code-generator)
  fi
  rm -rf "$src/qrcodegen-$qv"; mkdir -p "$src/qrcodegen-$qv"
  tar xzf "$dl/qr-code-generator_$qv.orig.tar.gz" -C "$src/qrcodegen-$qv" --strip-components=1
  echo "$qv" > "$src/qrcodegen-$qv/.debian-version"
fi
ln -sfn "qrcodegen-$qv" "$src/qrcodegen"
rm -f "$src"/*.orig.tar.* "$src"/*.debian.tar.*   # dpkg-source -x drops tarball copies next to the tree
log "Debian sources ready in $src"
