"""A glyph's contours as polylines, for icons drawn as pen strokes: read with struct from a TrueType font's glyf
table, so drawing a page's icons does not import fontTools (about 60 ms of start-up, issue 12).

Simple glyphs (quadratic contours, all Font Awesome's) are read here; anything else (a composite glyph, a CFF
font, a table cut short) goes to fontTools, which reads every font.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from decks.text.fonts import _best_cmap

Contour = list[tuple[float, float]]
_CURVE_STEPS = 4  # segments per quadratic curve: smooth at icon sizes once a pen's wobble is added


@cache
def _tables(path: Path) -> tuple[int, dict[int, int], bytes, list[int]] | None:
    """unitsPerEm, the cmap, the glyf table and the glyph offsets, or None for a font this does not read."""
    try:
        data = path.read_bytes()
        if data[:4] not in (b"\x00\x01\x00\x00", b"true"):
            return None
        count = int.from_bytes(data[4:6], "big")
        where = {}
        for i in range(count):
            tag, _, offset, length = struct.unpack_from(">4sLLL", data, 12 + 16 * i)
            where[tag] = data[offset : offset + length]
        head, maxp, loca = where[b"head"], where[b"maxp"], where[b"loca"]
        upm = int.from_bytes(head[18:20], "big")
        long_offsets = int.from_bytes(head[50:52], "big") == 1
        glyphs = int.from_bytes(maxp[4:6], "big")
        if long_offsets:
            offsets = list(struct.unpack_from(f">{glyphs + 1}L", loca))
        else:
            offsets = [2 * o for o in struct.unpack_from(f">{glyphs + 1}H", loca)]
        codes = _best_cmap(where[b"cmap"])
        if codes is None or upm == 0:
            return None
        return upm, codes, where[b"glyf"], offsets
    except (OSError, KeyError, IndexError, struct.error):
        return None


def _points(glyf: bytes, start: int) -> list[list[tuple[int, int, bool]]] | None:
    """The contours of the simple glyph at `start`: (x, y, on the curve); None for a composite glyph."""
    contours = struct.unpack_from(">h", glyf, start)[0]
    if contours < 0:
        return None
    at = start + 10
    ends = struct.unpack_from(f">{contours}H", glyf, at)
    at += 2 * contours
    at += 2 + int.from_bytes(glyf[at : at + 2], "big")  # the instructions
    total = ends[-1] + 1 if ends else 0
    flags: list[int] = []
    while len(flags) < total:
        flag = glyf[at]
        at += 1
        flags.append(flag)
        if flag & 8:
            flags += [flag] * glyf[at]
            at += 1
    coords = []
    for short, same in ((2, 16), (4, 32)):
        value, out = 0, []
        for flag in flags[:total]:
            if flag & short:
                delta = glyf[at]
                at += 1
                value += delta if flag & same else -delta
            elif not flag & same:
                value += struct.unpack_from(">h", glyf, at)[0]
                at += 2
            out.append(value)
        coords.append(out)
    xs, ys = coords
    out_contours, first = [], 0
    for end in ends:
        out_contours.append([(xs[i], ys[i], bool(flags[i] & 1)) for i in range(first, end + 1)])
        first = end + 1
    return out_contours


def _flatten(points: Sequence[tuple[float, float, bool]]) -> Contour:
    """A quadratic contour as a closed polyline (implied on-curve points between two off-curve ones)."""
    if not any(on for _, _, on in points):
        points = [((points[0][0] + points[1][0]) / 2, (points[0][1] + points[1][1]) / 2, True), *points]
    k = next(i for i, p in enumerate(points) if p[2])
    ring = [*points[k:], *points[:k]]
    out: Contour = [(ring[0][0], ring[0][1])]
    n = len(ring)
    i = 1
    while i <= n:
        x, y, on = ring[i % n]
        if on:
            out.append((x, y))
            i += 1
            continue
        nx, ny, non = ring[(i + 1) % n]
        end = (nx, ny) if non else ((x + nx) / 2, (y + ny) / 2)
        x0, y0 = out[-1]
        for s in range(1, _CURVE_STEPS + 1):
            t = s / _CURVE_STEPS
            u = 1 - t
            out.append((u * u * x0 + 2 * u * t * x + t * t * end[0], u * u * y0 + 2 * u * t * y + t * t * end[1]))
        i += 2 if non else 1
    return out


@cache
def contours(path: Path, char: str) -> tuple[tuple[tuple[float, float], ...], ...]:
    """The contours of `char` in font units (y up), each a closed polyline; () when the font has no such glyph."""
    tables = _tables(path)
    if tables is not None:
        _, codes, glyf, offsets = tables
        gid = codes.get(ord(char))
        if gid is None or gid + 1 >= len(offsets):
            return ()
        if offsets[gid] == offsets[gid + 1]:
            return ()  # an empty glyph (a space)
        try:
            found = _points(glyf, offsets[gid])
        except (IndexError, struct.error):
            found = None
        if found is not None:
            return tuple(tuple(_flatten(c)) for c in found if len(c) > 2)
    return _contours_fonttools(path, char)


def units_per_em(path: Path) -> int:
    tables = _tables(path)
    if tables is not None:
        return tables[0]
    from fontTools.ttLib import TTFont

    units: int = TTFont(str(path), lazy=True)["head"].unitsPerEm
    return units


def _contours_fonttools(path: Path, char: str) -> tuple[tuple[tuple[float, float], ...], ...]:
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    name = font.getBestCmap().get(ord(char))
    if name is None:
        return ()
    found: list[Contour] = []

    class Flat(BasePen):  # type: ignore[misc]  # fontTools has no type information: BasePen is Any
        def _moveTo(self, pt: tuple[float, float]) -> None:
            found.append([pt])

        def _lineTo(self, pt: tuple[float, float]) -> None:
            found[-1].append(pt)

        def _curveToOne(self, p1: tuple[float, float], p2: tuple[float, float], p3: tuple[float, float]) -> None:
            (x0, y0) = self._getCurrentPoint()
            for i in range(1, 7):
                t = i / 6
                u = 1 - t
                found[-1].append(
                    (
                        u**3 * x0 + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                        u**3 * y0 + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                    )
                )

        def _closePath(self) -> None:
            pass

    glyphs = font.getGlyphSet()
    glyphs[name].draw(Flat(glyphs))
    return tuple(tuple(c) for c in found if len(c) > 2)
