"""A glyph's contours as polylines, for icons drawn as pen strokes.

The glyph's points are read with fontTools (a point pen: the points in the font's own order, components
decomposed, a CFF font's cubic curves made quadratic) and its quadratic curves are flattened here. What a font's
glyphs gave is kept in the cache folder, one entry a font file (keyed by its path, size and modification time):
a later run draws its icons without importing fontTools, which with the parse of the icon font is about a fifth
of a `recap pdf` (docs/performance.md).
"""

from __future__ import annotations

import marshal
import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from decks import cachedir
from decks.text.metrics import load_face

Contour = list[tuple[float, float]]
Contours = tuple[tuple[tuple[float, float], ...], ...]
_CURVE_STEPS = 4  # segments per quadratic curve: smooth at icon sizes once a pen's wobble is added
_CACHE_VERSION = 1


def contours(path: Path, char: str) -> Contours:
    """The contours of `char` in font units (y up), each a closed polyline; () when the font has no such glyph."""
    name, kept = _kept(path.resolve())
    found = kept.get(char)
    if found is None:
        found = kept[char] = _read(path, char)
        cachedir.write("glyphs", name, marshal.dumps(kept))
    return found


def units_per_em(path: Path) -> int:
    """The font's units per em, which `contours` are measured in."""
    return int(load_face(path).units_per_em)


@cache
def _kept(path: Path) -> tuple[str, dict[str, Contours]]:
    """The cache entry's name for the font file `path` and the contours kept in it (filled as glyphs are drawn)."""
    stat = path.stat()
    name = cachedir.key(_CACHE_VERSION, path, stat.st_size, stat.st_mtime_ns) + ".marshal"
    return name, cachedir.load("glyphs", name, _entry) or {}


def _entry(data: bytes) -> dict[str, Contours] | None:
    """A kept entry decoded: one character to its contours, each a tuple of finite (x, y) pairs; None otherwise."""
    found = marshal.loads(data)
    if not isinstance(found, dict):
        return None
    for char, shape in found.items():
        if not (isinstance(char, str) and len(char) == 1 and isinstance(shape, tuple)):
            return None
        for contour in shape:
            if not isinstance(contour, tuple) or not all(
                isinstance(p, tuple) and len(p) == 2 and all(isinstance(v, int | float) and math.isfinite(v) for v in p)
                for p in contour
            ):
                return None
    return found


def _read(path: Path, char: str) -> Contours:
    """The contours of `char` read with fontTools."""
    cmap, glyph_set, quadratic = _opened(path)
    name = cmap.get(ord(char))
    if name is None:
        return ()
    from fontTools.pens.cu2quPen import Cu2QuPointPen
    from fontTools.pens.pointPen import DecomposingPointPen

    class Points(DecomposingPointPen):  # type: ignore[misc]  # fontTools has no type information
        """The points of each contour: (x, y, on the curve)."""

        def __init__(self, glyph_set: Any) -> None:  # Any: a fontTools glyph set
            super().__init__(glyph_set)
            self.found: list[list[tuple[float, float, bool]]] = []

        def beginPath(self, identifier: str | None = None, **kwargs: object) -> None:
            self.found.append([])

        def addPoint(
            self, pt: tuple[float, float], segmentType: str | None = None, *args: object, **kw: object
        ) -> None:
            self.found[-1].append((pt[0], pt[1], segmentType is not None))

        def endPath(self) -> None:
            pass

    pen = Points(glyph_set)
    # A CFF font's cubic curves as quadratic ones, within a unit: the curves are flattened at four steps anyway.
    glyph_set[name].drawPoints(pen if quadratic else Cu2QuPointPen(pen, 1.0))
    return tuple(tuple(_flatten(c)) for c in pen.found if len(c) > 2)


@cache
# Any: a fontTools glyph set, and fontTools has no type information (see [tool.mypy] in pyproject.toml).
def _opened(path: Path) -> tuple[dict[int, str], Any, bool]:
    """The font's best cmap, its glyph set, and whether its outlines are quadratic (TrueType), opened once a run:
    a page's icons that are not kept yet are read from one parse of the font."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True, fontNumber=0)
    return font.getBestCmap(), font.getGlyphSet(), "glyf" in font


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
