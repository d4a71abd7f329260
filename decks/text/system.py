"""The machine's own fonts as a last resort: a face for a character no font of the theme has.

fontconfig answers which installed files have a character (`fc-list :charset=...`); on macOS and Windows,
without fontconfig, the usual font folders are searched. Only fonts with TrueType outlines are used, as
reportlab embeds nothing else. A font with PostScript (CFF) outlines (.otf, Noto CJK's .ttc),
which reportlab cannot embed, is used through a TrueType copy of the 256-character page that holds the
character, converted with fontTools (cu2qu) and kept in the cache folder. The answer for each character is
kept there too, keyed by the font folders' modification times, so a later run asks fontconfig nothing until
fonts are installed.
"""

from __future__ import annotations

import io
import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

from decks import cachedir
from decks.text import fontconfig
from decks.text.faces import Face
from decks.text.lookup import font_folders_stamp, outlines
from decks.text.metrics import load_face

_CACHE_VERSION = 1
_FOLDERS = {
    "darwin": ("/System/Library/Fonts", "/Library/Fonts", "~/Library/Fonts"),
    "win32": ("%WINDIR%/Fonts", "%LOCALAPPDATA%/Microsoft/Windows/Fonts"),
}
_LINUX_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")


def enabled() -> bool:
    """System fonts are consulted unless RECAP_NO_SYSTEM_FONTS is set (tests that need a character to be
    missing everywhere set it, so their outcome does not depend on the machine)."""
    return not os.environ.get("RECAP_NO_SYSTEM_FONTS")


def font_folders() -> list[Path]:
    """The folders this system keeps fonts in, the user's own among them."""
    names = _FOLDERS.get(sys.platform, _LINUX_FOLDERS)
    return [Path(os.path.expandvars(os.path.expanduser(n))) for n in names]


_folders = font_folders


def _stamp() -> str:
    """What the answers depend on: the font folders, sub-folders included, and when they last changed (the same
    walk as the theme fonts' answers: a font installed into a sub-folder is seen by both)."""
    return ";".join(font_folders_stamp())


@cache
def _answers() -> dict[str, str]:
    name = cachedir.key(_CACHE_VERSION, _stamp()) + ".json"
    found = cachedir.load("system-fonts", name, _answers_entry)
    return found if found is not None else {}


def _answers_entry(data: bytes) -> dict[str, str] | None:
    """The kept answers: a code point in hex to a font file's path (or "" for none), nothing else."""
    found = json.loads(data)
    if not isinstance(found, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) <= 6 and all(c in "0123456789ABCDEF" for c in k)
        for k, v in found.items()
    ):
        return None
    return found


def _remember(ch: str, path: str) -> None:
    answers = _answers()
    answers[f"{ord(ch):X}"] = path
    name = cachedir.key(_CACHE_VERSION, _stamp()) + ".json"
    cachedir.write("system-fonts", name, json.dumps(answers, sort_keys=True).encode())


def _has(path: str, ch: str) -> bool:
    from fontTools.ttLib import TTFont  # lazy: only for a font not yet cached

    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            return ord(ch) in font.getBestCmap()
    except Exception:
        return False


def converted_page(path: str, ch: str) -> Path | None:
    """A TrueType copy of the page of 256 characters around `ch` from a CFF font, made once and cached."""
    src = Path(path)
    stat = src.stat()
    page = ord(ch) >> 8
    name = cachedir.key(_CACHE_VERSION, str(src.resolve()), stat.st_size, stat.st_mtime_ns, page) + ".ttf"
    data = cachedir.load("converted", name, lambda d: d if d[:4] in (b"\x00\x01\x00\x00", b"true") else None)
    if data is None:
        try:
            data = cff_to_truetype(src, set(range(page << 8, (page + 1) << 8)))
        except Exception:  # a font fontTools cannot convert: treat it as one without the character
            return None
        cachedir.write("converted", name, data)
    return cachedir.as_file("converted", name, data)


