# Environment shared by every SafetyNet script. Source it; it only exports variables.
#
# Debian's emscripten 3.1.6 needs two things from the environment (docs/BUILDING.md):
#  - NODE_PATH so its JS optimizer finds Debian's acorn;
#  - EMSDK_PYTHON so emcc runs on Debian's python3 rather than a pyenv/venv shim first on PATH.
export NODE_PATH=/usr/share/nodejs
export EMSDK_PYTHON=/usr/bin/python3

# Dependency builds live outside the repository, keyed by version, so a fresh clone
# reuses them and `git clean` never throws them away.
export SAFETYNET_CACHE="${SAFETYNET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/safetynet}"

# Pinned Debian 12 (bookworm) source packages: name=version:dir
# HarfBuzz and FriBidi shape and order right-to-left text; they go into a module of their own that
# the app loads only when a right-to-left language is used (web/CMakeLists.txt).
export SAFETYNET_DEBIAN_SOURCES="imgui=1.86+ds-1:imgui libsodium=1.0.18-1+deb12u1:libsodium harfbuzz=6.0.0+dfsg-3:harfbuzz fribidi=1.0.8-2.1:fribidi"
# qr-code-generator is a binary-only NMU whose Debian diff 404s; only its upstream tarball is fetched.
export SAFETYNET_QRCODEGEN_VERSION=1.8.0

# Parallel jobs for builds.
export SAFETYNET_JOBS="${SAFETYNET_JOBS:-$(nproc 2>/dev/null || echo 2)}"
