"""Cards placed by eye (decks.plan.sketch.loose): no strict grid, and still apart and on the page."""

from __future__ import annotations

import itertools
import sys

import pytest

from decks.plan.sketch import build
from decks.plan.sketch.primitives import Rect
from decks.themes.loader import load_theme
from tests.conftest import FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_contents import recap


def _cards(sketch) -> list[Rect]:
    return [c.rect for c in sketch.containers if c.kind in ("item", "key")]


@pytest.mark.parametrize(("count", "language"), [(5, "en"), (12, "zh"), (12, "ko")])
def test_no_two_cards_of_a_modular_page_share_a_left_edge_or_a_top(count: int, language: str) -> None:
    # Before: every column's cards shared a left edge and a width, and every column's first card the same top.
    sketch = build(recap(count, language, "medium"), load_theme(None), layout="modular")
    cards = _cards(sketch)
    assert len(cards) >= 4
    # Rows (decks.plan.sketch.modular) start at the page's margin, as a hand's rows do: there two cards may start
    # a hair apart (loose leans them only into the gap's sliver); anywhere else no two share a left edge.
    margin = min(c.x for c in cards) + 1.0
    for a, b in itertools.combinations([c for c in cards if c.x > margin], 2):
        assert abs(a.x - b.x) > 0.05, f"two cards start at x = {a.x:.2f}"
    tops = [round(c.y, 2) for c in cards]
    assert len(set(tops)) == len(tops), f"cards share a top: {sorted(tops)}"
    assert len({round(c.w, 1) for c in cards}) > 1, "every card is as wide as the others"


@pytest.mark.parametrize("layout", ["modular", "popcorn"])
@pytest.mark.parametrize(("count", "language"), [(2, "en"), (5, "ja"), (12, "en"), (20, "vi")])
def test_nudged_cards_stay_most_of_a_gap_apart_and_inside_the_page(layout: str, count: int, language: str) -> None:
    sketch = build(recap(count, language, "sparse" if count <= 3 else "medium"), load_theme(None), layout=layout)
    gap = 3.0 + 0.5 * sketch.body_size  # Style.gap
    inner = sketch.inner
    for c in _cards(sketch):
        assert inner.contains(c, 0.01)
    for a, b in itertools.combinations(_cards(sketch), 2):
        apart = max(b.x - a.right, a.x - b.right, b.y - a.bottom, a.y - b.bottom)
        assert apart >= 0.7 * gap, f"cards {a} and {b} are {apart:.1f} pt apart (gap {gap:.1f})"