def cff_to_truetype(src: Path, unicodes: set[int]) -> bytes:
    """The characters `unicodes` of a CFF font (its first face) as a TrueType font (quadratic outlines)."""

    from fontTools import subset  # lazy: only for a font not yet cached
    from fontTools.ttLib import TTFont  # lazy: only for a font not yet cached

    font = TTFont(str(src), fontNumber=0, recalcTimestamp=False)
    opts = subset.Options()
    opts.layout_features = []
    opts.hinting = False
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.drop_tables += ["VORG", "vhea", "vmtx", "GSUB", "GPOS", "GDEF", "BASE", "DSIG"]
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=unicodes & set(font.getBestCmap()))
    subsetter.subset(font)
    glyf_from_cff(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


# Any: a fontTools TTFont, and fontTools has no type information (see [tool.mypy] in pyproject.toml).
def glyf_from_cff(font: Any, max_err: float = 1.0) -> None:
    """Give `font` TrueType (quadratic) outlines in place of its CFF ones, with what TrueType requires around them
    (loca, left side bearings equal to xMin, a version 1.0 maxp, post format 2): reportlab reads only glyf. Used
    for machine fonts here and for the bundled fonts in tools/build_fonts.py."""
    from fontTools.pens.cu2quPen import Cu2QuPen  # lazy: only for a font not yet cached
    from fontTools.pens.ttGlyphPen import TTGlyphPen  # lazy: only for a font not yet cached
    from fontTools.ttLib import newTable  # lazy: only for a font not yet cached

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType ones clockwise; 1 unit of error is invisible.
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    hmtx = font["hmtx"]
    for name in order:  # a TrueType left side bearing is the glyph's xMin
        glyph = glyf.glyphs[name]
        glyph.recalcBounds(glyf)
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = maxp.maxStorage = maxp.maxFunctionDefs = maxp.maxInstructionDefs = 0
    maxp.maxStackElements = maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max((len(getattr(g, "components", ())) for g in glyf.glyphs.values()), default=0)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def _fc_candidates(ch: str) -> list[str] | None:
    """Font files fontconfig says have `ch`; None without fontconfig (the font folders are searched instead)."""

    fc_list = fontconfig.tool("fc-list")
    if not fc_list:
        return None
    return sorted(set(fontconfig.run(fc_list, "--format", "%{file}\n", f":charset={ord(ch):x}") or []))


def _folder_candidates(ch: str) -> list[str]:
    """Without fontconfig: every TrueType file in the font folders that has `ch` (metrics are cached)."""
    found = []
    for folder in _folders():
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.suffix.lower() in (".ttf", ".ttc") and load_face(path).has(ch):
                    found.append(str(path))
    return found


def _rank(path: str) -> tuple[int, str]:
    # Prefer a regular sans face: it sits best beside any theme font.
    stem = Path(path).stem.lower()
    odd = any(w in stem for w in ("bold", "italic", "oblique", "light", "thin", "black", "mono", "serif"))
    return (int(odd), path)


def system_face(ch: str) -> Face | None:
    """An installed face that has `ch`, or None."""
    if not enabled() or ch.isspace():
        return None
    key = f"{ord(ch):X}"
    answers = _answers()
    if key in answers and (not answers[key] or Path(answers[key]).is_file()):
        path = answers[key]
        return load_face(Path(path)) if path else None
    candidates = _fc_candidates(ch)
    if candidates is None:
        candidates = _folder_candidates(ch)
    kinds = {p: outlines(p) for p in candidates}
    chosen = ""
    for path in sorted((p for p in candidates if kinds[p] == "glyf"), key=_rank):
        if load_face(Path(path)).has(ch):  # fontconfig's charset may differ from the best cmap
            chosen = path
            break
    if not chosen:  # only CFF fonts have it: convert the page it is on
        for path in sorted((p for p in candidates if kinds[p] == "CFF"), key=_rank):
            if _has(path, ch):
                converted = converted_page(path, ch)
                if converted is not None and load_face(converted).has(ch):
                    chosen = str(converted)
                    break
    _remember(ch, chosen)
    return load_face(Path(chosen)) if chosen else None
