"""The machine's own fonts as a last resort: a face for a character no font of the theme has.

fontconfig answers which installed files have a character (`fc-list :charset=...`); on macOS and Windows,
without fontconfig, the usual font folders are searched. Only fonts with TrueType outlines are used, as
reportlab embeds nothing else. The answer for each character is kept in the cache folder, keyed by the
font folders' modification times, so a later run asks fontconfig nothing until fonts are installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

from decks import cachedir
from decks.text.fonts import Face, FontFileError, check_font_file, load_face

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


def _folders() -> list[Path]:
    names = _FOLDERS.get(sys.platform, _LINUX_FOLDERS)
    return [Path(os.path.expandvars(os.path.expanduser(n))) for n in names]


@cache
def _stamp() -> str:
    """What the answers depend on: the font folders and when they last changed."""
    return ";".join(f"{f}:{f.stat().st_mtime_ns}" for f in _folders() if f.is_dir())


@cache
def _answers() -> dict[str, str]:
    name = cachedir.key(_CACHE_VERSION, _stamp()) + ".json"
    try:
        data = json.loads(cachedir.read("system-fonts", name) or b"{}")
    except ValueError:
        data = {}
    return data if isinstance(data, dict) else {}


def _remember(ch: str, path: str) -> None:
    answers = _answers()
    answers[f"{ord(ch):X}"] = path
    name = cachedir.key(_CACHE_VERSION, _stamp()) + ".json"
    cachedir.write("system-fonts", name, json.dumps(answers, sort_keys=True).encode())


def _usable(path: str) -> bool:
    """TrueType outlines only: a CFF font (.otf, Noto CJK's .ttc) cannot be embedded by reportlab."""
    try:
        check_font_file(Path(path))
        if Path(path).suffix.lower() == ".ttc":
            from fontTools.ttLib import TTFont

            with TTFont(path, lazy=True, fontNumber=0) as font:
                return "glyf" in font
    except (FontFileError, OSError, Exception):  # a broken font file is not the user's problem here
        return False
    return True


def _fc_candidates(ch: str) -> list[str] | None:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    try:
        out = subprocess.run(
            [fc_list, "--format", "%{file}\n", f":charset={ord(ch):x}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    return sorted(set(out.splitlines()))


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
    if key in answers:
        path = answers[key]
        return load_face(Path(path)) if path and Path(path).is_file() else None
    candidates = _fc_candidates(ch)
    if candidates is None:
        candidates = _folder_candidates(ch)
    usable = sorted((p for p in candidates if _usable(p)), key=_rank)
    chosen = ""
    for path in usable:
        if load_face(Path(path)).has(ch):  # fontconfig's charset may differ from the best cmap
            chosen = path
            break
    _remember(ch, chosen)
    return load_face(Path(chosen)) if chosen else None
