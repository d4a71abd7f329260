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
"""

from __future__ import annotations

import marshal
import struct
import sys
import unicodedata
from array import array
from collections.abc import Callable
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import Any

import msgspec

from decks.text.breaking import JOIN_CONTEXT
from decks.text.faces import Face
from decks.text.fallback import FontStack, is_ignorable
from decks.text.records import shipped, shipped_record
from decks.text.shaping import has_rtl

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


_KERN_VERSION = 1


def _kernable(cp: int) -> bool:
    """Characters whose pairs are kept: Latin text and its punctuation (LibreOffice kerns what it sets in the
    Latin face; hanzi are not kerned)."""
    return cp < 0x250 or 0x2000 <= cp <= 0x206F


@cache
def kerning(path: Path) -> dict[str, float]:
    """The pair kerning of a font's 'kern' feature (GPOS pair adjustments), in ems, by the two characters: from
    the rows shipped for a bundled font, or read once with fontTools and kept in the cache folder, like the
    metrics. Only the slides painter asks for the whole table; measuring reads it by rows (`kerning_rows`)."""
    rows = _shipped_rows(path)
    if rows is not None:
        return {first + second: value for first, row in rows.items() for second, value in _unpack(row).items()}
    return _kept_kerning(path, "pairs", lambda: _read_kerning(path)) or {}


_Rows = dict[str, tuple[str, bytes]]


def _by_first(pairs: dict[str, float]) -> _Rows:
    """Pairs as rows by their first character: the second characters, and their values packed as doubles
    (native byte order) in the same order."""
    by_first: dict[str, dict[str, float]] = {}
    for pair, value in pairs.items():
        by_first.setdefault(pair[0], {})[pair[1]] = value
    return {a: ("".join(row), array("d", row.values()).tobytes()) for a, row in by_first.items()}


def _unpack(row: tuple[str, bytes]) -> dict[str, float]:
    values = array("d")
    values.frombytes(row[1])
    return dict(zip(row[0], values.tolist(), strict=True))


def kerning_record(path: Path) -> bytes:
    """What tools/build_font_records.py ships for a bundled font (assets/fonts/kerning/NAME.marshal.z): its
    GPOS pairs as rows, the doubles little-endian."""
    return shipped_record(_little_endian(_by_first(_read_kerning(path))), path)


def _little_endian(rows: _Rows) -> _Rows:
    """`rows` with their doubles in the other byte order on a big-endian machine (native <-> little-endian, as
    the shipped records keep them); as they are on a little-endian one."""
    if sys.byteorder == "little":
        return rows
    out = {}
    for first, (seconds, packed) in rows.items():
        values = array("d")
        values.frombytes(packed)
        values.byteswap()
        out[first] = (seconds, values.tobytes())
    return out


def _shipped_rows(path: Path) -> _Rows | None:
    """The kerning rows shipped for a bundled font, when it is the font they were read from: a first run need
    not read GPOS with fontTools (a third of a second), nor build and cache a table of 27,000 pairs."""
    rows = shipped("kerning", path)
    return _little_endian(rows) if isinstance(rows, dict) else None


def _kept_kerning(path: Path, part: str, make: Callable[[], dict[Any, Any]]) -> dict[Any, Any] | None:
    """A kerning table of a font that ships none (`part`: the whole "pairs", or their "rows"), made by `make`
    once and kept in the cache folder, stamped with the file (None: the font is gone)."""
    from decks import cachedir

    try:
        stat = path.stat()
    except OSError:
        return None
    name = cachedir.key(_KERN_VERSION, part, path.resolve(), stat.st_size, stat.st_mtime_ns) + ".marshal"
    kept = cachedir.load("kerning", name, _kerning_entry)
    if kept is not None:
        return kept
    made = make()
    cachedir.write("kerning", name, marshal.dumps(made))
    return made


def _kerning_entry(data: bytes) -> dict[Any, Any] | None:
    """A kerning table from the cache, if it is one: pairs (two characters to a finite number of ems) or rows
    (a character to its second characters and as many doubles); else None, and it is made again."""
    kept = marshal.loads(data)
    if not isinstance(kept, dict):
        return None
    for key, value in kept.items():
        if not isinstance(key, str):
            return None
        if isinstance(value, float | int):
            if len(key) != 2 or not -4.0 <= value <= 4.0:
                return None
        elif isinstance(value, tuple) and len(value) == 2:
            seconds, doubles = value
            if len(key) != 1 or not isinstance(seconds, str) or not isinstance(doubles, bytes):
                return None
            if len(doubles) != 8 * len(seconds) or not all(-4.0 <= v <= 4.0 for v in array("d", doubles)):
                return None
        else:
            return None
    return kept


@cache
def ascii_kerning(path: Path) -> dict[str, float]:
    """The pairs of `kerning(path)` between two ASCII characters: all that Latin text in ASCII needs, some 600
    of Carlito's 27,000 pairs, read from the rows of ASCII first characters."""
    out: dict[str, float] = {}
    for first, row in kerning_rows(path).items():
        if first.isascii():
            out.update((first + second, value) for second, value in _unpack(row).items() if second.isascii())
    return out


