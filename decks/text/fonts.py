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
    from collections.abc import Callable

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


def read_metrics(path: Path) -> tuple[str, int, float, float, float, dict[int, int], int]:
    """A font file's family, units per em, ascent, descent and line gap (em fractions), advances by code point
    (font units) of the characters it draws with ink, and the advance of its .notdef glyph, read with fontTools
    (the one reader of a font recap does not ship a record for; the answer is kept in the metrics cache)."""
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
            if name in hmtx and (inked(name) or blank_ok(cp))
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
        name_table = font["name"]
        family = str(name_table.getDebugName(16) or name_table.getDebugName(1) or path.stem)
    finally:
        font.close()
    return family, upm, ascent / upm, descent / upm, gap / upm, advances, notdef


def _font_ink(font: Any) -> Callable[[str], bool]:
    """Whether each glyph (by name) of a font fontTools opened has an outline. A TrueType glyph with no data, or
    no contours, has none; a composite has one when one of its components has: read from the glyph's header as
    fontTools keeps it before decompiling (decompiling every outline of a CJK font takes seconds). A CFF glyph is
    drawn (fontTools' ControlBoundsPen finds no point in a blank one)."""
    if "glyf" in font:
        return _glyf_ink(font["glyf"])
    tag = next((t for t in ("CFF ", "CFF2") if t in font), None)
    if tag is None:
        return lambda name: False
    from fontTools.pens.boundsPen import ControlBoundsPen

    top = font[tag].cff.topDictIndex[0]

    def inked(name: str) -> bool:  # named g<index> by read_metrics; the CFF charset has the font's own names
        try:
            pen = ControlBoundsPen(None)
            top.CharStrings[top.charset[int(name[1:])]].draw(pen)
        except Exception:  # a glyph fontTools cannot draw draws nothing here either
            return False
        return pen.bounds is not None

    return inked


def _glyf_ink(glyf: Any) -> Callable[[str], bool]:
    known: dict[str, bool] = {}

    def inked(name: str, depth: int = 0) -> bool:
        try:
            return known[name]
        except KeyError:
            pass
        glyph = glyf.glyphs.get(name)
        if glyph is None or depth > 16:  # a component out of range, or a loop: nothing drawn
            return False
        try:
            if glyph.isComposite():
                found = any(inked(part, depth + 1) for part in glyph.getComponentNames(glyf))
            else:  # the header's number of contours (0 for a glyph without data), decompiled or not
                data = getattr(glyph, "data", None)
                contours = glyph.numberOfContours if data is None else _header_contours(data)
                found = contours > 0
        except (IndexError, struct.error):  # a component cut short or out of range: nothing drawn
            found = False
        known[name] = found
        return found

    return inked


def _header_contours(data: bytes) -> int:
    """numberOfContours from the header of a glyph's data, as fontTools' Glyph.expand would unpack it; 0 for data
    shorter than the header, which draws nothing."""
    return int.from_bytes(data[:2], "big", signed=True) if len(data) >= 10 else 0


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
        family, upm, ascent, descent, gap, advances, notdef = read_metrics(path)
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
    """The metrics record of a bundled font: as `read_metrics` reads them, the arrays little-endian."""
    family, upm, ascent, descent, gap, advances, notdef = read_metrics(path)
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
