"""The icon names a content file (`icon:`) and a theme (`icons.default`) may use: Font Awesome Free's solid and
brands icons, read from the small indexes in assets/icons (tools/build_icon_index.py makes them). The check at
an item's `icon:` and the plan's icon lookup (decks.plan.icons) read this one index.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar, cast

from decks import cachedir
from decks.assets import assets_dir

# Each style is its own font; a name both sets have (font-awesome) is the solid one's.
STYLES = ("solid", "brands")
FONT_FILES = {"solid": "fa-solid-900.ttf", "brands": "fa-brands-400.ttf"}
BROWSE = "https://fontawesome.com/search?ic=free"  # where a user finds the names

# Part of every entry's key: a new form of the data gets new entries (this one: index entries name their style).
_CACHE_VERSION = "styled-1"


Built = TypeVar("Built")


def derived(source: Path, build: Callable[[bytes], Built], version: object = None) -> Built:
    """`build(bytes of source)`, kept in the cache folder under a key made from those bytes and `version` (the
    form of the data; this module's by default): the icon maps are YAML that takes a pure-Python parser ~50 ms
    to read, the icon index a 150 KB JSON file; their marshalled forms load in about a millisecond."""

    raw = source.read_bytes()
    version = _CACHE_VERSION if version is None else version
    name = cachedir.key(version, source.name, hashlib.blake2b(raw, digest_size=16).hexdigest()) + ".marshal"
    kept = cachedir.load("icons-data", name, marshal.loads)
    if kept is not None and isinstance(kept, dict | tuple):  # the index is a dict, the word map a tuple
        return cast("Built", kept)  # what `build` made for these bytes and this version, marshalled
    data = build(raw)
    if isinstance(data, dict | tuple):  # what the load above accepts again; anything else is built each time
        cachedir.write("icons-data", name, marshal.dumps(data))
    return data


@cache
def index() -> dict[str, tuple[str, str, list[str], str]]:
    """Icon name -> (hex code point, label, search terms, style)."""
    found: dict[str, tuple[str, str, list[str], str]] = {}
    for style in STYLES:

        def build(raw: bytes, style: str = style) -> dict[str, tuple[str, str, list[str], str]]:
            data = json.loads(raw.decode("utf-8"))
            return {name: (v[0], v[1], v[2], style) for name, v in data.items()}

        for name, entry in derived(assets_dir() / "icons" / f"fontawesome-{style}.json", build).items():
            found.setdefault(name, entry)
    return found


def known(name: str) -> bool:
    return name in index()


def check_icon(name: str) -> str:
    """`name` if it is an icon's; else a ValueError "unknown icon; what to do" with the closest names."""
    if known(name):
        return name
    import difflib  # lazy: only when a name is wrong; every command loads this module

    low = name.lower()
    close = difflib.get_close_matches(low, list(index()), n=1, cutoff=0.6)
    if not close:  # an icon's name inside the word, or the word inside a name: rocketship -> rocket
        close = sorted((n for n in index() if (len(n) > 3 and n in low) or low in n.split("-")), key=len)[-1:]
    guess = f"did you mean '{close[0]}'? " if close else ""
    raise ValueError(
        f"unknown icon '{name}'; {guess}use a Font Awesome Free solid or brands icon name ({BROWSE}), "
        "or leave icon: out to have one chosen from the item's words"
    )
