"""How LibreOffice measures a line of a PowerPoint paragraph, so the deck plan breaks lines where it does.

Measured on LibreOffice's PDFs of recap's decks (pdfplumber, character by character), LibreOffice's text engine:
- gives each character a script type: East Asian (CJK ideographs, kana, Hangul, CJK punctuation, full-width
  forms), Latin (everything else that is not weak), or weak (spaces, the General Punctuation block: curly quotes,
  dashes, ellipsis), which takes the type of the character before it (at a paragraph's start, after it);
- draws East Asian characters in the run's East Asian face (`<a:ea>`), whatever face the plan cut the run for:
  a space or a curly quote after a hanzi is drawn (and is as wide as) in the CJK face;
- adds space where the script type changes between East Asian and Latin ("用TensorFlow", "2019年", and after
  the space in "的 Google"): a fifth of the font-independent line height PowerPoint files are set with, 0.24 em
  whatever the faces (measured 0.233-0.255 em between Carlito and Recap Kai, 0.24 em next to Recap Klee);
- kerns Latin text by the face's 'kern' feature (Carlito: lines 0.7 % narrower than its plain advances);
- breaks a line only when the next word does not fit the box's full width (zero insets, no autofit).

`OfficeStack` is a font stack that measures so; the deck's fitter breaks lines with it.

Two memos here are speed tricks, each exact by construction (tests/text/test_office.py): `OfficeStack.spans`
keeps the widths of words (short pieces of ASCII text, bounded), not two lists per paragraph, since natural text
repeats its words even where no two paragraphs are alike; and `OfficeStack.join` keeps its usual case by the
three things that decide it (`_strong_join`), not by 16 + 17 characters of context. 1,000 distinct items:
`recap pptx` peak 150 -> 134 MB (CPU within noise alone; with the one-line paragraphs of decks.text.fitting,
which it makes cheap to measure, 0.85x).
"""

from __future__ import annotations

import struct
import unicodedata
from collections.abc import Callable
from functools import cache
from itertools import pairwise, repeat
from pathlib import Path

import msgspec

from decks.text.breaking import JOIN_CONTEXT
from decks.text.faces import Face
from decks.text.fallback import FontStack, is_ignorable
from decks.text.kerning import _row, ascii_kerning_rows
from decks.text.shaping import has_rtl, joined

# The interface of this module for the rest of recap: the stack the fitter measures with, and what renderers that
# paint a slide's lines ask (see "for renderers" below). The rest is the measuring's own.
__all__ = ["OfficeStack", "east_asian", "field_height", "office_stack"]

ASIAN, LATIN, WEAK = 1, 2, 0

# LibreOffice adds a fifth of a portion's height where East Asian and Latin text meet; in a PowerPoint file lines
# are set with font-independent heights, 1.2 em.
AUTOSPACE = 0.2
FONT_INDEPENDENT_HEIGHT = 1.2


@cache
def script_type(ch: str) -> int:
    """LibreOffice's script type of `ch`: ASIAN, LATIN or WEAK."""
    cp = ord(ch)
    # Weak: spaces, General Punctuation and Arrows (a link's "→" takes the script after it: drawn in the East
    # Asian face before Chinese, measured on LibreOffice's render), marks and ignorables.
    if (
        ch.isspace()
        or 0x2000 <= cp <= 0x206F
        or 0x2190 <= cp <= 0x21FF
        or is_ignorable(ch)
        or unicodedata.category(ch) in ("Mn", "Me")
    ):
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


@cache
def hhea(path: Path) -> tuple[float, float, float]:
    """A font's hhea ascender, descender (positive) and line gap in ems, read from the table directory (a few
    bytes; no fontTools); (1.0, 0.2, 0.0) when they cannot be read."""
    try:
        with path.open("rb") as fh:
            data = fh.read(12)
            base = 0
            if data[:4] == b"ttcf":  # a collection: its first font, as the faces are loaded
                fh.seek(12)
                base = struct.unpack(">I", fh.read(4))[0]
                fh.seek(base)
                data = fh.read(12)
            count = struct.unpack(">H", data[4:6])[0]
            tables = {}
            for _ in range(count):
                tag, _sum, offset, _length = struct.unpack(">4sIII", fh.read(16))
                tables[tag] = offset
            fh.seek(tables[b"head"] + 18)
            (upm,) = struct.unpack(">H", fh.read(2))
            fh.seek(tables[b"hhea"] + 4)
            ascender, descender, gap = struct.unpack(">hhh", fh.read(6))
    except (OSError, KeyError, struct.error):
        return (1.0, 0.2, 0.0)
    return (ascender / upm, -descender / upm, gap / upm) if upm else (1.0, 0.2, 0.0)


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


