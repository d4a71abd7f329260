"""The sketchnote's vocabulary beyond cards: connectors between neighbours sharing a tag, dividers between
days, a highlight under emphasised titles, sparkles by the key takeaways; all seeded (same input, same drawing)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from decks.model import Recap
from decks.plan.sketch import build, specs_for
from decks.plan.sketch.cards import plan_card
from decks.plan.sketch.primitives import Path, Rect, Sketch
from decks.plan.sketch.rough import Pen
from decks.plan.sketch.style import Style
from decks.plan.sketch.vocabulary import _buried, _clear, connectors, dividers
from decks.themes.loader import load_theme


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


def _recap(tags: list[list[str]], emphasis: int | None = None, days: int = 1, language: str = "en") -> Recap:
    items = [
        {"title": f"Talk {n}", "takeaways": ["One thing", "Another thing"], "tags": t, "emphasis": n == emphasis}
        for n, t in enumerate(tags)
    ]
    per = len(items) // days
    parts = [{"title": f"Day {d + 1}", "items": items[d * per : (d + 1) * per]} for d in range(days)]
    return Recap.model_validate({"title": "T", "language": language, "parts": parts, "key_takeaways": ["Key"]})


def _placed(theme, recap: Recap, where: list[tuple[float, float]]):
    style = Style.make(theme, 1.0)
    specs = specs_for(recap, theme, None)
    plans = [plan_card(s, 200, style) for s in specs[: len(where)]]
    return style, [(p, x, y, p.height) for p, (x, y) in zip(plans, where, strict=True)]


def test_neighbours_sharing_a_tag_are_joined_by_an_arrow_across_their_gap(theme) -> None:
    style, placed = _placed(theme, _recap([["ml"], ["ml"], ["web"]]), [(20, 20), (230, 20), (440, 20)])
    marks = [p for p in connectors(placed, style) if isinstance(p, Path) and p.stroke]
    shafts = [p for p in marks if len(p.points) > 2]  # an arrow: its shaft and the two strokes of its head
    assert len(shafts) == 1 and len(marks) == 3
    xs = [x for p in marks for x, _ in p.points]
    assert min(xs) >= 219 and max(xs) <= 231, "the arrow stays in the gap between the two cards"


def test_cards_no_arrow_can_reach_without_crossing_a_card_or_share_no_tag_are_not_joined(theme) -> None:
    from decks.plan.sketch.primitives import Rect

    style, placed = _placed(theme, _recap([["ml"], ["web"], ["ml"]]), [(20, 20), (230, 20), (440, 20)])
    tallest = max(p[3] for p in placed)
    assert connectors(placed, style, Rect(20, 20, 620, tallest)) == []  # the middle card stands in the way


def test_a_divider_runs_in_the_gap_above_a_days_first_card(theme) -> None:
    recap = _recap([["a"], ["b"]], days=2)
    style = Style.make(theme, 1.0)
    specs = specs_for(recap, theme, None)
    first = plan_card(specs[0], 200, style)
    second = plan_card(specs[1], 200, style)
    y2 = 20 + first.height + 12
    lines = dividers([(first, 20, 20, first.height), (second, 20, y2, second.height)], style)
    assert len(lines) == 1
    ys = [y for _, y in lines[0].points]
    assert 20 + first.height < min(ys) and max(ys) < y2


def _card_strokes(sketch, title: str) -> int:
    card = next(c for c in sketch.containers if c.kind == "item" and c.label == title)
    inside = 0
    for p in sketch.primitives:
        if isinstance(p, Path) and p.stroke and p.points:
            x, y = p.points[0]
            inside += card.rect.x <= x <= card.rect.right and card.rect.y <= y <= card.rect.bottom
    return inside


def test_an_emphasised_title_gets_a_highlight_mark(theme) -> None:
    plain = build(_recap([["a"], ["b"], ["c"]]), theme)
    marked = build(_recap([["a"], ["b"], ["c"]], emphasis=1), theme)
    assert _card_strokes(marked, "Talk 1") >= _card_strokes(plain, "Talk 1") + 4


def test_the_key_takeaways_get_sparkles_beside_a_short_title(theme) -> None:
    sketch = build(_recap([["a"], ["b"]], language="zh-CN"), theme)  # "主要收获" leaves room beside it
    key = next(c for c in sketch.containers if c.kind == "key")
    assert len(_sparkle_strokes(sketch, key.rect)) == 12


def test_the_same_input_draws_the_same_marks(theme) -> None:
    recap = _recap([["ml"], ["ml"], ["ml"], ["ml"]], emphasis=2, days=2)
    assert build(recap, theme).primitives == build(recap, theme).primitives
    moved = replace(theme, sketch=replace(theme.sketch, seed=7))
    assert build(recap, moved).primitives != build(recap, theme).primitives


@given(
    st.floats(0.0, 4.0),
    st.text(max_size=8),
    st.floats(-40, 40),
    st.floats(-40, 40),
    st.floats(-200, 200),
    st.floats(-200, 200),
)
def test_a_curve_through_a_point_buried_in_a_card_crosses_it_however_it_wobbles(
    roughness: float, key: str, mx: float, my: float, ex: float, ey: float
) -> None:
    # connectors() skips drawing a route whose middle is buried: it must be one `_clear` refuses.
    pen = Pen(7, roughness, 1.0)
    card = Rect(-50, -50, 100, 100)
    reach = pen.curve_reach() + 0.01
    mid = (mx, my)
    assume(_buried(mid, [card], None, reach))
    points = pen.curve_points([(ex, -300.0), mid, (ey, 300.0)], key)
    assert not _clear(points, [card], None)
    assert _buried((mx, my + 400), [card], Rect(-100, -100, 200, 200), reach)  # off the page


def test_an_emphasised_item_gets_sparkles_beside_its_title_and_a_plain_one_none(theme) -> None:
    sketch = build(_recap([["a"], ["b"]], emphasis=0), theme)
    for card in (c for c in sketch.containers if c.kind == "item"):
        assert len(_sparkle_strokes(sketch, card.rect)) == (12 if card.label == "Talk 0" else 0), card.label


def test_arrows_are_drawn_with_heads_of_more_than_one_kind() -> None:
    pen = Pen(1, 1.0, 1.0)
    route = [(0.0, 0.0), (40.0, 10.0), (80.0, 0.0)]
    heads = {kind: pen.arrow(route, "a", "#000000", 5.0, 1.0, kind)[1:] for kind in ("v", "closed", "half")}
    assert [len(h) for h in heads.values()] == [2, 1, 1]
    closed = heads["closed"][0].points
    assert len(closed) == 4 and closed[0] == closed[-1]  # a triangle drawn back to the tip
    assert len(heads["half"][0].points) == 2


def _sparkle_strokes(sketch: Sketch, r: Rect) -> list[Path]:
    """The sparkles' strokes (thin 0.7 pt pen strokes) that start inside `r`."""
    return [
        p
        for p in sketch.primitives
        if isinstance(p, Path)
        and p.stroke
        and p.width == 0.7
        and r.x <= p.points[0][0] <= r.right
        and r.y <= p.points[0][1] <= r.bottom
    ]
