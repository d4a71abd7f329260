"""`recap check`: what can be known about a content file before rendering, given a theme.

Validation itself happens when the content is read; this adds what needs the theme: characters no font
of the theme can draw, and (from decks.themes.contrast) colour pairs that are hard to read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from decks.errors import Problem
from decks.model import Item, Part, Recap
from decks.readers.yamlpos import Located, Path_, dotted
from decks.themes.model import Theme


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


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
    """(field path, character) for each character that no font of the theme has, first place only."""
    from decks.text.stacks import stacks_for

    stacks = stacks_for(theme)
    seen: set[str] = set()
    found: list[tuple[Path_, str]] = []
    for where, text in texts(recap):
        for stack in (stacks.body, stacks.hand):
            for ch in sorted(stack.missing(text) - seen):
                seen.add(ch)
                found.append((where, ch))
    return found


def describe_char(ch: str) -> str:
    """'😀' (U+1F600 GRINNING FACE)."""
    return f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')})"


def check_all(recap: Recap, theme: Theme, path: Path, located: Located | None = None) -> Report:
    """Glyph coverage and colour contrast for `recap` in `theme`; `located` places glyph problems in the file."""
    report = Report()
    theme_file = theme.folder / "theme.yaml" if theme.folder else theme.name
    for where, ch in missing_glyphs(recap, theme):
        line, col = (located.where(where) if located else None) or (None, None)
        problem = Problem(
            str(path),
            f"no font of theme '{theme.name}' ({theme_file}) has {describe_char(ch)}, so it would show as a box",
            "install a font that has it and add it to the theme's fonts.fallbacks",
            dotted(where),
            line,
            col,
        )
        report.warnings.append(str(problem))
    try:
        from decks.themes.contrast import contrast_problems
    except ImportError:  # contrast checks arrive with the themes work
        return report
    report.problems.extend(contrast_problems(theme))
    return report
