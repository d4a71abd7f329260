"""Font faces and their metrics, read once with fontTools and cached on disk.

Layout needs only each character's advance and the vertical metrics, so those are read from the font's
cmap/hmtx/hhea/OS/2 tables and kept in a small cache file keyed by the font file's path, size and mtime:
the next run does not parse a 4 MB CJK font again.

A face has a character only when it draws it with ink: a character its cmap maps to a glyph with no outline
(Nanum Pen Script maps about 300 common hanzi to blank glyphs) counts as missing, so the next face of the
stack draws it, unless the character is meant to be blank (white space, a format or control character, a
filler). The answer is kept with the advances, so it costs nothing after the first read.

A theme names a dozen faces (CJK, emoji, symbols) that a Latin deck never draws, so a face's advances are turned
into a dict only when a character is first looked up in it; the cache keeps them as two flat arrays, which cost
nothing to read.
"""

from __future__ import annotations

import marshal
import operator
import shutil
import struct
import sys
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from functools import cache, cached_property
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

import msgspec

from decks import cachedir

_CACHE_VERSION = 6  # 6: advances only for characters drawn with ink


class FontFileError(Exception):
    """A font file that recap cannot use, with what to do about it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


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


def check_font_file(path: Path) -> None:
    """Raise `FontFileError` unless `path` is a readable font with TrueType outlines."""
    if not path.is_file():
        raise FontFileError(f"font file not found: {path}", "check the path (relative to the theme folder)")
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
            tags = _table_tags(fh, head)
    except OSError as exc:
        raise FontFileError(f"cannot read the font {path.name} ({exc.strerror})", "check its permissions") from None
    if head[:4] == b"OTTO":
        raise FontFileError(
            f"{path.name} has PostScript (CFF) outlines, which PDF embedding here cannot use",
            "use a .ttf with TrueType outlines, or convert it (see recap docs themes)",
        )
    if head[:4] not in (b"\x00\x01\x00\x00", b"true", b"ttcf"):
        raise FontFileError(f"{path.name} is not a TrueType font", "use a .ttf or .ttc file")
    if head[:4] == b"ttcf":
        return
    if tags is None:
        raise FontFileError(
            f"cannot read the font {path.name} (its table directory is cut short)", "use another font file"
        )
    if b"glyf" not in tags:
        raise FontFileError(f"{path.name} has no TrueType outlines", "use a .ttf with TrueType outlines")


def _table_tags(fh: BinaryIO, head: bytes) -> set[bytes] | None:
    """The table tags of an sfnt font from its table directory (the theme check runs on every render, so it
    reads 16 bytes a table instead of importing fontTools); None when the directory is cut short."""
    if len(head) < 12 or head[:4] == b"ttcf":
        return set()
    count = int.from_bytes(head[4:6], "big")
    records = fh.read(16 * count)
    if len(records) < 16 * count:
        return None
    return {records[i : i + 4] for i in range(0, len(records), 16)}


def _read_metrics(path: Path) -> tuple[str, int, float, float, float, dict[int, int], int]:
    fast = _read_metrics_fast(path)
    return fast if fast is not None else _read_metrics_fonttools(path)


# What fontTools' getBestCmap prefers, in order (HarfBuzz's order).
_CMAP_PREFERENCES = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))
_OS2_SIZES = {0: 78, 1: 86, 2: 96, 3: 96, 4: 96, 5: 100}


def _read_metrics_fast(path: Path) -> tuple[str, int, float, float, float, dict[int, int], int] | None:
    """What `_read_metrics_fonttools` reads, read with struct from a well-formed TrueType file; None for anything
    else (a collection, an odd table, a cmap subtable other than format 4 or 12), which fontTools then reads.

    A first run reads every font its theme names (a dozen, with CJK ones of 4 MB): fontTools takes most of a
    second over them, this a few milliseconds. It accepts only what fontTools reads the same way, so a damaged
    font still goes to fontTools and is refused as before (tests/text/test_fonts.py compares the two on every
    font of this machine)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
            if head[:4] not in (b"\x00\x01\x00\x00", b"true") or len(head) < 12:
                return None
            count = int.from_bytes(head[4:6], "big")
            records = fh.read(16 * count)
            if len(records) < 16 * count:
                return None
            where: dict[bytes, tuple[int, int]] = {}
            for i in range(0, 16 * count, 16):
                tag, _, offset, length = struct.unpack_from(">4sLLL", records, i)
                if tag in where:
                    return None
                where[tag] = (offset, length)

            def table(tag: bytes) -> bytes:
                offset, length = where[tag]
                fh.seek(offset)
                data = fh.read(length)
                if len(data) != length:
                    raise ValueError("cut short")
                return data

            if b"OS/2" in where:
                os2 = table(b"OS/2")
                if len(os2) < _OS2_SIZES.get(int.from_bytes(os2[:2], "big"), 1 << 30):
                    return None
                win_ascent, win_descent = struct.unpack_from(">HH", os2, 74)
            else:
                os2 = None
            head_table, maxp, hhea = table(b"head"), table(b"maxp"), table(b"hhea")
            if not (len(head_table) == 54 or (len(head_table) == 56 and head_table[54:] == b"\0\0")):
                return None
            version = int.from_bytes(maxp[:4], "big")
            if len(maxp) != (6 if version == 0x5000 else 32) or len(hhea) != 36:
                return None
            upm = int.from_bytes(head_table[18:20], "big")
            glyphs = int.from_bytes(maxp[4:6], "big")
            if upm == 0:
                return None
            ascent, descent, gap = struct.unpack_from(">hhh", hhea, 4)
            n_metrics = min(int.from_bytes(hhea[34:36], "big"), glyphs)
            hmtx = table(b"hmtx")
            if n_metrics == 0 or len(hmtx) < 4 * n_metrics + 2 * (glyphs - n_metrics):
                return None
            widths = list(struct.unpack_from(f">{n_metrics}L", hmtx))  # advance and side bearing, as one number
            widths = [w >> 16 for w in widths] + [widths[-1] >> 16] * (glyphs - n_metrics)
            codes = _best_cmap(table(b"cmap"))
            if codes is None or b"glyf" not in where or b"loca" not in where:
                return None  # CFF outlines: fontTools reads them
            long_loca = int.from_bytes(head_table[50:52], "big", signed=True)
            inked = _glyf_ink(table(b"loca"), long_loca, table(b"glyf"), glyphs)
            if inked is None:
                return None
            name = table(b"name")
            family = _windows_english(name, 16) or _windows_english(name, 1) or path.stem
    except (OSError, ValueError, KeyError, IndexError, OverflowError, struct.error):
        return None
    advances = {cp: widths[gid] for cp, gid in codes.items() if 0 < gid < glyphs and (inked(gid) or blank_ok(cp))}
    if 0x20 in advances:
        advances.setdefault(0xA0, advances[0x20])
    if os2 is not None:
        ascent = max(ascent, win_ascent)
        descent = max(-descent, win_descent)
    else:
        descent = -descent
    return family, upm, ascent / upm, descent / upm, gap / upm, advances, widths[0]


