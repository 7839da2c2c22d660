#!/usr/bin/env bash
# Builds the web app with other optimisation flags, for bench/startup/run.sh to compare in one
# Chromium run. Each variant is an app folder in build/bench/startup/variants/NAME.
#
#   bench/startup/variants.sh link NAME FLAGS...   relink build/web's objects (compiled as
#                                                  configured) with FLAGS instead of
#                                                  "-O3 -DNDEBUG" and SAFETYNET_WASM_OPT's -Oz:
#                                                  link-time choices only
#                                                  (wasm-opt level, --closure, ...)
#   bench/startup/variants.sh build NAME FLAGS...  an app-only Emscripten build tree
#                                                  (build/bench/startup/build-NAME) compiling
#                                                  and linking everything with FLAGS as the
#                                                  release flags (-O3, -Oz, ...) and no
#                                                  SAFETYNET_WASM_OPT
# Then: bench/startup/run.sh --app base=build/web/app --app NAME=build/bench/startup/variants/NAME
# Heavy (a build variant compiles core, ui and Dear ImGui again): runs under nice.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
. "$root/scripts/env.sh"; . "$root/scripts/lib.sh"
[ $# -ge 2 ] || { echo "usage: bench/startup/variants.sh link|build NAME FLAGS..." >&2; exit 1; }
kind=$1; name=$2; shift 2
dest=$root/build/bench/startup/variants/$name
case "$kind" in
  link)
    [ -f "$root/build/web/app/safetynet.wasm" ] || { echo "build first: scripts/build.sh web" >&2; exit 1; }
    rm -rf "$dest"; mkdir -p "$dest"; cp -r "$root/build/web/app/." "$dest/"
    rm -f "$dest/safetynet.js" "$dest/safetynet.wasm"
    # The app's own link line, as ninja would run it, with the flags swapped.
    cmd=$(cd "$root/build/web" && ninja -t commands safetynet_web | tail -1)
    cmd=${cmd#: && }; cmd=${cmd% && :}
    case "$cmd" in *" -O3 -DNDEBUG "*) ;; *) echo "unexpected link line: $cmd" >&2; exit 1 ;; esac
    cmd=${cmd// -Oz / }                                  # SAFETYNET_WASM_OPT's, if any
    cmd=${cmd/ -O3 -DNDEBUG / $* }
    cmd=${cmd/-o app\/safetynet.js/-o $dest/safetynet.js}
    (cd "$root/build/web" && eval "nice $cmd")
    ;;
  build)
    b=$root/build/bench/startup/build-$name
    emcmake cmake -S "$root" -B "$b" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      "-DCMAKE_CXX_FLAGS_RELEASE=$* -DNDEBUG" "-DCMAKE_C_FLAGS_RELEASE=$* -DNDEBUG" \
      -DSAFETYNET_BUILD_TESTS=OFF -DSAFETYNET_BUILD_BENCH=OFF -DSAFETYNET_WASM_OPT= \
      -DSAFETYNET_DEPS_PREFIX="$(wasm_deps_prefix)" -DSAFETYNET_SOURCES_DIR="$SAFETYNET_CACHE/src" \
      -DSAFETYNET_APP_DIR="$dest" >/dev/null
    nice cmake --build "$b" --target safetynet_web_sw -j"$SAFETYNET_JOBS"
    ;;
  *) echo "usage: bench/startup/variants.sh link|build NAME FLAGS..." >&2; exit 1 ;;
esac
ls -l "$dest/safetynet.js" "$dest/safetynet.wasm"
