#!/usr/bin/env bash
# Set up what is missing, build the web app, and serve it on http://127.0.0.1:8000/ with the
# embedded demo directory. Extra arguments go to serve.py (e.g. --port 9000).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/.." && pwd)
. "$here/env.sh"; . "$here/lib.sh"
bash "$here/setup.sh" app
bash "$here/build.sh" app
exec python3 "$root/serve.py" --dir "$root/build/web/app" "$@"
