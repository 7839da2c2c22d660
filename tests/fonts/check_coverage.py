#!/usr/bin/python3
"""Every text the app ships has a glyph in the fonts the app ships for it (no missing-glyph box).

  catalogs (assets/i18n/po/<area>/<code>.po)   each text, in its language's fonts (languages.json:
                                               the built-in NotoSans and the families it names)
  languages.json                               each language's own name, in its fonts
  instruments (assets/instruments/*.json)      each text and each translation (FHIR's translation
                                               extension), in the fonts of its language
  the demo directory, site.json                each text, in any font the app ships (the app
                                               fetches a font by the characters a text has)

And each language's own texts (catalogs, instrument wording, its name) need, of each family, only
the family's first part (the small "app" part of the CJK families): choosing the language then
fetches one file per family, and the kiosk builds its glyph atlas once (bench/language_switch: a
catalog string cut before its characters reached the "app" part sent the switch to Chinese for
the 1.4 MB "common" file, and a second atlas build).

Reads the built font files (fontTools, Debian's python3-fonttools): the built-in faces in
--builtin, the on-demand ones listed by --demand/fonts.json. --self-test plants a character no
font has and expects it reported by file, key and code point.
"""
import argparse
import json
import os
import sys

from fontTools.ttLib import TTFont

BUILTIN = "NotoSans"
# Characters that are never drawn: controls, and the marks that only steer layout.
INVISIBLE = set(range(0x20)) | {0x7F, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF}
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"


def cmap_of(path):
    return set(TTFont(path, lazy=True).getBestCmap() or {})


def load_fonts(builtin_dir, demand_dir):
    """family -> the characters every weight of it has."""
    fonts = {BUILTIN: cmap_of(os.path.join(builtin_dir, "NotoSans-Regular.ttf"))
             & cmap_of(os.path.join(builtin_dir, "NotoSans-Bold.ttf"))}
    with open(os.path.join(demand_dir, "fonts.json"), encoding="utf-8") as f:
        listing = json.load(f)
    for family in listing["families"]:
        chars = set()
        for part in family["parts"]:
            weights = [cmap_of(os.path.join(demand_dir, os.path.basename(p))) for p in part["files"].values()]
            chars |= set.intersection(*weights)
        fonts[family["family"]] = chars
    return fonts


def later_parts(demand_dir):
    """family -> (file, characters) of each part after the first, minus what the first part has."""
    with open(os.path.join(demand_dir, "fonts.json"), encoding="utf-8") as f:
        listing = json.load(f)
    out = {}
    for family in listing["families"]:
        first = None
        for part in family["parts"]:
            path = sorted(part["files"].values())[0]
            chars = cmap_of(os.path.join(demand_dir, os.path.basename(path)))
            if first is None:
                first = chars
            else:
                out.setdefault(family["family"], []).append((path, chars - first))
    return out


def strings_in(node, where, out):
    """Every string value in a JSON tree, with a path naming it."""
    if isinstance(node, str):
        out.append((where, node))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            strings_in(v, f"{where}[{i}]", out)
    elif isinstance(node, dict):
        for k, v in node.items():
            if k not in ("url", "system", "linkId", "id", "valueCode"):
                strings_in(v, f"{where}.{k}" if where else k, out)


def instrument_texts(doc, default_lang, where, out):
    """(language, where, text): each translation under its language, everything else in `default_lang`."""
    if isinstance(doc, dict):
        if doc.get("url") == TRANSLATION:
            parts = {e.get("url"): e for e in doc.get("extension", [])}
            lang = parts.get("lang", {}).get("valueCode")
            content = parts.get("content", {}).get("valueString")
            if lang and content:
                out.append((lang, where, content))
            return
        for k, v in doc.items():
            if k not in ("url", "system", "linkId", "id", "valueCode", "language"):
                instrument_texts(v, default_lang, f"{where}.{k}", out)
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            instrument_texts(v, default_lang, f"{where}[{i}]", out)
    elif isinstance(doc, str):
        out.append((default_lang, where, doc))


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "i18n"))
import po_catalog  # noqa: E402  (reads the PO catalogs with Debian's python3-babel)


