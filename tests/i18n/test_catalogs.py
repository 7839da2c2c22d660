#!/usr/bin/python3
"""Tests of the translation catalogs' tooling (scripts/i18n): the build check, the converter
from the translators' JSON, and the PO files against GNU gettext's own checker.

Usage: test_catalogs.py --assets ASSETS (msgfmt | self-test | convert)
  msgfmt     every assets/i18n/po/*/*.po passes `msgfmt --check` (headers, plural forms,
             python-brace-format placeholders), as Poedit and Weblate expect
  self-test  a copy of the catalogs with a planted missing key, wrong placeholder, missing plural
             form, extra key and a leftover JSON catalog: each reported by file and key
  convert    Russian and Arabic JSON catalogs in the translators' format (plural objects keyed by
             CLDR category) become PO files that compile, the forms in Plural-Forms order
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPTS = os.path.join(HERE, "..", "..", "scripts", "i18n")
sys.path.insert(0, SCRIPTS)
import po_catalog  # noqa: E402


def compile_catalogs(assets, out):
    return subprocess.run([sys.executable, os.path.join(SCRIPTS, "compile_catalogs.py"),
                           "--assets", assets, "--out", out], capture_output=True, text=True)


def copy_assets(assets, tmp):
    dst = os.path.join(tmp, "assets")
    shutil.copytree(os.path.join(assets, "i18n"), os.path.join(dst, "i18n"))
    return dst


def edit_po(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if old not in text:
        raise AssertionError(f"{path}: the text to plant over is gone: {old!r}")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def case_msgfmt(assets):
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        print("SKIPPED: msgfmt (Debian's gettext) is not installed: scripts/setup.sh test installs it")
        return 0
    failed = 0
    files = po_catalog.po_files(assets)
    for _, _, path in files:
        r = subprocess.run([msgfmt, "--check", "-o", os.devnull, path], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"FAIL {path}:\n{r.stderr}")
            failed += 1
    print(f"{len(files)} catalog(s) checked by {msgfmt} --check, {failed} failed")
    return 1 if failed or not files else 0


def case_self_test(assets):
    with tempfile.TemporaryDirectory() as tmp:
        a = copy_assets(assets, tmp)
        out = os.path.join(tmp, "out")
        r = compile_catalogs(a, out)
        if r.returncode != 0:
            print("FAIL: the unchanged catalogs do not compile:\n" + r.stderr)
            return 1
        po = os.path.join(a, "i18n", "po")
        edit_po(os.path.join(po, "app", "es.po"), 'msgctxt "welcome.start"', 'msgctxt "welcome.start.planted"')
        edit_po(os.path.join(po, "app", "es.po"), 'msgstr "{site}"', 'msgstr "{sitio}"')
        edit_po(os.path.join(po, "workspace", "es.po"), 'msgstr[1] "{n} derivaciones hechas."\n', "")
        with open(os.path.join(a, "i18n", "kiosk.ru.json"), "w", encoding="utf-8") as f:
            json.dump({"_meta": {"language": "ru"}}, f)
        os.remove(os.path.join(out, "es.json"))
        r = compile_catalogs(a, out)
        want = [
            "i18n/po/app/es.po: key welcome.start: missing",
            "i18n/po/app/es.po: key welcome.start.planted: English (app/en.po) has no such key",
            "i18n/po/app/es.po: key welcome.site: placeholders ['sitio'] differ from the English ['site']",
            "i18n/po/workspace/es.po: key ws.refer.made: no plural form for other (es needs 2: one, other)",
            "i18n/kiosk.ru.json: a catalog in the old JSON format; convert it with scripts/i18n/json_to_po.py",
        ]
        missing = [w for w in want if w not in r.stderr]
        ok = r.returncode != 0 and not missing and not os.path.exists(os.path.join(out, "es.json"))
        print(r.stderr)
        for w in missing:
            print(f"FAIL: not reported: {w}")
        if r.returncode == 0:
            print("FAIL: the build check passed the planted catalogs")
        return 0 if ok else 1


def translators_json(po_path, code, categories):
    """A catalog as the translators write it: every key, plural keys as CLDR-category objects."""
    _, entries = po_catalog.read(po_path)
    doc = {"_meta": {"language": code, "provenance": "project: the converter test's catalog"}}
    for e in entries:
        if e.plural:
            doc[e.key] = {c: f"[{code} {c}] {e.english[1]}" for c in categories}
        else:
            doc[e.key] = f"[{code}] {e.english}"
    return doc


def case_convert(assets):
    with tempfile.TemporaryDirectory() as tmp:
        a = copy_assets(assets, tmp)
        langs = po_catalog.languages(a)
        written = []
        for code in ("ru", "ar"):
            for domain, lang, path in po_catalog.po_files(a):
                if lang != "en":
                    continue
                name = f"{code}.json" if domain == "app" else f"{domain}.{code}.json"
                doc = translators_json(path, code, langs[code]["plural"]["categories"])
                with open(os.path.join(a, "i18n", name), "w", encoding="utf-8") as f:
                    json.dump(doc, f, ensure_ascii=False)
                written.append(name)
        r = subprocess.run([sys.executable, os.path.join(SCRIPTS, "json_to_po.py"), "--assets", a],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print("FAIL: json_to_po.py:\n" + r.stderr)
            return 1
        left = [n for n in written if os.path.exists(os.path.join(a, "i18n", n))]
        out = os.path.join(tmp, "out")
        c = compile_catalogs(a, out)
        if c.returncode != 0:
            print("FAIL: the converted catalogs do not compile:\n" + c.stderr)
            return 1
        failures = [f"the JSON file {n} was not removed" for n in left]
        for code in ("ru", "ar"):
            with open(os.path.join(out, f"{code}.json"), encoding="utf-8") as f:
                compiled = json.load(f)
            forms = compiled.get("ws.refer.made")
            want = [f"[{code} {cat}] {{n}} referrals made." for cat in langs[code]["plural"]["categories"]]
            if forms != want:
                failures.append(f"{code}: ws.refer.made compiled to {forms!r}, want {want!r}")
            if compiled.get("welcome.start") != f"[{code}] Start":
                failures.append(f"{code}: welcome.start compiled to {compiled.get('welcome.start')!r}")
            if compiled["_meta"]["provenance"] != "project: the converter test's catalog":
                failures.append(f"{code}: provenance {compiled['_meta']['provenance']!r}")
        for f in failures:
            print(f"FAIL: {f}")
        print(f"converted {len(written)} JSON catalogs (ru, ar) into PO; compiled: {'no' if failures else 'yes'}")
        return 1 if failures else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--assets", required=True)
    ap.add_argument("case", choices=["msgfmt", "self-test", "convert"])
    a = ap.parse_args()
    return {"msgfmt": case_msgfmt, "self-test": case_self_test, "convert": case_convert}[a.case](a.assets)


if __name__ == "__main__":
    sys.exit(main())
