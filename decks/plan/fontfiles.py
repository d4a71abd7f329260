"""The font file that measures a family name a theme or template names: a bundled metric-compatible twin
(Carlito for Calibri, Liberation Sans for Arial), a bundled font of that family, a font in the theme's folder,
or an installed one (fontconfig's `fc-match`, only when it answers with that very family).

Also which families count as universal: those PowerPoint, Keynote, Google Slides and LibreOffice all have or
substitute with a metric-compatible twin, so a deck naming them needs no embedded font.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import msgspec

from decks.assets import fonts_dir
from decks.text import fontconfig
from decks.text.metrics import load_face

# Family (lower case) -> the bundled twin's regular and bold files, metric-compatible: same advance widths.
TWINS: dict[str, tuple[str, str]] = {
    "calibri": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "carlito": ("Carlito-Regular.ttf", "Carlito-Bold.ttf"),
    "arial": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "helvetica": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "liberation sans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    "arimo": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    # Inline code: the deck names Courier New (every presenting machine has it; fontconfig maps it to Liberation
    # Mono, which has its advances: 0.6 em each).
    "courier new": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "liberation mono": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
    "cousine": ("LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf"),
}
# Every presenting machine has these or a metric-compatible twin (Carlito, Caladea, Liberation): never embedded.
UNIVERSAL = frozenset(
    {
        "calibri",
        "carlito",
        "cambria",
        "caladea",
        "arial",
        "helvetica",
        "liberation sans",
        "arimo",
        "times new roman",
        "liberation serif",
        "tinos",
        "courier new",
        "liberation mono",
        "cousine",
    }
)
# OS/2 fsType bits (OpenType spec): 0x0002 restricted licence (no embedding); 0x0200 bitmap embedding only;
# 0x0100 no subsetting. 0 (installable), 0x0004 (preview & print) and 0x0008 (editable) allow embedding.
RESTRICTED, NO_SUBSETTING, BITMAP_ONLY = 0x0002, 0x0100, 0x0200
# The stand-in for a family recap cannot find, measured this much wider so a substitute of similar width fits.
MARGIN = 0.1
STAND_IN = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf")
FONT_SUFFIXES = (".ttf", ".ttc", ".otf")


# How a family's measuring file was found (`Found.how`).
FoundHow = Literal["bundled twin", "bundled", "theme folder", "installed", "stand-in"]


class Found(msgspec.Struct, frozen=True):
    """The file measuring a family, and how it was found ("bundled twin", "bundled", "theme folder",
    "installed", or "stand-in" when nothing was: then measured `MARGIN` wider)."""

    family: str
    path: Path
    how: FoundHow

    @property
    def margin(self) -> float:
        return MARGIN if self.how == "stand-in" else 0.0

    def describe(self) -> str:
        extra = f", {MARGIN:.0%} wider for safety" if self.margin else ""
        return f"{self.family} measured with {self.path.name} ({self.how}{extra})"


def measures_for(family: str, path: Path) -> bool:
    """Whether `path` is a bundled twin or the stand-in measuring for another family (so not that font: never
    embedded under its name)."""
    stand_ins = {name for pair in (*TWINS.values(), STAND_IN) for name in pair}
    return path.name in stand_ins and path.parent == fonts_dir() and family.strip().lower() not in _OWN


def is_universal(family: str) -> bool:
    """Whether every presenting machine draws `family` (or a metric-compatible twin of it)."""
    return family.strip().lower() in UNIVERSAL


def embeddable(path: Path) -> str | None:
    """Why the font file cannot be embedded in a deck (no TrueType outlines, or its OS/2 fsType forbids it), or
    None when it can."""
    # lazy: fontTools reads a font file only on a first run; a warm `recap pdf` reads cached records (test_pdf.py)
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(str(path), lazy=True, fontNumber=0)
    except Exception:  # an unreadable font cannot be embedded, which is all this asks
        return "it cannot be read as a font (the file is damaged or not a TrueType or OpenType font)"
    try:
        if "glyf" not in font:
            return "it has no TrueType outlines (PowerPoint embeds only TrueType)"
        fs_type = font["OS/2"].fsType if "OS/2" in font else 0
        if fs_type & (RESTRICTED | BITMAP_ONLY):
            return f"its licence forbids embedding (OS/2 fsType {fs_type:#06x})"
    finally:
        font.close()
    return None


def find_font(family: str, bold: bool = False, folder: Path | None = None) -> Found:
    """The file to measure `family` with (bold or regular): never None; a stand-in when nothing else is found."""
    key = family.strip().lower()
    if key in TWINS:
        return Found(family, fonts_dir() / TWINS[key][bold], "bundled twin" if key not in _OWN else "bundled")
    places: tuple[tuple[Path | None, FoundHow], ...] = ((fonts_dir(), "bundled"), (folder, "theme folder"))
    for where, how in places:
        if where is not None:
            path = _in_folder(where, key, bold)
            if path is not None:
                return Found(family, path, how)
    path = _installed(family, bold)
    if path is not None:
        return Found(family, path, "installed")
    return Found(family, fonts_dir() / STAND_IN[bold], "stand-in")


_OWN = {"carlito", "liberation sans", "liberation mono"}


def _in_folder(folder: Path, key: str, bold: bool) -> Path | None:
    """A font file in `folder` whose family is `key`, the bold one when asked (by its name), else any."""
    matches = [path for path, fam in _families(folder) if fam == key]
    if not matches:
        return None
    wanted = [p for p in matches if ("bold" in p.stem.lower()) == bold]
    return (wanted or matches)[0]


@cache
def _families(folder: Path) -> tuple[tuple[Path, str], ...]:
    out = []
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES)
    except OSError:
        return ()
    for path in files:
        try:
            out.append((path, load_face(path).family.lower()))
        except Exception:  # a broken font in a folder is not the family asked for
            continue
    return tuple(out)


@cache
def _installed(family: str, bold: bool) -> Path | None:
    """fontconfig's file for `family`, only when its answer is that family (fc-match always answers something)."""

    fc_match = fontconfig.tool("fc-match")
    if not fc_match:
        return None
    pattern = f"{family}:weight={'bold' if bold else 'regular'}"
    lines = fontconfig.run(fc_match, "--format", "%{family}\n%{file}", pattern) or []
    if len(lines) < 2:
        return None
    families = {f.strip().lower() for f in lines[0].split(",")}
    path = Path(lines[1])
    if family.strip().lower() not in families or path.suffix.lower() not in FONT_SUFFIXES or not path.is_file():
        return None
    return path
