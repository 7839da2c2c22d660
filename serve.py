#!/usr/bin/env python3
"""Serve the built SafetyNet web app: for development, and for pop-up clinics from a laptop
or a USB stick.

    python3 serve.py [--dir BUILT_APP_DIR] [--port N] [--host 127.0.0.1]
    python3 serve.py --lan [--port N]            pop-up clinic: tablets on this network, HTTPS

Binds to the loopback address by default. It serves static files only, with the headers the
production site must send (Content-Security-Policy, nosniff, no referrer, no framing), and
its log lines hold the method, the path without its query string, the status and the size:
never a query string, a header or a body, so nothing a patient typed can end up in a log.
Where the browser accepts them (Accept-Encoding), it sends the brotli or gzip copies the build
wrote next to each file (FILE.br, FILE.gz), with Vary: Accept-Encoding and an ETag per encoding.

--lan serves every network interface, over HTTPS (browsers give service workers, and so
offline use, only to secure pages). On first use it creates a small certificate authority
for this pop-up clinic and a server certificate for this machine's addresses (with the
`openssl` command); tablets install the authority once, from /popup-ca.crt, and then trust
this server wherever the clinic sets up. Python standard library only (plus openssl for
creating the certificates).
"""
import argparse
import hashlib
import http.server
import ipaddress
import os
import posixpath
import socket
import socketserver
import ssl
import subprocess
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
    "Cross-Origin-Embedder-Policy": "require-corp",
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
    ".crt": "application/x-x509-ca-cert",
}

# The pop-up clinic's certificate authority, offered for tablets to install (only with --lan).
CA_PATH = "/popup-ca.crt"

# Precompressed copies written at build time next to each file (cmake/precompress.py), best
# first. A copy is used only while its modification time equals the file's (precompress.py
# sets it so): a clinic that edits assets/site.json by hand gets the edited file, not a stale copy.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))


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


def accepted_codings(header):
    """The content codings an Accept-Encoding header accepts, with their weights (RFC 9110
    section 12.5.3): "br;q=0" refuses br, "*" stands for any coding not named."""
    weights = {}
    for item in (header or "").split(","):
        name, *params = [p.strip() for p in item.split(";")]
        if not name:
            continue
        q = 1.0
        for p in params:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        weights[name.lower()] = q
    return weights


def precompressed_variant(root, path, accept_encoding):
    """(coding, file) of the best precompressed copy of `path` the client accepts, or
    (None, path). The copy must lie under root like any served file."""
    weights = accepted_codings(accept_encoding)
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError:
        return None, path
    for coding, suffix in PRECOMPRESSED:
        if weights.get(coding, weights.get("*", 0.0)) <= 0:
            continue
        variant = os.path.realpath(path + suffix)
        if os.path.commonpath([variant, root]) != root or not os.path.isfile(variant):
            continue
        if os.stat(variant).st_mtime_ns == mtime:
            return coding, variant
    return None, path


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "SafetyNet"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    root = DEFAULT_DIR
    ca_file = None  # set with --lan: served at CA_PATH

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
        if path is None and self.ca_file and urllib.parse.urlsplit(self.path).path == CA_PATH:
            path = self.ca_file
        if path is None:
            self._send_status(404, "Not Found")
            return
        ext = os.path.splitext(path)[1].lower()
        ctype = MIME_TYPES.get(ext, "application/octet-stream")
        coding, body_path = precompressed_variant(self.root, path, self.headers.get("Accept-Encoding"))
        with open(body_path, "rb") as f:
            st = os.fstat(f.fileno())
            # A validator, so a revalidation (every load, below; the service worker's precache
            # right after the first visit) costs a 304 instead of the file again: on a slow link
            # the first visit would otherwise move the whole app twice. Each encoding has its
            # own (RFC 9110 section 8.8.3: a validator names one representation).
            etag = '"%x-%x%s"' % (st.st_mtime_ns, st.st_size, "-" + coding if coding else "")
            not_modified = etag in [t.strip() for t in self.headers.get("If-None-Match", "").split(",")]
            data = b"" if not_modified else f.read()
        self._size = 0 if not_modified else len(data)
        self.send_response(304 if not_modified else 200)
        for k, v in SECURITY_HEADERS.items():
            self.send_header(k, v)
        self.send_header("ETag", etag)
        # The answer depends on Accept-Encoding: caches between here and the tablet must key on it.
        self.send_header("Vary", "Accept-Encoding")
        # The page and its data are revalidated on every load so a clinic's edits to
        # assets/site.json show at once; the server is on the same machine or LAN.
        self.send_header("Cache-Control", "no-cache")
        if not_modified:
            self.end_headers()
            return
        self.send_header("Content-Type", ctype)
        if coding:
            self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if send_body:
            self.wfile.write(data)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    tls = None  # an ssl.SSLContext when serving HTTPS

    def get_request(self):
        sock, addr = super().get_request()
        if self.tls is not None:
            # The handshake happens in the handler's thread, on first read, so one slow or
            # plain-HTTP client cannot stall the others.
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr

    def handle_error(self, request, client_address):
        # Handshake failures and dropped connections are routine on a clinic network; say
        # nothing (a traceback could quote request bytes).
        pass


# ---------------------------------------------------------------------- pop-up clinic mode
def lan_addresses():
    """This machine's IPv4 addresses on its networks (no packet is sent to find them)."""
    found = []
    for probe in ("10.255.255.255", "192.168.255.255", "172.31.255.255"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))  # UDP connect only picks a route
                addr = s.getsockname()[0]
        except OSError:
            continue
        if addr not in found and not addr.startswith("127."):
            found.append(addr)
    return found