@cache
def kerning_rows(path: Path) -> _Rows:
    """The pairs of `kerning(path)` by their first character: the second characters, and their values packed as
    doubles in the same order. A few hundred rows read at once, each made a dictionary when text needs it."""
    rows = _shipped_rows(path)
    if rows is not None:
        return rows
    return _kept_kerning(path, "rows", lambda: _by_first(kerning(path))) or {}


def _row(path: Path, first: str) -> dict[str, float]:
    """The kerning of `first` before each character, in ems, from `kerning_rows`."""
    found = kerning_rows(path).get(first)
    return {} if found is None else _unpack(found)


def _read_kerning(path: Path) -> dict[str, float]:
    import logging

    from fontTools.ttLib import TTFont, TTLibError

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
        if "GPOS" not in font:
            return {}
        upm = font["head"].unitsPerEm
        chars: dict[str, list[str]] = {}
        for cp, glyph in font.getBestCmap().items():
            if _kernable(cp):
                chars.setdefault(glyph, []).append(chr(cp))
        gpos = font["GPOS"].table
        if gpos.FeatureList is None or gpos.LookupList is None:
            return {}
        lookups = sorted(
            {i for r in gpos.FeatureList.FeatureRecord if r.FeatureTag == "kern" for i in r.Feature.LookupListIndex}
        )
        pairs: dict[str, float] = {}
        for index in lookups:
            lookup = gpos.LookupList.Lookup[index]
            tables = lookup.SubTable
            if lookup.LookupType == 9:
                tables = [t.ExtSubTable for t in tables]
            for table in tables:
                if getattr(table, "LookupType", 2) == 2:
                    _pair_table(table, chars, upm, pairs)
        return pairs
    except (TTLibError, OSError, KeyError, AttributeError, IndexError, ValueError):
        return {}


def _pair_table(table: Any, chars: dict[str, list[str]], upm: int, pairs: dict[str, float]) -> None:
    """The pairs of one GPOS pair-adjustment subtable among `chars` (glyph name -> characters); the first
    lookup that adjusts a pair wins, as in a shaper."""

    def add(first: str, second: str, value: Any) -> None:
        advance = getattr(value, "XAdvance", 0) if value is not None else 0
        if advance:
            for a in chars[first]:
                for b in chars[second]:
                    pairs.setdefault(a + b, advance / upm)

    if table.Format == 1:
        for first, pair_set in zip(table.Coverage.glyphs, table.PairSet, strict=False):
            if first in chars:
                for record in pair_set.PairValueRecord:
                    if record.SecondGlyph in chars:
                        add(first, record.SecondGlyph, record.Value1)
    elif table.Format == 2:
        classes1, classes2 = table.ClassDef1.classDefs, table.ClassDef2.classDefs
        seconds: dict[int, list[str]] = {}
        for glyph in chars:
            seconds.setdefault(classes2.get(glyph, 0), []).append(glyph)
        for first in table.Coverage.glyphs:
            if first not in chars:
                continue
            row = table.Class1Record[classes1.get(first, 0)]
            for k, record in enumerate(row.Class2Record):
                if record.Value1 is not None and getattr(record.Value1, "XAdvance", None):
                    for second in seconds.get(k, ()):
                        add(first, second, record.Value1)


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


_NO_PAIRS: dict[str, float] = {}


