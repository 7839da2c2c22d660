#!/usr/bin/env python3
"""Draw the app icons (PNG) for the web manifest from the same shapes as web/icon.svg, with the
standard library only (no image tools needed at build time).

usage: make_icons.py OUT_DIR   -> icon-192.png, icon-512.png, icon-maskable-512.png
"""
import math
import os
import struct
import sys
import zlib

TEAL = (11, 110, 110)
AMBER = (242, 169, 0)
WHITE = (255, 255, 255)


def png(path, size, pixels):
    raw = b"".join(b"\0" + bytes(pixels[y * size * 4:(y + 1) * size * 4]) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def dist_to_segment(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _arc_point(t):
    return ((1 - t) ** 2 * 12 + 2 * (1 - t) * t * 32 + t * t * 52,
            (1 - t) ** 2 * 34 + 2 * (1 - t) * t * 46 + t * t * 34)


ARC = [(_arc_point(i / 32), _arc_point((i + 1) / 32)) for i in range(32)]


def shade(x, y, maskable):
    """Colour at (x, y) in the 64x64 design space of web/icon.svg, or None (transparent)."""
    if not maskable:
        r = 14.0  # rounded square
        cx, cy = min(max(x, r), 64 - r), min(max(y, r), 64 - r)
        if math.hypot(x - cx, y - cy) > r:
            return None
    if 13 <= y <= 27 and 25 <= x <= 39 and math.hypot(x - 32, y - 20) <= 6:
        return AMBER
    if not (27 <= y <= 44 and 8 <= x <= 56):  # outside the net's bounding box
        return TEAL
    # the net: a smile-shaped arc (quadratic from (12,34) via (32,46) to (52,34)) and three posts
    # x along the arc is linear in t (x = 12 + 40 t): only the segments near x can be close.
    i = int((x - 12) / 40 * len(ARC))
    for (ax, ay), (bx, by) in ARC[max(0, i - 2):i + 3]:
        if dist_to_segment(x, y, ax, ay, bx, by) <= 2.5:
            return WHITE
    for (px, top, bottom) in ((20, 30, 38), (32, 30, 40), (44, 30, 38)):
        if abs(x - px) <= 2.0 and dist_to_segment(x, y, px, top, px, bottom) <= 2.0:
            return WHITE
    return TEAL


def draw(size, maskable):
    ss = 2  # supersampling per axis
    # A maskable icon keeps its picture in the centre 80 % ("safe zone").
    scale, offset = (64 / 0.8, -6.4) if maskable else (64, 0)
    out = bytearray(size * size * 4)
    for y in range(size):
        for x in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    u = (x + (sx + 0.5) / ss) / size * scale + offset
                    v = (y + (sy + 0.5) / ss) / size * scale + offset
                    c = shade(u, v, maskable)
                    if c is not None:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            n = ss * ss
            a = acc[3] / n
            i = (y * size + x) * 4
            if a:
                out[i:i + 4] = bytes((round(acc[0] * 255 / acc[3]), round(acc[1] * 255 / acc[3]),
                                      round(acc[2] * 255 / acc[3]), round(a)))
    return out


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for name, size, maskable in (("icon-192.png", 192, False), ("icon-512.png", 512, False),
                                 ("icon-maskable-512.png", 512, True)):
        png(os.path.join(out_dir, name), size, draw(size, maskable))


if __name__ == "__main__":
    main()
