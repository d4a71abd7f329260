"""The pen's strokes (decks.plan.sketch.rough): hachure found by sweeping edges is the scan of every edge."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from decks.plan.sketch.primitives import Path
from decks.plan.sketch.rough import Pen


def _every_edge(pen: Pen, polygon: list[tuple[float, float]], key: str, spacing: float, angle: float) -> list[Path]:
    """Hachure as the pen drew it before the sweep: every line cut by every edge of the polygon."""
    rng = pen.rng(key)
    c, s = math.cos(angle), math.sin(angle)
    rot = [(x * c + y * s, -x * s + y * c) for x, y in polygon]
    ys = [p[1] for p in rot]
    out: list[Path] = []
    y = min(ys) + spacing * rng.uniform(0.3, 0.7)
    n = 0
    while y < max(ys):
        xs = []
        for (x0, y0), (x1, y1) in zip(rot, rot[1:] + rot[:1], strict=True):
            if (y0 <= y < y1) or (y1 <= y < y0):
                xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
        xs.sort()
        for a, b in zip(xs[::2], xs[1::2], strict=False):
            if b - a < 1.0:
                continue
            pa, pb = (a * c - y * s, a * s + y * c), (b * c - y * s, b * s + y * c)
            out.append(Path(tuple(pen.line_points(pa, pb, f"{key}.{n}", overshoot=False)), stroke="#000000", width=0.5))
            n += 1
        y += spacing
    return out


coordinate = st.floats(-300, 300, allow_nan=False)
# Points on a coarse grid too: level edges, shared ends and lines through vertices are where a sweep can slip.
grid = st.integers(-20, 20).map(lambda v: v * 5.0)


@settings(max_examples=150, deadline=None)
@given(
    polygon=st.lists(st.tuples(coordinate, coordinate) | st.tuples(grid, grid), min_size=3, max_size=40),
    spacing=st.sampled_from([1.5, 4.0, 5.0, 7.3]),
    angle=st.sampled_from([0.0, math.pi / 4, -math.pi / 4, math.pi / 2, 1.0]),
)
def test_hachure_is_the_scan_of_every_edge(polygon: list[tuple[float, float]], spacing: float, angle: float) -> None:
    pen = Pen(7, 1.2, 1.0)
    drawn = pen.hatch(polygon, "shade", "#000000", spacing, 0.5, angle=angle)
    assert drawn == _every_edge(pen, polygon, "shade", spacing, angle)


def test_a_cloud_is_hatched_across_its_inside() -> None:
    # A scalloped ring of 400 points, as a cloud's outline: many strokes, every one inside it.
    ring = [
        (
            150 + (100 + 4 * math.sin(k * math.pi / 4)) * math.cos(t),
            80 + (60 + 4 * math.sin(k * math.pi / 4)) * math.sin(t),
        )
        for k, t in ((k, 2 * math.pi * k / 400) for k in range(400))
    ]
    strokes = Pen(7, 0.0, 1.0).hatch(ring, "cloud", "#000000", 5.0, 0.5)
    assert len(strokes) > 30
    for stroke in strokes:
        for x, y in (stroke.points[0], stroke.points[-1]):
            assert ((x - 150) / 105) ** 2 + ((y - 80) / 65) ** 2 <= 1.0 + 1e-9
