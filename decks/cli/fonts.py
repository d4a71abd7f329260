"""`recap fonts` and `recap fonts install`: where the bundled fonts are, and copying them to the user's font folder.

The deck names recap's bundled fonts; the machine that presents it draws them only if they are installed there.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import sys
from pathlib import Path

import click
import msgspec

from decks.cli import console
from decks.errors import OutputError, Problem

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
# A row of assets/fonts/README.md's table: | `file` | family | licence | ...
_ROW = re.compile(r"^\|\s*`(?P<file>[^`]+)`\s*\|\s*(?P<family>[^|]+?)\s*\|\s*(?P<licence>[^|]+?)\s*\|")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


class BundledFont(msgspec.Struct, frozen=True):
    """A font file recap ships, with the family and style it declares and its licence."""

    path: Path
    family: str
    style: str
    licence: str


def bundled_fonts(folder: Path | None = None) -> list[BundledFont]:
    """The bundled font files, by file name; family and style from the font, the licence from the folder's README."""
    from fontTools.ttLib import TTFont  # lazy: per command (cli start-up); --help loads this module

    from decks.assets import fonts_dir  # lazy: per command (cli start-up)

    folder = folder or fonts_dir()
    licences = _licences(folder / "README.md")
    fonts = []
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES):
        names = TTFont(path, lazy=True, fontNumber=0)["name"]
        family = names.getDebugName(16) or names.getDebugName(1) or path.stem
        style = names.getDebugName(17) or names.getDebugName(2) or ""
        licence = licences.get(path.name) or names.getDebugName(14) or "see the font's licence file"
        fonts.append(BundledFont(path, family, style, licence))
    return fonts


def _licences(readme: Path) -> dict[str, str]:
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return {}
    found = {}
    for line in text.splitlines():
        row = _ROW.match(line)
        if row:
            found[row["file"]] = _LINK.sub(r"\1", row["licence"])
    return found


def user_font_dir(platform: str | None = None, env: dict[str, str] | None = None, home: Path | None = None) -> Path:
    """Where fonts go for this user alone, no administrator needed (on Linux, a recap folder inside it)."""
    platform = platform or sys.platform
    env = env if env is not None else dict(os.environ)
    home = home or Path.home()
    if platform.startswith("win"):
        local = env.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(local) / "Microsoft" / "Windows" / "Fonts"
    if platform == "darwin":
        return home / "Library" / "Fonts"
    data = env.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    return Path(data) / "fonts" / "recap"  # fontconfig reads subfolders; one folder is easy to remove


def install_fonts(fonts: list[BundledFont], dest: Path) -> tuple[list[Path], list[Path], list[str]]:
    """Copy each font into `dest` unless the same bytes are already there.

    Returns (copied, already there, what was replaced: the name and what was there, one line each). What is
    already there is compared by size, then by hash, read in chunks (never more than the font's size), through
    no symbolic link; a font is written as every output is (decks.safewrite: a new temporary file beside it,
    renamed over it), so a link planted in `dest` is replaced, never written through.
    """
    from decks.safewrite import replace_with, umask_mode  # lazy: per command (cli start-up)

    copied, present, replaced = [], [], []
    mode = umask_mode()
    try:
        dest.mkdir(parents=True, exist_ok=True)
        for font in fonts:
            target = dest / font.path.name
            data = font.path.read_bytes()  # a font recap ships
            there = _what_is_there(target, data)
            if there == _SAME:
                present.append(target)
                continue
            replace_with(target, data, mode)  # a font manager never sees half a file
            copied.append(target)
            if there:
                replaced.append(f"{target.name} ({there})")
    except OSError as exc:
        raise OutputError(
            [Problem(str(dest), f"cannot copy the fonts there ({exc.strerror})", "choose another folder with --dest")]
        ) from None
    return copied, present, replaced


_SAME = "the same font"


def _what_is_there(target: Path, data: bytes) -> str | None:
    """None when nothing is at `target`, `_SAME` when the very bytes of `data` are, else what is there."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return "a symbolic link; what it pointed to is untouched"
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(
            [Problem(str(target), "a folder has the font's name", "move it away, or choose another folder with --dest")]
        )
    if not stat.S_ISREG(st.st_mode):
        return "a special file"
    if st.st_size != len(data):
        return f"a different file of {st.st_size:,} bytes"
    fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return "a special file"
        digest, left = hashlib.sha256(), len(data) + 1
        while left > 0 and (chunk := fh.read(min(left, 1 << 20))):
            digest.update(chunk)
            left -= len(chunk)
    return _SAME if digest.digest() == hashlib.sha256(data).digest() else "a different file of the same size"


def _register_on_windows(installed: list[Path], fonts: list[BundledFont]) -> None:
    """Per-user fonts on Windows are used only once listed under HKCU's Fonts key."""
    if sys.platform != "win32":  # winreg exists only there; this test also tells the type checker so
        return
    import winreg  # lazy: Windows only

    by_name = {f.path.name: f for f in fonts}
    key_path = r"Software\Microsoft\Windows NT\CurrentVersion\Fonts"
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, key_path) as key:
        for path in installed:
            font = by_name[path.name]
            winreg.SetValueEx(key, f"{font.family} {font.style} (TrueType)", 0, winreg.REG_SZ, str(path))


@click.group(
    name="fonts",
    invoke_without_command=True,
    short_help="List the bundled fonts; 'recap fonts install' installs them for you.",
)
@click.pass_context
def fonts_command(ctx: click.Context) -> None:
    """List the bundled fonts (family, file, licence) and their folder; 'recap fonts install' installs them."""
    if ctx.invoked_subcommand is not None:
        return
    from decks.assets import fonts_dir  # lazy: per command (cli start-up)

    console.result(f"folder: {fonts_dir()}")
    for font in bundled_fonts():
        console.result(f"{font.family} {font.style}\t{font.path.name}\t{font.licence}")
    console.note(f"install them where this user's programs find them: recap fonts install (into {user_font_dir()})")


@fonts_command.command(name="install")
@click.option(
    "--dest",
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to copy them into (default: this user's font folder, shown by 'recap fonts').",
)
def fonts_install(dest: Path | None) -> None:
    """Copy the bundled fonts into your font folder, so the presenting machine draws the deck's fonts."""
    fonts = bundled_fonts()
    target = dest or user_font_dir()
    copied, present, replaced = install_fonts(fonts, target)
    if dest is None and sys.platform.startswith("win") and copied:
        _register_on_windows(copied, fonts)
    if dest is None and sys.platform.startswith("linux") and copied and shutil.which("fc-cache"):
        import subprocess  # lazy: per command (cli start-up)

        subprocess.run(["fc-cache", str(target)], capture_output=True, check=False)  # programs see them at once
    console.result(
        f"{target}: {console.count(len(copied), 'font')} installed, {len(present)} already there"
        + (" (unchanged)" if not copied else "")
    )
    for line in replaced:
        console.note(f"replaced {line}")
    if copied:
        console.note("restart PowerPoint or LibreOffice to use them")
