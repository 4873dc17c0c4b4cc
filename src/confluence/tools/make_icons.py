#!/usr/bin/env python3
"""Draws the plugin's icon, logo and macro icon (src/confluence/resources/images/*.png) without any image library:
a rounded blue square with three white "runbook" bars and a check mark. Run from the repository root to redraw."""
import struct
import zlib

BLUE = (0, 82, 204)
WHITE = (255, 255, 255)
GREEN = (54, 179, 126)


def inside_rounded(x, y, n, r):
    cx = min(max(x, r), n - 1 - r)
    cy = min(max(y, r), n - 1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def pixel(x, y, n):
    r = max(2, n // 6)
    if not inside_rounded(x, y, n, r):
        return (0, 0, 0, 0)
    u, v = x / n, y / n
    for i, top in enumerate((0.22, 0.44, 0.66)):
        if top <= v <= top + 0.12 and 0.36 <= u <= 0.82:
            return WHITE + (255,)
        # a tick box per bar, the first two ticked
        if top <= v <= top + 0.12 and 0.16 <= u <= 0.28:
            return (GREEN if i < 2 else WHITE) + (255,)
    return BLUE + (255,)


def png(n):
    raw = b"".join(b"\x00" + b"".join(struct.pack("BBBB", *pixel(x, y, n)) for x in range(n)) for y in range(n))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


for name, size in (("icon", 16), ("logo", 144), ("macro-icon", 80)):
    with open(f"src/confluence/resources/images/{name}.png", "wb") as f:
        f.write(png(size))
