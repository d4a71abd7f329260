"""Finding an installed font by its family name (fontconfig's fc-list), the bold cut a client draws a bold run of
a family in (fc-match), and the stamp of the machine's font folders that every cached answer about installed fonts
is keyed by (here and in decks.text.system)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from contextlib import suppress
from functools import cache
from pathlib import Path

from msgspec.structs import replace

from decks import cachedir
from decks.text import fontconfig
from decks.text.faces import Face
from decks.text.metrics import load_face
from decks.text.sfnt import FontFileError, check_font_file

_CACHE_VERSION = 6  # as when this lived in decks.text.fonts: the answers a machine keeps stay valid


@cache
def find_system_font(family: str) -> Path | None:
    """A font file for `family` through fontconfig, only if fontconfig knows that exact family.

    Asking fc-list costs a process on every run, so its answer is kept in the cache folder (`_kept_answer`).
    """
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    return _kept_answer("", fc_list, family, lambda: _ask_fontconfig(fc_list, family))


@cache
def find_bold_font(family: str) -> Path | None:
    """The file of `family`'s own bold cut, as fontconfig gives it to a bold run of that family: LibreOffice asks
    it for `family:weight=bold`. Only when fontconfig's match is that family and it does not embolden the match
    (its answer for a family without a bold cut: the regular, to be emboldened); else None, and a client then
    emboldens the regular glyphs. None without fontconfig. Each answer is kept like `find_system_font`'s."""
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    return _kept_answer("bold", fc_match, family, lambda: _ask_bold(fc_match, family))


def _kept_answer(kind: str, tool: str, family: str, ask: Callable[[], Path | bool | None]) -> Path | None:
    """`ask`'s answer about `family` (a font file, or None), kept in the cache folder and stamped with the
    modification times of the font and fontconfig folders: installing or removing a font changes one of them."""
    name = cachedir.key(_CACHE_VERSION, tool, kind, family, *font_folders_stamp()) + ".txt"
    if not kind:  # the name the answers of fc-list have always been kept under
        name = cachedir.key(_CACHE_VERSION, tool, family, *font_folders_stamp()) + ".txt"
    kept = cachedir.read("fontconfig", name)
    if kept is not None:
        found = kept.decode("utf-8", "surrogateescape")
        # an answer is data: a font file's path (or none), never another kind of file
        if not found or (Path(found).suffix.lower() in (".ttf", ".otf", ".ttc", ".otc") and Path(found).is_file()):
            return Path(found) if found else None
    chosen = ask()
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

    lines = fontconfig.run(fc_list, "--format", "%{file}\n", f":family={family}")
    if lines is None:
        return False
    files = sorted(line for line in lines if line.lower().endswith((".ttf", ".ttc")))
    regular = [f for f in files if "regular" in Path(f).stem.lower()]
    chosen = (regular or files)[:1]
    return Path(chosen[0]) if chosen else None


def _ask_bold(fc_match: str, family: str) -> Path | bool | None:
    """fc-match's bold cut of `family`: a path, None when the machine has none, False when it could not be asked."""

    form = "%{family}\n%{file}\n%{embolden}\n%{weight}\n"
    lines = fontconfig.run(fc_match, "--format", form, f"{family}:weight=bold")
    if lines is None:
        return False
    if len(lines) < 2:
        return None
    families = {f.strip().lower() for f in lines[0].split(",")}
    path = Path(lines[1])
    emboldened = len(lines) > 2 and lines[2].strip().lower() in ("true", "fctrue", "1")
    try:  # fontconfig's weights: regular 80, semibold 180, bold 200; a match lighter than semibold is no bold cut
        light = len(lines) > 3 and float(lines[3].strip() or 200) < 180
    except ValueError:
        light = False
    if family.strip().lower() not in families or emboldened or light or path.suffix.lower() not in (".ttf", ".ttc"):
        return None
    return path if path.is_file() else None


@cache
def bold_cut(face: Face) -> Face | None:
    """The bold cut of `face`'s family that a client draws a bold run of it in, under `face`'s family name: the
    one fontconfig gives (`find_bold_font`), else a bold file of the family beside `face` (a bundled font that is
    not installed: RecapKai-Regular.ttf, RecapKai-Bold.ttf); None when there is none (or only one with PostScript
    outlines)."""
    installed = find_bold_font(face.family)
    for path in (installed, *_beside(face.path)):
        if path is None or path.resolve() == face.path.resolve() or not truetype(str(path)):
            continue  # only TrueType outlines: the slides' painter embeds the faces it draws with reportlab
        try:
            bold = load_face(path)
        except Exception:  # a broken or unreadable font is no bold cut
            continue
        # fontconfig matched the family (by any of its names); a file beside must name it (or it with " Bold")
        if path is installed or bold.family.lower() in (face.family.lower(), f"{face.family} bold".lower()):
            return bold if bold.family == face.family else replace(bold, family=face.family)
    return None


def _beside(path: Path) -> list[Path]:
    """The files a font's bold cut is named by next to it (DejaVuSans.ttf: DejaVuSans-Bold.ttf)."""
    stem, suffix = path.stem, path.suffix
    names = [f"{stem}-Bold{suffix}", f"{stem}Bold{suffix}"]
    for regular in ("-Regular", "Regular", "-Book", "-Roman"):
        if stem.endswith(regular):
            names.insert(0, f"{stem[: -len(regular)]}{regular[0] if regular[0] == '-' else ''}Bold{suffix}")
    return [p for p in (path.with_name(n) for n in names) if p.is_file()]


def outlines(path: str) -> str:
    """ "glyf" for TrueType outlines, "CFF" for PostScript ones, "" for a file that is neither or broken."""
    try:
        check_font_file(Path(path))
    except FontFileError as err:
        return "CFF" if "PostScript" in str(err) else ""
    if Path(path).suffix.lower() != ".ttc":
        return "glyf"
    try:
        from fontTools.ttLib import TTFont  # lazy: only for a font not yet cached

        with TTFont(path, lazy=True, fontNumber=0) as font:
            return "glyf" if "glyf" in font else "CFF" if "CFF " in font else ""
    except Exception:  # a broken font file is not the user's problem here
        return ""


def truetype(path: str) -> bool:
    """TrueType outlines only: a CFF font (.otf, Noto CJK's .ttc) cannot be embedded by reportlab."""
    return outlines(path) == "glyf"
