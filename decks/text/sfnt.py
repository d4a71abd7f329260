"""Font files: checking that one is a TrueType font recap can embed, and reading its metrics with fontTools.

Layout needs only each character's advance and the vertical metrics, so those are read from the font's
cmap/hmtx/hhea/OS/2 tables. A face has a character only when it draws it with ink: a character its cmap maps to
a glyph with no outline (Nanum Pen Script maps about 300 common hanzi to blank glyphs) counts as missing, so the
next face of the stack draws it, unless the character is meant to be blank (white space, a format or control
character, a filler). The answer is kept with the advances (decks.text.metrics caches them), so it costs nothing
after the first read.
"""

from __future__ import annotations

import struct
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from collections.abc import Callable


class FontFileError(Exception):
    """A font file that recap cannot use, with what to do about it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def check_font_file(path: Path) -> None:
    """Raise `FontFileError` unless `path` is a readable font with TrueType outlines."""
    if not path.is_file():
        raise FontFileError(f"font file not found: {path}", "check the path (relative to the theme folder)")
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
            tables = table_checksums(fh, head)
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
    if tables is None:
        raise FontFileError(
            f"cannot read the font {path.name} (its table directory is cut short)", "use another font file"
        )
    if b"glyf" not in {tag for tag, _ in tables}:
        raise FontFileError(f"{path.name} has no TrueType outlines", "use a .ttf with TrueType outlines")


def table_checksums(fh: BinaryIO, head: bytes) -> list[tuple[bytes, int]] | None:
    """Each table's tag and checksum, from the table directory of the font whose first 12 bytes (`head`) were just
    read from `fh`: a few bytes a table, without fontTools (the theme check runs on every render, and the shipped
    records are stamped with it). [] for a collection or a header cut short; None when the directory is cut
    short."""
    if len(head) < 12 or head[:4] == b"ttcf":
        return []
    count = int.from_bytes(head[4:6], "big")
    records = fh.read(16 * count)
    if len(records) < 16 * count:
        return None
    return [struct.unpack_from(">4sL", records, i) for i in range(0, len(records), 16)]


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
    import logging  # lazy: with fontTools, below

    from fontTools.ttLib import TTFont  # lazy: only for a font not yet cached

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


# Any: a fontTools TTFont, and fontTools has no type information (see [tool.mypy] in pyproject.toml).
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
    from fontTools.pens.boundsPen import ControlBoundsPen  # lazy: only for a font not yet cached

    top = font[tag].cff.topDictIndex[0]

    def inked(name: str) -> bool:  # named g<index> by read_metrics; the CFF charset has the font's own names
        try:
            pen = ControlBoundsPen(None)
            top.CharStrings[top.charset[int(name[1:])]].draw(pen)
        except Exception:  # a glyph fontTools cannot draw draws nothing here either
            return False
        return pen.bounds is not None

    return inked


# Any: a fontTools glyf table, and fontTools has no type information (see [tool.mypy] in pyproject.toml).
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