# Characters meant to be blank: a face draws them without an outline and still has them.
_BLANK_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})
# Default-ignorable marks and fillers, blank by design: the combining grapheme joiner, variation selectors,
# Mongolian free variation selectors, the Hangul fillers, the Braille blank.
_BLANK_RANGES: tuple[tuple[int, int], ...] = (
    (0x034F, 0x034F), (0x115F, 0x1160), (0x180B, 0x180F), (0x2800, 0x2800), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xE0100, 0xE01EF),
)  # fmt: skip


def blank_ok(cp: int) -> bool:
    """Whether the character `cp` is meant to be drawn without ink (a face without an outline for it has it)."""
    if any(lo <= cp <= hi for lo, hi in _BLANK_RANGES):
        return True
    ch = chr(cp)
    return ch.isspace() or unicodedata.category(ch) in _BLANK_CATEGORIES


def _glyf_ink(loca: bytes, long_format: int, glyf: bytes, glyphs: int) -> Callable[[int], bool] | None:
    """Whether each glyph of a TrueType font has an outline: a glyph with no data, or no contours, has none; a
    composite has one when one of its components has. None when the loca table is cut short."""
    if long_format not in (0, 1):
        return None
    offsets = array("L" if array("L").itemsize == 4 else "I") if long_format else array("H")
    need = (glyphs + 1) * offsets.itemsize
    if len(loca) < need:
        return None
    offsets.frombytes(loca[:need])
    if sys.byteorder != "big":
        offsets.byteswap()
    scale = 1 if long_format else 2
    known: dict[int, bool] = {}

    def inked(gid: int, depth: int = 0) -> bool:
        try:
            return known[gid]
        except KeyError:
            pass
        if gid >= glyphs or depth > 16:  # a component out of range, or a loop: nothing drawn
            return False
        start, end = offsets[gid] * scale, min(offsets[gid + 1] * scale, len(glyf))
        contours = int.from_bytes(glyf[start : start + 2], "big", signed=True) if end - start >= 10 else 0
        if contours > 0:
            found = True
        elif contours < 0:
            found = any(inked(part, depth + 1) for part in _components(glyf[start + 10 : end]))
        else:
            found = False
        known[gid] = found
        return found

    return inked


