"""Finding an installed font by its family name (fontconfig's fc-list), and the stamp of the machine's font
folders that every cached answer about installed fonts is keyed by (here and in decks.text.system)."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from decks import cachedir

_CACHE_VERSION = 6  # as when this lived in decks.text.fonts: the answers a machine keeps stay valid


@cache
def find_system_font(family: str) -> Path | None:
    """A font file for `family` through fontconfig, only if fontconfig knows that exact family.

    Asking fc-list costs a process on every run, so its answer is kept in the cache folder, stamped with the
    modification times of the font and fontconfig folders: installing or removing a font changes one of them.
    """
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    name = cachedir.key(_CACHE_VERSION, fc_list, family, *font_folders_stamp()) + ".txt"
    kept = cachedir.read("fontconfig", name)
    if kept is not None:
        found = kept.decode("utf-8", "surrogateescape")
        # an answer is data: a font file's path (or none), never another kind of file
        if not found or (Path(found).suffix.lower() in (".ttf", ".otf", ".ttc", ".otc") and Path(found).is_file()):
            return Path(found) if found else None
    chosen = _ask_fontconfig(fc_list, family)
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
    import os
    from contextlib import suppress

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
    from decks.text import fontconfig

    lines = fontconfig.run(fc_list, "--format", "%{file}\n", f":family={family}")
    if lines is None:
        return False
    files = sorted(line for line in lines if line.lower().endswith((".ttf", ".ttc")))
    regular = [f for f in files if "regular" in Path(f).stem.lower()]
    chosen = (regular or files)[:1]
    return Path(chosen[0]) if chosen else None
