"""Just enough PNG reading to compare screenshots: 8-bit RGB or RGBA, not interlaced (what
Chromium writes), per the PNG specification's filters (None, Sub, Up, Average, Paeth)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path


def read(path: Path) -> tuple[int, int, int, bytes]:
    """Width, height, channels, and the pixels row after row."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    position, idat = 8, b""
    width = height = channels = 0
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and interlace == 0 and colour in (2, 6), (depth, colour)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        position += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    out = bytearray()
    previous = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + best) & 0xFF
        out += line
        previous = line
    return width, height, channels, bytes(out)


def differing_share(a: Path, b: Path, threshold: int = 4) -> float:
    """The share of pixels whose colour differs by more than ``threshold`` in a channel."""
    wa, ha, ca, pa = read(a)
    wb, hb, cb, pb = read(b)
    assert (wa, ha) == (wb, hb), f"sizes differ: {wa}x{ha} and {wb}x{hb}"
    differing = 0
    for pixel in range(wa * ha):
        x, y = pixel * ca, pixel * cb
        if any(abs(pa[x + c] - pb[y + c]) > threshold for c in range(3)):
            differing += 1
    return differing / (wa * ha)
