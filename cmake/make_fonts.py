#!/usr/bin/python3
"""Cuts the fonts the app fetches on demand out of Debian's font files (ui/shell/font_families.json).

Usage: make_fonts.py --families ui/shell/font_families.json --builtin ui/shell/font_glyphs.txt
                     --fonts /usr/share/fonts --assets assets --out DIR

Writes DIR/<Family>[-<part>]-<Weight>.<ttf|otf> and DIR/fonts.json, the list the app reads:
  {"families": [{"family": F, "parts": [{"files": {"Regular": "fonts/..."}, "ranges": [[first, last], ...]}]}]}
Runs on the interpreter that carries Debian's fontTools (python3-fonttools), as pyftsubset does.
"""
import argparse
import json
import os
import re
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

RANGE = re.compile(r"^U\+([0-9A-Fa-f]+)(?:-([0-9A-Fa-f]+))?$")


def parse_range(text, where):
    m = RANGE.match(text.strip())
    if not m:
        sys.exit(f"{where}: \"{text}\" is not a range like U+4E00-9FFF or U+2116")
    first = int(m.group(1), 16)
    return set(range(first, int(m.group(2) or m.group(1), 16) + 1))


def builtin_characters(path):
    """The characters of ui/shell/font_glyphs.txt: the compiled-in face has them already."""
    out = set()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if line:
                out |= parse_range(line, f"{path}:{n}")
    return out


def asset_characters(assets):
    """Every character of the texts the app ships: catalogs, instruments, the demo directory, site.json."""
    out = set()
    for folder, _, files in os.walk(assets):
        for name in sorted(files):
            if name.endswith((".json", ".po")):  # .po: the translation catalogs (assets/i18n/po)
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    out |= {ord(c) for c in f.read()}
    return out


def charset_characters(codec):
    """What a national character set holds: every one- and two-byte sequence the codec decodes."""
    out = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                out |= {ord(c) for c in bytes([lead, trail]).decode(codec)}
            except UnicodeDecodeError:
                pass
    return out


def part_characters(spec, family_ranges, assets_chars, where):
    out = set()
    for item in spec:
        if item == "assets":
            out |= assets_chars
        elif item.startswith("charset:"):
            out |= charset_characters(item[len("charset:"):])
        else:
            out |= parse_range(item, where)
    return out & family_ranges


def as_ranges(chars):
    ranges = []
    for c in sorted(chars):
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    return ranges


def cut(source, chars, shaping, out_path):
    path, _, number = source.partition("#")
    font = TTFont(path, fontNumber=int(number or 0), lazy=False)
    options = subset.Options()
    options.hinting = False
    options.name_IDs = [1, 2, 3, 4, 6]
    options.notdef_outline = False
    options.desubroutinize = True  # smaller once gzipped, and stb_truetype reads it faster
    if shaping:
        options.layout_features = ["*"]  # the shaper needs GSUB/GPOS (joining forms, marks)
    else:
        options.layout_features = []
        options.drop_tables += ["GSUB", "GPOS", "GDEF"]
    options.drop_tables += ["DSIG", "VORG", "vhea", "vmtx"]
    s = subset.Subsetter(options)
    # A shaped family keeps its own spaces (not listed in fonts.json: the built-in face has
    # them): a space between two Arabic words then takes the Arabic face's width and leaves the
    # line one run in one font for HarfBuzz, as a browser shapes it (tests/ui/shaping).
    s.populate(unicodes=sorted(chars | ({0x20, 0xA0} if shaping else set())))
    s.subset(font)
    kept = set(font.getBestCmap() or {})
    font.save(out_path)
    return kept


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--families", required=True)
    ap.add_argument("--builtin", required=True)
    ap.add_argument("--fonts", required=True)
    ap.add_argument("--assets", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    with open(args.families, encoding="utf-8") as f:
        families = json.load(f)["families"]
    builtin = builtin_characters(args.builtin)
    assets_chars = asset_characters(args.assets)
    os.makedirs(args.out, exist_ok=True)
    listing = []
    for fam in families:
        name = fam["family"]
        where = f"{args.families} ({name})"
        ranges = set()
        for r in fam["ranges"]:
            ranges |= parse_range(r, where)
        ranges -= builtin
        taken = set()
        parts = []
        for part in fam["parts"]:
            chars = part_characters(part["characters"], ranges, assets_chars, where) - taken
            taken |= chars
            stem = name + (f"-{part['name']}" if part["name"] else "")
            files, covered = {}, None
            for weight, source in fam["source"].items():
                ext = ".otf" if source.partition("#")[0].endswith((".otf", ".ttc")) else ".ttf"
                file_name = f"{stem}-{weight}{ext}"
                kept = cut(os.path.join(args.fonts, source), chars, fam.get("shaping", False),
                           os.path.join(args.out, file_name))
                files[weight] = "fonts/" + file_name
                # A part promises only what every weight has.
                covered = kept if covered is None else covered & kept
            parts.append({"files": files, "ranges": as_ranges(covered & chars)})
        listing.append({"family": name, "parts": parts})
    with open(os.path.join(args.out, "fonts.json"), "w", encoding="utf-8") as f:
        json.dump({"families": listing}, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
