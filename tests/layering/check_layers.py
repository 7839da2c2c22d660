#!/usr/bin/env python3
"""Checks every #include in core/, ui/, web/ and cli/ against the declared layers.

The layers are declared once, in the CMakeLists.txt files (safetynet_layer(), cmake/Layers.cmake),
which write them to <build>/layers.txt as "folder : declared folders : linked libraries". A file
in folder F may include:
  - a project header in F, or in a folder F declares, directly or through those folders;
  - a third-party header of a library F links, or that a folder below it links;
  - the standard library and the C/POSIX headers.
Anything else (a header above F, or beside it and not declared) is an error, printed as
"file:line: message". Exit status 1 when there is one, 0 otherwise.

  check_layers.py --layers build/native/layers.txt --root .
  check_layers.py --self-test --layers build/native/layers.txt --root .
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

SCANNED = ('core', 'ui', 'web', 'cli')
SOURCE_EXT = ('.cpp', '.hpp', '.h', '.c')
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')

# Third-party headers, by the library target (deps::<name>) that provides them.
THIRD_PARTY = [
    (re.compile(r'^nlohmann/'), 'json'),
    (re.compile(r'^sodium(\.h|/)'), 'sodium'),
    (re.compile(r'^qrcodegen/'), 'qrcodegen'),
    (re.compile(r'^imgui_impl_'), 'imgui_backends'),
    (re.compile(r'^(imgui|imgui_internal|imconfig|imstb_\w+)\.h$'), 'imgui'),
    (re.compile(r'^SDL'), 'sdl2'),  # linked by no folder: an SDL include anywhere is an error
    (re.compile(r'^(GLES\d?|GL|EGL)/'), 'gl'),
    (re.compile(r'^emscripten(\.h|/)'), 'emscripten'),
    (re.compile(r'^doctest/'), 'doctest'),
    (re.compile(r'^curl/'), 'curl'),
    (re.compile(r'^(hb|hb-[\w-]+)\.h$'), 'harfbuzz'),
    (re.compile(r'^fribidi(-[\w-]+)?\.h$'), 'fribidi'),
]
# What a library brings with it (its own public dependencies).
LIBRARY_IMPLIES = {'imgui_backends': {'imgui', 'gl'}}  # the OpenGL3 renderer: ImGui and GL


def read_layers(path):
    layers = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            folder, deps, links = (part.strip() for part in line.split(':'))
            layers[folder] = ([d for d in deps.split(',') if d], [l for l in links.split(',') if l])
    return layers


def closure(layers):
    """For each folder: the folders it may include and the libraries it may use."""
    folders, libraries = {}, {}

    def visit(folder):
        if folder in folders:
            return
        deps, links = layers[folder]
        reach, libs = {folder}, set(links)
        for d in deps:
            visit(d)
            reach |= folders[d]
            libs |= libraries[d]
        for lib in list(libs):
            libs |= LIBRARY_IMPLIES.get(lib, set())
        folders[folder], libraries[folder] = reach, libs

    for folder in layers:
        visit(folder)
    return folders, libraries


def owner(path, layers):
    """The declared folder a path lives in (the longest match), or None."""
    best = None
    for folder in layers:
        if path == folder or path.startswith(folder + '/'):
            if best is None or len(folder) > len(best):
                best = folder
    return best


def check(root, layers):
    may_include, may_use = closure(layers)
    errors = []
    for top in SCANNED:
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not name.endswith(SOURCE_EXT):
                    continue
                path = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, '/')
                folder = owner(os.path.dirname(path), layers)
                if folder is None or os.path.dirname(path) != folder:
                    errors.append(f'{path}:1: this folder is not a declared layer '
                                  '(declare it with safetynet_layer() in CMake)')
                    continue
                errors += check_file(root, path, folder, layers, may_include[folder], may_use[folder])
    return errors


def check_file(root, path, folder, layers, reach, libs):
    errors = []
    with open(os.path.join(root, path), encoding='utf-8', errors='replace') as f:
        for number, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            quote, target = m.groups()
            where = f'{path}:{number}'
            if quote == '"' and target.split('/')[0] in SCANNED:
                to = owner(os.path.dirname(target), layers)
                if to is None:
                    errors.append(f'{where}: "{target}" is in no declared layer')
                elif to not in reach:
                    kind = 'up' if folder in closure_of(to, layers) else 'sideways'
                    errors.append(f'{where}: {folder} may not include "{target}" ({kind}: {folder} '
                                  f'may use {", ".join(sorted(reach - {folder})) or "no other folder"})')
                continue
            lib = next((lib for pattern, lib in THIRD_PARTY if pattern.match(target)), None)
            if lib is not None and lib not in libs:
                errors.append(f'{where}: {folder} may not include <{target}>: it does not link {lib}')
            elif lib is None and quote == '"':
                errors.append(f'{where}: "{target}" is not a project path; write it from the root '
                              '("core/…") or with <> for a system header')
    return errors


def closure_of(folder, layers):
    return closure(layers)[0][folder]


def self_test(root, layers_path):
    """Plants an upward include in a copy of the tree and expects it to be caught by name."""
    with tempfile.TemporaryDirectory() as tmp:
        for top in SCANNED:
            shutil.copytree(os.path.join(root, top), os.path.join(tmp, top))
        victim = os.path.join(tmp, 'core', 'base', 'bytes.hpp')
        with open(victim, encoding='utf-8') as f:
            lines = f.read().split('\n')
        lines.insert(1, '#include "core/store/store.hpp"')
        with open(victim, 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines))
        run = subprocess.run([sys.executable, __file__, '--layers', layers_path, '--root', tmp],
                             capture_output=True, text=True)
        expected = 'core/base/bytes.hpp:2: core/base may not include "core/store/store.hpp" (up'
        print(run.stdout, end='')
        if run.returncode != 1 or expected not in run.stdout:
            print(f'self-test FAILED: expected exit 1 and "{expected}"')
            return 1
        print('self-test: the planted upward include was reported')
        return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--layers', required=True)
    ap.add_argument('--root', required=True)
    ap.add_argument('--self-test', action='store_true')
    args = ap.parse_args()
    if args.self_test:
        return self_test(args.root, args.layers)
    layers = read_layers(args.layers)
    errors = check(args.root, layers)
    for e in errors:
        print(e)
    print(f'{len(errors)} layering error(s) in {len(layers)} layers')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
