"""Pair kerning of a font's 'kern' feature (GPOS pair adjustments), in ems, by the two characters: stored as
rows by first character, from the records shipped beside a bundled font, or read once with fontTools and kept in
the cache folder. decks.text.office measures with it as LibreOffice kerns Latin text."""

from __future__ import annotations

import marshal
import sys
from array import array
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from decks import cachedir
from decks.text.records import shipped, shipped_record

_KERN_VERSION = 2  # 2: Greek, Cyrillic and the rest of Latin kept too

# Where the characters whose pairs are kept lie: Latin, Greek and Cyrillic with their marks and extensions (IPA,
# Vietnamese's Latin Extended Additional, polytonic Greek), punctuation, currency and letterlike symbols. Measured
# on LibreOffice's PDF, it kerns them all by the face's 'kern' feature ("ТаТа...": drawn 237.4 pt, kerned measure
# 237.1, plain 257.2; "ΤοΤο...", "TổTổ..." alike); hanzi are not kerned, and the scripts it shapes (Arabic, Hebrew,
# Thai, Indic) are measured by their advances.
_KERNABLE = (
    (0x0000, 0x052F),
    (0x1D00, 0x1FFF),
    (0x2000, 0x214F),
    (0x2C60, 0x2C7F),
    (0x2DE0, 0x2DFF),
    (0xA640, 0xA69F),
    (0xA720, 0xA7FF),
    (0xAB30, 0xAB6F),
    (0xFB00, 0xFB06),
)


def _kernable(cp: int) -> bool:
    """Characters whose pairs are kept (`_KERNABLE`): the text LibreOffice sets as Latin and kerns."""
    return any(low <= cp <= high for low, high in _KERNABLE)


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


# The shipped rows of a font come in two records: those of ASCII first characters (assets/fonts/kerning), which
# most of a deck's text needs, and the rest (assets/fonts/kerning-more), read only for text beyond ASCII. Carlito
# Regular's rows of Greek and Cyrillic take 3 ms to read, its 53 ASCII rows 0.13 ms.
_KINDS = {True: "kerning", False: "kerning-more"}


def kerning_record(path: Path, ascii: bool = True) -> bytes:
    """What tools/build_font_records.py ships for a bundled font (assets/fonts/kerning/NAME.marshal.z for the
    rows of ASCII first characters, `ascii`; assets/fonts/kerning-more/ for the others): its GPOS pairs as rows,
    the doubles little-endian."""
    rows = _by_first(_read_kerning(path))
    return shipped_record(_little_endian({a: row for a, row in rows.items() if a.isascii() == ascii}), path)


def kerning_kind(ascii: bool) -> str:
    """The folder beside the bundled fonts that holds the records of ASCII first characters' rows, or the rest."""
    return _KINDS[ascii]


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


def _shipped_rows(path: Path, ascii: bool | None = None) -> _Rows | None:
    """The kerning rows shipped for a bundled font, when it is the font they were read from: a first run need
    not read GPOS with fontTools (a third of a second), nor build and cache a table of 130,000 pairs. Those of
    ASCII first characters (`ascii`), the others (not `ascii`), or all of them (None)."""
    if ascii is None:
        mine, more = _shipped_rows(path, True), _shipped_rows(path, False)
        return None if mine is None or more is None else {**mine, **more}
    rows = shipped(_KINDS[ascii], path)
    return _little_endian(rows) if isinstance(rows, dict) else None


def _kept_rows(path: Path, make: Callable[[], _Rows]) -> _Rows | None:
    """The kerning rows of a font that ships none, made by `make` once and kept in the cache folder, stamped with
    the file (None: the font is gone)."""

    try:
        stat = path.stat()
    except OSError:
        return None
    name = cachedir.key(_KERN_VERSION, "rows", path.resolve(), stat.st_size, stat.st_mtime_ns) + ".marshal"
    kept = cachedir.load("kerning", name, _kerning_entry)
    if kept is not None:
        return kept
    made = make()
    cachedir.write("kerning", name, marshal.dumps(made))
    return made


def _kerning_entry(data: bytes) -> _Rows | None:
    """Kerning rows from the cache, if they are rows (a character to its second characters and as many doubles,
    each a finite number of ems); else None, and they are made again."""
    kept = marshal.loads(data)
    if not isinstance(kept, dict):
        return None
    for key, value in kept.items():
        if not isinstance(key, str) or len(key) != 1 or not isinstance(value, tuple) or len(value) != 2:
            return None
        seconds, doubles = value
        if not isinstance(seconds, str) or not isinstance(doubles, bytes) or len(doubles) != 8 * len(seconds):
            return None
        if not all(-4.0 <= v <= 4.0 for v in array("d", doubles)):
            return None
    return kept


@cache
def kerning_rows(path: Path) -> _Rows:
    """The pair kerning of a font's 'kern' feature (GPOS pair adjustments) by first character: the second
    characters, and their values in ems packed as doubles in the same order; from the rows shipped for a bundled
    font, or read once with fontTools and kept in the cache folder, like the metrics. A few hundred rows read at
    once, each made a dictionary when text needs it (`_row`)."""
    rows = _shipped_rows(path)
    if rows is not None:
        return rows
    return _kept_rows(path, lambda: _by_first(_read_kerning(path))) or {}


@cache
def ascii_kerning_rows(path: Path) -> _Rows:
    """`kerning_rows` of the ASCII first characters alone: for a bundled font, the one record of them (most text
    needs no other row)."""
    rows = _shipped_rows(path, True)
    if rows is not None:
        return rows
    return {a: row for a, row in kerning_rows(path).items() if a.isascii()}


def _row(path: Path, first: str) -> dict[str, float]:
    """The kerning of `first` before each character, in ems, from `kerning_rows` (`ascii_kerning_rows` for an
    ASCII `first`)."""
    found = (ascii_kerning_rows(path) if first.isascii() else kerning_rows(path)).get(first)
    return {} if found is None else _unpack(found)


def _read_kerning(path: Path) -> dict[str, float]:
    import logging  # lazy: with fontTools, below

    from fontTools.ttLib import TTFont, TTLibError  # lazy: only when kerning is not cached

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


# Any: a fontTools PairPos subtable, and fontTools has no type information (see [tool.mypy] in pyproject.toml).
def _pair_table(table: Any, chars: dict[str, list[str]], upm: int, pairs: dict[str, float]) -> None:
    """The pairs of one GPOS pair-adjustment subtable among `chars` (glyph name -> characters); the first
    lookup that adjusts a pair wins, as in a shaper."""

    def add(first: str, second: str, value: object) -> None:  # a ValueRecord, or None
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