def openssl(*args):
    subprocess.run(["openssl", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def cert_covers(cert_file, names):
    """True when the certificate exists, is valid for another 30 days and names every address."""
    if not os.path.isfile(cert_file):
        return False
    try:
        text = subprocess.run(["openssl", "x509", "-in", cert_file, "-noout", "-text", "-checkend", str(30 * 86400)],
                              check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return False
    return all(("IP Address:" + n if is_ip(n) else "DNS:" + n) in text for n in names)


def is_ip(name):
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def ensure_certificates(tls_dir, names):
    """The clinic's CA (made once, kept) and a server certificate for `names` (remade when the
    machine's addresses change). Private keys are readable by this user only."""
    os.makedirs(tls_dir, mode=0o700, exist_ok=True)
    ca_key, ca_crt = os.path.join(tls_dir, "ca.key"), os.path.join(tls_dir, "ca.crt")
    key, crt = os.path.join(tls_dir, "server.key"), os.path.join(tls_dir, "server.crt")
    old_umask = os.umask(0o077)
    try:
        if not (os.path.isfile(ca_key) and os.path.isfile(ca_crt)):
            openssl("req", "-x509", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", ca_key, "-out", ca_crt, "-days", "3650", "-subj",
                    "/CN=SafetyNet pop-up clinic (%s)" % socket.gethostname()[:40],
                    "-addext", "basicConstraints=critical,CA:TRUE,pathlen:0",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        if not cert_covers(crt, names):
            csr = os.path.join(tls_dir, "server.csr")
            ext = os.path.join(tls_dir, "server.ext")
            san = ",".join(("IP:" if is_ip(n) else "DNS:") + n for n in names)
            with open(ext, "w") as f:
                f.write("subjectAltName=%s\nbasicConstraints=critical,CA:FALSE\n"
                        "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n" % san)
            openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", key, "-out", csr, "-subj", "/CN=SafetyNet pop-up server")
            # 397 days: the longest validity browsers accept for a server certificate.
            openssl("x509", "-req", "-in", csr, "-CA", ca_crt, "-CAkey", ca_key, "-CAcreateserial",
                    "-out", crt, "-days", "397", "-extfile", ext)
            os.remove(csr)
            os.remove(ext)
    finally:
        os.umask(old_umask)
    return ca_crt, crt, key


def fingerprint(cert_file):
    with open(cert_file) as f:
        der = ssl.PEM_cert_to_DER_cert(f.read())
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def main(argv=None):
    ap = argparse.ArgumentParser(description="Serve the built SafetyNet web app (static files, loopback only by default).")
    ap.add_argument("--dir", default=DEFAULT_DIR, help="the built app folder (default: %(default)s)")
    ap.add_argument("--port", type=int, default=8000, help="port, 0 picks a free one (default: %(default)s)")
    ap.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s, this machine only)")
    ap.add_argument("--lan", action="store_true",
                    help="pop-up clinic: serve tablets on the local network (all interfaces), over HTTPS")
    ap.add_argument("--https", action="store_true", help="serve HTTPS with the pop-up clinic certificates (implied by --lan)")
    ap.add_argument("--tls-dir", default=os.path.join(os.path.expanduser("~"), ".local", "share", "safetynet", "tls"),
                    help="where the pop-up clinic certificates are kept (default: %(default)s)")
    args = ap.parse_args(argv)

    root = os.path.realpath(args.dir)
    if not os.path.isfile(os.path.join(root, "safetynet.html")):
        sys.stderr.write("serve.py: %s has no safetynet.html: build the web app first (scripts/build.sh web)\n" % root)
        return 1
    Handler.root = root
    host = "0.0.0.0" if args.lan and args.host == "127.0.0.1" else args.host
    use_tls = args.https or args.lan
    addresses = lan_addresses() if args.lan else []
    tls = None
    if use_tls:
        names = ["localhost", "127.0.0.1"] + addresses
        try:
            ca_crt, crt, key = ensure_certificates(args.tls_dir, names)
        except (OSError, subprocess.CalledProcessError) as e:
            detail = getattr(e, "stderr", b"") or b""
            sys.stderr.write("serve.py: cannot create the HTTPS certificates in %s: %s %s\n"
                             % (args.tls_dir, e, detail.decode(errors="replace").strip()))
            return 1
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.minimum_version = ssl.TLSVersion.TLSv1_2
        tls.load_cert_chain(crt, key)
        Handler.ca_file = ca_crt
    try:
        httpd = Server((host, args.port), Handler)
    except OSError as e:
        sys.stderr.write("serve.py: cannot listen on %s:%d: %s\n" % (host, args.port, e.strerror))
        return 1
    httpd.tls = tls
    port = httpd.server_address[1]
    scheme = "https" if tls else "http"
    if args.lan:
        print("WARNING: serving SafetyNet to every device on this network. The app holds no patient data;", flush=True)
        print("         each tablet keeps its own, encrypted. Run this only on a network you trust.", flush=True)
        for a in addresses:
            print("Tablets: open %s://%s:%d/" % (scheme, a, port), flush=True)
        print("First time on a tablet: install the clinic certificate from %s://%s:%d%s" % (
              scheme, addresses[0] if addresses else "THIS-MACHINE", port, CA_PATH), flush=True)
        print("and check that its fingerprint (SHA-256) reads:\n  %s" % fingerprint(ca_crt), flush=True)
    print("SafetyNet is at %s://%s:%d/  (serving %s; Ctrl+C stops)" % (
          scheme, "127.0.0.1" if host in ("0.0.0.0", "") else host, port, root), flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
