"""Which writing system a character belongs to, and what to install when no font of a theme has it.

The advice names a Debian package (the machines recap is built and tested on) and the family to add to a
theme's `fonts.fallbacks`; macOS and Windows ship a face for each of these scripts already.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# (first word of the Unicode character name, script) for scripts a name prefix identifies.
_NAME_PREFIXES = {
    "CJK": "Han",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
    "THAI": "Thai",
    "LAO": "Lao",
    "KHMER": "Khmer",
    "MYANMAR": "Myanmar",
    "DEVANAGARI": "Devanagari",
    "BENGALI": "Bengali",
    "GURMUKHI": "Gurmukhi",
    "GUJARATI": "Gujarati",
    "ORIYA": "Oriya",
    "TAMIL": "Tamil",
    "TELUGU": "Telugu",
    "KANNADA": "Kannada",
    "MALAYALAM": "Malayalam",
    "SINHALA": "Sinhala",
    "TIBETAN": "Tibetan",
    "ARABIC": "Arabic",
    "HEBREW": "Hebrew",
    "SYRIAC": "Syriac",
    "THAANA": "Thaana",
    "ARMENIAN": "Armenian",
    "GEORGIAN": "Georgian",
    "ETHIOPIC": "Ethiopic",
    "GREEK": "Greek",
    "CYRILLIC": "Cyrillic",
}

# script -> (Debian package, a family to name in fonts.fallbacks)
_FONTS = {
    "Han": ("fonts-noto-cjk", "Noto Sans CJK SC"),
    "Japanese": ("fonts-noto-cjk", "Noto Sans CJK JP"),
    "Korean": ("fonts-noto-cjk", "Noto Sans CJK KR"),
    "Thai": ("fonts-thai-tlwg", "Loma"),
    # The bundled emoji face is Symbola's (to Unicode 10); a newer emoji needs Noto Emoji, whose TrueType
    # (monochrome) cut comes from Google Fonts rather than a Debian package.
    "Emoji": ("", "Noto Emoji"),
    "Greek": ("fonts-dejavu-core", "DejaVu Sans"),
    "Cyrillic": ("fonts-dejavu-core", "DejaVu Sans"),
    "Armenian": ("fonts-dejavu-core", "DejaVu Sans"),
    "Georgian": ("fonts-dejavu-core", "DejaVu Sans"),
    "Hebrew": ("fonts-noto-core", "Noto Sans Hebrew"),
    "Arabic": ("fonts-noto-core", "Noto Sans Arabic"),
}


# The family a deck names on a run of emoji (its <a:sym> and <a:ea>): the deck leaves emoji to the presenting
# machine, and Windows' colour emoji face is the one PowerPoint knows; LibreOffice and macOS substitute theirs.
DECK_EMOJI_FAMILY = "Segoe UI Emoji"


def is_emoji(ch: str) -> bool:
    """Whether `ch` is a pictograph usually shown as emoji (faces, objects, flags' letters, dingbats)."""
    cp = ord(ch)
    return 0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or cp in (0x2B50, 0x2B55, 0x231A, 0x231B, 0x23F0)


@cache
def script_of(ch: str) -> str:
    """The writing system of `ch` ("Thai", "Han", "Emoji" ...), or "" when its name does not say."""
    if is_emoji(ch):
        return "Emoji"
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0]
    if first in _NAME_PREFIXES:
        return _NAME_PREFIXES[first]
    if first in ("IDEOGRAPHIC", "HALFWIDTH", "FULLWIDTH") and "HANGUL" in name:
        return "Korean"
    if "KATAKANA" in name or "HIRAGANA" in name:
        return "Japanese"
    if first == "LATIN":
        return "Latin"
    return ""


def install_hint(ch: str) -> str:
    """What to do about a character no font of a theme has: a package to install and the theme line to add."""
    script = script_of(ch)
    package, family = _FONTS.get(script, ("", ""))
    if not package and script and script != "Emoji":
        package, family = "fonts-noto-core", f"Noto Sans {script}"
    if script == "Emoji":
        return (
            "the bundled emoji (Symbola) stop at Unicode 10: install a monochrome emoji font with TrueType "
            f"outlines (e.g. {family}, from Google Fonts) and add it to the theme's fonts.fallbacks, e.g. "
            f"'- {{ system: {family} }}', or remove the emoji"
        )
    if package:
        return (
            f"install a font with {script} (Debian: apt-get install {package}; macOS and Windows have one) and "
            f"add it to the theme's fonts.fallbacks, e.g. '- {{ system: {family} }}', or remove the character"
        )
    return "install a font that has it and add it to the theme's fonts.fallbacks, or remove the character"
