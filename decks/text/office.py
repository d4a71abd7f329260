"""How LibreOffice measures a line of a PowerPoint paragraph, so the deck plan breaks lines where it does.

Measured on LibreOffice's PDFs of recap's decks (pdfplumber, character by character), LibreOffice's text engine:
- gives each character a script type: East Asian (CJK ideographs, kana, Hangul, CJK punctuation, full-width
  forms), Latin (everything else that is not weak), or weak (spaces, the General Punctuation block: curly quotes,
  dashes, ellipsis), which takes the type of the character before it (at a paragraph's start, after it);
- draws East Asian characters in the run's East Asian face (`<a:ea>`), whatever face the plan cut the run for:
  a full-width bracket the Latin face also has, or a space or curly quote after a hanzi, is drawn (and is as
  wide as) in the CJK face;
- adds space where the script type changes between East Asian and Latin with no space between ("用TensorFlow",
  "2019年"): a fifth of the line height (ascent plus descent) of the face before the change, about a quarter em;
- breaks a line only when the next word does not fit the box's full width (zero insets, no autofit).

`OfficeStack` is a font stack that measures so; the deck's fitter breaks lines with it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from decks.text.fallback import FontStack, is_ignorable
from decks.text.fonts import Face
from decks.text.shaping import has_rtl

if TYPE_CHECKING:
    from decks.text.stacks import Stacks
    from decks.themes.model import Theme

ASIAN, LATIN, WEAK = 1, 2, 0

# The share of a face's line height LibreOffice adds between East Asian and Latin text set without a space.
AUTOSPACE = 0.2


@cache
def script_type(ch: str) -> int:
    """LibreOffice's script type of `ch`: ASIAN, LATIN or WEAK."""
    cp = ord(ch)
    if ch.isspace() or 0x2000 <= cp <= 0x206F or is_ignorable(ch) or unicodedata.category(ch) in ("Mn", "Me"):
        return WEAK
    if (
        0x1100 <= cp <= 0x11FF
        or 0x2E80 <= cp <= 0x9FFF
        or 0xA000 <= cp <= 0xA4CF
        or 0xAC00 <= cp <= 0xD7AF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFE30 <= cp <= 0xFE4F
        or 0xFF00 <= cp <= 0xFFEF
        or 0x20000 <= cp <= 0x3FFFF
    ):
        return ASIAN
    return LATIN


def script_types(text: str) -> list[int]:
    """The script type of each character of `text`, weak ones resolved as LibreOffice resolves them."""
    types = [script_type(c) for c in text]
    last = WEAK
    for i, t in enumerate(types):
        if t == WEAK:
            types[i] = last
        else:
            last = t
    following = LATIN
    for i in range(len(types) - 1, -1, -1):
        if types[i] == WEAK:
            types[i] = following
        else:
            following = types[i]
    return types


@dataclass(eq=False)
class OfficeStack(FontStack):
    """A font stack that measures text as LibreOffice sets it in a PowerPoint run whose East Asian face is `ea`."""

    ea: Face | None = None

    def office_face(self, ch: str, script: int) -> Face:
        """The face LibreOffice draws `ch` in when its script type is `script`."""
        if script == ASIAN and self.ea is not None and self.ea.has(ch):
            return self.ea
        return self.draws(ch)

    def width(self, text: str, size: float) -> float:
        try:
            ems = self._widths[text]
        except KeyError:
            ems = self._widths[text] = self._ems(text)
        return ems * size

    def _ems(self, text: str) -> float:
        if text.isascii():
            return sum(map(self.em, text))
        if self.ea is None or has_rtl(text):  # no East Asian face named; Arabic is measured joined
            return super().width(text, 1.0)
        total = 0.0
        before: Face | None = None
        previous = WEAK
        for ch, script in zip(text, script_types(text), strict=True):
            if is_ignorable(ch):
                continue
            face = self.office_face(ch, script)
            if before is not None and script != previous and ASIAN in (script, previous):
                total += self.gap(before)
            total += face.advance(ch)
            before, previous = face, script
        return total

    def gap(self, face: Face) -> float:
        """The space, in ems, LibreOffice adds after text in `face` where the script changes."""
        return AUTOSPACE * (face.ascent + face.descent)

    def join(self, left: str, right: str) -> float:
        """The extra width, in ems, of `left + right` over the two measured apart, where `left` is a line so far
        and `right` the next unbreakable piece: the space added where the script changes between them (a space
        between takes the script before it, so "的 Google" has it after the space), and the weak characters that
        start `right` (a curly quote) set in the script of `left`."""
        if self.ea is None or not left or not right:
            return 0.0
        a = len(left) - 1
        while a > 0 and script_type(left[a]) == WEAK and len(left) - a < 16:
            a -= 1
        b = 0
        while b < len(right) - 1 and script_type(right[b]) == WEAK and b < 16:
            b += 1
        tail, head = left[a:], right[: b + 1]
        x, y = script_type(tail[0]), script_type(head[-1])
        if x != WEAK and y != WEAK and b == 0:  # the usual case: a strong character starts `right`
            return self.gap(self.office_face(left[-1], x)) if x != y and ASIAN in (x, y) else 0.0
        return self._ems(tail + head) - self._ems(tail) - self._ems(head)


@cache
def _office(stack: FontStack, ea: Face | None) -> OfficeStack:
    # One per stack and face, so its measurements are kept across plans (a warm process plans again on each save).
    return OfficeStack(stack.faces, stack.system, ea=ea)


def office_stacks(theme: Theme, language: str | None = None) -> Stacks:
    """The slide stacks of `theme` for text in `language` measuring as LibreOffice does, each with the East
    Asian face its runs name (the sketch's stacks as they are: no office suite sets them)."""
    from decks.text.stacks import Stacks, east_asian_face, stacks_for

    stacks = stacks_for(theme, language)
    return Stacks(
        heading=_office(stacks.heading, east_asian_face(stacks.heading, language)),
        body=_office(stacks.body, east_asian_face(stacks.body, language)),
        hand=stacks.hand,
        hand_bold=stacks.hand_bold,
    )