def _components(data: bytes) -> list[int]:
    """The glyph indices a composite glyph's record (after its header) refers to."""
    parts, at = [], 0
    while at + 4 <= len(data):
        flags, gid = struct.unpack_from(">HH", data, at)
        parts.append(gid)
        at += 4 + (4 if flags & 0x0001 else 2)  # ARG_1_AND_2_ARE_WORDS
        at += 2 if flags & 0x0008 else 4 if flags & 0x0040 else 8 if flags & 0x0080 else 0  # the scale, if any
        if not flags & 0x0020:  # MORE_COMPONENTS
            break
    return parts


def _font_ink(font: Any) -> Callable[[int], bool]:
    """Whether each glyph (by index) of a font fontTools opened has an outline: from glyf and loca as the fast
    reader reads them, or by drawing a CFF glyph (fontTools' ControlBoundsPen finds no point in a blank one)."""
    glyphs = font["maxp"].numGlyphs
    if "glyf" in font.reader and "loca" in font.reader:
        loca = font.reader["loca"]
        found = _glyf_ink(loca, font["head"].indexToLocFormat, font.reader["glyf"], glyphs)
        return found if found is not None else (lambda gid: False)
    tag = next((t for t in ("CFF ", "CFF2") if t in font.reader), None)
    if tag is None:
        return lambda gid: False
    from fontTools.pens.boundsPen import ControlBoundsPen

    top = font[tag].cff.topDictIndex[0]

    def inked(gid: int) -> bool:
        try:
            pen = ControlBoundsPen(None)
            top.CharStrings[top.charset[gid]].draw(pen)
        except Exception:  # a glyph fontTools cannot draw draws nothing here either
            return False
        return pen.bounds is not None

    return inked


def _best_cmap(data: bytes) -> dict[int, int] | None:
    """Code point -> glyph index from the subtable fontTools' getBestCmap picks, decoded as fontTools decodes
    format 4 and 12 subtables; None when fontTools would do anything else (refuse the table, another format)."""
    if len(data) < 4:
        return None
    count = int.from_bytes(data[2:4], "big")
    tables: list[tuple[int, int, int, int, int]] = []  # platform, encoding, format, offset, length
    for i in range(count):
        entry = data[4 + 8 * i : 12 + 8 * i]
        if len(entry) < 8:
            return None
        platform, encoding, offset = struct.unpack(">HHL", entry)
        if offset + 4 > len(data):
            return None
        fmt, length = struct.unpack_from(">HH", data, offset)
        if fmt in (8, 10, 12, 13):
            if offset + 8 > len(data):
                return None
            length = int.from_bytes(data[offset + 4 : offset + 8], "big")
        elif fmt in (14, 15):
            if offset + 6 > len(data):
                return None
            length = int.from_bytes(data[offset + 2 : offset + 6], "big")
        if not length:
            continue  # fontTools skips a subtable of no length
        header = {0: 6, 4: 6, 6: 6, 12: 16, 14: 10}.get(fmt)
        if header is None or length < header or offset + length > len(data):
            return None
        if fmt == 12 and length != 16 + 12 * int.from_bytes(data[offset + 12 : offset + 16], "big"):
            return None
        tables.append((platform, encoding, fmt, offset, length))
    for wanted in _CMAP_PREFERENCES:
        chosen = next((t for t in tables if t[:2] == wanted), None)
        if chosen is not None:
            _, _, fmt, offset, length = chosen
            sub = data[offset : offset + length]
            return _cmap_4(sub[6:]) if fmt == 4 else _cmap_12(sub) if fmt == 12 else None
    return None