# -- for renderers that set a slide's lines as LibreOffice does (decks.paint.deck) ------------------------------
# What a painter needs of this module, and all it should import of it: which characters LibreOffice sets as East
# Asian text (`east_asian`), the face it draws each in (`OfficeStack.drawn`), the space it adds where the two
# meet (`OfficeStack.gap`), its kerning (`OfficeStack.kern`), and the height of a line holding a link
# (`field_height`). The script-type constants and helpers above are the measuring's own; a painter asks these.


def east_asian(text: str) -> list[bool]:
    """For each character of `text` (a line, or a stretch of one), whether LibreOffice sets it as East Asian text:
    its script type (`script_type`), a weak character taking the type of the one before it (of the one after it
    at the start). Where the answer changes between two characters, LibreOffice adds `OfficeStack.gap` of space;
    a character set as East Asian is drawn in the stack's East Asian face when it has it (`OfficeStack.drawn`)."""
    return [t == ASIAN for t in script_types(text)]


def field_height(face: Face) -> float:
    """The height in ems of a line of `face` as LibreOffice sets a field in it (it reads a link as a field): the
    face's hhea ascender plus descender (`hhea`), where other text has the font-independent 1.2 em."""
    ascender, descender, _gap = hhea(face.path)
    return ascender + descender


_NO_PAIRS: dict[str, float] = {}
# The pieces of ASCII text `spans` keeps the widths of: up to WORD_CHARS characters (a word and its space; a line
# is measured each time), up to WORDS_KEPT of them per stack, the oldest dropped first.
WORD_CHARS = 24
WORDS_KEPT = 16384


