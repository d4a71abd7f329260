"""Icons for items: the content names one, or one is chosen from the item's title, tags and takeaways.

The icon set is Font Awesome Free (solid), drawn from its font file in the `fontawesomefree` package.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from decks.assets import assets_dir
from decks.model import Item

ATTRIBUTION = "Icons: Font Awesome Free (CC BY 4.0)"

# Words that say more than Font Awesome's own search terms for recap's subject matter; checked first.
_HINTS: dict[str, str] = {
    "video": "video",
    "mobile": "mobile-screen",
    "android": "mobile-screen",
    "lite": "mobile-screen",
    "device": "microchip",
    "edge": "microchip",
    "tpu": "microchip",
    "dataset": "database",
    "datasets": "database",
    "data": "database",
    "swift": "code",
    "code": "code",
    "javascript": "globe",
    "browser": "globe",
    "js": "globe",
    "course": "graduation-cap",
    "courses": "graduation-cap",
    "learning": "graduation-cap",
    "education": "graduation-cap",
    "docs": "book",
    "documentation": "book",
    "community": "users",
    "dinner": "utensils",
    "research": "flask",
    "federated": "network-wired",
    "pipeline": "diagram-project",
    "production": "industry",
    "release": "rocket",
    "launch": "rocket",
    "alpha": "rocket",
    "announcement": "bullhorn",
    "announcements": "bullhorn",
    "challenge": "trophy",
    "quantization": "compress",
    "compression": "compress",
}


@dataclass(frozen=True)
class Icon:
    """An icon: its name, the character that draws it, and the font file that has that character."""

    name: str
    char: str
    font: Path
    label: str


def font_path() -> Path:
    """Font Awesome Free's solid font, from the fontawesomefree package."""
    import fontawesomefree

    return Path(fontawesomefree.__file__).parent / "static" / "fontawesomefree" / "webfonts" / "fa-solid-900.ttf"


@cache
def index() -> dict[str, tuple[str, str, list[str]]]:
    """Icon name -> (hex code point, label, search terms)."""
    data = json.loads((assets_dir() / "icons" / "fontawesome-solid.json").read_text(encoding="utf-8"))
    return {name: (v[0], v[1], v[2]) for name, v in data.items()}


def exists(name: str) -> bool:
    return name in index()


def get(name: str) -> Icon:
    """The icon called `name`; KeyError when the set has none of that name."""
    code, label, _ = index()[name]
    return Icon(name, chr(int(code, 16)), font_path(), label)


@cache
def _by_term() -> dict[str, str]:
    """Search term -> the first icon (by name) it belongs to; built once, not for every item."""
    by_term: dict[str, str] = {}
    for name, (_, _, terms) in sorted(index().items()):
        if len(name) < 3:  # the digit and letter icons ("1", "a") match words like "one" but say nothing
            continue
        for term in terms:
            by_term.setdefault(term, name)
    return by_term


def choose(item: Item, default: str = "lightbulb") -> Icon:
    """The item's own icon, else one matched from its words, else `default`."""
    if item.icon and exists(item.icon):
        return get(item.icon)
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z0-9.+-]*", " ".join([item.title, *item.tags]))]
    for word in words:
        if word in _HINTS and exists(_HINTS[word]):
            return get(_HINTS[word])
    by_term = _by_term()
    for word in words:
        if len(word) >= 3 and exists(word):
            return get(word)
        if word in by_term:
            return get(by_term[word])
    return get(default if exists(default) else "lightbulb")
