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
from decks.model import Recap
from decks.themes.model import Theme


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def texts(recap: Recap) -> Iterator[tuple[str, str]]:
    """Every piece of text the outputs may show, with the field path it comes from."""
    yield "title", recap.title
    if recap.event:
        for key in ("name", "tagline", "venue", "city", "hashtag"):
            value = getattr(recap.event, key)
            if value:
                yield f"event.{key}", value
    if recap.presenter:
        yield "presenter.name", recap.presenter.name
        if recap.presenter.role:
            yield "presenter.role", recap.presenter.role
        for i, handle in enumerate(recap.presenter.handles):
            yield f"presenter.handles[{i}].handle", handle.handle
    prefix_parts = [("", recap.items, None)] if recap.items else []
    prefix_parts += [(f"parts[{i}].", p.items, p) for i, p in enumerate(recap.parts)]
    for prefix, items, part in prefix_parts:
        if part is not None:
            yield prefix + "title", part.title
            if part.intro:
                yield prefix + "intro", part.intro
        for j, item in enumerate(items):
            base = f"{prefix}items[{j}]"
            yield f"{base}.title", item.title
            if item.summary:
                yield f"{base}.summary", item.summary
            for k, takeaway in enumerate(item.takeaways):
                yield f"{base}.takeaways[{k}]", takeaway.text
                for m, point in enumerate(takeaway.points):
                    yield f"{base}.takeaways[{k}].points[{m}]", point
            for k, link in enumerate(item.links):
                yield f"{base}.links[{k}]", link.text
            if item.notes:
                yield f"{base}.notes", item.notes
    for k, takeaway in enumerate(recap.key_takeaways):
        yield f"key_takeaways[{k}]", takeaway.text
        for m, point in enumerate(takeaway.points):
            yield f"key_takeaways[{k}].points[{m}]", point
    for k, link in enumerate(recap.resources):
        yield f"resources[{k}]", link.text
    if recap.closing:
        yield "closing", recap.closing


def missing_glyphs(recap: Recap, theme: Theme) -> list[tuple[str, str]]:
    """(field path, character) for each character that no font of the theme has, first place only."""
    from decks.text.stacks import stacks_for

    stacks = stacks_for(theme)
    seen: set[str] = set()
    found: list[tuple[str, str]] = []
    for where, text in texts(recap):
        for stack in (stacks.body, stacks.hand):
            for ch in sorted(stack.missing(text) - seen):
                seen.add(ch)
                found.append((where, ch))
    return found


def describe_char(ch: str) -> str:
    """'😀' (U+1F600 GRINNING FACE)."""
    return f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')})"


def check_all(recap: Recap, theme: Theme, path: Path) -> Report:
    """Glyph coverage and colour contrast for `recap` in `theme`."""
    report = Report()
    for where, ch in missing_glyphs(recap, theme):
        report.warnings.append(
            f"{path}: {where}: no font of theme '{theme.name}' has {describe_char(ch)}; "
            "it would show as an empty box: install a font that has it and add it to the theme's fallbacks"
        )
    try:
        from decks.themes.contrast import contrast_problems
    except ImportError:  # contrast checks arrive with the themes work
        return report
    report.problems.extend(contrast_problems(theme))
    return report