def _cmap_4(data: bytes) -> dict[int, int] | None:
    """A format 4 subtable (after its header) as fontTools decodes it (cmap_format_4.decompile)."""
    if len(data) < 8:
        return None
    seg_count = int.from_bytes(data[:2], "big") // 2
    codes = array("H")
    codes.frombytes(data[8:])
    if sys.byteorder != "big":
        codes.byteswap()
    ends = codes[:seg_count]
    codes = codes[seg_count + 1 :]
    starts, codes = codes[:seg_count], codes[seg_count:]
    deltas, codes = codes[:seg_count], codes[seg_count:]
    range_offsets, glyph_ids = codes[:seg_count], codes[seg_count:]
    out: dict[int, int] = {}
    for i in range(len(starts) - 1):  # not the final 0xFFFF segment
        start, delta, range_offset = starts[i], deltas[i], range_offsets[i]
        partial = range_offset // 2 - start + i - len(range_offsets)
        chars = range(start, ends[i] + 1)
        if not chars:
            continue
        gids: Sequence[int]
        if range_offset == 0:  # glyph = code + delta, modulo 2**16: a range unless it wraps inside the segment
            low, high = start + delta, ends[i] + delta
            if high <= 0xFFFF or low > 0xFFFF:
                gids = range(low & 0xFFFF, (low & 0xFFFF) + len(chars))
            else:
                gids = [(c + delta) & 0xFFFF for c in chars]
        else:
            first, last = start + partial, ends[i] + partial  # the glyph index array's slice for the segment
            if first < 0 or last >= len(glyph_ids):
                return None
            gids = [(g + delta) & 0xFFFF if g else 0 for g in glyph_ids[first : last + 1]]
        if 0 in gids:  # the missing glyph maps nothing, and leaves an earlier segment's mapping
            out.update((c, g) for c, g in zip(chars, gids, strict=True) if g)
        else:
            out.update(zip(chars, gids, strict=True))
    return out


def _cmap_12(data: bytes) -> dict[int, int] | None:
    """A format 12 subtable as fontTools decodes it (cmap_format_12_or_13.decompile); None for the groups it
    clamps or skips."""
    groups = array("I")
    groups.frombytes(data[16:])
    if sys.byteorder != "big":
        groups.byteswap()
    out: dict[int, int] = {}
    last_end = 0
    for start, end, gid in zip(*[iter(groups)] * 3, strict=False):
        if end > 0x10FFFF or start > end or start < last_end:
            return None
        last_end = end
        if gid == 0:
            start, gid = start + 1, 1
        out.update(zip(range(start, end + 1), range(gid, gid + 1 + end - start), strict=True))
    return out


