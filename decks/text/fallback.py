"""Per-character font fallback: which face draws each character, and which characters no face has."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

import msgspec

from decks.text.faces import Face
from decks.text.lookup import bold_cut
from decks.text.shaping import Around, has_rtl, joined, visual
from decks.text.system import system_face

# Characters that take no space and need no glyph: joiners, variation selectors, soft hyphen, and the
# bidi controls and other boundary-neutral characters, which the bidi algorithm removes from a line.
IGNORABLE = frozenset("\u200b\u200c\u200d\u2060\ufe0e\ufe0f\u00ad\u200e\u200f\u061c")


@cache
def is_ignorable(ch: str) -> bool:
    """Whether `ch` takes no space and is not drawn."""
    return (
        ch in IGNORABLE
        or unicodedata.bidirectional(ch) in ("BN", "LRE", "RLE", "LRO", "RLO", "PDF")
        or ("\u2066" <= ch <= "\u2069")
    )


def strip_ignorable(text: str) -> str:
    """`text` without zero-width characters, which neither renderer needs to draw."""
    return "".join(c for c in text if not is_ignorable(c)) if any(map(is_ignorable, text)) else text


class FontStack(msgspec.Struct, eq=False, weakref=True):
    """Faces tried in order for each character; the first face is the primary one.

    A stack for bold text (`bold`) lists each fallback face's bold cut before it (decks.plan.stacks), and draws a
    character none of its faces has in the bold cut of the machine's face for it, where there is one: a client
    sets a bold run in a fallback family's bold, as wide as it is (DejaVu Sans Bold's Arabic: 18 % wider than its
    regular), and emboldens the regular only where the family has no bold (which keeps its advances).
    """

    faces: tuple[Face, ...]
    system: bool = True  # look for a character no face has among the machine's fonts
    bold: bool = False  # a stack for bold text: a machine's face for a character is its bold cut, if it has one
    _em: dict[str, float] = msgspec.field(default_factory=dict)
    _face_of: dict[str, Face | None] = msgspec.field(default_factory=dict)
    _heights: dict[str, float] = msgspec.field(default_factory=dict)
    _widths: dict[str, float] = msgspec.field(default_factory=dict)
    _primary_chars: set[str] = msgspec.field(default_factory=set)
    _plain: set[str] = msgspec.field(default_factory=set)  # left-to-right characters whose advance is known

    @property
    def primary(self) -> Face:
        return self.faces[0]

    def face_for(self, ch: str) -> Face | None:
        """The first face that has `ch`, else an installed font that has it, or None when none does."""
        try:
            return self._face_of[ch]
        except KeyError:
            found = next((f for f in self.faces if f.has(ch)), None)
            if found is None and self.system and not is_ignorable(ch):
                found = system_face(ch)
                if found is not None and self.bold:
                    cut = bold_cut(found)
                    if cut is not None and cut.has(ch):
                        found = cut
            self._face_of[ch] = found
            return found

    def primary_draws_all(self, chars: set[str]) -> bool:
        """Whether the primary face is the face for each of `chars` (as most text is: one look-up of a set)."""
        known = self._primary_chars
        if chars <= known:
            return True
        primary = self.faces[0]
        for ch in chars - known:
            if self.face_for(ch) is not primary:
                return False
            known.add(ch)
        return True

    def draws(self, ch: str) -> Face:
        """The face that draws `ch`: the first that has it, else the primary face (which draws its .notdef box)."""
        return self.face_for(ch) or self.primary

    def em(self, ch: str) -> float:
        """The advance of `ch` in ems as drawn: in its face, or the primary face's .notdef box when missing."""
        try:
            return self._em[ch]
        except KeyError:
            value = 0.0 if is_ignorable(ch) else self.draws(ch).advance(ch)
            self._em[ch] = value
            return value

    def width(self, text: str, size: float) -> float:
        """The width of `text` at `size` points."""
        return self.ems(text) * size

    def ems(self, text: str) -> float:
        """The width of `text` in ems: `width(text, size)` is this times the size."""
        # Fitting measures the same words and lines at many sizes: keep each string's width in ems.
        try:
            return self._widths[text]
        except KeyError:
            pass
        chars = set(text)
        if chars <= self._plain:  # every advance known, and no right-to-left text: add them up at C speed
            ems = sum(map(self._em.__getitem__, text))
        elif has_rtl(text):  # Arabic is measured in the joined forms it is drawn in
            ems = sum(map(self.em, joined(text)))
        else:
            ems = sum(map(self.em, text))
            self._plain |= chars
        self._widths[text] = ems
        return ems

    def missing(self, text: str) -> set[str]:
        """Characters of `text` that no face has (white space and zero-width characters excepted)."""
        chars = set(text) | set(joined(text)) if has_rtl(text) else set(text)  # Arabic is drawn joined
        return {c for c in chars if not c.isspace() and not is_ignorable(c) and self.face_for(c) is None}

    def segments(self, text: str, rtl: bool | None = None, around: Around = (None, None)) -> list[tuple[Face, str]]:
        """`text` (a line) cut into runs that one face draws, in drawing order, zero-width characters dropped.

        Each character is in the face `em` measured it in (a missing one in the primary face, as its .notdef
        box), so the runs' widths add up to the measured width exactly. A line with right-to-left text, or of a
        right-to-left paragraph (`rtl`; None: the line's own direction), comes back joined and in visual order
        (decks.text.shaping); `around`: the direction of its paragraph's letters before and after it.
        """
        text = strip_ignorable(text)  # before joining, as the width was measured (ZWNJ does not part letters)
        return self.drawn_segments(visual(text, rtl, around) if rtl or has_rtl(text) else text)

    def drawn_segments(self, drawn: str) -> list[tuple[Face, str]]:
        """`drawn` (characters already in drawing order) cut into runs one face draws, zero-width characters
        dropped: `segments` without its joining and reordering."""
        runs: list[tuple[Face, str]] = []
        for ch in drawn:
            if is_ignorable(ch):
                continue
            face = self.draws(ch)
            if runs and runs[-1][0] is face:
                runs[-1] = (face, runs[-1][1] + ch)
            else:
                runs.append((face, ch))
        return runs

    def line_height(self, text: str | None = None) -> float:
        """The natural line height in ems: of the faces `text` uses, or of every face."""
        if text is None:
            return max(f.line_height for f in self.faces)
        try:
            return self._heights[text]
        except KeyError:
            if self.primary_draws_all(set(text)):
                self._heights[text] = self.primary.line_height
                return self.primary.line_height
            faces: Iterable[Face] = {self.face_for(c) or self.primary for c in text if not is_ignorable(c)}
            height = max((f.line_height for f in faces), default=self.primary.line_height)
            self._heights[text] = height
            return height
