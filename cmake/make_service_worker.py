#!/usr/bin/env python3
"""Write the service worker for a built app folder: web/sw.js with its precache list and a
build id that hashes every precached file, so any change to the app makes a new worker (and
a new cache) that browsers pick up.

usage: make_service_worker.py --template web/sw.js --app APP_DIR --version X.Y.Z --out SW_JS
           [--languages languages.json --rtl-files FILE...] --files FILE...
FILE paths are relative to APP_DIR. The --rtl-files (the program with the text shaper) are
precached only where the site offers a right-to-left language (languages.json says which are):
the worker reads assets/site.json when it installs.
"""
import argparse
import hashlib
import json
import os
import sys


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--template", required=True)
    ap.add_argument("--app", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--languages")
    ap.add_argument("--rtl-files", nargs="*", default=[])
    ap.add_argument("--files", nargs="+", required=True)
    a = ap.parse_args()
    rtl_languages = []
    if a.languages:
        with open(a.languages, encoding="utf-8") as f:
            rtl_languages = [l["code"] for l in json.load(f)["languages"] if l["direction"] == "rtl"]

    digest = hashlib.sha256()
    for rel in sorted(a.files + a.rtl_files):
        path = os.path.join(a.app, rel)
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            print(f"make_service_worker.py: {path}: {e.strerror}", file=sys.stderr)
            return 1
        digest.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
    build = f"{a.version}-{digest.hexdigest()[:12]}"
    # build.json (written below) names this build; it is cached with it, so a running session
    # always reads its own version, online or not.
    precache = ["./", "build.json"] + sorted(a.files)
    with open(a.template, encoding="utf-8") as f:
        text = f.read()
    text = (text.replace("'@BUILD@'", json.dumps(build)).replace("@PRECACHE@", json.dumps(precache))
            .replace("@RTL_PRECACHE@", json.dumps(sorted(a.rtl_files)))
            .replace("@RTL_LANGUAGES@", json.dumps(rtl_languages)))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(a.app, "build.json"), "w", encoding="utf-8") as f:
        json.dump({"version": a.version, "build": build}, f)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