def _read_metrics_fonttools(path: Path) -> tuple[str, int, float, float, float, dict[int, int], int]:
    import logging

    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # odd head dates are not the user's problem
    font = TTFont(str(path), lazy=True, fontNumber=0)
    try:
        # Glyphs named by their index: the advances by code point are the same, and fontTools need not decode the
        # 'post' or CFF glyph names (most of a first run's time for a CJK font).
        font.setGlyphOrder([f"g{gid}" for gid in range(font["maxp"].numGlyphs)])
        upm = font["head"].unitsPerEm
        hmtx = font["hmtx"].metrics
        inked = _font_ink(font)
        advances = {
            cp: hmtx[name][0]
            for cp, name in font.getBestCmap().items()
            if name in hmtx and (inked(int(name[1:])) or blank_ok(cp))
        }
        # reportlab draws a no-break space as a space; so do the others, near enough.
        if 0x20 in advances:
            advances.setdefault(0xA0, advances[0x20])
        notdef = hmtx[font.getGlyphOrder()[0]][0]
        hhea = font["hhea"]
        ascent, descent, gap = hhea.ascent, -hhea.descent, hhea.lineGap
        if "OS/2" in font:
            os2 = font["OS/2"]
            # LibreOffice and PowerPoint use the larger of these on some systems; take the larger, to be safe.
            ascent = max(ascent, os2.usWinAscent)
            descent = max(descent, os2.usWinDescent)
        family = _family(font, path)
    finally:
        font.close()
    return family, upm, ascent / upm, descent / upm, gap / upm, advances, notdef


def _family(font: Any, path: Path) -> str:
    """fontTools' `name.getDebugName(16) or name.getDebugName(1) or path.stem`, read from the raw table in the
    usual case (a Windows English name in UTF-16): fontTools' name table imports its OpenType tables, ~50 ms of
    a first run. Anything else is left to fontTools."""
    try:
        data = font.reader["name"]
        return _windows_english(data, 16) or _windows_english(data, 1) or path.stem
    except (ValueError, KeyError, struct.error):  # UnicodeDecodeError is a ValueError
        name = font["name"]
        return str(name.getDebugName(16) or name.getDebugName(1) or path.stem)


def _windows_english(data: bytes, name_id: int) -> str | None:
    """The first Windows English (3, 0x409) record of `name_id`, which getDebugName prefers; None when there is no
    record of `name_id` at all; ValueError when only fontTools can say (no such record, odd bytes, empty)."""
    _, count, base = struct.unpack_from(">HHH", data)
    records = [struct.unpack_from(">6H", data, 6 + 12 * i) for i in range(count)]
    wanted = [r for r in records if r[3] == name_id]
    if not wanted:
        return None
    for platform, encoding, lang, _, length, offset in wanted:
        if (platform, lang) == (3, 0x409):
            raw = data[base + offset : base + offset + length]
            if encoding not in (0, 1, 10) or len(raw) != length or length % 2:
                raise ValueError("not a plain UTF-16 name")
            text = raw.decode("utf-16-be")
            if not text:
                raise ValueError("an empty name")
            return text
    raise ValueError("no Windows English name")


# The arrays are kept in this machine's byte order and item sizes, which the entry's name records.
_LAYOUT = f"{sys.byteorder}:{array('I').itemsize}:{array('l').itemsize}"


@cache
def load_face(path: Path) -> Face:
    """The face of a font file, from the metrics cache when it is fresh."""
    path = path.resolve()
    stat = path.stat()
    name = cachedir.key(_CACHE_VERSION, _LAYOUT, path, stat.st_size, stat.st_mtime_ns) + ".marshal"
    kept = cachedir.load("metrics", name, _metrics_entry)
    if kept is not None:
        family, upm, ascent, descent, gap, notdef, source = kept
    else:
        shipped = bundled_metrics(path)
        if shipped is not None:  # a bundled font: its metrics ship beside it, and need no cache entry
            family, upm, ascent, descent, gap, notdef, source = shipped
            return Face(path, family, upm, ascent, descent, gap, source, notdef)
        family, upm, ascent, descent, gap, advances, notdef = _read_metrics(path)
        source = Advances.of(advances)
        row = (family, upm, ascent, descent, gap, notdef, source._codes.tobytes(), source._widths.tobytes())
        cachedir.write("metrics", name, marshal.dumps(row))
    return Face(path, family, upm, ascent, descent, gap, source, notdef)


