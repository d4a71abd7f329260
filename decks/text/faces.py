"""The face model: one font file's metrics, as layout measures with them (advances by code point, vertical
metrics), and whether the face draws a character.

A theme names a dozen faces (CJK, emoji, symbols) that a Latin deck never draws, so a face's advances are turned
into a dict only when a character is first looked up in it; until then they are two flat arrays (as the metrics
cache and the shipped records keep them), which cost nothing to read. Where a face comes from:
decks.text.metrics.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from functools import cached_property
from pathlib import Path

import msgspec


class Advances:
    """A face's advances by code point, kept as two arrays (code points in order, advances in font units) until
    a character is first measured: then they become the dict every later lookup uses. Whether the face has a
    character is answered from the sorted code points, so the faces that a fallback stack only asks (does the
    emoji font have this arrow?) never build the dict."""

    __slots__ = ("_codes", "_dict", "_widths")

    def __init__(self, codes: array[int], widths: array[int]) -> None:
        self._codes, self._widths = codes, widths
        self._dict: dict[int, int] | None = None

    @classmethod
    def of(cls, advances: dict[int, int]) -> Advances:
        ordered = sorted(advances.items())
        made = cls(array("I", (c for c, _ in ordered)), array("l", (w for _, w in ordered)))
        made._dict = advances
        return made

    def has(self, code: int) -> bool:
        if self._dict is not None:
            return code in self._dict
        at = bisect_left(self._codes, code)
        return at < len(self._codes) and self._codes[at] == code

    def arrays(self) -> tuple[array[int], array[int]]:
        """The code points (ascending) and their advances, as kept in the metrics cache."""
        return self._codes, self._widths

    def as_dict(self) -> dict[int, int]:
        if self._dict is None:
            self._dict = dict(zip(self._codes, self._widths, strict=True))
        return self._dict


class Face(msgspec.Struct, frozen=True, eq=False, dict=True):
    """One font file's metrics: advances by code point (font units) and vertical metrics (em fractions).

    `advances` (code point -> font units) is read on first use from `source`, which the copies that
    `msgspec.structs.replace` makes share, so a face no character is measured in costs no dict at all.
    """

    path: Path
    family: str
    units_per_em: float
    ascent: float  # above the baseline, as a fraction of the em
    descent: float  # below the baseline, positive
    line_gap: float
    source: Advances
    notdef: int = 0  # the advance of glyph 0 (.notdef), which renderers draw for a character the face lacks

    @cached_property
    def advances(self) -> dict[int, int]:
        return self.source.as_dict()

    def has(self, ch: str) -> bool:
        """Whether this face has a glyph for `ch`."""
        return self.source.has(ord(ch))

    def advance(self, ch: str) -> float:
        """The advance of `ch` in ems; of the .notdef box when the face lacks it, as renderers draw it."""
        return self.advances.get(ord(ch), self.notdef) / self.units_per_em

    def width(self, text: str, size: float) -> float:
        """The width of `text` set in this face at `size` points (no kerning, as reportlab draws it).

        A character the face lacks counts as wide as the .notdef box that reportlab, Pillow and SVG viewers
        draw for it, so the next character never lands on top of the box.
        """
        adv, notdef = self.advances, self.notdef
        return sum(adv.get(ord(c), notdef) for c in text) * size / self.units_per_em

    @property
    def line_height(self) -> float:
        """The natural distance between baselines, in ems."""
        return self.ascent + self.descent + self.line_gap
