"""Icons drawn at sizes by their role and room, as a sketchnoter varies doodles (decks.plan.sketch.cardshapes
ICON_SIZES): an emphasised item's eye-catcher big and over its card's frame, small marks after a title, the rest
between; a narrow card's doodle smaller; no icon ever reaching another card."""

from __future__ import annotations

import statistics

import msgspec
import pytest

from decks.model import Recap
from decks.plan.sketch import LAYOUTS, build, specs_for, vocabulary
from decks.plan.sketch.cards import icon_drawn, plan_card
from decks.plan.sketch.cardshapes import POKE, icon_role
from decks.plan.sketch.modular import Placed
from decks.plan.sketch.primitives import Rect
from decks.plan.sketch.style import Style
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH

THEME = load_theme(None)


def _placed(monkeypatch: pytest.MonkeyPatch, recap: Recap, layout: str) -> tuple[list[Placed], Style]:
    """The page's cards as `build` placed them, and its style."""
    seen: list[tuple[list[Placed], Style]] = []
    ties = vocabulary.ties

    def spy(placed, style, *args, **kwargs):
        seen.append((placed, style))
        return ties(placed, style, *args, **kwargs)

    monkeypatch.setattr(vocabulary, "ties", spy)
    build(recap, THEME, layout=layout)
    return seen[-1]


def _extent(p: Placed, style: Style) -> float:
    """How large a card's icon stands on the page: its ring, or the glyph drawn alone."""
    size, ringed = icon_drawn(p[0], style)
    return p[0].icon_circle[2] if ringed else size


def _title_size(p: Placed) -> float:
    return next(line.size for line in p[0].lines if line.block == 0)


def _icon_box(p: Placed) -> Rect:
    plan, x, y, _ = p
    cx, cy, d = plan.icon_circle
    return Rect(x + cx - d / 2, y + cy - d / 2, d, d)


def _frame(p: Placed) -> Rect:
    plan, x, y, h = p
    return Rect(x, y + plan.tab, plan.width, h - plan.tab)


@pytest.mark.parametrize("example", [EXAMPLE_EN, EXAMPLE_ZH])
def test_icon_sizes_on_the_example_differ_by_role_and_the_emphasised_one_is_big(monkeypatch, example) -> None:
    placed, style = _placed(monkeypatch, load_content(example), "modular")
    sizes = {p[0].spec.key: _extent(p, style) for p in placed}
    roles = {p[0].spec.key: icon_role(p[0].spec) for p in placed}
    big = [p for p in placed if roles[p[0].spec.key] == "big"]
    assert big, "the example has an emphasised item"
    rest = [sizes[k] for k, r in roles.items() if r != "big"]
    for p in big:
        size = sizes[p[0].spec.key]
        assert size >= 2 * _title_size(p), (size, _title_size(p))  # an eye-catcher: twice its title's height
        assert size >= 1.5 * statistics.median(rest) and size > max(rest)
    marks = [sizes[k] for k, r in roles.items() if r == "mark"]
    beside = [sizes[k] for k, r in roles.items() if r in ("ring", "bare", "key")]
    assert marks and beside and max(marks) < min(beside)  # an icon after a title is a small mark
    assert len({round(s) for s in sizes.values()}) >= 3


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_big_doodle_stands_over_its_frame_and_no_icon_reaches_another_card(monkeypatch, layout) -> None:
    placed, style = _placed(monkeypatch, load_content(EXAMPLE_EN), layout)
    frames = [_frame(p) for p in placed]
    for n, p in enumerate(placed):
        box, frame = _icon_box(p), frames[n]
        out = max(frame.x - box.x, box.right - frame.right, frame.y - box.y)
        if icon_role(p[0].spec) == "big":
            assert 0 < out <= style.gap * POKE + 1e-6, out  # over the edge, into no more than part of the gap
        else:
            assert out <= 0, (p[0].spec.title, out)
        for m, other in enumerate(frames):
            if m != n:
                assert not (
                    box.x < other.right and other.x < box.right and box.y < other.bottom and other.y < box.bottom
                ), (p[0].spec.title, placed[m][0].spec.title)


def test_a_narrow_cards_doodle_is_smaller_than_a_wide_ones() -> None:
    data = Recap.model_validate({"title": "T", "items": [{"title": "Launch", "emphasis": True, "takeaways": ["A"]}]})
    spec = specs_for(data, THEME, None)[0]
    style = Style.make(THEME, 1.0)
    narrow, wide = plan_card(spec, 110, style), plan_card(spec, 400, style)
    assert narrow.icon_circle[2] < wide.icon_circle[2]
    plain = msgspec.structs.replace(spec, emphasis=False, head="after")
    assert plan_card(plain, 400, style).icon_circle[2] < wide.icon_circle[2] / 2


def test_a_big_doodle_keeps_below_a_days_tab() -> None:
    # The first card of a day carries its tab above the frame: the doodle stands out over the side only.
    data = Recap.model_validate(
        {"title": "T", "parts": [{"title": "Day 1", "items": [{"title": "Launch", "emphasis": True}]}]}
    )
    spec = specs_for(data, THEME, None)[0]
    assert spec.day_label
    style = Style.make(THEME, 1.0)
    plan = plan_card(spec, 300, style)
    _, cy, d = plan.icon_circle
    assert cy - d / 2 >= plan.tab - 1e-6
    assert plan.icon_circle[0] - d / 2 < 0  # and out over the left edge
