"""Font faces and their metrics, read once with fontTools and cached on disk.

Layout needs only each character's advance and the vertical metrics, so those are read from the font's
cmap/hmtx/hhea/OS/2 tables and kept in a small cache file keyed by the font file's path, size and mtime:
the next run does not parse a 4 MB CJK font again.
"""

from __future__ import annotations

import marshal
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import BinaryIO

from decks import cachedir

_CACHE_VERSION = 3


class FontFileError(Exception):
    """A font file that recap cannot use, with what to do about it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True, eq=False)
class Face:
    """One font file's metrics: advances by code point (font units) and vertical metrics (em fractions)."""

    path: Path
    family: str
    units_per_em: int
    ascent: float  # above the baseline, as a fraction of the em
    descent: float  # below the baseline, positive
    line_gap: float
    advances: dict[int, int] = field(repr=False)
    notdef: int = 0  # the advance of glyph 0 (.notdef), which renderers draw for a character the face lacks

    def has(self, ch: str) -> bool:
        """Whether this face has a glyph for `ch`."""
        return ord(ch) in self.advances

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
            "use a .ttf with TrueType outlines, or convert it (see tools/build_fonts.py)",
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
    import logging

    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # odd head dates are not the user's problem
    font = TTFont(str(path), lazy=True, fontNumber=0)
    try:
        upm = font["head"].unitsPerEm
        hmtx = font["hmtx"].metrics
        advances = {cp: hmtx[name][0] for cp, name in font.getBestCmap().items() if name in hmtx}
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
        name = font["name"]
        family = str(name.getDebugName(16) or name.getDebugName(1) or path.stem)
    finally:
        font.close()
    return family, upm, ascent / upm, descent / upm, gap / upm, advances, notdef


@cache
def load_face(path: Path) -> Face:
    """The face of a font file, from the metrics cache when it is fresh."""
    path = path.resolve()
    stat = path.stat()
    name = cachedir.key(_CACHE_VERSION, path, stat.st_size, stat.st_mtime_ns) + ".marshal"
    try:
        data = marshal.loads(cachedir.read("metrics", name) or b"")
    except (EOFError, ValueError, TypeError):
        data = _read_metrics(path)
        cachedir.write("metrics", name, marshal.dumps(data))
    family, upm, ascent, descent, gap, advances, notdef = data
    return Face(path, family, upm, ascent, descent, gap, advances, notdef)


@cache
def find_system_font(family: str) -> Path | None:
    """A font file for `family` through fontconfig, only if fontconfig knows that exact family."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    try:
        out = subprocess.run(
            [fc_list, "--format", "%{file}\n", f":family={family}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    files = sorted(line for line in out.splitlines() if line.lower().endswith((".ttf", ".ttc")))
    regular = [f for f in files if "regular" in Path(f).stem.lower()]
    chosen = (regular or files or [None])[0]
    return Path(chosen) if chosen else None
