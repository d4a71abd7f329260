"""Fonts embedded in a .pptx: each face a deck names that is not on every machine, subset to the characters the
deck uses (or whole, for editing), wrapped in an Embedded OpenType (EOT) container as PowerPoint reads it from
`ppt/fonts/fontN.fntdata`, when the font's licence (its OS/2 fsType) allows embedding.

PowerPoint honours embedded fonts; LibreOffice (7.4) and Google Slides ignore them, and use their own fonts.
"""

from __future__ import annotations

import io
import shutil
import struct
from pathlib import Path

import msgspec

from decks import cachedir
from decks.plan.deck.plan import Deck, FontFile
from decks.plan.fontfiles import BITMAP_ONLY, NO_SUBSETTING, RESTRICTED, is_universal
from decks.text.lookup import find_system_font
from decks.text.system import font_folders

CT_FONTDATA = "application/x-fontdata"
RT_FONT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
MODES = ("auto", "all", "none")
EOT_VERSION = 0x00020001
EOT_MAGIC = 0x504C
EOT_CACHE_VERSION = 1


class Embedded(msgspec.Struct, frozen=True):
    """One embedded face: the typeface the deck names, bold or not, and the `.fntdata` bytes (an EOT)."""

    family: str
    bold: bool
    data: bytes


def used_text(deck: Deck) -> dict[tuple[str, bool], set[str]]:
    """The characters each (face, bold) draws in the deck (slide numbers: every digit)."""
    out: dict[tuple[str, bool], set[str]] = {}
    for slide in deck.slides:
        for box in (slide.title, *slide.texts):
            for para in box.paras:
                for run in para.runs:
                    bold = para.font == "heading" and not run.field
                    chars = out.setdefault((run.face, bold), set())
                    chars.update("0123456789" if run.field else run.text)
    return out


def embedding(deck: Deck, mode: str, whole: bool = False) -> tuple[list[Embedded], list[str]]:
    """The faces to embed in `deck` under `mode` ("auto": those not on every machine; "all"; "none"), subset
    unless `whole`, and warnings for the fonts that cannot be embedded (licence, not TrueType, a stand-in)."""
    if mode == "none":
        return [], []
    used: dict[tuple[str, bool], set[str]] | None = None  # found when a font is to be embedded: most decks embed none
    out: list[Embedded] = []
    warnings: list[str] = []
    for font in deck.fonts:
        if mode == "auto" and is_universal(font.family):
            continue
        if font.family in deck.inherited and is_universal(font.family):
            continue
        if used is None:
            used = used_text(deck)
        chars = used.get((font.family, font.bold), set())
        if not chars:
            continue
        if not font.own:
            if not is_universal(font.family):
                warnings.append(
                    f"the font '{font.family}' cannot be embedded (recap measured it with {font.path.name}, not the "
                    "font itself); a machine without it draws a substitute"
                )
            continue
        try:
            data, problem = eot(font, chars, whole)
        except Exception as exc:  # a font fontTools cannot subset is a warning, not a failed deck
            data, problem = None, f"it could not be read ({type(exc).__name__})"
        if data is None:
            warnings.append(f"the font '{font.family}' is not embedded: {problem}")
            continue
        out.append(Embedded(font.family, font.bold, data))
    return out, warnings


def eot(font: FontFile, chars: set[str], whole: bool) -> tuple[bytes | None, str]:
    """The EOT container of `font` (subset to `chars` unless `whole`), or None and why not; kept in the cache
    folder, since subsetting a large CJK font costs more than the rest of the deck."""

    stat = font.path.stat()
    text = "".join(sorted(chars)) if not whole else ""
    name = cachedir.key(EOT_CACHE_VERSION, font.path.resolve(), stat.st_size, stat.st_mtime_ns, whole, text) + ".eot"
    cached = cachedir.load("fonts", name, lambda d: d if _is_eot(d) else None)
    if cached is not None:
        return cached, ""
    data, problem = _eot(font, chars, whole)
    if data is not None:
        cachedir.write("fonts", name, data)
    return data, problem


def _is_eot(data: bytes) -> bool:
    """Whether `data` is an EOT container of its own length (EOTSize) and a known version, with font data."""
    if len(data) < 82:
        return False
    size, font_size, version = struct.unpack("<III", data[:12])
    return size == len(data) and 0 < font_size < size and version in (0x00010000, 0x00020001, 0x00020002)


def _eot(font: FontFile, chars: set[str], whole: bool) -> tuple[bytes | None, str]:
    import logging  # lazy: with fontTools, below

    from fontTools import subset  # lazy: only when a font is embedded
    from fontTools.ttLib import TTFont  # lazy: only when a font is embedded

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "FFTM NOT subset" and the like are not news
    # lazy: only the glyphs kept are decompiled (a 3.5 MB CJK font subsets in 0.4 s instead of 12 s).
    tt = TTFont(str(font.path), fontNumber=0, lazy=True, recalcTimestamp=False)
    if "glyf" not in tt:
        return None, "it has no TrueType outlines (PowerPoint embeds only TrueType)"
    fs_type = tt["OS/2"].fsType if "OS/2" in tt else 0
    if fs_type & RESTRICTED or fs_type & BITMAP_ONLY:
        return None, f"its licence forbids embedding (OS/2 fsType {fs_type:#06x})"
    if fs_type & NO_SUBSETTING:
        whole = True
    if not whole:
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.recalc_timestamp = False
        options.drop_tables += ["DSIG", "FFTM"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted({ord(c) for c in chars} | {0x20}))
        subsetter.subset(tt)
    buf = io.BytesIO()
    tt.save(buf)
    data = buf.getvalue()
    # The header repeats the saved font's checksum adjustment, which saving computed.
    return wrap(TTFont(io.BytesIO(data), lazy=True), data), ""


