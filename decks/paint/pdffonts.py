"""Fonts for the PDF renderers: each face file registered with reportlab once, under one name, with a text map
(ToUnicode) that is right for every character.

reportlab writes each subset's ToUnicode entries as `<%04X>` of the code point, which for a character beyond
U+FFFF (an emoji) is five hex digits that readers take as a wrong character: 🎉 was extracted and searched as
"Ἰ". A ToUnicode destination is UTF-16BE, so such a character is its surrogate pair; the map is written so here.

Parsing a face (its character map, widths and glyph offsets) takes reportlab ~20 ms for a CJK or large Latin
file on every run, so what the parse leaves on the face is kept in the cache folder, keyed by the file's path,
size and modification time and by reportlab's version; a warm run reads it back instead (marshal, ~5 ms).
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from decks import cachedir

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

_NAMES: dict[Path, str] = {}
_CACHE_FORMAT = 1
# The parse leaves these on the face; an entry without them is not one this code wrote.
_REQUIRED = ("charToGlyph", "charWidths", "hmetrics", "glyphPos", "table", "unitsPerEm", "filename")
BFCHAR_BLOCK = 100  # entries per beginbfchar block: the most the CMap format allows


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of one subset (codes 0..n-1 standing for the code points in `subset`), as reportlab
    writes it but with UTF-16BE destinations and blocks of at most 100 entries."""
    entries = [f"<{code:02X}> <{chr(cp).encode('utf-16-be').hex().upper()}>" for code, cp in enumerate(subset)]
    blocks: list[str] = []
    for start in range(0, len(entries), BFCHAR_BLOCK):
        chunk = entries[start : start + BFCHAR_BLOCK]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def register(path: Path) -> str:
    """The reportlab font name of the face at `path` (a .ttc by its first face), registered on first use."""
    name = _NAMES.get(path)
    if name is None:
        from reportlab.pdfbase import pdfmetrics, ttfonts

        ttfonts.makeToUnicodeCMap = to_unicode_cmap  # reportlab looks it up as a module global when it writes
        name = f"Recap-{path.stem}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(load(name, path))
        _NAMES[path] = name
    return name


def _entry_name(path: Path) -> str:
    import reportlab

    stat = path.stat()
    return cachedir.key(_CACHE_FORMAT, reportlab.Version, marshal.version, path, stat.st_size, stat.st_mtime_ns)


def load(name: str, path: Path) -> TTFont:
    """reportlab's TTFont of the face at `path` (a .ttc by its first face): restored from the cache folder when a
    fresh entry is there, else parsed by reportlab and kept. What is restored equals what a parse makes."""
    from reportlab.pdfbase import ttfonts

    entry = _entry_name(path) + ".marshal"
    kept = cachedir.read("pdffonts", entry)
    if kept is not None:
        font = _restore(name, path, kept)
        if font is not None:
            return font
    font = ttfonts.TTFont(name, str(path), subfontIndex=0)
    data = _state(font)
    if data is not None:
        cachedir.write("pdffonts", entry, data)
    return font


def _state(font: TTFont) -> bytes | None:
    """What reportlab's parse left on `font` and its face, marshalled: all but the file's bytes (read again, they
    cost a read, not a parse), the scale function (made from unitsPerEm) and the per-document state. None when
    some value is not plain data (a later reportlab): the face is then parsed on every run, as before."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    face: dict[str, Any] = {}
    names: dict[str, bytes] = {}
    for key, value in vars(font.face).items():
        if key in ("_ttf_data", "_pdfScale"):
            continue
        if isinstance(value, TTFNameBytes):  # bytes with the decoded text beside them; made again from the bytes
            names[key] = bytes(value)
        else:
            face[key] = value
    own = {key: value for key, value in vars(font).items() if key not in ("face", "encoding", "state")}
    try:
        return marshal.dumps((face, names, own))
    except ValueError:  # marshal refuses anything but plain data, nested too
        return None


def _restore(name: str, path: Path, data: bytes) -> TTFont | None:
    """The font an entry describes, or None when the entry is not one `_state` wrote (then the face is parsed)."""
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase import ttfonts

    try:
        face_state, names, own = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if not (
        isinstance(face_state, dict)
        and isinstance(names, dict)
        and isinstance(own, dict)
        and all(key in face_state for key in _REQUIRED)
        and face_state["filename"] == str(path)
        and isinstance(face_state["unitsPerEm"], int)
        and face_state["unitsPerEm"] > 0
        and all(isinstance(v, bytes) for v in names.values())
        # plain values only: an entry may not shadow a method of reportlab's classes with data
        and all(
            isinstance(k, str) and not callable(getattr(cls, k, None))
            for cls, state in ((ttfonts.TTFontFace, face_state), (ttfonts.TTFontFace, names), (ttfonts.TTFont, own))
            for k in state
        )
    ):
        return None
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    face = ttfonts.TTFontFace.__new__(ttfonts.TTFontFace)
    vars(face).update(face_state)
    vars(face).update({key: ttfonts.TTFNameBytes(value) for key, value in names.items()})
    face._ttf_data = raw
    upm = face_state["unitsPerEm"]
    # As reportlab's parse makes it (only shaping with uharfbuzz calls it).
    face._pdfScale = (lambda x: x) if upm == 1000 else (lambda x, m=1000 / upm: x * m)
    font = ttfonts.TTFont.__new__(ttfonts.TTFont)
    vars(font).update(own)
    font.fontName = name
    font.face = face
    font.encoding = ttfonts.TTEncoding()
    font.state = WeakKeyDictionary()
    return font
