"""Which characters of a recap no font of a theme can draw: walked over every text the outputs show.

Both renderers and `recap check` report these, so that a missing glyph is never a silent box.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from decks.model import Item, Part, Recap
from decks.model.paths import Path_
from decks.text.fallback import FontStack
from decks.themes.model import Theme

W = TypeVar("W")


def texts(recap: Recap) -> Iterator[tuple[Path_, str]]:
    """Every piece of text the outputs may show, with the path of the field it comes from."""
    yield ("title",), recap.title
    if recap.event:
        for key in ("name", "tagline", "venue", "city", "hashtag"):
            value = getattr(recap.event, key)
            if value:
                yield ("event", key), value
    if recap.presenter:
        yield ("presenter", "name"), recap.presenter.name
        if recap.presenter.role:
            yield ("presenter", "role"), recap.presenter.role
        for i, handle in enumerate(recap.presenter.handles):
            yield ("presenter", "handles", i, "handle"), handle.handle
    groups: list[tuple[Path_, list[Item], Part | None]] = [((), recap.items, None)] if recap.items else []
    groups += [(("parts", i), p.items, p) for i, p in enumerate(recap.parts)]
    for prefix, items, part in groups:
        if part is not None:
            yield (*prefix, "title"), part.title
            if part.intro:
                yield (*prefix, "intro"), part.intro
        for j, item in enumerate(items):
            base = (*prefix, "items", j)
            yield (*base, "title"), item.title
            if item.summary:
                yield (*base, "summary"), item.summary
            for k, takeaway in enumerate(item.takeaways):
                yield (*base, "takeaways", k), takeaway.text
                for m, point in enumerate(takeaway.points):
                    yield (*base, "takeaways", k, "points", m), point
            for k, link in enumerate(item.links):
                yield (*base, "links", k), link.text
            if item.notes:
                yield (*base, "notes"), item.notes
    for k, takeaway in enumerate(recap.key_takeaways):
        yield ("key_takeaways", k), takeaway.text
        for m, point in enumerate(takeaway.points):
            yield ("key_takeaways", k, "points", m), point
    for k, link in enumerate(recap.resources):
        yield ("resources", k), link.text
    if recap.closing:
        yield ("closing",), recap.closing


def missing_glyphs(recap: Recap, theme: Theme) -> list[tuple[Path_, str]]:
    """(field path, character) for each character that no font of the theme has, at its first place."""
    from decks.text.stacks import stacks_for

    stacks = stacks_for(theme, recap.language)
    return first_missing(list(texts(recap)), (stacks.body, stacks.hand))


def first_missing(shown: Sequence[tuple[W, str]], stacks: Iterable[FontStack]) -> list[tuple[W, str]]:
    """(where, character) for each character of `shown` that no stack can draw, at its first place."""
    # Check each distinct character once, then find where each missing one first appears.
    chars = "".join(set().union(*(text for _, text in shown)))
    missing: set[str] = set().union(*(stack.missing(chars) for stack in stacks))
    found: list[tuple[W, str]] = []
    for where, text in shown:
        if not missing:
            break  # every missing character placed (or none missing): the rest of the texts cannot add one
        for ch in sorted(missing.intersection(text)):
            missing.discard(ch)
            found.append((where, ch))
    return found


def describe_char(ch: str) -> str:
    """'😀' (U+1F600 GRINNING FACE)."""
    return f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')})"
