"""The warm planner gives exactly the deck plan `deck_plan` gives, after any sequence of edits."""

from __future__ import annotations

from dataclasses import replace

import pytest

from decks.plan import deck_plan
from decks.preview.warm import WarmPlanner
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH


@pytest.mark.parametrize("example", [EXAMPLE_EN, EXAMPLE_ZH])
def test_each_build_equals_a_fresh_deck_plan(example) -> None:
    theme = load_theme(None)
    recap = load_content(example)
    warm = WarmPlanner()
    assert warm.deck(recap, theme) == deck_plan(recap, theme)
    # An edit to one item, then another, then back: each build equals a fresh plan of that version.
    part = recap.all_parts[1]
    for summary in ("A much longer summary " * 6, "Short", part.items[0].summary):
        items = [replace(part.items[0], summary=summary), *part.items[1:]]
        parts = list(recap.all_parts)
        parts[1] = replace(part, items=items)
        edited = replace(recap, parts=parts)
        assert warm.deck(edited, theme) == deck_plan(edited, theme)
    # A link changed in an item: its slides and the resources slides follow.
    link = replace(part.items[0].links[0], url="https://example.com/changed")
    items = [replace(part.items[0], links=[link, *part.items[0].links[1:]]), *part.items[1:]]
    parts = list(recap.all_parts)
    parts[1] = replace(part, items=items)
    edited = replace(recap, parts=parts)
    assert warm.deck(edited, theme) == deck_plan(edited, theme)
    other = load_theme("chalkboard")
    assert warm.deck(recap, other) == deck_plan(recap, other)


def test_a_warm_build_on_a_company_template_keeps_shapes_off_its_logo_as_deck_plan_does(tmp_path) -> None:
    from tests.plan import templates

    theme = load_theme(
        str(templates.theme_folder(tmp_path, templates.company(tmp_path / "company.pptx"), "  decorations: true\n"))
    )
    recap = load_content(EXAMPLE_EN)
    assert WarmPlanner().deck(recap, theme) == deck_plan(recap, theme)
