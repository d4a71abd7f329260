"""The records recap ships beside its bundled fonts (assets/fonts/KIND/NAME.marshal.z; the icon fonts' in
assets/icons/metrics; built by tools/build_font_records.py): a font's metrics and kerning, read once at build
time, served only while the font file is the one they were read from (its size and the checksums of the tables
read).

A first run then reads a dozen small records instead of parsing the cmap and hmtx of every face its theme names
(CJK fonts of 4 MB among them) and the icon fonts.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from array import array
from pathlib import Path

from decks.assets import assets_dir, fonts_dir
from decks.text.faces import Advances
from decks.text.sfnt import read_metrics, table_checksums

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
        tables = table_checksums(fh, head)
        size = fh.seek(0, 2)
    if tables is None:
        return None
    return size, tuple(sorted((tag, checksum) for tag, checksum in tables if tag in _STAMP_TABLES))


# What a shipped record holds besides its stamp: a font's metrics (names, numbers and packed arrays), or its
# kerning rows (a first character -> its second characters and their packed values).
Payload = tuple[str | int | float | bytes, ...] | dict[str, tuple[str, bytes]]


def shipped_record(payload: Payload, path: Path) -> bytes:
    """A record tools/build_font_records.py ships for a bundled font (assets/fonts/KIND/NAME.marshal.z): the
    font's stamp and `payload`, marshalled and deflated."""
    return zlib.compress(marshal.dumps((_SHIPPED_VERSION, font_stamp(path), payload), 4), 9)


def bundled_font_folders() -> tuple[Path, ...]:
    """The folders of the fonts recap ships, each with its records in KIND/ beside the fonts: the text fonts
    (assets/fonts) and the icon fonts (assets/icons)."""

    return fonts_dir(), assets_dir() / "icons"


def shipped(kind: str, path: Path) -> object:
    """The payload of the record shipped for the bundled font `path` (resolved) under FOLDER/KIND, when the
    font's stamp is the one it was read with; None otherwise (another font, a changed one, a damaged record).
    What it holds is the caller's to check (each kind of record has its own shape)."""
    folder = next((f for f in bundled_font_folders() if path.parent == f.resolve()), None)
    if folder is None:
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
    if not isinstance(found, tuple):
        return None
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
