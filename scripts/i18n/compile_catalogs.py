#!/usr/bin/env python3
"""Compiles the PO catalogs (assets/i18n/po/<domain>/<lang>.po) into what the app loads, one
JSON file per language, and fails when a catalog is not complete and consistent with English.

Usage: compile_catalogs.py --assets ASSETS --out DIR     (run by the build: core/CMakeLists.txt)

Writes DIR/<lang>.json = {"_meta": {"language", "provenance", "plural_forms"}, key: text | [form, ...]}, a plural
text as its forms in Plural-Forms order. Fails, naming file, key and reason, when
  - a catalog misses a key its English catalog has, or has one English lacks, or leaves a
    translation empty or fuzzy;
  - a translation's {placeholders} differ from the English ones (a plural form may leave out
    the count {n}: Arabic's "one" and "two" forms say the number in the word);
  - a plural key has not one form per plural category of its language, or a key is plural in
    one language and not in English;
  - the Plural-Forms header differs from the language's rule in assets/i18n/languages.json, or
    that rule disagrees with CLDR (Debian's python3-babel carries CLDR's plural rules) for a
    count from 0 to 1000;
  - a JSON catalog in the old format is still in assets/i18n (scripts/i18n/json_to_po.py
    converts it).
Only the catalogs present are checked: a language without a catalog is simply not compiled.
"""
import argparse
import gettext
import json
import os
import sys

from babel import Locale, UnknownLocaleError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import po_catalog  # noqa: E402


def check_plural_rules(languages, problems):
    """Each language's rule must give CLDR's category for every count 0..1000 (CLDR's Spanish and
    Portuguese "many", for exact millions, is folded into "other" as gettext's rules do)."""
    for code, lang in languages.items():
        p = lang.get("plural")
        if not p or not p.get("categories") or not p.get("rule"):
            problems.append(f"i18n/languages.json: {code}: \"plural\" needs \"categories\" and \"rule\"")
            continue
        try:
            rule = gettext.c2py(p["rule"])
        except ValueError as e:
            problems.append(f"i18n/languages.json: {code}: plural rule {p['rule']!r}: {e}")
            continue
        try:
            cldr = Locale.parse(code.replace("-", "_")).plural_form
        except (UnknownLocaleError, ValueError):
            cldr = None  # CLDR has no rule for the language (Haitian Creole): the file's word stands
        for n in range(0, 1001):
            index = rule(n)
            if not 0 <= index < len(p["categories"]):
                problems.append(f"i18n/languages.json: {code}: the plural rule gives index {index} for {n}")
                break
            if cldr is not None and cldr(n) != p["categories"][index]:
                problems.append(f"i18n/languages.json: {code}: the plural rule gives \"{p['categories'][index]}\" "
                                f"for {n}, CLDR says \"{cldr(n)}\"")
                break


def check_decimal_symbols(languages, problems):
    """Each language's "decimal" must be CLDR's decimal symbol (for the Latin digits the app writes)."""
    for code, lang in languages.items():
        decimal = lang.get("decimal")
        if not isinstance(decimal, str) or not decimal:
            problems.append(f"i18n/languages.json: {code}: \"decimal\" needs the decimal symbol")
            continue
        try:
            cldr = Locale.parse(code.replace("-", "_")).number_symbols["decimal"]
        except (UnknownLocaleError, ValueError):
            continue  # CLDR does not have the language (Haitian Creole): the file's word stands
        if decimal != cldr:
            problems.append(f"i18n/languages.json: {code}: decimal symbol {decimal!r}, CLDR says {cldr!r}")


def placeholders(text):
    return set(po_catalog.PLACEHOLDER.findall(text))


def check_entry(where, lang, english, entry, problems):
    """One translation against its English entry."""
    if entry.text is None:
        problems.append(f"{where}: the translation is fuzzy (a translator has not confirmed it)")
        return
    if entry.plural != english.plural:
        problems.append(f"{where}: the key is {'plural' if english.plural else 'not plural'} in English")
        return
    if not entry.plural:
        if entry.text == "":
            problems.append(f"{where}: the translation is empty")
            return
        want, got = placeholders(english.english), placeholders(entry.text)
        if want != got:
            problems.append(f"{where}: placeholders {sorted(got)} differ from the English {sorted(want)}")
        return
    categories = lang["plural"]["categories"]
    forms = list(entry.text) + [""] * (len(categories) - len(entry.text))
    missing = [c for c, form in zip(categories, forms) if form == ""]
    if missing:
        problems.append(f"{where}: no plural form for {', '.join(missing)} ({lang['code']} needs "
                        f"{len(categories)}: {', '.join(categories)})")
    if len(forms) > len(categories):
        problems.append(f"{where}: {len(forms)} plural forms, {lang['code']} has {len(categories)}")
    want = placeholders(english.english[0]) | placeholders(english.english[1])
    for category, form in zip(categories, forms):
        got = placeholders(form)
        if form and (got - want or (want - {po_catalog.COUNT}) - got):
            problems.append(f"{where} [{category}]: placeholders {sorted(got)} differ from the English {sorted(want)}")


