"""Cards put down by hand (cards.tilt, primitives.Turn): each sits a little askew, turned whole about its centre,
and still keeps off its neighbours and inside the page's margin."""

from __future__ import annotations

import itertools
import math
import sys

import pytest

from decks.plan.sketch import build
from decks.plan.sketch.primitives import Rect, Sketch, Turn, turner
from decks.themes.loader import load_theme
from tests.conftest import FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_contents import recap


def _turned_frames(sketch: Sketch) -> list[tuple[float, Rect]]:
    """Each card's turn and the page box its turned frame covers (the frame's corners turned)."""
    turns = [p for p in sketch.primitives if isinstance(p, Turn) and p.angle]
    out = []
    for card in (c for c in sketch.containers if c.kind in ("item", "key")):
        r = card.rect
        centre = (r.x + r.w / 2, r.y + r.h / 2)
        turn = next(
            (t for t in turns if abs(t.about[0] - centre[0]) < 0.01 and abs(t.about[1] - centre[1]) < 0.01), None
        )
        place = turner(turn)
        pts = [place(p) for p in ((r.x, r.y), (r.right, r.y), (r.right, r.bottom), (r.x, r.bottom))]
        xs, ys = [x for x, _ in pts], [y for _, y in pts]
        out.append((turn.angle if turn else 0.0, Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))))
    return out


@pytest.mark.parametrize(
    ("count", "language", "layout"),
    [
        (3, "en", "path"),
        (8, "en", "modular"),
        (12, "zh", "modular"),
        (5, "ja", "popcorn"),
        (6, "ko", "vertical"),
        (5, "en", "radial"),
        (20, "en", "modular"),
    ],
)
def test_cards_sit_askew_both_ways_and_keep_off_each_other_and_the_margin(
    count: int, language: str, layout: str
) -> None:
    sketch = build(recap(count, language, "medium"), load_theme(None), layout=layout)
    frames = _turned_frames(sketch)
    angles = [a for a, _ in frames]
    assert all(abs(a) <= 1.2 for a in angles)
    assert sum(abs(a) >= 0.3 for a in angles) >= len(angles) // 2, angles  # most visibly askew, not all square
    if len(angles) >= 4:
        assert min(angles) < 0 < max(angles), angles  # some each way, as a hand puts them down
    page = Rect(sketch.margin, sketch.margin, sketch.width - 2 * sketch.margin, sketch.height - 2 * sketch.margin)
    for _, box in frames:
        # A corner may lean a point or two into the 22 pt margin (as the frame's overshooting strokes do), never
        # near the paper's edge.
        assert page.contains(box, 3.0), (box, page)
    for (_, a), (_, b) in itertools.combinations(frames, 2):
        apart = a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y
        assert apart, (a, b)


def test_a_turn_wraps_one_card_and_is_ended() -> None:
    sketch = build(recap(8, "en", "medium"), load_theme(None), layout="modular")
    turns = [p for p in sketch.primitives if isinstance(p, Turn)]
    assert turns and len(turns) % 2 == 0
    for begin, end in zip(turns[::2], turns[1::2], strict=True):
        assert begin.angle and not end.angle and begin.about == end.about


def test_a_page_is_turned_the_same_way_every_time() -> None:
    one = build(recap(8, "en", "medium"), load_theme(None), layout="modular")
    two = build(recap(8, "en", "medium"), load_theme(None), layout="modular")
    assert [p for p in one.primitives if isinstance(p, Turn)] == [p for p in two.primitives if isinstance(p, Turn)]


@pytest.mark.parametrize(
    ("count", "language", "layout"),
    [(3, "vi", "popcorn"), (3, "ja", "popcorn"), (8, "en", "popcorn"), (12, "zh", "modular"), (3, "en", "path")],
)
def test_what_a_turned_card_draws_keeps_off_what_its_neighbours_draw(count: int, language: str, layout: str) -> None:
    """Shadows, a scroll's rolls and day tabs included: a layout that sets cards close (popcorn's loose cards)
    turns them less (cards.askew), so no turn brings two cards' strokes within a point of each other."""
    from decks.plan.sketch.primitives import Path

    sketch = build(recap(count, language, "sparse" if count <= 3 else "medium"), load_theme(None), layout=layout)
    groups: list[list[tuple[float, float]]] = []  # each turned card: its strokes' points, turned, every point or so
    turn = None
    for p in sketch.primitives:
        if isinstance(p, Turn):
            turn = p if p.angle else None
            if turn is not None:
                groups.append([])
        elif turn is not None and isinstance(p, Path) and p.points:
            pts = [turner(turn)(q) for q in p.points]
            for (ax, ay), (bx, by) in zip(pts, pts[1:] or pts, strict=False):
                k = max(1, int(math.dist((ax, ay), (bx, by))))
                groups[-1] += [(ax + (bx - ax) * i / k, ay + (by - ay) * i / k) for i in range(k)]
    assert len(groups) >= 3
    for a, b in itertools.combinations(groups, 2):
        near = _near(a, b)
        if near:
            assert min((math.dist(p, q) for p in _near(b, a) for q in near), default=math.inf) >= 0.8


def _near(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points of `b` within 6 pt of the box round `a`."""
    x0, x1 = min(x for x, _ in a) - 6, max(x for x, _ in a) + 6
    y0, y1 = min(y for _, y in a) - 6, max(y for _, y in a) + 6
    return [(x, y) for x, y in b if x0 <= x <= x1 and y0 <= y <= y1]