def _metrics_entry(data: bytes) -> tuple[str, int, float, float, float, int, Advances] | None:
    """A metrics cache entry decoded, or None when a value could not be a font's: a forged units-per-em of 0
    would divide by zero in every measure."""
    family, upm, ascent, descent, gap, notdef, codes, widths = marshal.loads(data)
    numbers = (ascent, descent, gap)
    if not (isinstance(family, str) and isinstance(upm, int) and isinstance(notdef, int)):
        return None
    if not (16 <= upm <= 16384 and 0 <= notdef <= 65535 and all(isinstance(v, int | float) for v in numbers)):
        return None
    if not all(-4.0 <= v <= 4.0 for v in numbers):  # em fractions; also refuses nan and infinities
        return None
    source = Advances(array("I", codes), array("l", widths))
    if len(source._codes) != len(source._widths) or (
        source._widths and not 0 <= min(source._widths) <= max(source._widths) <= 65535
    ):
        return None
    codes_ = source._codes
    if not all(map(operator.lt, codes_, islice(codes_, 1, None))):
        return None  # the codes are looked up by bisection: they must ascend
    return family, upm, ascent, descent, gap, notdef, source


# What a shipped record depends on: the font file's size and the directory checksums of the tables recap reads
# (metrics and kerning), so a font rebuilt or changed in any of them is read afresh.
# (glyf and loca too: which characters have ink).
_STAMP_TABLES: tuple[bytes, ...] = (b"CFF ", b"GPOS", b"OS/2", b"cmap", b"glyf", b"head", b"hhea", b"hmtx")
_STAMP_TABLES += (b"kern", b"loca", b"maxp", b"name")
_SHIPPED_VERSION = 3  # 3: advances only for characters drawn with ink


def font_stamp(path: Path) -> tuple[int, tuple[tuple[bytes, int], ...]] | None:
    """The file's size and the directory checksums of the tables recap reads (a few hundred bytes read), or None
    for a collection or a directory cut short."""
    with path.open("rb") as fh:
        head = fh.read(12)
        if len(head) < 12 or head[:4] == b"ttcf":
            return None
        count = int.from_bytes(head[4:6], "big")
        records = fh.read(16 * count)
        size = fh.seek(0, 2)
    if len(records) < 16 * count:
        return None
    sums = []
    for i in range(0, len(records), 16):
        tag, checksum = struct.unpack_from(">4sL", records, i)
        if tag in _STAMP_TABLES:
            sums.append((tag, checksum))
    return size, tuple(sorted(sums))


def shipped_record(payload: Any, path: Path) -> bytes:
    """A record tools/build_font_records.py ships for a bundled font (assets/fonts/KIND/NAME.marshal.z): the
    font's stamp and `payload`, marshalled and deflated."""
    return zlib.compress(marshal.dumps((_SHIPPED_VERSION, font_stamp(path), payload), 4), 9)


def shipped(kind: str, path: Path) -> Any:
    """The payload of the record shipped for the bundled font `path` (resolved) under assets/fonts/KIND, when the
    font's stamp is the one it was read with; None otherwise (another font, a changed one, a damaged record)."""
    from decks.assets import fonts_dir

    folder = fonts_dir()
    if path.parent != folder.resolve():
        return None
    try:
        record = marshal.loads(zlib.decompress((folder / kind / (path.name + ".marshal.z")).read_bytes()))
        version, stamp, payload = record
        if version != _SHIPPED_VERSION or stamp != font_stamp(path):
            return None
        return payload
    except (OSError, EOFError, ValueError, TypeError, zlib.error):
        return None


def metrics_record(path: Path) -> bytes:
    """The metrics record of a bundled font: as `_read_metrics` reads them, the arrays little-endian."""
    family, upm, ascent, descent, gap, advances, notdef = _read_metrics(path)
    ordered = sorted(advances.items())
    codes, widths = array("I", (c for c, _ in ordered)), array("I", (w for _, w in ordered))
    if sys.byteorder != "little":
        codes.byteswap()
        widths.byteswap()
    return shipped_record((family, upm, ascent, descent, gap, notdef, codes.tobytes(), widths.tobytes()), path)


