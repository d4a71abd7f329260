"""Connectors (decks.plan.sketch.vocabulary.ties): arrows between items that share a tag and, on a grid of cards,
lighter ones that follow the talk from a card to the next of its day; each routed through the air between cards,
never across a card's text or icon nor another arrow, each end plainly at one of its two cards."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.model import Recap
from decks.model.chars import FORBIDDEN, is_blank
from decks.plan.sketch import LAYOUTS, build, vocabulary
from decks.plan.sketch.modular import Placed
from decks.plan.sketch.primitives import Point, Rect
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.budget import examples
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH

THEME = load_theme(None)


def _drawn(monkeypatch: pytest.MonkeyPatch, recap: Recap, layout: str, theme=THEME):
    """The page's cards as placed and the connectors `build` drew between them."""
    seen: list[tuple[list[Placed], list[vocabulary.Tie]]] = []
    ties = vocabulary.ties

    def spy(placed, *args, **kwargs):
        out = ties(placed, *args, **kwargs)
        seen.append((placed, out))
        return out

    monkeypatch.setattr(vocabulary, "ties", spy)
    build(recap, theme, layout=layout)
    return seen[-1]


def _distance(point: Point, r: Rect) -> float:
    return math.hypot(max(r.x - point[0], 0.0, point[0] - r.right), max(r.y - point[1], 0.0, point[1] - r.bottom))


def _frame(p: Placed) -> Rect:
    plan, x, y, h = p
    return Rect(x, y + plan.tab, plan.width, h - plan.tab)


def _text_boxes(p: Placed) -> list[Rect]:
    """Where a placed card's lettering and icon are on the page."""
    plan, x, y, _ = p
    boxes = []
    for line in plan.lines + plan.intro:
        width = line.stack.width(line.text, line.size)
        boxes.append(Rect(x + line.x, y + line.baseline - line.size, width, line.size * 1.3))
    if plan.icon_circle:
        cx, cy, d = plan.icon_circle
        boxes.append(Rect(x + cx - d / 2, y + cy - d / 2, d, d))
    return boxes


def _inside(point: Point, r: Rect) -> bool:
    return r.x < point[0] < r.right and r.y < point[1] < r.bottom


@pytest.fixture(scope="module")
def example() -> Recap:
    return load_content(EXAMPLE_EN)


@pytest.mark.parametrize("example_file", [EXAMPLE_EN, EXAMPLE_ZH], ids=["en", "zh"])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_no_connector_crosses_a_cards_text_and_each_ends_at_two_distinct_cards(
    monkeypatch, example_file, layout
) -> None:
    placed, ties = _drawn(monkeypatch, load_content(example_file), layout)
    # Not vacuous: every layout draws some on the Chinese example (popcorn's packed English page leaves its
    # tagged cards no air to join them through: an arrow is left out rather than drawn over a card).
    if example_file == EXAMPLE_ZH or layout != "popcorn":
        assert ties, f"no connector on {example_file.name}, layout {layout}"
    texts = [box for p in placed for box in _text_boxes(p)]
    frames = [_frame(p) for p in placed]
    for tie in ties:
        assert tie.a != tie.b
        for point in tie.shaft:
            assert not any(_inside(point, box) for box in texts), (tie.kind, tie.a, tie.b, point)
            assert not any(_inside(point, f) for f in frames), (tie.kind, tie.a, tie.b, point)
        for end, own in ((tie.shaft[0], tie.a), (tie.shaft[-1], tie.b)):
            near = _distance(end, frames[own])
            assert near <= THEME.sketch.stroke * 2 + 3.0, (tie.kind, end, near)  # within a pen's reach of its card
            others = [_distance(end, f) for n, f in enumerate(frames) if n not in (tie.a, tie.b)]
            assert all(d > near * 2 for d in others), (tie.kind, end, near, min(others))  # and plainly that card's


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_no_two_connectors_cross(monkeypatch, example, layout) -> None:
    _, ties = _drawn(monkeypatch, example, layout)
    for one, other in itertools.combinations(ties, 2):
        assert not vocabulary._crosses(one.shaft, other.shaft), (one.a, one.b, other.a, other.b)


@pytest.mark.parametrize("example_file", [EXAMPLE_EN, EXAMPLE_ZH])
def test_the_example_grid_carries_several_arrows_of_both_kinds_each_its_own_shape(monkeypatch, example_file) -> None:
    placed, ties = _drawn(monkeypatch, load_content(example_file), "modular")
    assert len(ties) >= 4, [(t.kind, t.a, t.b) for t in ties]
    assert {t.kind for t in ties} == {"tag", "flow"}
    for t in ties:
        a, b = placed[t.a][0].spec, placed[t.b][0].spec
        if t.kind == "tag":
            assert set(a.tags) & set(b.tags)
        else:  # the next card of the same day, the way a reader goes: not back up the page
            assert t.b == t.a + 1 and a.part == b.part
            assert t.shaft[-1][1] >= t.shaft[0][1] - 1.0
            # Its head points into the next card: the shaft's last few points run in through the edge it ends at.
            tip, frame = t.shaft[-1], _frame(placed[t.b])
            back = next(p for p in reversed(t.shaft) if math.dist(p, tip) >= 3.0)
            ux, uy = ((tip[0] - back[0]) / math.dist(tip, back), (tip[1] - back[1]) / math.dist(tip, back))
            into = uy if frame.x < tip[0] < frame.right else ux if tip[0] <= frame.x else -ux
            assert into >= 0.25, (t.a, t.b, into)
    # Varied: the arrows bow by different shares of their length, some plainly, some gently (two short arrows
    # squeezed through narrow gutters may both run nearly straight: most, not all, differ).
    bends = []
    for t in ties:
        (x0, y0), (x1, y1) = t.shaft[0], t.shaft[-1]
        far = max(t.shaft, key=lambda p: abs((x1 - x0) * (y0 - p[1]) - (x0 - p[0]) * (y1 - y0)))
        length = math.dist(t.shaft[0], t.shaft[-1])
        bends.append(((x1 - x0) * (y0 - far[1]) - (x0 - far[0]) * (y1 - y0)) / length**2)
    assert len({round(b, 2) for b in bends}) >= math.ceil(len(ties) * 2 / 3), bends
    assert max(map(abs, bends)) - min(map(abs, bends)) >= 0.1, bends


