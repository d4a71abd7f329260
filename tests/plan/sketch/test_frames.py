"""Boxes drawn as a hand draws them (rough.py): no right-angled corner, and now and then a pen that runs on."""

from __future__ import annotations

import math

from decks.plan.sketch.primitives import Rect
from decks.plan.sketch.rough import Pen


def _corner_angles(pen: Pen, r: Rect) -> list[float]:
    """The angle at each corner of a drawn box, in degrees, from the directions of its four main strokes."""
    strokes = [p for p in pen.rect(r, "frame", "#000000") if p.width == pen.stroke]
    assert len(strokes) == 4
    dirs = [math.atan2(s.points[-1][1] - s.points[0][1], s.points[-1][0] - s.points[0][0]) for s in strokes]
    out = []
    for i in range(4):
        turn = math.degrees(dirs[(i + 1) % 4] - dirs[i]) % 360
        out.append(turn)
    return out


def test_a_drawn_box_has_no_right_angled_corner_and_stays_near_square() -> None:
    off = 0
    for key in range(20):
        pen = Pen(key, 1.0, 1.2)
        turns = _corner_angles(pen, Rect(10, 10, 220, 140))
        assert all(abs(t - 90) > 1e-6 for t in turns), turns  # no corner exactly square
        assert all(abs(t - 90) < 4 for t in turns), turns  # still a box, not a kite
        off += max(abs(t - 90) for t in turns) > 0.25
    assert off >= 15, f"only {off} of 20 boxes have a corner visibly off square"


def test_a_box_drawn_without_roughness_is_a_rectangle() -> None:
    pen = Pen(7, 0.0, 1.2)
    turns = _corner_angles(pen, Rect(10, 10, 220, 140))
    assert all(abs(t - 90) < 1e-9 for t in turns), turns


def test_most_boxes_have_a_corner_where_the_pen_ran_on() -> None:
    r = Rect(0, 0, 200, 120)
    ran_on = 0
    for key in range(30):
        pen = Pen(key, 1.0, 1.2)
        strokes = [p for p in pen.rect(r, "frame", "#000000") if p.width == pen.stroke]
        reach = max(max(-x, x - r.right, -y, y - r.bottom) for s in strokes for x, y in s.points)
        ran_on += reach > 2.0
    assert 10 <= ran_on <= 28, ran_on
