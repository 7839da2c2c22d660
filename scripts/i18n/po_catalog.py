"""What the catalog scripts share: reading and writing SafetyNet's gettext PO catalogs.

A catalog is one PO file per domain and language, assets/i18n/po/<domain>/<lang>.po
(docs/TRANSLATIONS.md). Each entry is
    msgctxt  the stable key the code asks for ("welcome.start")
    msgid    the English text (msgid_plural: its plural)
    msgstr   the translation (msgstr[i]: the form for Plural-Forms index i)
The header carries Language, Plural-Forms (the language's rule from assets/i18n/languages.json)
and X-Provenance (who translated it: "official: <source>" or "project: <note>").
PO files are read with Debian's python3-babel (babel.messages.pofile); they are written here,
one entry after another in key order, unwrapped, so that a diff shows one line per change.
"""
import io
import json
import os
import re

from babel.messages.pofile import read_po, unescape

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
COUNT = "n"  # the placeholder a plural text's count fills


def languages(assets):
    """assets/i18n/languages.json as {code: entry}, in the file's order."""
    with open(os.path.join(assets, "i18n", "languages.json"), encoding="utf-8") as f:
        return {l["code"]: l for l in json.load(f)["languages"]}


def plural_forms(lang):
    """The gettext Plural-Forms header of a languages.json entry."""
    p = lang["plural"]
    return f"nplurals={len(p['categories'])}; plural={p['rule']};"


def po_dir(assets):
    return os.path.join(assets, "i18n", "po")


def po_files(assets):
    """Every catalog: [(domain, lang, path)], sorted."""
    out = []
    root = po_dir(assets)
    if not os.path.isdir(root):
        return out
    for domain in sorted(os.listdir(root)):
        folder = os.path.join(root, domain)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if name.endswith(".po"):
                out.append((domain, name[:-3], os.path.join(folder, name)))
    return out


class Entry:
    """One message: key, English (str, or (singular, plural)), translation (str, or [forms])."""

    def __init__(self, key, english, text, comments=()):
        self.key, self.english, self.text, self.comments = key, english, text, list(comments)

    @property
    def plural(self):
        return isinstance(self.english, tuple)


def header_fields(path):
    """The header entry's fields (babel keeps only the standard ones; X-Provenance is ours)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r'^msgid ""\s*\nmsgstr ((?:".*"\s*\n?)+)', text, re.M)
    if not m:
        return {}
    header = "".join(unescape(s) for s in re.findall(r'^\s*(".*")\s*$', m.group(1), re.M))
    fields = {}
    for line in header.split("\n"):
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def read(path):
    """(header fields, [Entry]) of a PO file; raises ValueError naming the file and line."""
    with open(path, "rb") as f:
        try:
            catalog = read_po(f, abort_invalid=True)
        except Exception as e:  # babel raises PoFileError (a plain Exception) with the line
            raise ValueError(f"{path}: {e}") from e
    entries = []
    for m in catalog:
        if not m.id:
            continue
        if not m.context:
            raise ValueError(f"{path}: the entry {m.id!r} has no msgctxt (its key)")
        text = list(m.string) if isinstance(m.id, tuple) else m.string
        fuzzy = "fuzzy" in m.flags
        entries.append(Entry(m.context, tuple(m.id) if isinstance(m.id, tuple) else m.id,
                             None if fuzzy else text, m.user_comments))
    return header_fields(path), entries


def _quote(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{s}"'


def write(path, lang, entries, provenance, title):
    """Writes a PO file: the header (language, plural rule, provenance), then each entry by key."""
    header = [
        "Project-Id-Version: SafetyNet",
        f"Language: {lang['code']}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        f"Plural-Forms: {plural_forms(lang)}",
        f"X-Provenance: {provenance}",
    ]
    out = io.StringIO()
    out.write(f"# {title}\n# {lang['english_name']} ({lang['code']}). See docs/TRANSLATIONS.md.\n")
    out.write('msgid ""\nmsgstr ""\n')
    for h in header:
        out.write(_quote(h + "\n") + "\n")
    for e in sorted(entries, key=lambda e: e.key):
        out.write("\n")
        for c in e.comments:
            out.write(f"# {c}\n")
        if PLACEHOLDER.search(e.english[0] if e.plural else e.english):
            out.write("#, python-brace-format\n")
        out.write(f"msgctxt {_quote(e.key)}\n")
        if e.plural:
            out.write(f"msgid {_quote(e.english[0])}\nmsgid_plural {_quote(e.english[1])}\n")
            for i, form in enumerate(e.text):
                out.write(f"msgstr[{i}] {_quote(form)}\n")
        else:
            out.write(f"msgid {_quote(e.english)}\nmsgstr {_quote(e.text)}\n")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(out.getvalue())
