"""The modular layout cuts the page into modules of different sizes read in rows (decks.plan.sketch.modular): no
grid of equal columns, every row filling the width, no two cards closer than the gap, and the example's page
still holding its summaries at no smaller a size."""

from __future__ import annotations

import itertools
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.plan.sketch import MARGIN, build, page_size, specs_for
from decks.plan.sketch.cardplan import title_fits
from decks.plan.sketch.modular import NARROWEST, WIDE, arrange
from decks.plan.sketch.primitives import Rect
from decks.plan.sketch.style import Style
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_contents import recap as generated


def _cards(sketch) -> list[Rect]:
    return [c.rect for c in sketch.containers if c.kind in ("item", "key")]


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _spanning(cards: list[Rect], least: float) -> list[Rect]:
    """The cards standing over (or under) two cards side by side, each under it by at least `least` points."""
    out = []
    for a in cards:
        for b, c in itertools.combinations([r for r in cards if r is not a], 2):
            beside = _overlap(b.x, b.right, c.x, c.right) < 0  # b and c share no stretch of the width
            under = all(
                _overlap(a.x, a.right, r.x, r.right) >= least and (r.y >= a.bottom or r.bottom <= a.y) for r in (b, c)
            )
            if beside and under:
                out.append(a)
                break
    return out


def test_the_example_page_is_no_grid_of_equal_columns() -> None:
    # Before: five columns of equal width down the page; cards differed in width only by the few per cent a hand
    # narrows them (decks.plan.sketch.loose), and no card stood over two others.
    sketch = build(load_content(EXAMPLE_EN), load_theme(None))
    cards = _cards(sketch)
    widths = sorted(c.w for c in cards)
    assert widths[-1] >= 1.6 * widths[0], f"card widths {widths[0]:.0f}..{widths[-1]:.0f}"
    # Edges stagger: hardly two cards start within a gap of each other.
    gap = 3.0 + 0.5 * sketch.body_size  # Style.gap
    lefts = sorted(c.x for c in cards)
    columns = 1 + sum(1 for a, b in itertools.pairwise(lefts) if b - a > gap)
    assert columns >= len(cards) * 0.6, f"{len(cards)} cards start at {columns} places: {lefts}"
    assert _spanning(cards, gap * 2), "no card spans two others"


def test_the_example_keeps_its_summaries_at_no_smaller_a_size() -> None:
    # The equal columns held all fourteen summaries, the day intros and the closing line at 7 pt body.
    sketch = build(load_content(EXAMPLE_EN), load_theme(None))
    assert sketch.layout == "modular"
    assert sketch.body_size >= 7.0
    assert not any("summar" in w for w in sketch.warnings), sketch.warnings


def _area(orientation: str, height: float) -> Rect:
    width, _ = page_size("a4", orientation)
    return Rect(MARGIN, MARGIN, width - 2 * MARGIN, height)


def _check_rows(specs, style: Style, area: Rect, draw: bool) -> None:
    placed, extra, ratio = arrange(specs, style, area, draw)
    assert not extra
    assert [p.spec.key for p, *_ in placed] == [s.key for s in specs]  # every card, in reading order
    gap = style.gap
    for (a, ax, ay, ah), (b, bx, by, bh) in itertools.combinations(placed, 2):
        apart_x = max(bx - (ax + a.width), ax - (bx + b.width))
        apart_y = max(by - (ay + ah), ay - (by + bh))
        assert max(apart_x, apart_y) >= gap - 1e-6, f"{a.spec.key} and {b.spec.key} closer than the gap"
    for plan, x, _, h in placed:
        assert area.x - 1e-6 <= x and x + plan.width <= area.right + 1e-6
        assert h == plan.height
        wide = (plan.spec.emphasis or plan.spec.kind == "key") and len(specs) > 2  # two share by content alone
        narrowest = style.body * (WIDE if wide else NARROWEST)
        assert plan.width >= min(narrowest, area.w) - 1e-6, f"{plan.spec.key} is {plan.width:.0f} pt wide"
        # Wide enough to letter each word of its title whole, wherever the page's width allows that.
        assert title_fits(plan.spec, plan.width, style) or not title_fits(plan.spec, area.w, style), plan.spec.title
    # Rows fill the width: the right edge is reached by the last card of every row, so as often as the left.
    at_left = sum(1 for _, x, _, _ in placed if abs(x - area.x) < 1e-6)
    at_right = sum(1 for p, x, _, _ in placed if abs(x + p.width - area.right) < 1e-6)
    assert at_left == at_right >= 1
    bottom = max(y + h for _, _, y, h in placed)
    if not draw:
        assert bottom - area.y == pytest.approx(ratio * area.h)  # what it says it needs is what it takes
    elif ratio <= 1.0:
        assert bottom <= area.bottom + 1e-6 and min(y for _, _, y, _ in placed) >= area.y - 1e-6


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.integers(1, 24),
    language=st.sampled_from(["en", "zh", "ja", "ko", "vi"]),
    density=st.sampled_from(["sparse", "medium", "dense"]),
    body=st.sampled_from([5.0, 7.0, 9.5, 14.0, 20.0]),
    orientation=st.sampled_from(["landscape", "portrait"]),
    draw=st.booleans(),
)
def test_rows_fill_the_width_and_keep_cards_apart(items, language, density, body, orientation, draw) -> None:
    theme = load_theme(None)
    recap = generated(items, language, density)
    specs = specs_for(recap, theme, None)
    style = Style.make(theme, body / theme.sizes.sketch.body, language=recap.language)
    _check_rows(specs, style, _area(orientation, 700.0), draw)


def test_wide_and_short_cards_share_a_row_by_their_content() -> None:
    # In a row, a card with more to say is given more lanes: the example's widest card is one of its longest.
    theme = load_theme(None)
    recap = load_content(EXAMPLE_EN)
    specs = specs_for(recap, theme, None)
    style = Style.make(theme, 7.0 / theme.sizes.sketch.body, language=recap.language)
    placed, _, _ = arrange(specs, style, _area("landscape", 640.0), draw=False)
    words = {s.key: sum(len(t.text) for t in s.takeaways) for s in specs}
    widest = max(placed, key=lambda p: p[0].width)[0].spec.key
    narrowest = min(placed, key=lambda p: p[0].width)[0].spec.key
    assert words[widest] > words[narrowest], (widest, narrowest)


@pytest.mark.parametrize("body", [7.0, 9.0, 11.0])
def test_no_card_is_too_narrow_to_letter_a_title_word_whole(body: float) -> None:
    # At 9 pt the example's "TensorFlow.js 1.0" stood in a card of the narrowest width and was split after its dot.
    theme = load_theme(None)
    recap = load_content(EXAMPLE_EN)
    specs = specs_for(recap, theme, None)
    style = Style.make(theme, body / theme.sizes.sketch.body, language=recap.language)
    placed, _, _ = arrange(specs, style, _area("landscape", 640.0), draw=False)
    for plan, *_ in placed:
        assert title_fits(plan.spec, plan.width, style), (plan.spec.title, plan.width)
