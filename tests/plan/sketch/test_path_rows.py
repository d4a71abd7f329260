"""The path layout's rows: on a tall page a path of one or two items stops at one card a row (path.FEW), so its
type grows into the page; a wide page keeps such cards side by side, on one road across it."""

from __future__ import annotations

import sys

import pytest

from decks.plan.sketch import build, path, specs_for
from decks.plan.sketch.cards import plan_card
from decks.plan.sketch.primitives import Rect
from decks.plan.sketch.style import Style
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


def _every_row_planned(specs, style, area):
    """The path's row search with every row planned whole (as before rows were given up part-planned): the
    height the rows need and the width of each card, in order."""
    gutter, hgap, vgap = max(12.0, style.body * 1.6), max(16.0, style.body * 2.0), max(12.0, style.body * 1.5)
    span, n = area.w - 2 * gutter, len(specs)

    def row(i, j):
        chunk = specs[i:j]
        avail = span - hgap * (len(chunk) - 1)
        total = sum(path._weight(s) for s in chunk)
        widths = [avail * path._weight(s) / total for s in chunk]
        if min(widths) < style.body * 12:
            return None
        return max(plan_card(s, w, style).height for s, w in zip(chunk, widths, strict=True)), widths

    inf = float("inf")
    lone_rows = n <= 1 or (n <= path.FEW and area.h >= area.w * 0.75)
    best, cut, rows = [inf] * (n + 1), [0] * (n + 1), {}
    best[0] = -vgap
    for j in range(1, n + 1):
        for i in range(max(0, j - 6), j):
            if best[i] == inf or (j - i < 2 and not lone_rows and not (i == 0 and j == n)):
                continue
            rows[i, j] = one = row(i, j)
            if one is not None and best[i] + vgap + one[0] < best[j]:
                best[j], cut[j] = best[i] + vgap + one[0], i
    bounds = [n]
    while bounds[-1] > 0:
        bounds.append(cut[bounds[-1]])
    bounds.reverse()
    return best[n], [w for k in range(len(bounds) - 1) for w in rows[bounds[k], bounds[k + 1]][1]]


@pytest.mark.parametrize(
    ("items", "language", "density"),
    [(3, "en", "sparse"), (9, "en", "medium"), (14, "zh", "dense"), (24, "en", "dense")],
)
@pytest.mark.parametrize("scale", [0.7, 1.0, 1.6])
def test_the_rows_chosen_are_those_planning_every_row_chooses(theme, items, language, density, scale) -> None:
    # Rows are given up once a card proves them too tall to win (the speed trick of decks.plan.sketch.path).
    specs = specs_for(recap(items, language, density), theme, None)
    style = Style.make(theme, scale)
    area = Rect(22.0, 90.0, 797.9, 440.0)
    placed, _, ratio = path.arrange(specs, style, area, draw=False)
    used, widths = _every_row_planned(specs, Style.make(theme, scale), area)
    assert ratio == used / area.h
    assert [plan.width for plan, *_ in placed] == widths