def test_flow_arrows_join_only_cards_of_one_day_and_not_on_a_road(monkeypatch, example) -> None:
    placed, ties = _drawn(monkeypatch, example, "modular")
    flows = [t for t in ties if t.kind == "flow"]
    assert flows and all(placed[t.a][0].spec.part == placed[t.b][0].spec.part for t in flows)
    # At most FLOW_MOST of the steps: not every card is joined to the next.
    steps = sum(placed[n][0].spec.part == placed[n + 1][0].spec.part for n in range(len(placed) - 1))
    assert len(flows) <= math.floor(steps * vocabulary.FLOW_MOST)
    for layout in ("path", "vertical", "radial"):  # a road, a path or spokes already lead from card to card
        _, ties = _drawn(monkeypatch, example, layout)
        assert not [t for t in ties if t.kind == "flow"], layout


def test_flow_arrows_are_lighter_than_tag_arrows(monkeypatch, example) -> None:
    _, ties = _drawn(monkeypatch, example, "modular")
    pal = THEME.palette
    for t in ties:
        shaft = t.prims[0]
        assert shaft.stroke == (pal.accent if t.kind == "tag" else pal.muted)
    widths = {t.kind: t.prims[0].width for t in ties}
    assert widths["flow"] < widths["tag"]


def test_an_end_nearly_as_close_to_another_card_is_not_plainly_at_its_own() -> None:
    own_gap = 2.0  # the end stands this far off its own card
    beside = Rect(0, 0, 100, 50)
    assert not vocabulary._clearly((104.0, 25.0), [Rect(108, 0, 100, 50)], own_gap)  # 4 pt off the next card
    assert vocabulary._clearly((104.0, 25.0), [Rect(120, 0, 100, 50)], own_gap)
    assert not vocabulary._clearly((50.0, 52.0), [beside], own_gap)  # on the other card's edge


def test_a_flow_arrow_plainly_goes_out_of_one_card_and_into_the_next() -> None:
    upper, lower = Rect(0, 0, 150, 60), Rect(0, 68, 150, 60)  # stacked, an 8 pt gap between them
    # Along the gap, from the bottom of one to the top of the next: it points sideways, not down.
    assert not vocabulary._onward((50, 62), upper, (100, 66), lower)
    assert vocabulary._onward((50, 62), upper, (60, 66), lower)  # short and steep: down into the next
    assert not vocabulary._onward((60, 66), lower, (50, 62), upper)  # never back up the page
    left, right = Rect(0, 0, 100, 60), Rect(130, 10, 100, 60)  # side by side
    assert vocabulary._onward((102, 30), left, (128, 36), right)  # across from one side into the other
    assert not vocabulary._onward((50, 62), left, (128, 36), right)  # up into its side from below
    assert not vocabulary._onward((-2, 30), left, (128, 36), right)  # out of the far side


_TITLE = st.text(st.characters(codec="utf-8").filter(lambda c: not FORBIDDEN.match(c)), min_size=1, max_size=24)


@settings(max_examples=examples(6, deep=40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(_TITLE, st.sets(st.sampled_from("abc"), max_size=2)), min_size=1, max_size=12),
    st.integers(1, 3),
    st.sampled_from(list(LAYOUTS)),
)
def test_any_page_s_connectors_keep_off_cards_and_each_other_and_end_at_their_two_cards(items, days, layout) -> None:
    cards = [
        {"title": "x" if is_blank(t.strip()) else t.strip(), "tags": sorted(tags), "takeaways": ["A point"]}
        for t, tags in items
    ]
    per = -(-len(cards) // days)
    parts = [{"title": f"Day {d + 1}", "items": cards[d * per : (d + 1) * per]} for d in range(days)]
    recap = Recap.model_validate({"title": "T", "parts": [p for p in parts if p["items"]]})
    with pytest.MonkeyPatch.context() as patch:  # a function-scoped fixture would span every example drawn
        placed, drawn = _drawn(patch, recap, layout)
    frames = [_frame(p) for p in placed]
    for tie in drawn:
        a, b = placed[tie.a][0].spec, placed[tie.b][0].spec
        assert tie.a != tie.b and (set(a.tags) & set(b.tags) if tie.kind == "tag" else tie.b == tie.a + 1)
        assert not any(_inside(point, f) for point in tie.shaft for f in frames)
        for end, own in ((tie.shaft[0], tie.a), (tie.shaft[-1], tie.b)):
            near = _distance(end, frames[own])
            assert near <= THEME.sketch.stroke * 2 + 3.0
            assert all(_distance(end, f) > near * 2 for n, f in enumerate(frames) if n not in (tie.a, tie.b))
    for one, other in itertools.combinations(drawn, 2):
        assert not vocabulary._crosses(one.shaft, other.shaft)