class OfficeStack(FontStack):
    """A font stack that measures text as LibreOffice sets it in a PowerPoint run whose East Asian face is `ea`."""

    ea: Face | None = None
    _set: dict[tuple[str, int], tuple[float, float, Face]] = msgspec.field(default_factory=dict)
    _joins: dict[tuple[str, str], float] = msgspec.field(default_factory=dict)
    _pairs: dict[Face, dict[str, float]] = msgspec.field(default_factory=dict)
    _ascii_pairs: dict[Face, dict[str, float]] = msgspec.field(default_factory=dict)
    _rows: dict[tuple[Face, str], dict[str, float]] = msgspec.field(default_factory=dict)
    _primary_rows: dict[str, dict[str, float]] = msgspec.field(default_factory=dict)  # rows of the primary face
    _ascii_rows: dict[str, dict[str, float]] | None = None  # the primary's ASCII pairs
    _latin: set[str] = msgspec.field(default_factory=set)  # characters always set as Latin in the primary face
    _spans: dict[str, Callable[[int, int], float]] = msgspec.field(default_factory=dict)  # ASCII texts' `spans`

    def pairs(self, face: Face) -> dict[str, float]:
        """The kerning pairs of `face`, in ems (LibreOffice kerns Latin text; the engine measures it so)."""
        try:
            return self._pairs[face]
        except KeyError:
            found = self._pairs[face] = kerning(face.path)
            return found

    def ascii_pairs(self, face: Face) -> dict[str, float]:
        """The kerning pairs of `face` between two ASCII characters (`pairs` restricted to them, read without it)."""
        try:
            return self._ascii_pairs[face]
        except KeyError:
            found = self._ascii_pairs[face] = ascii_kerning(face.path)
            return found

    def kern(self, face: Face, first: str, second: str) -> float:
        """The kerning of `first` before `second` in `face`, in ems (`pairs`' value, read from its row alone: the
        whole table is made only for the slides' painter, which asks for it)."""
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
        """For ASCII `text`, a function giving `ems(text[a:b])` without making the slice: each character's
        advance and each pair's kerning are listed once, and a slice's are added as `_ems` adds them (the
        advances, then the pairs, each in the text's order). None for other text. Kept per text: fitting
        measures the atoms and lines of one paragraph at many sizes."""
        try:
            return self._spans[text]
        except KeyError:
            pass
        if not text.isascii():
            return None
        try:
            advances = list(map(self._em.__getitem__, text))
        except KeyError:
            advances = list(map(self.em, text))
        rows = self._kerned_ascii()
        kerns = list(map(dict.get, map(rows.get, text[:-1], repeat(_NO_PAIRS)), text[1:], repeat(0.0)))

        def span(a: int, b: int) -> float:
            ems = sum(advances[a:b])
            if rows and b - a > 1:
                ems += sum(kerns[a : b - 1])
            return ems

        self._spans[text] = span
        return span

    def _kerned_ascii(self) -> dict[str, dict[str, float]]:
        """The primary face's ASCII pairs by first character."""
        rows = self._ascii_rows
        if rows is None:
            rows = self._ascii_rows = {}
            for pair, value in self.ascii_pairs(self.primary).items():
                rows.setdefault(pair[0], {})[pair[1]] = value
        return rows

    def _ems(self, text: str) -> float:
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
        if self.ea is None or has_rtl(text):  # no East Asian face named; Arabic is measured joined
            return super().ems(text)
        chars = set(text)
        if chars <= self._latin or self._all_latin(chars):
            return self._latin_ems(text)
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

    def _all_latin(self, chars: set[str]) -> bool:
        """Whether each of `chars` is set as Latin text in the primary face when no East Asian character is
        near: not East Asian, not zero-width, drawn by the primary face (known ones are kept in `_latin`)."""
        primary = self.primary
        for ch in chars - self._latin:
            if script_type(ch) == ASIAN or is_ignorable(ch) or self.draws(ch) is not primary:
                return False
            self.em(ch)  # its advance, which `_latin_ems` reads
            self._latin.add(ch)
        return True

    def _latin_ems(self, text: str) -> float:
        """`_ems` of text whose characters are all `_all_latin`: every one (the weak ones too: there is no East
        Asian character for them to follow) is Latin in the primary face, so there is no change of script, and
        each is kerned with the one before it; the same sums in the same order as the loop over script types."""
        em = self._em
        rows = self._primary_rows
        total = 0.0
        last = ""
        for ch in text:
            if last:
                try:
                    row = rows[last]
                except KeyError:
                    row = rows[last] = _row(self.primary.path, last)
                total += row.get(ch, 0.0)
            total += em[ch]
            last = ch
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
        if self.ea is None or not left or not right:
            return 0.0
        # Only the last 16 characters of `left` (JOIN_CONTEXT: fitting's breaker gives no more) and the first 17 of
        # `right` are looked at: line breaking asks about the same few joins (a word after a space) thousands of
        # times.
        key = (left[-JOIN_CONTEXT:], right[:17])
        try:
            return self._joins[key]
        except KeyError:
            found = self._joins[key] = self._join(*key)
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
    return OfficeStack(stack.faces, stack.system, ea=ea)
