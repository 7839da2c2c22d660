#!/usr/bin/env python3
"""serve.py as a browser and an attacker meet it: headers, MIME types, no escape from the
app folder, no directory listings, no methods but GET/HEAD, and logs without query strings.
Runs against a throw-away app folder, so it needs no build."""
import gzip
import http.client
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SERVE = os.path.join(HERE, "..", "..", "serve.py")


class ServeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        root = os.path.join(cls.tmp.name, "app")
        os.makedirs(os.path.join(root, "assets"))
        files = {
            "safetynet.html": b"<!doctype html><title>t</title>",
            "index.html": b"<!doctype html><title>index</title>",
            "safetynet.wasm": b"\0asm\1\0\0\0",
            "safetynet.js": b"console.log(1)",
            "assets/site.json": b'{"site_name":"x"}',
        }
        for name, data in files.items():
            with open(os.path.join(root, name), "wb") as f:
                f.write(data)
        # A secret next to the app folder, and a symlink inside pointing at it.
        with open(os.path.join(cls.tmp.name, "secret.txt"), "w") as f:
            f.write("TOP-SECRET")
        os.symlink(os.path.join(cls.tmp.name, "secret.txt"), os.path.join(root, "link.txt"))
        cls.log = open(os.path.join(cls.tmp.name, "log.txt"), "w+")
        cls.proc = subprocess.Popen([sys.executable, SERVE, "--dir", root, "--port", "0"],
                                    stdout=subprocess.PIPE, stderr=cls.log, text=True)
        line = cls.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            cls.proc.kill()
            raise RuntimeError("serve.py did not print its URL: %r" % line)
        cls.port = int(m.group(1))

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        cls.proc.wait(timeout=5)
        cls.proc.stdout.close()
        cls.log.close()
        cls.tmp.cleanup()

    def request(self, path, method="GET", body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        # putrequest with skip_host etc. so the raw path reaches the server unnormalised
        conn.putrequest(method, path, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body.encode() if body is not None else None)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp, data

    def test_page_has_csp_allowing_only_self_and_wasm(self):
        resp, _ = self.request("/safetynet.html")
        self.assertEqual(resp.status, 200)
        csp = resp.getheader("Content-Security-Policy")
        self.assertIsNotNone(csp)
        directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";"))
        self.assertEqual(directives["default-src"], "'self'")
        self.assertEqual(directives["script-src"], "'self' 'wasm-unsafe-eval'")
        self.assertEqual(directives["connect-src"], "'self'")
        self.assertEqual(directives["frame-ancestors"], "'none'")
        self.assertNotIn("unsafe-inline", csp)
        self.assertNotIn("unsafe-eval'", csp.replace("wasm-unsafe-eval'", ""))
        self.assertNotRegex(csp, r"https?:|\*")

    def test_security_headers_on_every_response(self):
        for path in ["/", "/safetynet.wasm", "/nope"]:
            resp, _ = self.request(path)
            self.assertEqual(resp.getheader("X-Content-Type-Options"), "nosniff", path)
            self.assertEqual(resp.getheader("Referrer-Policy"), "no-referrer", path)
            self.assertIsNotNone(resp.getheader("Content-Security-Policy"), path)

    def test_mime_types(self):
        expect = {"/safetynet.wasm": "application/wasm", "/safetynet.js": "text/javascript",
                  "/safetynet.html": "text/html", "/assets/site.json": "application/json"}
        for path, ctype in expect.items():
            resp, _ = self.request(path)
            self.assertEqual(resp.status, 200, path)
            self.assertTrue(resp.getheader("Content-Type").startswith(ctype), (path, resp.getheader("Content-Type")))

    def test_revalidation_answers_304_until_the_file_changes(self):
        # The service worker's precache revalidates what the page has just downloaded: a 304
        # must cost no body, and a changed file must never be answered 304.
        path = os.path.join(self.tmp.name, "app", "assets", "revalidate.json")
        with open(path, "wb") as f:
            f.write(b'{"v":1}')
        resp, data = self.request("/assets/revalidate.json")
        etag = resp.getheader("ETag")
        self.assertEqual((resp.status, data), (200, b'{"v":1}'))
        self.assertRegex(etag or "", r'^"[0-9a-f]+-[0-9a-f]+"$')
        resp, data = self.request("/assets/revalidate.json", headers={"If-None-Match": 'W/"x", ' + etag})
        self.assertEqual((resp.status, data, resp.getheader("ETag")), (304, b"", etag))
        self.assertEqual(resp.getheader("X-Content-Type-Options"), "nosniff")
        self.assertEqual(resp.getheader("Cache-Control"), "no-cache")
        resp, data = self.request("/assets/revalidate.json", method="HEAD", headers={"If-None-Match": etag})
        self.assertEqual(resp.status, 304)
        with open(path, "wb") as f:
            f.write(b'{"v":22}')
        resp, data = self.request("/assets/revalidate.json", headers={"If-None-Match": etag})
        self.assertEqual((resp.status, data), (200, b'{"v":22}'))
        self.assertNotEqual(resp.getheader("ETag"), etag)

    def test_root_serves_index(self):
        resp, data = self.request("/")
        self.assertEqual(resp.status, 200)
        self.assertIn(b"index", data)

    def test_no_escape_from_the_app_folder(self):
        for path in ["/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                     "/assets/%2E%2E/%2E%2E/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
                     "/link.txt", "/..\\secret.txt", "/%00/etc/passwd", "/../../../../etc/passwd"]:
            resp, data = self.request(path)
            self.assertEqual(resp.status, 404, path)
            self.assertNotIn(b"TOP-SECRET", data, path)
            self.assertNotIn(b"root:", data, path)

    def test_no_directory_listing(self):
        resp, data = self.request("/assets/")
        self.assertEqual(resp.status, 404)
        self.assertNotIn(b"site.json", data)

    def test_only_get_and_head(self):
        resp, _ = self.request("/safetynet.html", method="HEAD")
        self.assertEqual(resp.status, 200)
        for method in ["POST", "PUT", "DELETE"]:
            resp, _ = self.request("/safetynet.html", method=method, body="answers=secret")
            self.assertEqual(resp.status, 405, method)

    def test_logs_never_hold_query_strings_or_bodies(self):
        self.request("/safetynet.html?name=Maria+Lopez&dob=1980-01-01")
        self.request("/nope?ssn=123-45-6789")
        self.request("/safetynet.html", method="POST", body="answers=PRIVATE-ANSWER")
        time.sleep(0.2)
        self.log.flush()
        self.log.seek(0)
        text = self.log.read()
        self.assertIn("GET /safetynet.html 200", text)
        for secret in ["Maria", "1980-01-01", "123-45-6789", "PRIVATE-ANSWER", "?"]:
            self.assertNotIn(secret, text)