def bundled_metrics(path: Path) -> tuple[str, int, float, float, float, int, Advances] | None:
    """The shipped metrics of a bundled font (assets/fonts/metrics), or None. A first run then reads a dozen small
    records instead of parsing the cmap and hmtx of every face its theme names (CJK fonts of 4 MB among them)."""
    found = shipped("metrics", path)
    try:
        family, upm, ascent, descent, gap, notdef, codes_le, widths_le = found
        codes, widths = array("I"), array("I")
        codes.frombytes(codes_le)
        widths.frombytes(widths_le)
    except (TypeError, ValueError):
        return None
    if sys.byteorder != "little":
        codes.byteswap()
        widths.byteswap()
    if len(codes) != len(widths):
        return None
    return family, upm, ascent, descent, gap, notdef, Advances(codes, array("l", widths))


@cache
def find_system_font(family: str) -> Path | None:
    """A font file for `family` through fontconfig, only if fontconfig knows that exact family.

    Asking fc-list costs a process on every run, so its answer is kept in the cache folder, stamped with the
    modification times of the font and fontconfig folders: installing or removing a font changes one of them.
    """
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    name = cachedir.key(_CACHE_VERSION, fc_list, family, *font_folders_stamp()) + ".txt"
    kept = cachedir.read("fontconfig", name)
    if kept is not None:
        found = kept.decode("utf-8", "surrogateescape")
        # an answer is data: a font file's path (or none), never another kind of file
        if not found or (Path(found).suffix.lower() in (".ttf", ".otf", ".ttc", ".otc") and Path(found).is_file()):
            return Path(found) if found else None
    chosen = _ask_fontconfig(fc_list, family)
    if chosen is False:
        return None  # fontconfig could not be asked: nothing is remembered, it is asked again next run
    cachedir.write("fontconfig", name, str(chosen or "").encode("utf-8", "surrogateescape"))
    return chosen if isinstance(chosen, Path) else None


@cache
def font_folders_stamp() -> tuple[str, ...]:
    """What an answer about the machine's fonts depends on: fontconfig's settings, and the modification time of
    every folder fonts may be installed in, sub-folders included (installing a font changes the time of the
    folder it lands in, e.g. /usr/share/fonts/truetype/noto, not of /usr/share/fonts). Walked once per process
    (a theme names eight system families; `find_system_font` and decks.text.system keep each answer as long)."""
    import os
    from contextlib import suppress

    home = Path.home()
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache")
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    roots: list[str | Path] = ["/usr/share/fonts", "/usr/local/share/fonts", data / "fonts", home / ".fonts"]
    roots += [home / "Library/Fonts"]
    roots += ["/Library/Fonts", "/System/Library/Fonts", "/etc/fonts", config / "fontconfig"]
    roots += ["/var/cache/fontconfig", cache / "fontconfig", home / ".fontconfig"]
    roots += [
        os.path.expandvars(p)
        for p in ("%WINDIR%/Fonts", "%LOCALAPPDATA%/Microsoft/Windows/Fonts")
        if "%" not in os.path.expandvars(p)
    ]
    stamp = [os.environ.get("FONTCONFIG_FILE", ""), os.environ.get("FONTCONFIG_PATH", "")]
    for root in roots:
        for folder, _, _ in os.walk(root):
            with suppress(OSError):
                stamp.append(f"{folder}:{os.stat(folder).st_mtime_ns}")
    return tuple(stamp)


def _ask_fontconfig(fc_list: str, family: str) -> Path | bool | None:
    """fc-list's file for `family`: a path, None when it knows no such family, False when it could not be asked."""
    from decks.text import fontconfig

    lines = fontconfig.run(fc_list, "--format", "%{file}\n", f":family={family}")
    if lines is None:
        return False
    files = sorted(line for line in lines if line.lower().endswith((".ttf", ".ttc")))
    regular = [f for f in files if "regular" in Path(f).stem.lower()]
    chosen = (regular or files)[:1]
    return Path(chosen[0]) if chosen else None
