#!/usr/bin/env python3
"""Contact-card fingerprints computed independently of the C++ code (Python's hashlib),
for fingerprint_vectors.txt. The rule (docs/BUNDLES.md): BLAKE2b-320 over
"safetynet-contact-fingerprint/v1" || X25519 public key || minisign key id || Ed25519 key,
cut into eight 5-byte big-endian numbers, each modulo 100000, zero-padded to 5 digits.
usage: fingerprint.py AGE1_RECIPIENT MINISIGN_PUBLIC_KEY_BASE64"""
import base64
import hashlib
import sys

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def bech32_data(s):
    s = s.lower()
    data = [CHARSET.index(c) for c in s[s.rindex("1") + 1:-6]]
    acc, bits, out = 0, 0, bytearray()
    for v in data:
        acc = (acc << 5) | v
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    return bytes(out)


def fingerprint(recipient, minisign_key):
    x25519 = bech32_data(recipient)
    blob = base64.b64decode(minisign_key)
    assert len(x25519) == 32 and len(blob) == 42 and blob[:2] == b"Ed"
    h = hashlib.blake2b(b"safetynet-contact-fingerprint/v1" + x25519 + blob[2:10] + blob[10:42], digest_size=40).digest()
    return " ".join("%05d" % (int.from_bytes(h[i:i + 5], "big") % 100000) for i in range(0, 40, 5))


if __name__ == "__main__":
    print(fingerprint(sys.argv[1], sys.argv[2]))