class PopUpClinicTest(unittest.TestCase):
    """--lan: every interface, HTTPS with a clinic CA made on first use and kept."""

    def start(self, tls_dir):
        proc = subprocess.Popen([sys.executable, SERVE, "--dir", self.root, "--port", "0", "--lan", "--tls-dir", tls_dir],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        out = []
        while True:
            line = proc.stdout.readline()
            if not line:
                proc.kill()
                self.fail("serve.py --lan ended early: %r" % out)
            out.append(line)
            m = re.search(r"https://127\.0\.0\.1:(\d+)/", line)
            if m:
                return proc, int(m.group(1)), "".join(out)

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = os.path.join(self.tmp.name, "app")
        os.makedirs(self.root)
        with open(os.path.join(self.root, "safetynet.html"), "wb") as f:
            f.write(b"<!doctype html><title>popup</title>")
        self.tls = os.path.join(self.tmp.name, "tls")

    def tearDown(self):
        self.tmp.cleanup()

    def get(self, port, path):
        ctx = ssl.create_default_context(cafile=os.path.join(self.tls, "ca.crt"))
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=ctx)
        conn.request("GET", path)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp, data

    def test_https_with_a_clinic_ca_that_is_kept(self):
        proc, port, out = self.start(self.tls)
        try:
            self.assertIn("WARNING", out)
            self.assertRegex(out, r"fingerprint \(SHA-256\) reads:\s+([0-9A-F]{2}:){31}[0-9A-F]{2}")
            resp, data = self.get(port, "/safetynet.html")  # verified against the clinic CA
            self.assertEqual(resp.status, 200)
            self.assertIn(b"popup", data)
            self.assertIsNotNone(resp.getheader("Content-Security-Policy"))
            resp, data = self.get(port, "/popup-ca.crt")
            self.assertEqual(resp.status, 200)
            with open(os.path.join(self.tls, "ca.crt"), "rb") as f:
                self.assertEqual(data, f.read())
            for key in ("ca.key", "server.key"):
                self.assertEqual(os.stat(os.path.join(self.tls, key)).st_mode & 0o077, 0, key)
            # Plain HTTP to the HTTPS port is refused without hurting the server.
            plain = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            with self.assertRaises((http.client.HTTPException, ConnectionError, OSError)):
                plain.request("GET", "/safetynet.html")
                plain.getresponse().read()
            self.assertEqual(self.get(port, "/safetynet.html")[0].status, 200)
        finally:
            proc.terminate()
            proc.wait(timeout=5)
            proc.stdout.close()
        with open(os.path.join(self.tls, "ca.crt")) as f:
            ca_before = f.read()
        crt_mtime = os.stat(os.path.join(self.tls, "server.crt")).st_mtime
        proc, port, out = self.start(self.tls)
        try:
            with open(os.path.join(self.tls, "ca.crt")) as f:
                self.assertEqual(f.read(), ca_before, "the CA is made once")
            self.assertEqual(os.stat(os.path.join(self.tls, "server.crt")).st_mtime, crt_mtime, "the server cert is reused")
            self.assertEqual(self.get(port, "/safetynet.html")[0].status, 200)
        finally:
            proc.terminate()
            proc.wait(timeout=5)
            proc.stdout.close()

    def test_without_lan_the_ca_is_not_served(self):
        proc = subprocess.Popen([sys.executable, SERVE, "--dir", self.root, "--port", "0"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            port = int(re.search(r":(\d+)/", proc.stdout.readline()).group(1))
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/popup-ca.crt")
            self.assertEqual(conn.getresponse().status, 404)
            conn.close()
        finally:
            proc.terminate()
            proc.wait(timeout=5)
            proc.stdout.close()


PRECOMPRESS = os.path.join(HERE, "..", "..", "cmake", "precompress.py")


class PrecompressedTest(unittest.TestCase):
    """The build's .br/.gz copies (cmake/precompress.py) and serve.py's choice among them:
    what the browser accepts, one ETag per encoding, Vary, and never a stale copy."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.root = os.path.join(cls.tmp.name, "app")
        os.makedirs(os.path.join(cls.root, "assets"))
        cls.files = {
            "safetynet.html": b"<!doctype html><title>t</title>" + b"<p>hello</p>" * 200,
            "safetynet.wasm": b"\0asm\1\0\0\0" + bytes(range(256)) * 64,
            "assets/site.json": b'{"site_name":"' + b"Clinic " * 300 + b'"}',
            "icon.png": b"\x89PNG" + b"\0" * 4000,
        }
        for name, data in cls.files.items():
            with open(os.path.join(cls.root, name), "wb") as f:
                f.write(data)
        cls.brotli = shutil.which("brotli")
        if not cls.brotli:
            print("PrecompressedTest: no brotli command, .br copies skipped (apt-get install brotli)", file=sys.stderr)
        subprocess.run([sys.executable, PRECOMPRESS, cls.root, "--brotli", cls.brotli or ""], check=True)
        cls.proc = subprocess.Popen([sys.executable, SERVE, "--dir", cls.root, "--port", "0"],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        cls.port = int(re.search(r":(\d+)/", cls.proc.stdout.readline()).group(1))

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        cls.proc.wait(timeout=5)
        cls.proc.stdout.close()
        cls.tmp.cleanup()

    def get(self, path, accept=None, headers=None, method="GET"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        conn.putrequest(method, path, skip_accept_encoding=True)
        if accept is not None:
            conn.putheader("Accept-Encoding", accept)
        for k, v in (headers or {}).items():
            conn.putheader(k, v)
        conn.endheaders()
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp, data

    def decode(self, resp, data):
        coding = resp.getheader("Content-Encoding")
        if coding == "gzip":
            return gzip.decompress(data)
        if coding == "br":
            return subprocess.run([self.brotli, "-d", "-c"], input=data, check=True, capture_output=True).stdout
        self.assertIsNone(coding)
        return data

    def test_the_build_writes_copies_with_the_files_time_and_skips_images(self):
        for name in ("safetynet.html", "safetynet.wasm", "assets/site.json"):
            path = os.path.join(self.root, name)
            with open(path + ".gz", "rb") as f:
                self.assertEqual(gzip.decompress(f.read()), self.files[name], name)
            self.assertEqual(os.stat(path + ".gz").st_mtime_ns, os.stat(path).st_mtime_ns, name)
            self.assertEqual(os.path.exists(path + ".br"), bool(self.brotli), name)
        self.assertFalse(os.path.exists(os.path.join(self.root, "icon.png.gz")))

    def test_each_accept_encoding_gets_its_coding_and_the_same_bytes(self):
        cases = [(None, None), ("identity", None), ("gzip", "gzip"), ("gzip, deflate", "gzip"),
                 ("br;q=0, gzip", "gzip"), ("gzip;q=0", None), ("*", "br" if self.brotli else "gzip"),
                 ("gzip, deflate, br, zstd", "br" if self.brotli else "gzip"), ("deflate", None)]
        for name in ("safetynet.html", "safetynet.wasm", "assets/site.json"):
            etags = {}
            for accept, coding in cases:
                resp, data = self.get("/" + name, accept)
                self.assertEqual(resp.status, 200, (name, accept))
                self.assertEqual(resp.getheader("Content-Encoding"), coding, (name, accept))
                self.assertEqual(resp.getheader("Vary"), "Accept-Encoding", (name, accept))
                self.assertEqual(int(resp.getheader("Content-Length")), len(data), (name, accept))
                self.assertEqual(self.decode(resp, data), self.files[name], (name, accept))
                self.assertIsNotNone(resp.getheader("Content-Security-Policy"))
                etags.setdefault(coding, set()).add(resp.getheader("ETag"))
            # One validator per representation, different across encodings.
            self.assertTrue(all(len(v) == 1 for v in etags.values()), etags)
            self.assertEqual(len({next(iter(v)) for v in etags.values()}), len(etags), etags)
        resp, _ = self.get("/safetynet.wasm", "gzip")
        self.assertEqual(resp.getheader("Content-Type"), "application/wasm")

    def test_revalidation_is_per_encoding(self):
        resp, _ = self.get("/safetynet.html", "gzip")
        gz_etag = resp.getheader("ETag")
        resp, data = self.get("/safetynet.html", "gzip", {"If-None-Match": gz_etag})
        self.assertEqual((resp.status, data), (304, b""))
        self.assertEqual(resp.getheader("Vary"), "Accept-Encoding")
        # The gzip copy's validator does not validate the identity answer.
        resp, data = self.get("/safetynet.html", None, {"If-None-Match": gz_etag})
        self.assertEqual((resp.status, data), (200, self.files["safetynet.html"]))
        resp, data = self.get("/safetynet.html", "gzip", method="HEAD")
        self.assertEqual((resp.status, data, resp.getheader("Content-Encoding")), (200, b"", "gzip"))

    def test_a_file_edited_after_the_build_is_served_as_edited(self):
        path = os.path.join(self.root, "assets", "site.json")
        edited = b'{"site_name":"Edited by the clinic"}'
        with open(path, "wb") as f:
            f.write(edited)
        try:
            for accept in ("br, gzip", "gzip"):
                resp, data = self.get("/assets/site.json", accept)
                self.assertEqual((resp.status, resp.getheader("Content-Encoding"), data), (200, None, edited), accept)
        finally:
            with open(path, "wb") as f:
                f.write(self.files["assets/site.json"])
            subprocess.run([sys.executable, PRECOMPRESS, self.root, "--brotli", self.brotli or ""], check=True)
        resp, data = self.get("/assets/site.json", "gzip")
        self.assertEqual((resp.getheader("Content-Encoding"), gzip.decompress(data)), ("gzip", self.files["assets/site.json"]))

    def test_a_copy_outside_the_folder_is_never_served(self):
        outside = os.path.join(self.tmp.name, "secret.gz")
        with open(outside, "wb") as f:
            f.write(gzip.compress(b"TOP-SECRET"))
        name = os.path.join(self.root, "linked.json")
        with open(name, "wb") as f:
            f.write(b'{"a":1}')
        os.symlink(outside, name + ".gz")
        st = os.stat(name)
        os.utime(outside, ns=(st.st_mtime_ns, st.st_mtime_ns))
        resp, data = self.get("/linked.json", "gzip")
        self.assertEqual((resp.status, resp.getheader("Content-Encoding"), data), (200, None, b'{"a":1}'))


if __name__ == "__main__":
    unittest.main(verbosity=2)