def collect(assets):
    """(language or None for any, file, where, text) for every text the app ships."""
    texts = []
    i18n = os.path.join(assets, "i18n")
    with open(os.path.join(i18n, "languages.json"), encoding="utf-8") as f:
        languages = json.load(f)["languages"]
    for lang in languages:
        texts.append((lang["code"], "i18n/languages.json", f"{lang['code']}.native_name", lang["native_name"]))
    for domain, code, path in po_catalog.po_files(assets):
        for e in po_catalog.read(path)[1]:
            for text in (e.text if e.plural else [e.text]):
                if text:
                    texts.append((code, f"i18n/po/{domain}/{code}.po", e.key, text))
    folder = os.path.join(assets, "instruments")
    for name in sorted(n for n in os.listdir(folder) if n.endswith(".json")):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            doc = json.load(f)
        found = []
        instrument_texts(doc, doc.get("language", "en"), "", found)
        texts += [(lang, f"instruments/{name}", where, text) for lang, where, text in found]
    # The translators' instrument wording (instruments/translations/<id>.<lang>.json), each text
    # in its file's language.
    folder = os.path.join(assets, "instruments", "translations")
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            doc = json.load(f)
        texts += [(doc["language"], f"instruments/translations/{name}", f"texts[{en!r}]", text)
                  for en, text in doc.get("texts", {}).items()]
    for rel in ("directory/demo-region.hsds.json", "site.json"):
        with open(os.path.join(assets, rel), encoding="utf-8") as f:
            found = []
            strings_in(json.load(f), "", found)
        texts += [(None, rel, where, text) for where, text in found]
    return languages, texts


def check(languages, texts, fonts):
    problems = []
    by_code = {l["code"]: l for l in languages}
    for l in languages:
        for family in l["fonts"]:
            if family not in fonts:
                problems.append(f"i18n/languages.json: {l['code']} names the font family {family}, which the app does not ship")
    everything = set().union(*fonts.values())
    for code, file, where, text in texts:
        if code is None:
            have = everything
        elif code in by_code:
            have = set().union(*(fonts.get(f, set()) for f in by_code[code]["fonts"]))
        else:
            problems.append(f"{file}: {where}: the language {code} is not in i18n/languages.json")
            continue
        for ch in sorted(set(text)):
            if ord(ch) not in have and ord(ch) not in INVISIBLE:
                problems.append(f"{file}: {where}: U+{ord(ch):04X} has no glyph in the fonts for {code or 'any language'}")
    return problems


def check_first_parts(languages, texts, later):
    """A language's own texts in a family's later part: its switch fetches that file too."""
    problems = []
    by_code = {l["code"]: l for l in languages}
    for code, file, where, text in texts:
        if code not in by_code:
            continue
        for family in by_code[code]["fonts"]:
            for path, chars in later.get(family, []):
                for ch in sorted({c for c in text if ord(c) in chars}):
                    problems.append(f"{file}: {where}: U+{ord(ch):04X} is only in {path}, not in {family}'s first part: "
                                    f"choosing {code} fetches that file too")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--builtin", required=True)
    ap.add_argument("--demand", required=True)
    ap.add_argument("--assets", required=True)
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()
    fonts = load_fonts(args.builtin, args.demand)
    languages, texts = collect(args.assets)
    if args.self_test:
        planted = texts + [("es", "i18n/po/app/es.po", "planted.thai", "ก"), (None, "site.json", "planted", "\U0001F600")]
        # And a Chinese text with a character of the common part only (the first one it has).
        later = later_parts(args.demand)
        common_path, common = later["NotoSansCJKsc"][0]
        rare = chr(min(common))
        planted.append(("zh-Hans", "i18n/po/app/zh-Hans.po", "planted.rare", rare))
        problems = check(languages, planted, fonts) + check_first_parts(languages, planted, later)
        want = ["i18n/po/app/es.po: planted.thai: U+0E01 has no glyph in the fonts for es",
                "site.json: planted: U+1F600 has no glyph in the fonts for any language",
                f"i18n/po/app/zh-Hans.po: planted.rare: U+{ord(rare):04X} is only in {common_path}, not in "
                "NotoSansCJKsc's first part: choosing zh-Hans fetches that file too"]
        missing = [w for w in want if w not in problems]
        if missing:
            print("not reported:", *missing, sep="\n  ")
            return 1
        print(f"the planted characters were reported ({len(texts)} texts checked)")
        return 0
    problems = check(languages, texts, fonts) + check_first_parts(languages, texts, later_parts(args.demand))
    for p in problems:
        print(p)
    per_lang = {}
    for code, *_ in texts:
        per_lang[code or "any"] = per_lang.get(code or "any", 0) + 1
    print(f"{len(texts)} texts checked ({', '.join(f'{k}: {v}' for k, v in sorted(per_lang.items()))}); "
          f"{len(problems)} without a glyph")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
