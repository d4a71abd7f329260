"""A QR code drawn on the page: its modules as few boxes as possible on a light square with a quiet zone."""

from __future__ import annotations

import re

from decks.plan.sketch import qr
from decks.plan.sketch.primitives import Box, Color, Primitive, Rect
from decks.plan.sketch.style import QR_SIDE


def _module(url: str) -> float:
    return QR_SIDE / qr.size(url)


_DARK_RUN = re.compile(b"\x01+")


def _qr(url: str, x: float, y: float, light: Color, dark: Color) -> list[Primitive]:
    """The code on a light square with a 2-module quiet zone, its dark modules as few boxes as possible.

    Runs of dark modules in a row become one box, and a box grows down while the rows below have the
    same run: a fifth fewer boxes than runs, which the renderers then fill as one path.
    """
    matrix = qr.matrix(url)
    m = QR_SIDE / len(matrix)
    side = QR_SIDE + 4 * m
    out: list[Primitive] = [Box(Rect(x, y, side, side), light)]
    open_: dict[tuple[int, int], int] = {}  # (first column, end column) -> first row of a growing box

    def close(run: tuple[int, int], top: int, bottom: int) -> None:
        # A hair of overlap so anti-aliased PNG edges do not show seams between boxes.
        c0, c1 = run
        out.append(Box(Rect(x + (2 + c0) * m, y + (2 + top) * m, (c1 - c0) * m, (bottom - top) * m + 0.01), dark))

    for r, row in enumerate(matrix):
        runs = [hit.span() for hit in _DARK_RUN.finditer(bytes(row))]  # the row's bools as bytes 0 and 1
        here = set(runs)
        for run in [k for k in open_ if k not in here]:
            close(run, open_.pop(run), r)
        for run in runs:
            open_.setdefault(run, r)
    for run, top in open_.items():
        close(run, top, len(matrix))
    return out
