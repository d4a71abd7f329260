"""Boxes drawn as a hand draws them (rough.py): no right-angled corner, and now and then a pen that runs on."""

from __future__ import annotations

import math

from decks.plan.sketch.primitives import Rect
from decks.plan.sketch.rough import Pen


def _corner_angles(pen: Pen, r: Rect) -> list[float]:
    """The angle at each corner of a drawn box, in degrees, from the directions of its four main strokes."""
    strokes = [p for p in pen.rect(r, "frame", "#000000") if p.width > pen.stroke * 0.75]
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
        strokes = [p for p in pen.rect(r, "frame", "#000000") if p.width > pen.stroke * 0.75]
        reach = max(max(-x, x - r.right, -y, y - r.bottom) for s in strokes for x, y in s.points)
        ran_on += reach > 2.0
    assert 10 <= ran_on <= 28, ran_on


def test_a_rounded_box_stays_in_its_rect_and_cuts_its_corners() -> None:
    r = Rect(0, 0, 180, 110)
    for key in range(10):
        pen = Pen(key, 1.0, 1.2)
        paths = pen.rounded(r, 9.0, "frame", "#000000", "#FFFFFF")
        points = [pt for p in paths for pt in p.points]
        assert all(-1.5 <= x <= r.right + 1.5 and -1.5 <= y <= r.bottom + 1.5 for x, y in points)
        for cx, cy in ((0, 0), (r.right, 0), (r.right, r.bottom), (0, r.bottom)):
            assert min(math.dist((cx, cy), pt) for pt in points) > 1.0  # no square corner


def test_not_every_item_of_a_page_is_framed_alike() -> None:
    import sys

    from decks.plan.sketch import build
    from decks.plan.sketch.primitives import Path
    from decks.themes.loader import load_theme
    from tests.conftest import FIXTURES

    sys.path.insert(0, str(FIXTURES))
    from sketch_contents import recap

    sketch = build(recap(12, "en", "medium"), load_theme(None), layout="modular")
    frames = [c.rect for c in sketch.containers if c.kind == "item"]

    def one_stroke(frame: Rect) -> bool:  # a rounded box is one stroke round the frame; a square one four
        for p in sketch.primitives:
            if isinstance(p, Path) and p.stroke and not p.fill and len(p.points) > 8:
                xs, ys = [x for x, _ in p.points], [y for _, y in p.points]
                wide, tall = max(xs) - min(xs) > frame.w * 0.9, max(ys) - min(ys) > frame.h * 0.9
                if abs(min(xs) - frame.x) < 2 and abs(max(ys) - frame.bottom) < 2 and wide and tall:
                    return True
        return False

    rounded = sum(map(one_stroke, frames))
    assert 0 < rounded < len(frames), f"{rounded} of {len(frames)} item frames rounded"


def test_the_edges_of_a_drawn_box_are_not_all_one_weight() -> None:
    pen = Pen(3, 1.0, 1.2)
    weights = {p.width for p in pen.rect(Rect(0, 0, 200, 120), "frame", "#000000") if p.width > pen.stroke * 0.75}
    assert len(weights) == 4
    assert all(0.85 * 1.2 <= w <= 1.2 * 1.2 for w in weights)
    assert {p.width for p in Pen(3, 0.0, 1.2).rect(Rect(0, 0, 200, 120), "frame", "#000000")} == {1.2}


def test_a_pen_stroke_lands_light_swells_and_lifts_off_thinner() -> None:
    from decks.plan.sketch.primitives import stroke_area

    pen = Pen(5, 1.0, 1.2)
    for key in range(10):
        line = pen.line((0, 0), (120, 10), f"l{key}", "#000000")
        press = line.pressure
        assert len(press) == len(line.points)
        assert press[0] < max(press) and press[-1] < max(press)  # thinner at both ends than at its fullest
        assert press[-1] <= 0.62 and max(press) >= 0.95
        area = stroke_area(line)
        ys = [y for _, y in area]
        assert max(ys) - min(ys) < 10 + 1.2 * 1.2 + 4  # the stroke's own run and wobble, and its width
    # Without roughness a pen draws one width.
    assert Pen(5, 0.0, 1.2).line((0, 0), (120, 10), "l", "#000000").pressure == ()


def test_a_pressed_circle_is_inked_all_round_where_its_ends_meet() -> None:
    """Pillow fills even-odd: a circle's stroke whose ends run past each other, filled as one outline, would leave
    a hole where they overlap. It is painted piece by piece (primitives.stroke_pieces)."""
    import io

    from PIL import Image

    from decks.plan.sketch.primitives import Sketch
    from decks.renderers.png import paint

    pen = Pen(11, 1.0, 2.0)
    circle = [p for p in pen.ellipse(60, 60, 40, 40, "ring", "#000000") if p.width == 2.0]
    assert circle and circle[0].pressure
    sketch = Sketch(120, 120, 0, "#FFFFFF", "test", 9.0, primitives=tuple(circle))
    img = Image.open(io.BytesIO(paint(sketch, scale=4))).convert("L")
    for k in range(360):
        t = math.radians(k)
        # The darkest pixel across the stroke's band (its wobble moves it a little in or out) is ink.
        darkest = min(
            img.getpixel((round((60 + r * math.cos(t)) * 4), round((60 + r * math.sin(t)) * 4)))
            for r in [38.0 + i * 0.25 for i in range(17)]
        )
        assert darkest < 100, (k, darkest)


def test_a_cards_colour_is_laid_in_short_of_its_frame_as_a_marker_misses_the_line() -> None:
    from decks.plan.sketch.cardshapes import _wash
    from decks.plan.sketch.style import Style
    from decks.themes.loader import load_theme

    style = Style.make(load_theme(None), 1.0)
    frame = Rect(50, 60, 200, 140)
    gaps = []
    for key in ("a", "b", "c", "d"):
        (wash,) = _wash(frame, key, "#FFF7EC", style)
        xs, ys = [x for x, _ in wash.points], [y for _, y in wash.points]
        assert frame.contains(Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)), 0.0)  # never past it
        gaps.append((min(xs) - frame.x, min(ys) - frame.y, frame.right - max(xs), frame.bottom - max(ys)))
    assert all(max(g) > 1.0 for g in gaps)  # the paper shows between colour and line somewhere
    assert len({round(g[0], 2) for g in gaps}) == len(gaps)  # each card its own way
