#!/usr/bin/env python3
"""Converts catalogs in the JSON format into the PO catalogs the build compiles, merging each
into assets/i18n/po/<domain>/<lang>.po (created when absent), then removes the JSON file.

Usage: scripts/i18n/json_to_po.py [--assets assets] [--keep-json] [FILE.json ...]
       (no FILE: every assets/i18n/<lang>.json and <domain>.<lang>.json but languages.json)

The JSON format (docs/TRANSLATIONS.md): {"_meta": {"language": "ru"}, key: text, ...}; the file
<lang>.json holds the domain "app", <domain>.<lang>.json the domain <domain>. A key whose
English is plural may be an object keyed by CLDR plural categories ({"one": ..., "few": ...});
the forms are written in the order of the language's Plural-Forms rule (languages.json
"plural.categories"). A plain text for a key that is already plural in the PO file (an older
JSON copy with "(s)") leaves the PO's forms as they are. _meta.provenance, when given, becomes
the X-Provenance header.
English files are converted first: their texts are the msgids of every other language.
A key the English catalog lacks, or a plural object missing one of the language's categories,
stops the conversion with the file and key named; the JSON files are removed only when every
one converted (running it again after a fix is safe: it merges).
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import po_catalog  # noqa: E402

DEFAULT_PROVENANCE = {
    "en": "source: the SafetyNet project's own English",
}
PROJECT = "project: translated for the SafetyNet project; not validated by a certified translator"


def json_files(assets):
    folder = os.path.join(assets, "i18n")
    return [os.path.join(folder, n) for n in sorted(os.listdir(folder))
            if n.endswith(".json") and n != "languages.json"]


def domain_and_lang(path, doc):
    stem = os.path.basename(path)[:-len(".json")]
    code = doc.get("_meta", {}).get("language") or stem.split(".", 1)[-1]
    domain = "app" if stem == code else stem[:-len(code) - 1]
    return domain, code


def forms(value, lang, where, notes):
    """The plural forms of a JSON value in the language's category order."""
    categories = lang["plural"]["categories"]
    if isinstance(value, str):
        notes.append(f"{where}: one text for a plural key: used for every form")
        return [value] * len(categories)
    if not isinstance(value, dict):
        raise ValueError(f"{where}: must be a text or an object of plural forms")
    missing = [c for c in categories if c not in value]
    if missing:
        raise ValueError(f"{where}: no form for the plural categor{'y' if len(missing) == 1 else 'ies'} "
                         f"{', '.join(missing)} of {lang['code']}")
    extra = [c for c in value if c not in categories]
    if extra:
        notes.append(f"{where}: forms {', '.join(extra)} dropped ({lang['code']}'s rule for whole "
                     f"numbers uses {', '.join(categories)})")
    return [value[c] for c in categories]


def convert(path, assets, languages, notes):
    """Merges one JSON catalog into its PO file; returns the PO path."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    domain, code = domain_and_lang(path, doc)
    lang = languages.get(code)
    if lang is None:
        raise ValueError(f"{path}: the language {code} is not in assets/i18n/languages.json")
    po = os.path.join(po_catalog.po_dir(assets), domain, code + ".po")
    entries, provenance = {}, None
    if os.path.exists(po):
        header, old = po_catalog.read(po)
        entries = {e.key: e for e in old}
        provenance = header.get("X-Provenance")
    meta = doc.get("_meta", {})
    if isinstance(meta.get("provenance"), str):
        provenance = meta["provenance"]
    provenance = provenance or DEFAULT_PROVENANCE.get(code, PROJECT)
    english = {}
    if code != "en":
        en_po = os.path.join(po_catalog.po_dir(assets), domain, "en.po")
        if not os.path.exists(en_po):
            raise ValueError(f"{path}: no English catalog {en_po}: convert the English files first")
        english = {e.key: e for e in po_catalog.read(en_po)[1]}
    for key, value in doc.items():
        if key.startswith("_"):
            continue
        where = f"{path}: key {key}"
        if code == "en":
            old = entries.get(key)
            if old is not None and old.plural:
                if not isinstance(value, dict):
                    notes.append(f"{where}: kept the plural English of {po}")
                    continue
                text = forms(value, lang, where, notes)
                entries[key] = po_catalog.Entry(key, (text[0], text[-1]), text, old.comments)
                continue
            if not isinstance(value, str):
                raise ValueError(f"{where}: an English text must be a string")
            entries[key] = po_catalog.Entry(key, value, value, old.comments if old else ())
            continue
        ref = english.get(key)
        if ref is None:
            raise ValueError(f"{where}: the English catalog {domain}/en.po has no such key")
        if ref.plural and isinstance(value, str) and key in entries and entries[key].plural:
            # An older JSON copy (a "(s)" text) must not overwrite the plural forms already in PO.
            notes.append(f"{where}: kept the plural forms of {po}")
            continue
        if ref.plural:
            text = forms(value, lang, where, notes)
        elif isinstance(value, dict):
            if "other" not in value:
                raise ValueError(f"{where}: plural forms for a key that is not plural in English")
            notes.append(f"{where}: plural forms for a key that is not plural in English: \"other\" used")
            text = value["other"]
        else:
            text = value
        entries[key] = po_catalog.Entry(key, ref.english, text)
    po_catalog.write(po, lang, entries.values(), provenance,
                     f"SafetyNet: the {domain} texts in {lang['english_name']}")
    return po


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--assets", default=os.path.join(os.path.dirname(__file__), "..", "..", "assets"))
    ap.add_argument("--keep-json", action="store_true", help="leave the JSON files in place")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    languages = po_catalog.languages(a.assets)
    files = a.files or json_files(a.assets)
    # English first: the other languages' msgids are its texts.
    files.sort(key=lambda p: (domain_and_lang(p, json.load(open(p, encoding="utf-8")))[1] != "en", p))
    notes = []
    try:
        done = [(p, convert(p, a.assets, languages, notes)) for p in files]
    except ValueError as e:
        print(f"json_to_po.py: {e}", file=sys.stderr)
        return 1
    for n in notes:
        print(f"json_to_po.py: note: {n}", file=sys.stderr)
    for src, po in done:
        print(f"{src} -> {po}")
        if not a.keep_json:
            os.remove(src)
    return 0


if __name__ == "__main__":
    sys.exit(main())
