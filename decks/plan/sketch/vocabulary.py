"""The sketchnote's marks between cards: connectors between related items and dividers between days.

Both are drawn in the air the layout leaves, after the cards are placed, so they never cross a card: a
connector is an arrow from a card to the next that shares a tag with it, in every layout, bent by a seeded
amount; a divider is a wavy line across the gap above the first card of a day when a card of the day before
stands above it in the same column. Every stroke is keyed, so the same input draws the same.

One speed trick lives here: a route whose middle point lies deeper inside a card (or farther off the page)
than the pen's wobble reaches (`Pen.curve_reach`) is refused without drawing its curve, as drawing it could only
find it blocked. Two in three routes tried on the example are such; `recap pdf` on it takes ~9% less CPU.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from decks.plan.sketch.modular import Placed
from decks.plan.sketch.primitives import Path, Point, Primitive, Rect
from decks.plan.sketch.style import Style


def _frame(p: Placed) -> Rect:
    plan, x, y, h = p
    return Rect(x, y + plan.tab, plan.width, h - plan.tab)


def _wave(a: Point, b: Point, amp: float, waves: int, key: str, style: Style) -> list[Point]:
    """A hand-drawn wavy line from `a` to `b`."""
    pts = style.pen.line_points(a, b, key, overshoot=False)
    length = math.dist(a, b) or 1.0
    nx, ny = -(b[1] - a[1]) / length, (b[0] - a[0]) / length
    out = []
    for i, (x, y) in enumerate(pts):
        t = i / max(1, len(pts) - 1)
        off = amp * math.sin(t * waves * 2 * math.pi)
        out.append((x + nx * off, y + ny * off))
    return out


def _anchors(frame: Rect, out: float) -> list[Point]:
    """Where an arrow may leave or reach a card: the middle of each edge and the thirds of the long ones, a
    little outside the frame."""
    x0, y0, x1, y1 = frame.x - out, frame.y - out, frame.right + out, frame.bottom + out
    cx, cy = frame.x + frame.w / 2, frame.y + frame.h / 2
    pts = [(cx, y0), (cx, y1), (x0, cy), (x1, cy)]
    pts += [(frame.x + frame.w * t, y) for t in (1 / 3, 2 / 3) for y in (y0, y1)]
    pts += [(x, frame.y + frame.h * t) for t in (1 / 3, 2 / 3) for x in (x0, x1)]
    return pts


def _clear(points: list[Point], blocks: list[Rect], area: Rect | None) -> bool:
    if area is not None and not all(area.x <= x <= area.right and area.y <= y <= area.bottom for x, y in points):
        return False
    return not any(r.x < x < r.right and r.y < y < r.bottom for x, y in points for r in blocks)


def _buried(point: Point, blocks: list[Rect], area: Rect | None, reach: float) -> bool:
    """Whether every point within `reach` of `point` is inside a block or outside `area`: a curve through it
    crosses a card (or leaves the page) however the pen wobbles it."""
    x, y = point
    if area is not None and not (
        area.x - reach <= x <= area.right + reach and area.y - reach <= y <= area.bottom + reach
    ):
        return True
    return any(r.x + reach < x < r.right - reach and r.y + reach < y < r.bottom - reach for r in blocks)


def connectors(
    placed: list[Placed], style: Style, area: Rect | None = None, avoid: Sequence[Rect] = (), skip_next: bool = False
) -> list[Primitive]:
    """A hand-drawn arrow from each card to the next one (in reading order) that shares a tag with it, each bent
    its own way and by its own amount, routed through the air between cards: it never crosses a card, a day
    tab, anything in `avoid` (the radial cloud) or leaves `area`; a pair no such arrow joins is left unjoined.
    With `skip_next` (the path layout, whose road already joins each card to the next) neighbours in reading
    order are not joined again."""
    pal = style.theme.palette
    pen = style.pen
    out: list[Primitive] = []
    items = [(n, p) for n, p in enumerate(placed) if p[0].spec.kind == "item" and p[0].spec.tags]
    blocks = [Rect(x - 0.5, y - 0.5, plan.width + 1, h + 1) for plan, x, y, h in placed] + list(avoid)
    longest = max(area.w, area.h) * 0.5 if area is not None else math.inf
    reach = pen.curve_reach() + 0.01  # and a hair for rounding
    pairs: list[tuple[int, int]] = []
    for tag in sorted({t for _, p in items for t in p[0].spec.tags}):
        mine = [n for n, p in items if tag in p[0].spec.tags]
        pairs += [(a, b) for a, b in itertools.pairwise(mine) if (a, b) not in pairs]
    for a, b in sorted(pairs):
        if skip_next and b == a + 1:
            continue
        fa, fb = _frame(placed[a]), _frame(placed[b])
        key = f"tie:{placed[a][0].spec.key}:{placed[b][0].spec.key}"
        rng = pen.rng(key)
        bend = rng.uniform(0.12, 0.32) * rng.choice((-1, 1))  # of the arrow's length, to one side or the other
        gap = min(2.0, style.gap * 0.25)  # the ends a hair outside the frames: a narrow gap holds both
        # The ends nearest a few lines apart first: across a narrow gap the arrow runs aslant from a third of
        # one edge to two thirds of the other, long enough to read as an arrow, not a tick.
        ideal = style.body * 5
        ends = sorted(
            ((pa, pb) for pa in _anchors(fa, gap) for pb in _anchors(fb, gap)),
            key=lambda e: abs(math.dist(*e) - ideal),
        )
        # Not every arrow alike: its head (two strokes, a triangle, one barb), and a long one may swing like an S
        # where the air allows.
        kind = rng.choice(("v", "v", "closed", "half"))
        swing = rng.random() < 0.5
        for pa, pb in ends[:16]:
            length = math.dist(pa, pb)
            if length < style.body * 2 or length > longest:
                continue
            nx, ny = -(pb[1] - pa[1]) / length, (pb[0] - pa[0]) / length
            route = None
            for through in _routes(pa, pb, nx, ny, length, bend, swing and length > style.body * 6):
                if any(_buried(m, blocks, area, reach) for m in through[1:-1]):
                    continue  # the curve passes through a middle point: not drawn to learn it is blocked (2 in 3 are)
                pts = pen.curve_points(through, key)
                if _clear(pts, blocks, area):
                    route = through
                    break
            if route:
                head = max(3.5, style.body * 0.45)
                out += pen.arrow(route, key, pal.accent, head, max(0.9, style.theme.sketch.stroke), kind)
                break
    return out


def _routes(pa: Point, pb: Point, nx: float, ny: float, length: float, bend: float, swing: bool) -> list[list[Point]]:
    """The ways an arrow from `pa` to `pb` may run, first choice first: bent to one side by `bend` of its length
    (or, `swing`, like an S: out to one side over its first third and to the other over its last), then the
    other way, then flatter."""
    out = []
    if swing:
        k = bend * 0.6
        for sign in (1, -1):
            m1 = (
                pa[0] + (pb[0] - pa[0]) / 3 + nx * sign * k * length,
                pa[1] + (pb[1] - pa[1]) / 3 + ny * sign * k * length,
            )
            m2 = (
                pa[0] + (pb[0] - pa[0]) * 2 / 3 - nx * sign * k * length,
                pa[1] + (pb[1] - pa[1]) * 2 / 3 - ny * sign * k * length,
            )
            out.append([pa, m1, m2, pb])
    for k in (bend, -bend, bend * 0.4, -bend * 0.4, bend * 0.1):
        out.append([pa, ((pa[0] + pb[0]) / 2 + nx * k * length, (pa[1] + pb[1]) / 2 + ny * k * length), pb])
    return out


def dividers(placed: list[Placed], style: Style) -> list[Primitive]:
    """A wavy line across the gap above a day's first card when the day before ends right above it."""
    pal = style.theme.palette
    out: list[Primitive] = []
    for p in placed:
        if not p[0].spec.day_label:
            continue
        plan, x, y, _ = p
        above = [
            q
            for q in placed
            # The same column: the cards overlap sideways (a loosened grid's columns are not exact).
            if q[1] < x + plan.width
            and q[1] + q[0].width > x
            and q[2] + q[3] <= y + 0.5
            and q[0].spec.part != plan.spec.part
        ]
        if not above:
            continue
        q = max(above, key=lambda q: q[2] + q[3])
        gap_top = q[2] + q[3]
        if y - gap_top < 3:
            continue
        mid = (gap_top + y) / 2
        key = f"divider:{plan.spec.key}"
        pts = _wave((x + plan.width * 0.08, mid), (x + plan.width * 0.92, mid), 0.9, 7, key, style)
        out.append(Path(tuple(pts), stroke=pal.muted, width=0.8))
    return out
