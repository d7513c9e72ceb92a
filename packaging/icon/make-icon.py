#!/usr/bin/env python3
"""Draws the NuGet packages' icon (icon.png, 128x128 RGBA) without any imaging library.

A rounded square in deep teal with a white prompt (a chevron and a cursor bar): an agent that
carries out what it is told. Run it again only to change the design; the PNG is committed.
"""
import struct
import sys
import zlib

SIZE = 128
SAMPLES = 4  # supersampling per axis, for smooth edges
BACKGROUND = (0x0e, 0x5e, 0x55)
FOREGROUND = (0xff, 0xff, 0xff)


def inside_rounded_square(x: float, y: float) -> bool:
    radius, low, high = 24.0, 4.0, 124.0
    cx = min(max(x, low + radius), high - radius)
    cy = min(max(y, low + radius), high - radius)
    return low <= x <= high and low <= y <= high and (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def distance_to_segment(x, y, ax, ay, bx, by) -> float:
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return ((x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2) ** 0.5


def on_prompt(x: float, y: float) -> bool:
    stroke = 7.0
    chevron = min(distance_to_segment(x, y, 32, 38, 60, 64), distance_to_segment(x, y, 60, 64, 32, 90))
    cursor = 68 <= x <= 98 and 83 <= y <= 96
    return chevron <= stroke or cursor


def pixel(px: int, py: int) -> bytes:
    fill = ink = 0
    for sy in range(SAMPLES):
        for sx in range(SAMPLES):
            x, y = px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES
            if inside_rounded_square(x, y):
                fill += 1
                ink += on_prompt(x, y)
    if fill == 0:
        return bytes(4)
    colour = [round(b + (f - b) * ink / fill) for b, f in zip(BACKGROUND, FOREGROUND)]
    return bytes(colour + [round(255 * fill / SAMPLES ** 2)])


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def main(path: str) -> None:
    rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(SIZE)) for y in range(SIZE))
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    with open(path, "wb") as out:
        out.write(png)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "icon.png")
