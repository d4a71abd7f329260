"""Right-to-left text for renderers that draw characters one after another: Arabic joined, lines in visual order.

reportlab, and Pillow and SVG viewers once told not to reorder, draw a string left to right, a glyph per
character. So a line with Arabic or Hebrew is turned into the characters to draw, in drawing order: Arabic
letters become their joined presentation forms (arabic-reshaper), then the Unicode bidi algorithm puts the
line in visual order (python-bidi). Measuring uses the joined forms too, so measured and drawn widths agree.
Lines are broken in logical order first; only whole lines are reordered, or, for a line set in pieces of several
styles (the content's inline markup), its pieces by their bidi levels (`visual_pieces`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

from decks.text.bidi_levels import resolved_levels

_Leveled = TypeVar("_Leveled", bound="tuple[*tuple[object, ...], int]")

_RTL_CLASSES = frozenset(("R", "AL", "AN", "RLE", "RLO", "RLI"))
_PAIRS = {"(": ")", "[": "]", "{": "}", "<": ">", "«": "»", "‹": "›"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_MIRRORED = {**_PAIRS, **_CLOSERS}
ZWJ = "\u200d"


def has_rtl(text: str) -> bool:
    """Whether `text` has a right-to-left character (Hebrew, Arabic, Syriac, Thaana, NKo ...)."""
    return any(unicodedata.bidirectional(c) in _RTL_CLASSES for c in text)


def base_rtl(text: str) -> bool:
    """Whether `text` is a right-to-left paragraph: its first strong character (Unicode bidi rules P2 and P3) is
    right-to-left. Such a paragraph is set flush right, its bullet on the right."""
    for c in text:
        kind = unicodedata.bidirectional(c)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def paragraph_rtl(text: str, page_rtl: bool) -> bool:
    """The base direction of a paragraph of a recap: on a right-to-left page (the recap's language is written
    right to left) every paragraph reads right to left, one that opens with a Latin name ("TensorFlow 2.0 هو ...")
    or is all code too, so a list keeps its bullets on one side; on a left-to-right page a paragraph's own
    (`base_rtl`), so a Hebrew quote in an English recap is still set from the right."""
    return page_rtl or base_rtl(text)


def bidi_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of a line of a paragraph (Unicode bidi rules up to I2):
    odd levels are drawn right to left. Renderers that set a line in pieces (runs in several faces) reorder the
    pieces by these levels (rule L2), then draw each odd-level piece `visual`. python-bidi's public API does not
    give levels: decks.text.bidi_levels is the shim that gets them."""

    levels = resolved_levels(text, rtl)
    return _rough_levels(text, rtl) if levels is None else levels


def _rough_levels(text: str, rtl: bool) -> list[int]:
    """Levels by the implicit rules alone (I1, I2), every neutral at the paragraph's level: what a line gets when
    the full algorithm cannot resolve it, so that it is still drawn, right-to-left letters right to left."""
    base = 1 if rtl else 0
    out = []
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            out.append(1 if base == 0 else base)
        elif kind in ("L", "EN", "AN"):
            out.append(base + 1 if base % 2 else base)
        else:
            out.append(base)
    return out


def _has_arabic_letters(text: str) -> bool:
    return any(unicodedata.bidirectional(c) == "AL" for c in text)


@lru_cache(maxsize=4096)
def joined(text: str) -> str:
    """`text` with Arabic letters in their joined (presentation) forms, still in logical order."""
    if not _has_arabic_letters(text):
        return text
    import arabic_reshaper  # lazy: only for Arabic script

    return str(arabic_reshaper.reshape(text))


# A line of a paragraph is reordered alone, but the neutral characters at its ends (the "--" of "--pre" starting
# a line, the "-" ending a link broken after it) take their direction from the strong letters on either side, in
# the paragraph: the lines before and after it. A mark of that direction (LRM, RLM: strong, zero-width, dropped
# again) stands in for each.
_MARKS = {"L": "\u200e", "R": "\u200f"}
Around = tuple[str | None, str | None]  # the direction ("L", "R") of the strong letters before and after a line


def strong_ends(text: str) -> Around:
    """The direction ("L" or "R", None when there is none) of the first and the last strong letter of `text`:
    what a line of a paragraph has before it (the last of the lines before) and after it (the first after)."""
    kinds = [k for k in map(unicodedata.bidirectional, text) if k in ("L", "R", "AL")]
    if not kinds:
        return None, None
    first, last = kinds[0], kinds[-1]
    return ("L" if first == "L" else "R"), ("L" if last == "L" else "R")


def arounds(lines: Sequence[str]) -> list[Around]:
    """For each of a paragraph's `lines`, the direction of the paragraph's strong letters before and after it."""
    ends = [strong_ends(line) for line in lines]
    out: list[Around] = []
    for n in range(len(lines)):
        before = next((last for _, last in reversed(ends[:n]) if last), None)
        after = next((first for first, _ in ends[n + 1 :] if first), None)
        out.append((before, after))
    return out


def _marked(line: str, around: Around) -> tuple[str, int]:
    """`line` between marks standing for the strong letters `around` it, and the length of the leading mark."""
    before, after = _MARKS.get(around[0] or "", ""), _MARKS.get(around[1] or "", "")
    return before + line + after, len(before)


