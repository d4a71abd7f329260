"""Icons for items: the content names one, or one is chosen from the item's words by a curated map.

The icon set is Font Awesome Free (solid), drawn from its font file in the `fontawesomefree` package. The map,
assets/icons/words.yaml, holds English, Chinese, Japanese and Korean words for each icon; an item's tags are
searched first, then its title, then its summary. `explain()` says which icon each item gets and why, for
`recap check`.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from decks.assets import assets_dir
from decks.model import Item

CREDIT = "Font Awesome Free (CC BY 4.0)"  # the icons' licence asks for it; the words around it are localised
ATTRIBUTION = f"Icons: {CREDIT}"


class Icon(msgspec.Struct, frozen=True):
    """An icon: its name, the character that draws it, and the font file that has that character."""

    name: str
    char: str
    font: Path
    label: str


def font_path() -> Path:
    """Font Awesome Free's solid font, from the fontawesomefree package."""
    import fontawesomefree

    return Path(fontawesomefree.__file__).parent / "static" / "fontawesomefree" / "webfonts" / "fa-solid-900.ttf"


def _derived(source: Path, build: Callable[[bytes], Any]) -> Any:
    """`build(bytes of source)`, kept in the cache folder under a key made from those bytes: the icon map is
    YAML that takes a pure-Python parser ~50 ms to read, the icon index a 150 KB JSON file; their marshalled
    forms load in about a millisecond."""
    from decks import cachedir

    raw = source.read_bytes()
    name = cachedir.key(_CACHE_VERSION, source.name, hashlib.blake2b(raw, digest_size=16).hexdigest()) + ".marshal"
    kept = cachedir.load("icons-data", name, marshal.loads)
    if kept is not None and isinstance(kept, dict | tuple):  # the index is a dict, the word map a tuple
        return kept
    data = build(raw)
    cachedir.write("icons-data", name, marshal.dumps(data))
    return data


_CACHE_VERSION = 1


@cache
def index() -> dict[str, tuple[str, str, list[str]]]:
    """Icon name -> (hex code point, label, search terms)."""

    def build(raw: bytes) -> dict[str, tuple[str, str, list[str]]]:
        data = json.loads(raw.decode("utf-8"))
        return {name: (v[0], v[1], v[2]) for name, v in data.items()}

    return _derived(assets_dir() / "icons" / "fontawesome-solid.json", build)


def exists(name: str) -> bool:
    return name in index()


def get(name: str) -> Icon:
    """The icon called `name`; KeyError when the set has none of that name."""
    code, label, _ = index()[name]
    return Icon(name, chr(int(code, 16)), font_path_cached(), label)


@cache
def font_path_cached() -> Path:
    return font_path()


@cache
def _words() -> tuple[dict[str, tuple[str, int]], dict[str, tuple[str, int]], int]:
    """The curated map: whole-word entries (lower case; phrases too), CJK entries, the longest entry's words.

    Each maps to (icon, rank): specific words rank 0, broad ones (AI, models) 1, generic ones (a release) 2.
    """

    def build(raw: bytes) -> tuple[dict[str, tuple[str, int]], dict[str, tuple[str, int]], int]:
        import yaml

        data = yaml.safe_load(raw.decode("utf-8"))
        latin: dict[str, tuple[str, int]] = {}
        cjk: dict[str, tuple[str, int]] = {}
        for rank, tier in enumerate(("specific", "broad", "generic")):
            for icon, words in (data.get(tier) or {}).items():
                for word in words or ():
                    w = str(word).lower().replace("-", " ")
                    (cjk if _cjk().search(w) else latin).setdefault(w, (icon, rank))
        longest = max((len(w.split()) for w in latin), default=1)
        return latin, cjk, longest

    return _derived(assets_dir() / "icons" / "words.yaml", build)


@cache
def _cjk() -> re.Pattern[str]:
    """Kana, Han and Hangul. Compiled when first needed: a class of such wide ranges takes ~4 ms to compile,
    which a deck whose items name their icons never needs."""
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


_TOKEN = re.compile(r"[a-z0-9][a-z0-9.+#&']*[a-z0-9+#]|[a-z0-9]")


def _match(text: str) -> tuple[str, str] | None:
    """The best icon for `text` and the word that chose it: a specific word before a broad or generic one, then
    the first in the text, then the longest of those starting at the same place."""
    latin, cjk, longest = _words()
    low = text.lower()
    found: list[tuple[int, int, int, str, str]] = []  # rank, position, -length, icon, word
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(low)]
    for i, (pos, _) in enumerate(tokens):
        for n in range(1, longest + 1):
            if i + n > len(tokens):
                break
            phrase = " ".join(t for _, t in tokens[i : i + n])
            for form in (
                phrase,
                phrase[:-1] if phrase.endswith("s") else None,
                phrase[:-2] if phrase.endswith("es") else None,
            ):
                if form and form in latin:
                    icon, rank = latin[form]
                    found.append((rank, pos, -len(form), icon, form))
                    break
    if _cjk().search(low):
        for word, (icon, rank) in cjk.items():
            pos = low.find(word)
            if pos >= 0:
                found.append((rank, pos, -len(word), icon, word))
    if not found:
        return None
    found.sort()
    return found[0][3], found[0][4]


def explain(item: Item, default: str = "lightbulb") -> tuple[Icon, str]:
    """The icon `item` gets and why: "icon: NAME", "tag 'x'", "title word 'y'", "summary word 'z'" or "default"."""
    if item.icon and exists(item.icon):
        return get(item.icon), f"icon: {item.icon}"
    sources: Iterable[tuple[str, str]] = (
        *(("tag", t) for t in item.tags),
        ("title", item.title),
        ("summary", item.summary or ""),
    )
    for where, text in sources:
        hit = _match(text) if text else None
        if hit and exists(hit[0]):
            return get(hit[0]), f"{where} word '{hit[1]}'" if where != "tag" else f"tag '{text}'"
    return get(default if exists(default) else "lightbulb"), "default"


def choose(item: Item, default: str = "lightbulb") -> Icon:
    """The item's own icon, else one matched from its words (tags, title, summary), else `default`."""
    return explain(item, default)[0]


def chosen(items: Iterable[Item], default: str = "lightbulb") -> list[tuple[str, str, str]]:
    """(item title, icon name, why) for each item: what `recap check` lists so a user can override with `icon:`."""
    return [(item.title, *(lambda icon, why: (icon.name, why))(*explain(item, default))) for item in items]