def _name(tt, name_id: int) -> str:
    record = tt["name"].getName(name_id, 3, 1, 0x409) or tt["name"].getName(name_id, 1, 0, 0)
    return str(record) if record is not None else ""


def wrap(tt, data: bytes) -> bytes:
    """`data` (a TrueType font) in an uncompressed EOT container (version 0x00020001), its header filled from
    the font's OS/2, head and name tables."""
    os2, head = tt["OS/2"], tt["head"]
    panose = os2.panose
    panose_bytes = bytes(
        getattr(panose, k)
        for k in (
            "bFamilyType",
            "bSerifStyle",
            "bWeight",
            "bProportion",
            "bContrast",
            "bStrokeVariation",
            "bArmStyle",
            "bLetterForm",
            "bMidline",
            "bXHeight",
        )
    )
    italic = 1 if os2.fsSelection & 1 else 0

    def string(text: str) -> bytes:
        raw = text.encode("utf-16-le")
        return struct.pack("<H", len(raw)) + raw

    names = (
        string(_name(tt, 1))
        + b"\0\0"
        + string(_name(tt, 2))
        + b"\0\0"
        + string(_name(tt, 5))
        + b"\0\0"
        + string(_name(tt, 4))
        + b"\0\0"
        + string("")  # RootString: empty, the font is not bound to a web site
    )
    fixed = struct.pack(
        "<LLLL10sBBLHH4L2LL4LH",
        0,  # EOTSize, filled in below
        len(data),
        EOT_VERSION,
        0,  # Flags: not compressed, no XOR
        panose_bytes,
        1,  # Charset: DEFAULT_CHARSET
        italic,
        os2.usWeightClass,
        os2.fsType,
        EOT_MAGIC,
        os2.ulUnicodeRange1,
        os2.ulUnicodeRange2,
        os2.ulUnicodeRange3,
        os2.ulUnicodeRange4,
        getattr(os2, "ulCodePageRange1", 0),
        getattr(os2, "ulCodePageRange2", 0),
        head.checkSumAdjustment,
        0,
        0,
        0,
        0,
        0,  # Padding1
    )
    header = fixed + names
    header = struct.pack("<L", len(header) + len(data)) + header[4:]
    return header + data


def read_eot(blob: bytes) -> tuple[dict[str, object], bytes]:
    """The header fields and the font data of an uncompressed EOT (for tests and checks)."""
    size, data_size, version, flags = struct.unpack_from("<LLLL", blob, 0)
    magic = struct.unpack_from("<H", blob, 34)[0]
    fs_type = struct.unpack_from("<H", blob, 32)[0]
    off = 82
    names = []
    for _ in range(4):
        (n,) = struct.unpack_from("<H", blob, off)
        names.append(blob[off + 2 : off + 2 + n].decode("utf-16-le"))
        off += 2 + n + 2
    (root,) = struct.unpack_from("<H", blob, off)
    off += 2 + root
    header = {
        "size": size,
        "data_size": data_size,
        "version": version,
        "flags": flags,
        "magic": magic,
        "fs_type": fs_type,
        "family": names[0],
        "style": names[1],
        "full": names[3],
    }
    return header, blob[off : off + data_size]


def lacking_here(deck: Deck) -> list[str]:
    """The families the deck's runs name that this machine has no font of (every machine has the universal ones),
    in the order the deck names them: LibreOffice and Keynote here would draw a substitute."""
    used: dict[tuple[str, bool], set[str]] | None = None
    lacking: list[str] = []
    for font in deck.fonts:
        if is_universal(font.family) or font.family in lacking or font.family in deck.inherited:
            continue
        used = used if used is not None else used_text(deck)
        if not used.get((font.family, font.bold)) or _installed_here(font.family, font.path):
            continue
        lacking.append(font.family)
    return lacking


def _installed_here(family: str, path: object) -> bool:
    """Whether fontconfig knows `family`, or (without fontconfig: macOS, Windows) a font folder has the file
    (`recap fonts install` copies it there)."""

    if shutil.which("fc-list"):
        return find_system_font(family) is not None
    return isinstance(path, Path) and any((folder / path.name).is_file() for folder in font_folders())


def lacking_warning(families: list[str], embedded: set[str]) -> str:
    """One warning for the fonts the deck names that this machine lacks: who substitutes, and what installs them."""
    names = ", ".join(f"'{f}'" for f in families)
    honoured = [f for f in families if f in embedded]
    powerpoint = (
        "PowerPoint draws the copies embedded in the deck"
        if len(honoured) == len(families)
        else "PowerPoint draws the embedded copies where there are some and substitutes the rest"
        if honoured
        else "PowerPoint substitutes them (none is embedded)"
    )
    return (
        f"the deck names fonts this machine does not have: {names}. {powerpoint}; LibreOffice and Keynote ignore "
        "embedded fonts and substitute an installed one (East Asian text may show as boxes where none has it), "
        "Google Slides uses its own. Install them here and on the presenting machine with `recap fonts install`"
    )
