#!/usr/bin/env python3
"""The C2SP CCTV age vectors through `safetynet open`, as a user meets them.

usage: cctv_cli.py SAFETYNET CCTV_DIR BUNDLES_MD

Each applicable vector (the rule of test_cctv_age.cpp: the X25519 identities and scrypt
passphrases it has; a post-quantum identity is left out, and a vector needing one is not
applicable unless the file alone decides its result) is written to files: the body, its
identities to one identity file (-i), its first passphrase to --passphrase-file; `safetynet
open -o OUT IN` runs with standard input closed. The result class comes from the error kind
on stderr, mapped by the table in docs/BUNDLES.md (the documented contract); a success must
write plaintext whose SHA-256 is the vector's payload.
"""
import hashlib
import os
import re
import subprocess
import sys
import tempfile


def classes_from_doc(path):
    """kind -> CCTV class, from the table under "Each failure has a stable error kind"."""
    table = {}
    row = re.compile(r'^\| `([a-z0-9-]+)` \| ([A-Za-z ]+?) \|')
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = row.match(line)
            if m:
                table[m.group(1)] = m.group(2)
    return table


def read_vector(path):
    with open(path, 'rb') as f:
        data = f.read()
    split = data.index(b'\n\n')
    keys = {}
    for line in data[:split].decode('utf-8').split('\n'):
        k, _, v = line.partition(': ')
        keys.setdefault(k, []).append(v)
    return keys, data[split + 2:]


def run_vector(binary, keys, body, tmp):
    """The class `safetynet open` gives, and a note on what it printed."""
    identities = [i for i in keys.get('identity', []) if not i.startswith('AGE-SECRET-KEY-PQ-')]
    passphrases = keys.get('passphrase', [])
    files = {name: os.path.join(tmp, name) for name in ('in', 'ids', 'pw', 'out')}
    with open(files['in'], 'wb') as f:
        f.write(body)
    cmd = [binary, 'open', '-o', files['out'], files['in']]
    if identities:
        with open(files['ids'], 'w', encoding='utf-8') as f:
            f.write('\n'.join(identities) + '\n')
        cmd += ['-i', files['ids']]
    elif passphrases:
        with open(files['pw'], 'w', encoding='utf-8') as f:
            f.write(passphrases[0] + '\n')
        cmd += ['--passphrase-file', files['pw']]
    if os.path.exists(files['out']):
        os.remove(files['out'])
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    if p.returncode == 0:
        with open(files['out'], 'rb') as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        return 'success', digest
    m = re.search(r'error \[([a-z0-9-]+)\]', p.stderr)
    return (m.group(1) if m else f'exit {p.returncode}'), p.stderr.strip()


def main():
    binary, cctv_dir, bundles_md = sys.argv[1:4]
    classes = classes_from_doc(bundles_md)
    if len(classes) < 10:
        print(f'FAIL: the error kind table in {bundles_md} was not found')
        return 1
    with open(os.path.join(cctv_dir, 'index.txt'), encoding='utf-8') as f:
        names = [n for n in f.read().split('\n') if n]
    applicable = passed = 0
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            keys, body = read_vector(os.path.join(cctv_dir, name))
            expect = keys['expect'][0]
            usable = [i for i in keys.get('identity', []) if not i.startswith('AGE-SECRET-KEY-PQ-')]
            post_quantum = len(usable) < len(keys.get('identity', []))
            file_decides = expect in ('header failure', 'armor failure', 'payload failure')
            if post_quantum and (not (usable or keys.get('passphrase')) or not file_decides):
                continue
            applicable += 1
            outcome, detail = run_vector(binary, keys, body, tmp)
            got = 'success' if outcome == 'success' else classes.get(outcome, outcome)
            ok = got == expect
            if ok and outcome == 'success' and 'payload' in keys:
                ok = detail == keys['payload'][0]
            if ok:
                passed += 1
            else:
                failures.append(f'{name}: expected {expect}, got {got} ({detail})')
    for line in failures:
        print('FAIL:', line)
    print(f'CCTV age through safetynet open: {passed} passed of {applicable} applicable '
          f'({len(names)} vectors, {len(names) - applicable} not applicable: post-quantum identities only)')
    return 0 if passed == applicable and applicable > 100 else 1


if __name__ == '__main__':
    sys.exit(main())