class OfficeStack(FontStack):
    """A font stack that measures text as LibreOffice sets it in a PowerPoint run whose East Asian face is `ea`."""

    ea: Face | None = None
    _set: dict[tuple[str, int], tuple[float, float, Face]] = msgspec.field(default_factory=dict)
    _joins: dict[tuple[str, str], float] = msgspec.field(default_factory=dict)
    _strong_joins: dict[tuple[int, str, str], float] = msgspec.field(default_factory=dict)
    _rows: dict[tuple[Face, str], dict[str, float]] = msgspec.field(default_factory=dict)
    _ascii_rows: dict[str, dict[str, float]] | None = None  # the primary face's rows of ASCII first characters
    _words: dict[str, float] = msgspec.field(default_factory=dict)  # short ASCII pieces' widths (`spans`)

    def kern(self, face: Face, first: str, second: str) -> float:
        """The kerning of `first` before `second` in `face`, in ems (LibreOffice kerns Latin text; the engine
        measures it so, and the slides' painter cuts its pieces by it), read from `first`'s row alone."""
        try:
            row = self._rows[face, first]
        except KeyError:
            row = self._rows[face, first] = _row(face.path, first)
        return row.get(second, 0.0)

    def office_face(self, ch: str, script: int) -> Face:
        """The face LibreOffice draws `ch` in when its script type is `script`."""
        if script == ASIAN and self.ea is not None and self.ea.has(ch):
            return self.ea
        return self.draws(ch)

    def drawn(self, ch: str, east_asian: bool) -> Face:
        """The face LibreOffice draws `ch` in, set as East Asian text or not (`east_asian`, the module function's
        answer for it): for renderers that paint a slide's lines."""
        return self.setting(ch, ASIAN if east_asian else LATIN)[2]

    def setting(self, ch: str, script: int) -> tuple[float, float, Face]:
        """How LibreOffice sets `ch` of type `script`: its advance and the space after it where the script
        changes, in ems, and its face."""
        try:
            return self._set[ch, script]
        except KeyError:
            face = self.office_face(ch, script)
            advance = 0.0 if is_ignorable(ch) else face.advance(ch)
            found = self._set[ch, script] = (advance, self.gap(face), face)
            return found

    def width(self, text: str, size: float) -> float:
        try:
            ems = self._widths[text]
        except KeyError:
            ems = self._widths[text] = self._ems(text)
        return ems * size

    def ems(self, text: str) -> float:
        """The width of `text` in ems as LibreOffice sets it: `width(text, size)` is this times the size."""
        try:
            return self._widths[text]
        except KeyError:
            ems = self._widths[text] = self._ems(text)
            return ems

    def spans(self, text: str) -> Callable[[int, int], float] | None:
        """For ASCII `text`, a function giving `ems(text[a:b])` for any slice, None for other text. A short slice
        (a word: fitting measures each atom of a paragraph, and natural text repeats its words even where no two
        paragraphs are alike) is measured by `_ems` and kept in a bounded memo of the stack's (`WORDS_KEPT`). A
        longer one is measured alone the first time; from the second on (a heading's candidate lines) each
        character's advance and each pair's kerning are listed once for the text, and the slice's added as `_ems`
        adds them (the advances, then the pairs, each in the text's order)."""
        if not text.isascii():
            return None
        words, measure = self._words, self._ems
        listed: list[tuple[list[float], list[float]]] = []
        asked = [0]  # long slices asked for

        def span(a: int, b: int) -> float:
            if b - a <= WORD_CHARS:
                piece = text[a:b]
                try:
                    return words[piece]
                except KeyError:
                    if len(words) >= WORDS_KEPT:
                        del words[next(iter(words))]
                    found = words[piece] = measure(piece)
                    return found
            if not listed:
                asked[0] += 1
                if asked[0] == 1:  # the first long slice is measured alone: most texts are asked for one (a line)
                    return measure(text[a:b])
                listed.append(self._listed(text))
            advances, kerns = listed[0]
            ems = sum(advances[a:b])
            if kerns and b - a > 1:
                ems += sum(kerns[a : b - 1])
            return ems

        return span

    def ascii_reach(self, text: str) -> float | None:
        """For printable ASCII `text` that the primary face draws, the sum of the magnitudes of its characters'
        advances and of its pairs' kerning, in ems; None for other text. A breaker measuring it with `spans` and
        `join` adds its atoms' widths, the spaces after them and their joins, each a sum of some of these (the
        join of two such atoms is the kerning of the pair where they meet): no more, but for roundings, than the
        breaker's `reach` (decks.text.breaking), and found without cutting the text into atoms."""
        if not (text.isascii() and text.isprintable()) or not self.primary_draws_all(set(text)):
            return None
        advances, kerns = self._listed(text)
        return sum(map(abs, advances)) + sum(map(abs, kerns))

    def latin_reach(self, text: str) -> float | None:
        """`ascii_reach`, also for printable text of Latin and weak characters only (no East Asian one, nothing
        right-to-left or ignorable) that the primary face draws: a link line's "→" and "·", "é", curly quotes. All
        of it is set as Latin text in that face, so `_ems` of any piece of it adds the pieces' advances and the
        kerning of its pairs, and a join is the kerning where two pieces meet: the sum of their magnitudes bounds
        the breaker's `reach` as it does for ASCII. None for other text."""
        if text.isascii():
            return self.ascii_reach(text)
        chars = set(text)
        if (
            not text.isprintable()
            or any(script_type(c) == ASIAN or is_ignorable(c) for c in chars)
            or has_rtl(text)
            or not self.primary_draws_all(chars)
        ):
            return None
        face = self.primary
        advances = sum(abs(self.setting(c, LATIN)[0]) for c in text)
        return advances + sum(abs(self.kern(face, a, b)) for a, b in pairwise(text))

    def _listed(self, text: str) -> tuple[list[float], list[float]]:
        """The advance of each character of ASCII `text`, and the kerning of each pair (empty when the primary
        face kerns no ASCII pair), as `_ems` adds them."""
        try:
            advances = list(map(self._em.__getitem__, text))
        except KeyError:
            advances = list(map(self.em, text))
        rows = self._kerned_ascii()
        if not rows:
            return advances, []
        return advances, list(map(dict.get, map(rows.get, text[:-1], repeat(_NO_PAIRS)), text[1:], repeat(0.0)))

    def _kerned_ascii(self) -> dict[str, dict[str, float]]:
        """The primary face's kerning rows of the ASCII characters that have one, by first character (a pair of
        two ASCII characters is looked up in them: 53 of Carlito's 360 rows)."""
        rows = self._ascii_rows
        if rows is None:
            path = self.primary.path
            rows = self._ascii_rows = {first: _row(path, first) for first in ascii_kerning_rows(path)}
        return rows

    def _ems(self, text: str) -> float:
        """The one measuring path, the loop over script types below, with one fast path for ASCII text (most of a
        deck's words): it is Latin text in the primary face, so each advance and each pair's kerning is looked up
        by character and added at C speed, the advances first, then the pairs (`spans` adds a slice's so). All other
        text takes the loop, whether a run names an East Asian face or not, right-to-left text in its joined forms:
        LibreOffice kerns each run's Latin text in its face ("café", "Łódź", "AV—AV"), ASCII or not."""
        if text.isascii():  # Latin text in the primary face (which has ASCII), kerned
            try:  # every advance known (as after the first few lines): add them up at C speed
                ems = sum(map(self._em.__getitem__, text))
            except KeyError:
                ems = sum(map(self.em, text))
            rows = self._ascii_rows
            if rows is None:
                rows = self._kerned_ascii()
            if rows and len(text) > 1:
                # Each pair's kerning (0.0 for most), added in the text's order: text[i] before text[i + 1].
                ems += sum(map(dict.get, map(rows.get, text[:-1], repeat(_NO_PAIRS)), text[1:], repeat(0.0)))
            return ems
        if has_rtl(text):  # Arabic is measured in the joined forms it is drawn in (decks.text.shaping)
            text = joined(text)
        total = gap = 0.0
        previous, before, last = WEAK, None, ""
        for ch, script in zip(text, script_types(text), strict=True):
            try:
                advance, after, face = self._set[ch, script]
            except KeyError:
                advance, after, face = self.setting(ch, script)
            if not advance and is_ignorable(ch):
                continue
            if script != previous and previous != WEAK:  # one side is East Asian: there are only two
                total += gap
            elif face is before:
                try:
                    total += self._rows[face, last].get(ch, 0.0)
                except KeyError:
                    total += self.kern(face, last, ch)
            total += advance
            gap, previous, before, last = after, script, face, ch
        return total

    def gap(self, face: Face) -> float:
        """The space, in ems, LibreOffice adds after text in `face` where the script changes (the same for every
        face: it is a share of the font-independent line height)."""
        return AUTOSPACE * FONT_INDEPENDENT_HEIGHT

    def join(self, left: str, right: str) -> float:
        """The extra width, in ems, of `left + right` over the two measured apart, where `left` is a line so far
        and `right` the next unbreakable piece: the space added where the script changes between them (a space
        between takes the script before it, so "的 Google" has it after the space), and the weak characters that
        start `right` (a curly quote) set in the script of `left`."""
        if not left or not right:
            return 0.0
        y = script_type(right[0])
        if y != WEAK:  # a strong character starts `right` (a word): the answer is `_join`'s usual case
            x = WEAK
            for ch in reversed(left[-JOIN_CONTEXT:]):  # the script of the last strong character of `left`
                x = script_type(ch)
                if x != WEAK:
                    break
            if x != WEAK:
                return self._strong_join(x, left[-1], right[0])
        # Only the last 16 characters of `left` (JOIN_CONTEXT: fitting's breaker gives no more) and the first 17 of
        # `right` are looked at: line breaking asks about the same few joins (a word after a space) thousands of
        # times.
        key = (left[-JOIN_CONTEXT:], right[:17])
        try:
            return self._joins[key]
        except KeyError:
            found = self._joins[key] = self._join(*key)
            return found

    def _strong_join(self, script: int, last: str, first: str) -> float:
        """`_join` where `right` starts with the strong character `first` and the last strong character of `left`
        (which ends with `last`) is of type `script`: it depends on these three alone, so it is kept by them (a
        paragraph's joins are a handful of character pairs, where the longer key of `join` missed half the time)."""
        key = (script, last, first)
        try:
            return self._strong_joins[key]
        except KeyError:
            pass
        face = self.office_face(last, script)
        y = script_type(first)
        if script != y:
            found = self.gap(face)
        elif face is self.office_face(first, y):  # kerned across (after a hyphen, between hanzi)
            found = self.kern(face, last, first)
        else:
            found = 0.0
        self._strong_joins[key] = found
        return found

    def _join(self, left: str, right: str) -> float:
        a = len(left) - 1
        while a > 0 and script_type(left[a]) == WEAK and len(left) - a < 16:
            a -= 1
        b = 0
        while b < len(right) - 1 and script_type(right[b]) == WEAK and b < 16:
            b += 1
        tail, head = left[a:], right[: b + 1]
        x, y = script_type(tail[0]), script_type(head[-1])
        if x != WEAK and y != WEAK and b == 0:  # the usual case: a strong character starts `right`
            face = self.office_face(left[-1], x)
            if x != y:
                return self.gap(face)
            if face is self.office_face(right[0], y):  # kerned across (after a hyphen, between hanzi)
                return self.kern(face, left[-1], right[0])
            return 0.0
        return self._ems(tail + head) - self._ems(tail) - self._ems(head)


@cache
def office_stack(stack: FontStack, ea: Face | None) -> OfficeStack:
    # One per stack and face, so its measurements are kept across plans (a warm process plans again on each save).
    return OfficeStack(stack.faces, stack.system, stack.bold, ea=ea)