@lru_cache(maxsize=4096)
def visual(line: str, rtl: bool | None = None, around: Around = (None, None)) -> str:
    """One line as drawn left to right: Arabic joined, the bidi algorithm applied, brackets facing right. `rtl`:
    the base direction of the line's paragraph (None: the line's own, from its first strong character), so a
    line of a right-to-left paragraph that starts with a Latin word still reads from the right. `around`: the
    direction of the paragraph's strong letters before and after the line (with `rtl` given), which neutral
    characters at its ends follow, as in the whole paragraph."""
    if not has_rtl(line) and not rtl:
        return line
    from bidi import get_display  # lazy: only for right-to-left text

    base = None if rtl is None else "R" if rtl else "L"
    shaped = joined(line)
    marked, _ = _marked(shaped, around if rtl is not None else (None, None))
    drawn = str(get_display(marked, base_dir=base))
    if marked != shaped:
        drawn = drawn.replace(_MARKS["L"], "").replace(_MARKS["R"], "")
    return _face_brackets(drawn)


def _face_brackets(text: str) -> str:
    """Mirror bracket pairs that the reordering reversed (python-bidi reorders but does not mirror): in the
    drawn string a pair always reads '(' ... ')' from left to right."""
    chars = list(text)
    open_at: list[int] = []
    for i, ch in enumerate(chars):
        if ch in _PAIRS or ch in _CLOSERS:
            if open_at:
                j = open_at[-1]
                if _PAIRS.get(chars[j]) == ch:  # a pair the right way round
                    open_at.pop()
                    continue
                if _CLOSERS.get(chars[j]) == ch:  # ')' ... '(' : reversed, turn both
                    chars[j], chars[i] = ch, chars[j]
                    open_at.pop()
                    continue
            open_at.append(i)
    return "".join(chars)


def visual_pieces(
    text: str, cuts: Sequence[int], rtl: bool, around: Around = (None, None)
) -> list[tuple[int, int, str]]:
    """A line set in pieces (each styled stretch in its own face) in drawing order: `text` cut at the offsets
    `cuts` and wherever its bidi level changes, the pieces reordered by their levels (Unicode bidi rule L2), each
    as (start, end, drawn) with `drawn` its characters as drawn left to right. A right-to-left piece is joined as
    its letters join across the cut (a bold stretch inside an Arabic word keeps its neighbours' forms), reversed,
    and its brackets mirrored (rule L4); `rtl` is the base direction of the line's paragraph.

    The levels are `bidi_levels`', without bracket pairs (rule N0): a bracket around left-to-right words in a
    right-to-left line may sit otherwise than `visual` puts it, which is why lines of one style keep `visual`.
    `around`: as for `visual`."""
    marked, lead = _marked(text, around)
    levels = bidi_levels(marked, rtl)[lead : lead + len(text)]
    end = len(text)
    while end and unicodedata.bidirectional(text[end - 1]) in ("WS", "BN"):  # rule L1: trailing spaces at the base
        end -= 1
        levels[end] = int(rtl)
    ends = sorted({c for c in cuts if 0 < c < len(text)} | {len(text)})
    pieces: list[tuple[int, int, int]] = []
    start = 0
    for end in ends:
        a = start
        for k in range(start + 1, end + 1):
            if k == end or levels[k] != levels[a]:
                pieces.append((a, k, levels[a]))
                a = k
        start = end
    in_visual_order(pieces)
    out = []
    for a, b, level in pieces:
        piece = text[a:b]
        if level % 2:
            shaped = _joined_in(piece, text[a - 1] if a else "", text[b] if b < len(text) else "")
            piece = "".join(_MIRRORED.get(ch, ch) for ch in reversed(shaped))
        out.append((a, b, piece))
    return out


def in_visual_order(pieces: list[_Leveled]) -> None:
    """Put `pieces` (tuples whose last item is the piece's bidi level) from logical into visual order, in place:
    rule L2 of the Unicode bidi algorithm, each run at or above a level reversed, from the highest level down to
    the lowest odd one. Used for the sketch's styled lines and the slides painter's runs."""
    top = max((piece[-1] for piece in pieces), default=0)
    lowest_odd = min((piece[-1] for piece in pieces if piece[-1] % 2), default=top + 1)
    for k in range(top, lowest_odd - 1, -1):
        n = 0
        while n < len(pieces):
            if pieces[n][-1] < k:
                n += 1
                continue
            m = n
            while m < len(pieces) and pieces[m][-1] >= k:
                m += 1
            pieces[n:m] = pieces[n:m][::-1]
            n = m


def _joined_in(piece: str, before: str, after: str) -> str:
    """`piece` joined as it joins between the letters `before` and `after` (its neighbours in the line, in
    logical order): a zero-width joiner stands for a neighbour that joins it, and arabic-reshaper drops it."""
    if not _has_arabic_letters(piece):
        return piece
    try:
        from arabic_reshaper.letters import (  # lazy: only for Arabic script
            LETTERS_ARABIC,
            connects_with_letter_after,
            connects_with_letter_before,
        )
    except ImportError:  # the letters' table moved: each piece joined on its own
        return joined(piece)
    head = ZWJ if before and connects_with_letter_after(before, LETTERS_ARABIC) else ""
    if head and not connects_with_letter_before(piece[0], LETTERS_ARABIC):
        head = ""
    tail = ZWJ if after and connects_with_letter_before(after, LETTERS_ARABIC) else ""
    if tail and not connects_with_letter_after(piece[-1], LETTERS_ARABIC):
        tail = ""
    if not head and not tail:
        return joined(piece)
    return joined(head + piece + tail).replace(ZWJ, "")