def check_catalog(domain, code, path, english, languages, problems, warnings):
    """Returns {key: text or [forms]} of one catalog, appending what is wrong to problems."""
    rel = os.path.join("i18n", "po", domain, code + ".po")
    try:
        header, entries = po_catalog.read(path)
    except (ValueError, OSError) as e:
        problems.append(str(e))
        return None
    lang = languages.get(code)
    if lang is None:
        problems.append(f"{rel}: the language {code} is not in i18n/languages.json")
        return None
    if header.get("Language") != code:
        problems.append(f"{rel}: the header says Language: {header.get('Language')}, the file name {code}")
    if header.get("Plural-Forms", "").replace(" ", "") != po_catalog.plural_forms(lang).replace(" ", ""):
        problems.append(f"{rel}: Plural-Forms is {header.get('Plural-Forms')!r}; i18n/languages.json "
                        f"says {po_catalog.plural_forms(lang)!r}")
    if not header.get("X-Provenance"):
        problems.append(f"{rel}: the header has no X-Provenance (who translated it)")
    out = {}
    for e in entries:
        where = f"{rel}: key {e.key}"
        if e.key in out:
            problems.append(f"{where}: the key is defined twice")
            continue
        ref = english.get(e.key)
        if ref is None:
            problems.append(f"{where}: English ({domain}/en.po) has no such key")
            continue
        if e.english != ref.english:
            warnings.append(f"{where}: msgid is not the current English text (stale translation)")
        check_entry(where, lang, ref, e, problems)
        out[e.key] = e.text
    for key in sorted(set(english) - set(out)):
        problems.append(f"{rel}: key {key}: missing (English: {english[key].english!r})")
    return out, header.get("X-Provenance", "")


def leftover_json(assets, problems):
    folder = os.path.join(assets, "i18n")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json") and name != "languages.json":
            problems.append(f"i18n/{name}: a catalog in the old JSON format; convert it with "
                            f"scripts/i18n/json_to_po.py (docs/TRANSLATIONS.md)")


def compile_all(assets):
    """({lang: compiled catalog}, problems, warnings)."""
    problems, warnings = [], []
    languages = po_catalog.languages(assets)
    check_plural_rules(languages, problems)
    check_decimal_symbols(languages, problems)
    leftover_json(assets, problems)
    files = po_catalog.po_files(assets)
    english = {}
    for domain, code, path in files:
        if code == "en":
            try:
                english[domain] = {e.key: e for e in po_catalog.read(path)[1]}
            except ValueError as e:
                problems.append(str(e))
    compiled = {}
    for domain, code, path in files:
        if domain not in english:
            problems.append(f"i18n/po/{domain}: no English catalog (en.po)")
            continue
        result = check_catalog(domain, code, path, english[domain], languages, problems, warnings)
        if not result:
            continue
        texts, provenance = result
        catalog = compiled.setdefault(code, {"_meta": {
            "language": code, "provenance": provenance,
            "plural_forms": po_catalog.plural_forms(po_catalog.languages(assets)[code])}})
        for key, text in texts.items():
            if key in catalog:
                problems.append(f"i18n/po/{domain}/{code}.po: key {key}: also defined in another domain")
            catalog[key] = text
    return compiled, problems, warnings


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--assets", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    compiled, problems, warnings = compile_all(a.assets)
    for w in warnings:
        print(f"compile_catalogs.py: warning: {w}", file=sys.stderr)
    if problems:
        for p in problems:
            print(f"compile_catalogs.py: {p}", file=sys.stderr)
        print(f"compile_catalogs.py: {len(problems)} problem(s) in the catalogs; nothing written",
              file=sys.stderr)
        return 1
    os.makedirs(a.out, exist_ok=True)
    for code, catalog in compiled.items():
        text = json.dumps(catalog, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        path = os.path.join(a.out, code + ".json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                if f.read() == text:
                    continue
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
