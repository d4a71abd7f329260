"""Font faces and their metrics, read once with fontTools and cached on disk.

Layout needs only each character's advance and the vertical metrics, so those are read from the font's
cmap/hmtx/hhea/OS/2 tables and kept in a small cache file keyed by the font file's path, size and mtime:
the next run does not parse a 4 MB CJK font again.
"""

from __future__ import annotations

import marshal
import shutil
import struct
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

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
        # Glyphs named by their index: the advances by code point are the same, and fontTools need not decode the
        # 'post' or CFF glyph names (most of a first run's time for a CJK font).
        font.setGlyphOrder([f"g{gid}" for gid in range(font["maxp"].numGlyphs)])
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
    """A font file for `family` through fontconfig, only if fontconfig knows that exact family.

    Asking fc-list costs a process on every run, so its answer is kept in the cache folder, stamped with the
    modification times of the font and fontconfig folders: installing or removing a font changes one of them.
    """
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    name = cachedir.key(_CACHE_VERSION, fc_list, family, *_fontconfig_stamp()) + ".txt"
    kept = cachedir.read("fontconfig", name)
    if kept is not None:
        found = kept.decode("utf-8", "surrogateescape")
        if not found or Path(found).is_file():
            return Path(found) if found else None
    chosen = _ask_fontconfig(fc_list, family)
    if chosen is not False:
        cachedir.write("fontconfig", name, str(chosen or "").encode("utf-8", "surrogateescape"))
    return chosen or None


def _fontconfig_stamp() -> list[str]:
    """What fc-list's answer depends on: fontconfig's settings, and the times of the folders it reads."""
    import os
    from contextlib import suppress

    home = Path.home()
    data = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache")
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    roots = ["/usr/share/fonts", "/usr/local/share/fonts", data / "fonts", home / ".fonts", home / "Library/Fonts"]
    roots += ["/Library/Fonts", "/System/Library/Fonts", "/etc/fonts", config / "fontconfig"]
    roots += ["/var/cache/fontconfig", cache / "fontconfig", home / ".fontconfig"]
    stamp = [os.environ.get("FONTCONFIG_FILE", ""), os.environ.get("FONTCONFIG_PATH", "")]
    for root in roots:
        for folder, _, _ in os.walk(root):
            with suppress(OSError):
                stamp.append(f"{folder}:{os.stat(folder).st_mtime_ns}")
    return stamp


def _ask_fontconfig(fc_list: str, family: str) -> Path | bool | None:
    """fc-list's file for `family`: a path, None when it knows no such family, False when it could not be asked."""
    from decks.text import fontconfig

    lines = fontconfig.run(fc_list, "--format", "%{file}\n", f":family={family}")
    if lines is None:
        return False
    files = sorted(line for line in lines if line.lower().endswith((".ttf", ".ttc")))
    regular = [f for f in files if "regular" in Path(f).stem.lower()]
    chosen = (regular or files or [None])[0]
    return Path(chosen) if chosen else None
