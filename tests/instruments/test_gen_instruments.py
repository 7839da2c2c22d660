#!/usr/bin/env python3
"""Tests of the built-in instruments' generator (scripts/gen-instruments.py).

Usage: test_gen_instruments.py --assets ASSETS (committed | self-test)
  committed  the committed assets/instruments/*.json equal what the generator writes
  self-test  in a copy of the assets: a hand edit of a Questionnaire, a translation file missing
             a text, one with a text the instrument lacks, and an official translation without
             its source are each reported naming file, instrument, language and text
"""
import json
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, "..", "..", "scripts", "gen-instruments.py")


def run_check(assets):
    return subprocess.run([sys.executable, GENERATOR, "--check", "--assets", assets],
                          capture_output=True, text=True)


def copy_assets(assets, tmp):
    dst = os.path.join(tmp, "assets")
    shutil.copytree(os.path.join(assets, "instruments"), os.path.join(dst, "instruments"))
    shutil.copytree(os.path.join(assets, "i18n"), os.path.join(dst, "i18n"),
                    ignore=shutil.ignore_patterns("po"))
    return dst


def edit(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, f"{path}: {old!r} not found (the self-test's plant is out of date)"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def expect_failure(result, *needles):
    out = result.stderr
    if result.returncode == 0 or not all(n in out for n in needles):
        print(f"expected a failure naming {needles}, got exit {result.returncode}:\n{out}")
        return False
    return True


def test_committed(assets):
    r = run_check(assets)
    print(r.stderr, end="")
    return r.returncode == 0


def test_self(assets):
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        a = copy_assets(assets, tmp)
        if run_check(a).returncode != 0:
            print("the unedited copy should pass")
            return False
        edit(os.path.join(a, "instruments", "phq-2.json"), '"display": "Feeling down, depressed, or hopeless?"',
             '"display": "Feeling down, depressed, or hopeless"')
        ok &= expect_failure(run_check(a), "phq-2.json")

    def planted(ident, lang, change):
        with tempfile.TemporaryDirectory() as tmp:
            a = copy_assets(assets, tmp)
            path = os.path.join(a, "instruments", "translations", f"{ident}.{lang}.json")
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            change(doc)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False)
            return run_check(a)

    missing = "Feeling down, depressed, or hopeless"
    ok &= expect_failure(planted("phq-2", "vi", lambda d: d["texts"].pop(missing)),
                         "phq-2.vi.json", "no vi text for", missing, "instrument phq-2")
    ok &= expect_failure(planted("hunger-vital-sign", "ar", lambda d: d["texts"].update({"Hungry?": "جائع؟"})),
                         "hunger-vital-sign.ar.json", "'Hungry?' is not a text of instrument hunger-vital-sign",
                         "language ar")
    ok &= expect_failure(planted("phq-9", "ko", lambda d: d["provenance"].update({"kind": "official"})),
                         "phq-9.ko.json", "official translation cites its \"source\"")
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--assets", required=True)
    parser.add_argument("what", choices=["committed", "self-test"])
    args = parser.parse_args()
    ok = {"committed": test_committed, "self-test": test_self}[args.what](args.assets)
    print("ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
