#!/usr/bin/env python3
"""Serve the built SafetyNet web app: for development, and for pop-up clinics from a laptop
or a USB stick.

    python3 serve.py [--dir BUILT_APP_DIR] [--port N] [--host 127.0.0.1]

Binds to the loopback address by default. It serves static files only, with the headers the
production site must send (Content-Security-Policy, nosniff, no referrer, no framing), and
its log lines hold the method, the path without its query string, the status and the size:
never a query string, a header or a body, so nothing a patient typed can end up in a log.
Python standard library only.
"""
import argparse
import http.server
import os
import posixpath
import socketserver
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, "build", "web", "app")

# The page may load its own files and nothing else. WebAssembly compilation needs
# 'wasm-unsafe-eval'; nothing needs 'unsafe-inline' or 'unsafe-eval'.
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".wasm": "application/wasm",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".bin": "application/octet-stream",
    ".age": "application/octet-stream",
}


def resolve(root, raw_path):
    """Map a request path to a file under root, or None. Refuses anything that would leave
    root: '..' segments (also percent-encoded), NUL bytes, backslashes, and symlinks that
    point outside."""
    path = urllib.parse.urlsplit(raw_path).path
    path = urllib.parse.unquote(path, errors="strict")
    if "\0" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None
    rel = posixpath.join(*parts) if parts else ""
    candidate = os.path.join(root, rel)
    if os.path.isdir(candidate):
        candidate = os.path.join(candidate, "index.html")
    real = os.path.realpath(candidate)
    if os.path.commonpath([real, root]) != root or not os.path.isfile(real):
        return None
    return real


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "SafetyNet"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    root = DEFAULT_DIR

    # ------------------------------------------------------------------ logging
    def log_request(self, code="-", size="-"):
        # The path only, never the query string: a query could carry what someone typed.
        path = urllib.parse.urlsplit(getattr(self, "path", "")).path
        sys.stderr.write("%s %s %s %s\n" % (getattr(self, "command", "-"), path[:200], code, size))

    def log_message(self, format, *args):  # noqa: A002 (BaseHTTPRequestHandler's signature)
        # The base class logs raw request lines on errors; ours say nothing we did not choose.
        pass

    # ------------------------------------------------------------------ methods
    def do_GET(self):
        self._serve(send_body=True)

    def do_HEAD(self):
        self._serve(send_body=False)

    def _refuse_method(self):
        # The body is never read (it could hold PHI); close so it is not taken for a request.
        self.close_connection = True
        self._send_status(405, "Method Not Allowed", extra={"Allow": "GET, HEAD", "Connection": "close"})

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _refuse_method

    # ------------------------------------------------------------------ responses
    def _send_status(self, code, text, extra=None):
        body = ("%d %s\n" % (code, text)).encode()
        self.send_response(code)
        for k, v in SECURITY_HEADERS.items():
            self.send_header(k, v)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_response(self, code, message=None):
        # Log with the size we are about to send (set by _serve), not the request line.
        self.log_request(code, getattr(self, "_size", "-"))
        self.send_response_only(code, message)
        self.send_header("Server", self.version_string())
        self.send_header("Date", self.date_time_string())

    def _serve(self, send_body):
        self._size = "-"
        try:
            path = resolve(self.root, self.path)
        except UnicodeDecodeError:
            path = None
        if path is None:
            self._send_status(404, "Not Found")
            return
        ext = os.path.splitext(path)[1].lower()
        ctype = MIME_TYPES.get(ext, "application/octet-stream")
        with open(path, "rb") as f:
            data = f.read()
        self._size = len(data)
        self.send_response(200)
        for k, v in SECURITY_HEADERS.items():
            self.send_header(k, v)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        # The page and its data are revalidated on every load so a clinic's edits to
        # assets/site.json show at once; the server is on the same machine or LAN.
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if send_body:
            self.wfile.write(data)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main(argv=None):
    ap = argparse.ArgumentParser(description="Serve the built SafetyNet web app (static files, loopback only by default).")
    ap.add_argument("--dir", default=DEFAULT_DIR, help="the built app folder (default: %(default)s)")
    ap.add_argument("--port", type=int, default=8000, help="port, 0 picks a free one (default: %(default)s)")
    ap.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s, this machine only)")
    args = ap.parse_args(argv)

    root = os.path.realpath(args.dir)
    if not os.path.isfile(os.path.join(root, "safetynet.html")):
        sys.stderr.write("serve.py: %s has no safetynet.html: build the web app first (scripts/build.sh web)\n" % root)
        return 1
    Handler.root = root
    try:
        httpd = Server((args.host, args.port), Handler)
    except OSError as e:
        sys.stderr.write("serve.py: cannot listen on %s:%d: %s\n" % (args.host, args.port, e.strerror))
        return 1
    host, port = httpd.server_address[:2]
    print("SafetyNet is at http://%s:%d/  (serving %s; Ctrl+C stops)" % (host, port, root), flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
