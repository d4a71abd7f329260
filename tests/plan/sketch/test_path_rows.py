"""The path layout's rows: on a tall page a path of one or two items stops at one card a row (path.FEW), so its
type grows into the page; a wide page keeps such cards side by side, on one road across it."""

from __future__ import annotations

import sys

import pytest

from decks.plan.sketch import build
from decks.themes.loader import load_theme
from tests.conftest import FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_contents import recap


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


def _cards(sketch):
    return [c.rect for c in sketch.containers if c.kind in ("item", "key")]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_one_item_on_a_tall_page_letters_its_cards_one_a_row_and_large(theme, language) -> None:
    sketch = build(recap(1, language, "sparse"), theme, layout="path", orientation="portrait")
    first, key = _cards(sketch)
    assert key.y >= first.bottom  # the key takeaways under the item, not beside it
    assert sketch.body_size >= 2 * theme.sizes.sketch.body  # was 17.75 pt with the two side by side


@pytest.mark.parametrize("items", [1, 2])
def test_a_wide_page_keeps_a_few_cards_side_by_side(theme, items) -> None:
    cards = _cards(build(recap(items, "en", "sparse"), theme, layout="path"))
    top = min(c.y for c in cards)
    assert all(c.y < top + min(c.h for c in cards) for c in cards)  # one row across the page
