"""Tests for decks/plan/deck/reuse.py: a planner given a `SlideCache` plans what it plans without one, and keeps
the slides of what did not change as the very objects of the last build."""

from __future__ import annotations

from dataclasses import replace

import pytest

from decks.plan.deck.plan import default_geometry
from decks.plan.deck.planner import Planner
from decks.plan.deck.reuse import SlideCache
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN


def _edited(recap, summary: str):
    """`recap` with the first item of its second part given another summary."""
    part = recap.all_parts[1]
    parts = list(recap.all_parts)
    parts[1] = replace(part, items=[replace(part.items[0], summary=summary), *part.items[1:]])
    return replace(recap, parts=parts)


def test_a_cached_plan_equals_a_fresh_one_and_keeps_only_unchanged_slides() -> None:
    theme, recap, geometry = load_theme(None), load_content(EXAMPLE_EN), default_geometry()
    cache = SlideCache()
    first = Planner(recap, theme, geometry, reuse=cache).plan()
    assert first == Planner(recap, theme, geometry).plan()
    # One letter of one item's summary: the deck's body size and every item's layout stay as they were.
    summary = recap.all_parts[1].items[0].summary
    edited = _edited(recap, summary[:-1] + ("x" if summary[-1] != "x" else "y"))
    second = Planner(edited, theme, geometry, reuse=cache).plan()
    assert second == Planner(edited, theme, geometry).plan()
    pairs = list(zip(first.slides, second.slides, strict=True))
    differ = [n for n, (a, b) in enumerate(pairs) if a != b]
    assert len(differ) == 1 and second.slides[differ[0]].kind == "item"
    # The agenda, the resources and the slides of items away from the edit are the very objects of the first
    # build (a neighbour's list of layouts may follow the edited one's: it is planned again, to an equal slide).
    far = [n for n, (a, _) in enumerate(pairs) if a.kind == "item" and abs(n - differ[0]) > 3]
    kept = [n for n, (a, _) in enumerate(pairs) if a.kind in ("agenda", "resources")] + far
    assert kept and all(first.slides[n] is second.slides[n] for n in kept)
    assert first.slides[differ[0]] is not second.slides[differ[0]]
    assert len(cache.layouts) > 0


def test_a_cache_plans_the_edit_back_as_it_was() -> None:
    theme, recap, geometry = load_theme(None), load_content(EXAMPLE_EN), default_geometry()
    cache = SlideCache()
    plans = [Planner(r, theme, geometry, reuse=cache).plan() for r in (recap, _edited(recap, "Short"), recap)]
    assert plans[2] == plans[0] != plans[1]


def test_a_kind_of_slides_the_cache_does_not_know_is_refused() -> None:
    cache = SlideCache()
    made = cache.start(load_content(EXAMPLE_EN))
    with pytest.raises(ValueError, match="no inputs known"):
        made("closing", list)
