#!/usr/bin/env python3
"""docs/DEPLOYING.md's nginx and Caddy examples send the headers serve.py sends: parses the
two configuration blocks and compares their header sets (names and values) with serve.py's,
and checks that both serve the build's precompressed copies and WebAssembly's MIME type."""
import importlib.util
import os
import re
import shlex
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")


def load_serve():
    spec = importlib.util.spec_from_file_location("serve", os.path.join(ROOT, "serve.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fenced_block(text, language):
    blocks = re.findall(r"^```%s\n(.*?)^```" % re.escape(language), text, flags=re.S | re.M)
    if len(blocks) != 1:
        raise AssertionError("docs/DEPLOYING.md: expected one ```%s block, found %d" % (language, len(blocks)))
    return blocks[0]


def nginx_headers(conf):
    """add_header NAME "VALUE" [always]; -> {name: value}. Every one must say `always` (nginx
    otherwise leaves them off error responses, which serve.py does not)."""
    headers = {}
    for line in conf.splitlines():
        words = shlex.split(line.split("#", 1)[0].strip().rstrip(";"))
        if words[:1] != ["add_header"]:
            continue
        if words[-1] != "always" or len(words) != 4:
            raise AssertionError("nginx: %r is not `add_header NAME VALUE always;`" % line.strip())
        headers[words[1]] = words[2]
    return headers


def caddy_headers(conf):
    """The lines of the `header { ... }` block: NAME "VALUE" -> {name: value}; -NAME removes."""
    m = re.search(r"^\s*header\s*\{\n(.*?)^\s*\}", conf, flags=re.S | re.M)
    if not m:
        raise AssertionError("Caddy: no header { } block")
    headers, removed = {}, []
    for line in m.group(1).splitlines():
        words = shlex.split(line.strip())
        if not words:
            continue
        if words[0].startswith("-"):
            removed.append(words[0][1:])
        elif len(words) == 2:
            headers[words[0]] = words[1]
        else:
            raise AssertionError("Caddy: %r is not `NAME \"VALUE\"`" % line.strip())
    return headers, removed


class DeployingTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(ROOT, "docs", "DEPLOYING.md"), encoding="utf-8") as f:
            cls.doc = f.read()
        serve = load_serve()
        # What serve.py sends with every file: its security headers and Cache-Control.
        cls.expected = dict(serve.SECURITY_HEADERS, **{"Cache-Control": "no-cache"})
        cls.mime = serve.MIME_TYPES

    def test_nginx_sends_serve_py_headers(self):
        conf = fenced_block(self.doc, "nginx")
        self.assertEqual(nginx_headers(conf), self.expected)
        # Headers in a location block would silently drop the server's (nginx inheritance).
        location = conf[conf.index("location / {"):]
        self.assertNotIn("add_header", location)
        for directive in ("gzip_static on;", "brotli_static on;", "gzip_vary on;", "autoindex off;",
                          "limit_except GET { deny all; }"):
            self.assertIn(directive, conf)
        types = dict((ext, t) for t, ext in re.findall(r"^\s*(\S+/\S+)\s+(\w+);", conf, flags=re.M))
        for ext in ("wasm", "js", "html", "json", "webmanifest"):
            self.assertEqual(types.get(ext), self.mime["." + ext].split(";")[0], ext)

    def test_caddy_sends_serve_py_headers(self):
        conf = fenced_block(self.doc, "caddy")
        headers, removed = caddy_headers(conf)
        self.assertEqual(headers, self.expected)
        self.assertEqual(removed, ["Server"])
        self.assertRegex(conf, r"file_server\s*\{\s*precompressed br gzip\s*\}")
        self.assertRegex(conf, r"@other not method GET HEAD\s+respond @other 405")

    def test_the_guide_is_linked_from_the_readme(self):
        with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
            self.assertIn("docs/DEPLOYING.md", f.read())


if __name__ == "__main__":
    unittest.main(verbosity=2)
