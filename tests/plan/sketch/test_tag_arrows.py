"""Items that share a tag are joined by a hand-drawn arrow in every layout: from one card to the next that shares
it, through the air between cards (never across a card, a day tab or the radial cloud), bent each its own way."""

from __future__ import annotations

import math

import pytest

from decks.model import Recap
from decks.plan.sketch import build
from decks.plan.sketch.primitives import Path, Rect, Sketch
from decks.themes.loader import load_theme

LAYOUTS = ("modular", "path", "radial", "vertical", "popcorn")


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


def _recap(tags: list[list[str]], language: str = "en") -> Recap:
    items = [
        {"title": f"Talk {n}", "summary": "What was announced, in a line.", "takeaways": ["One thing", "Another"]}
        | ({"tags": t} if t else {})
        for n, t in enumerate(tags)
    ]
    return Recap.model_validate({"title": "T", "language": language, "items": items})


def _arrows(sketch: Sketch, color: str) -> list[Path]:
    """The tag arrows' shafts: curves in the accent ink outside every card."""
    cards = [c.rect for c in sketch.containers if c.kind in ("item", "key")]
    out = []
    for p in sketch.primitives:
        curve = isinstance(p, Path) and p.stroke == color and len(p.points) > 4 and not p.closed
        if curve and not any(card.contains(_box(p), 0.0) for card in cards):
            out.append(p)
    return out


def _box(p: Path) -> Rect:
    xs, ys = [x for x, _ in p.points], [y for _, y in p.points]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _near(point: tuple[float, float], r: Rect, within: float) -> bool:
    dx = max(r.x - point[0], 0.0, point[0] - r.right)
    dy = max(r.y - point[1], 0.0, point[1] - r.bottom)
    return math.hypot(dx, dy) <= within


@pytest.mark.parametrize("layout", LAYOUTS)
def test_cards_sharing_a_tag_are_joined_by_an_arrow_that_crosses_no_card(theme, layout) -> None:
    # Talk 0 and Talk 2 share "ml": in no layout are they joined by the road or a spoke alone.
    sketch = build(_recap([["ml"], [], ["ml"], []]), theme, layout=layout)
    cards = {c.label: c.rect for c in sketch.containers if c.kind in ("item", "key")}
    arrows = _arrows(sketch, theme.palette.accent)
    joined = [
        a
        for a in arrows
        if {t for t in ("Talk 0", "Talk 2") for end in (a.points[0], a.points[-1]) if _near(end, cards[t], 12)}
        == {"Talk 0", "Talk 2"}
    ]
    assert len(joined) == 1, f"{len(arrows)} arrows, none from Talk 0 to Talk 2"
    for point in joined[0].points:
        for label, rect in cards.items():
            inner = Rect(rect.x + 1, rect.y + 1, rect.w - 2, rect.h - 2)
            assert not inner.contains(Rect(point[0], point[1], 0, 0), 0.0), f"the arrow crosses {label}"
    hub = next((c.rect for c in sketch.containers if c.kind == "hub"), None)
    if hub is not None:
        assert not any(hub.contains(Rect(x, y, 0, 0), -1.0) for x, y in joined[0].points)


def test_cards_sharing_no_tag_are_not_joined(theme) -> None:
    for layout in LAYOUTS:
        sketch = build(_recap([["ml"], ["web"], ["cloud"], []]), theme, layout=layout)
        assert not _arrows(sketch, theme.palette.accent), layout


def test_arrows_bend_each_its_own_way(theme) -> None:
    sketch = build(_recap([["a"], ["a"], ["b"], ["b"], ["c"], ["c"]]), theme, layout="modular")
    bends = []
    for a in _arrows(sketch, theme.palette.accent):
        (x0, y0), (x1, y1) = a.points[0], a.points[-1]
        length = math.dist((x0, y0), (x1, y1))
        # The farthest point from the chord, signed: how much and which way the arrow bends.
        far = max(a.points, key=lambda p: abs((x1 - x0) * (y0 - p[1]) - (x0 - p[0]) * (y1 - y0)))
        bends.append(round(((x1 - x0) * (y0 - far[1]) - (x0 - far[0]) * (y1 - y0)) / length / length, 2))
    assert len(bends) >= 2 and len(set(bends)) == len(bends), bends
