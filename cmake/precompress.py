#!/usr/bin/env python3
"""Write precompressed copies of a built app folder's files for serve.py (and any static host
that serves them: docs/DEPLOYING.md): FILE.gz (gzip -9) and FILE.br (brotli -q 11, when the
`brotli` command is installed), next to each text, WebAssembly or data file.

usage: precompress.py APP_DIR [--brotli PATH]

Each copy gets its file's modification time: serve.py uses a copy only while the two times
match, so a file edited after the build (a clinic's assets/site.json) is never answered with
a stale copy. A copy whose time already matches is left alone, so a rebuild only compresses
what changed. Copies that would not be smaller than the file are not written.
"""
import argparse
import gzip
import os
import subprocess
import sys

# What compresses: text, WebAssembly, JSON, the ZIP table. Images (png) are compressed already.
EXTENSIONS = {".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg", ".txt", ".csv", ".bin"}
SUFFIXES = (".gz", ".br")


def gzip_bytes(data: bytes) -> bytes:
    # mtime=0: the same input always gives the same bytes (reproducible builds).
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes, brotli: str) -> bytes:
    return subprocess.run([brotli, "-q", "11", "-c"], input=data, check=True, capture_output=True).stdout


def up_to_date(copy: str, mtime_ns: int) -> bool:
    try:
        return os.stat(copy).st_mtime_ns == mtime_ns
    except OSError:
        return False


def write_copy(path: str, suffix: str, data: bytes, compress, mtime_ns: int) -> None:
    copy = path + suffix
    if up_to_date(copy, mtime_ns):
        return
    packed = compress(data)
    if len(packed) >= len(data):
        if os.path.exists(copy):
            os.remove(copy)
        return
    tmp = copy + ".tmp"
    with open(tmp, "wb") as f:
        f.write(packed)
    os.utime(tmp, ns=(mtime_ns, mtime_ns))
    os.replace(tmp, copy)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("app")
    ap.add_argument("--brotli", default="", help="the brotli command (empty: write no .br copies)")
    a = ap.parse_args()
    for folder, _, names in os.walk(a.app):
        for name in names:
            path = os.path.join(folder, name)
            if name.endswith(SUFFIXES) or os.path.splitext(name)[1].lower() not in EXTENSIONS:
                continue
            mtime_ns = os.stat(path).st_mtime_ns
            if up_to_date(path + ".gz", mtime_ns) and (not a.brotli or up_to_date(path + ".br", mtime_ns)):
                continue
            with open(path, "rb") as f:
                data = f.read()
            try:
                write_copy(path, ".gz", data, gzip_bytes, mtime_ns)
                if a.brotli:
                    write_copy(path, ".br", data, lambda d: brotli_bytes(d, a.brotli), mtime_ns)
            except (OSError, subprocess.CalledProcessError) as e:
                print(f"precompress.py: {path}: {e}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
