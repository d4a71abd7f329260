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
from typing import Literal, NamedTuple

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
    # Only the blocks the points' bounds reach can hold one of them.
    x0, x1 = min(x for x, _ in points), max(x for x, _ in points)
    y0, y1 = min(y for _, y in points), max(y for _, y in points)
    near = [r for r in blocks if r.x < x1 and r.right > x0 and r.y < y1 and r.bottom > y0]
    return not any(r.x < x < r.right and r.y < y < r.bottom for x, y in points for r in near)


def _buried(point: Point, blocks: list[Rect], area: Rect | None, reach: float) -> bool:
    """Whether every point within `reach` of `point` is inside a block or outside `area`: a curve through it
    crosses a card (or leaves the page) however the pen wobbles it."""
    x, y = point
    if area is not None and not (
        area.x - reach <= x <= area.right + reach and area.y - reach <= y <= area.bottom + reach
    ):
        return True
    return any(r.x + reach < x < r.right - reach and r.y + reach < y < r.bottom - reach for r in blocks)


class Tie(NamedTuple):
    """One drawn connector: from card `a` to card `b` (indices into the placed cards), why (`tag`: they share
    one; `flow`: `b` follows `a` in its day, the path of the talk), the route its shaft runs and what it draws."""

    a: int
    b: int
    kind: Literal["tag", "flow"]
    shaft: tuple[Point, ...]
    prims: tuple[Primitive, ...]


# Curves drawn, at most, to find a pair's route: where there is air for one it is found within the first few (the
# 7th at most for 87 arrows on the four examples, an Arabic page and generated ones of 5, 12 and 20 items, in every
# layout); a pair whose ends all lie along narrow gutters is given up rather than searched through 100 curves.
TRIES = 16
FLOW_MOST = 0.6  # of the day-to-day steps, at most, the page joins with a flow arrow (the others read as a column)


def connectors(
    placed: list[Placed],
    style: Style,
    area: Rect | None = None,
    avoid: Sequence[Rect] = (),
    skip_next: bool = False,
    flow: bool = False,
) -> list[Primitive]:
    """The primitives of every `ties` connector, in the order they are drawn."""
    return [p for tie in ties(placed, style, area, avoid, skip_next, flow) for p in tie.prims]


def ties(
    placed: list[Placed],
    style: Style,
    area: Rect | None = None,
    avoid: Sequence[Rect] = (),
    skip_next: bool = False,
    flow: bool = False,
) -> list[Tie]:
    """A hand-drawn arrow from each card to the next one (in reading order) that shares a tag with it, each bent
    its own way and by its own amount, routed through the air between cards: it never crosses a card, an icon
    standing out of one, a day tab, anything in `avoid` (the radial cloud), another arrow, or leaves `area`; a
    pair no such arrow joins is left unjoined. With `skip_next` (the path and vertical layouts, whose road
    already joins each card to the next) neighbours in reading order are not joined again. With `flow` (a grid
    of cards) a lighter arrow in the muted ink also follows the talk from a card to the next of its day where
    the gap between them holds one (not every step: FLOW_MOST of them at most, the first found in reading order).
    Each end stands a hair outside its card and clearly nearer it than any other card, so no end is ambiguous."""
    pal = style.theme.palette
    pen = style.pen
    out: list[Tie] = []
    blocks = [Rect(x - 0.5, y - 0.5, plan.width + 1, h + 1) for plan, x, y, h in placed] + list(avoid)
    # An icon that breaks its card's frame stands in the air beside it: an arrow keeps off it too.
    blocks += [_icon_box(p) for p in placed if p[0].icon_circle is not None]
    frames = [_frame(p) for p in placed]
    longest = max(area.w, area.h) * 0.5 if area is not None else math.inf
    reach = pen.curve_reach() + 0.01  # and a hair for rounding
    items = [(n, p) for n, p in enumerate(placed) if p[0].spec.kind == "item" and p[0].spec.tags]
    pairs: list[tuple[int, int, Literal["tag", "flow"]]] = []
    for tag in sorted({t for _, p in items for t in p[0].spec.tags}):
        mine = [n for n, p in items if tag in p[0].spec.tags]
        pairs += [(a, b, "tag") for a, b in itertools.pairwise(mine) if (a, b, "tag") not in pairs]
    pairs.sort()
    if flow and not skip_next:
        joined = {(a, b) for a, b, _ in pairs}
        steps = [
            (n, n + 1)
            for n in range(len(placed) - 1)
            if placed[n][0].spec.kind == placed[n + 1][0].spec.kind == "item"
            and placed[n][0].spec.part == placed[n + 1][0].spec.part
            and (n, n + 1) not in joined
        ]
        budget = math.floor(len(steps) * FLOW_MOST)
        pairs += [(a, b, "flow") for a, b in steps]
    else:
        budget = 0
    gap = min(2.0, style.gap * 0.25)  # the ends a hair outside the frames: a narrow gap holds both
    shafts: list[list[Point]] = []
    for a, b, why in pairs:
        if why == "tag" and skip_next and b == a + 1:
            continue
        if why == "flow" and budget <= 0:
            break
        fa, fb = frames[a], frames[b]
        key = f"{'tie' if why == 'tag' else 'flow'}:{placed[a][0].spec.key}:{placed[b][0].spec.key}"
        rng = pen.rng(key)
        bend = rng.uniform(0.12, 0.32) * rng.choice((-1, 1))  # of the arrow's length, to one side or the other
        # The ends nearest a few lines apart first: across a narrow gap the arrow runs aslant from a third of
        # one edge to two thirds of the other, long enough to read as an arrow, not a tick. A flow arrow leaves
        # by the card's bottom or far side and comes in at the next one's top or near side, as the eye goes.
        ideal = style.body * (5 if why == "tag" else 4)
        others = [f for n, f in enumerate(frames) if n not in (a, b)] + list(avoid)
        starts = [pa for pa in _anchors(fa, gap) if _clearly(pa, others, gap)]
        stops = [pb for pb in _anchors(fb, gap) if _clearly(pb, others, gap)]
        ends = sorted(
            ((pa, pb) for pa in starts for pb in stops if why == "tag" or _onward(pa, fa, pb, fb)),
            key=lambda e: abs(math.dist(*e) - ideal),
        )
        # Not every arrow alike: its head (two strokes, a triangle, one barb), and a long one may swing like an S
        # where the air allows.
        kind = rng.choice(("v", "v", "closed", "half") if why == "tag" else ("v", "half"))
        swing = rng.random() < 0.5
        tries = TRIES
        head = max(3.5, style.body * (0.45 if why == "tag" else 0.38))
        for pa, pb in ends[:16]:
            length = math.dist(pa, pb)
            if length < style.body * 2 or length > longest or tries <= 0:
                continue
            nx, ny = -(pb[1] - pa[1]) / length, (pb[0] - pa[0]) / length
            route = None
            for through in _routes(pa, pb, nx, ny, length, bend, swing and length > style.body * 6):
                if any(_buried(m, blocks, area, reach) for m in through[1:-1]):
                    continue  # the curve passes through a middle point: not drawn to learn it is blocked (2 in 3 are)
                if tries <= 0:
                    break
                tries -= 1
                pts = pen.curve_points(through, key)
                if (
                    _clear(pts, blocks, area)
                    and (why == "tag" or _onward(pa, fa, pb, fb, _along(pts, head), _along(pts[::-1], head)))
                    and not _hugs(pts, others, style.gap)
                    and not any(_crosses(pts, s) for s in shafts)
                ):
                    route = pts
                    break
            if route:
                width = max(0.9, style.theme.sketch.stroke) * (1.0 if why == "tag" else 0.8)
                color = pal.accent if why == "tag" else pal.muted
                drawn = pen.arrow(through, key, color, head, width, kind)
                shafts.append(route)
                out.append(Tie(a, b, why, tuple(route), tuple(drawn)))
                budget -= why == "flow"
                break
    return out


def _icon_box(p: Placed) -> Rect:
    """The square an icon drawn at a card's icon circle covers, on the page."""
    plan, x, y, _ = p
    assert plan.icon_circle is not None
    cx, cy, d = plan.icon_circle
    return Rect(x + cx - d / 2, y + cy - d / 2, d, d)


def _onward(pa: Point, fa: Rect, pb: Point, fb: Rect, leave: Point | None = None, reach: Point | None = None) -> bool:
    """Whether an arrow from `pa` (at card `fa`) to `pb` (at card `fb`) goes the way a reader goes from one card
    to the next: out of the first by its bottom or its side toward the next, into the next by its top or its side
    toward the first, not back up the page, and plainly so: it leaves and enters each edge at a slant of at least
    ONWARD (a flat arrow along a narrow gap, from one card's bottom to the next one's top, points sideways). The
    slants are the chord's, or, given the drawn curve's points a little after its start (`leave`) and a little
    before its tip (`reach`), the curve's own there (a bent arrow may come in along the edge it points at)."""
    length = math.dist(pa, pb)
    if pb[1] < pa[1] - 1.0 or length == 0:
        return False
    ahead = fb.x + fb.w / 2 >= fa.x + fa.w / 2  # the next card stands to the right (or level)
    return (
        _through(pa, leave or pb, fa, ahead, True) >= ONWARD and _through(reach or pa, pb, fb, ahead, False) >= ONWARD
    )


def _along(points: Sequence[Point], far: float) -> Point:
    """The first of `points` at least `far` from the first (the last point if none is)."""
    return next((p for p in points if math.dist(p, points[0]) >= far), points[-1])


def _through(p: Point, q: Point, frame: Rect, ahead: bool, leaving: bool) -> float:
    """The cosine between the way from `p` to `q` and the way through the edge of `frame` at the arrow's end
    (`p` when `leaving` it, else `q`): down through a bottom (leaving) or a top (entering), across a side toward
    the other card (`ahead`: it stands to the right); -1 for an end on an edge no reader's way goes through."""
    length = math.dist(p, q) or 1.0
    ux, uy = (q[0] - p[0]) / length, (q[1] - p[1]) / length
    x, y = p if leaving else q
    if frame.x < x < frame.right:
        return uy if (y >= frame.bottom if leaving else y <= frame.y) else -1.0
    near_side = x >= frame.right if leaving else x <= frame.x  # the side facing the way the reader goes
    if near_side == ahead:
        return ux if ahead else -ux
    return -1.0


ONWARD = 0.3  # the least cosine between a flow arrow's chord and the way through the edge it leaves or enters


def _clearly(point: Point, others: Sequence[Rect], out: float) -> bool:
    """Whether an arrow's end at `point` (`out` off its own card) reads as at that card: every other card is at
    least three times as far."""
    far = out * 3 + 1.0
    return all(
        math.hypot(max(r.x - point[0], 0.0, point[0] - r.right), max(r.y - point[1], 0.0, point[1] - r.bottom)) >= far
        for r in others
    )


def _hugs(points: Sequence[Point], others: Sequence[Rect], near: float) -> bool:
    """Whether an arrow along `points` runs close by cards other than its two (within `near`) for more than a
    third of its length: a long arrow down a narrow gutter reads as a rule beside those cards, not as a link."""
    x0, x1 = min(x for x, _ in points) - near, max(x for x, _ in points) + near
    y0, y1 = min(y for _, y in points) - near, max(y for _, y in points) + near
    nearby = [r for r in others if r.x < x1 and r.right > x0 and r.y < y1 and r.bottom > y0]
    if not nearby:
        return False
    allowed, close = len(points) / 3, 0
    for x, y in points:
        if any(math.hypot(max(r.x - x, 0.0, x - r.right), max(r.y - y, 0.0, y - r.bottom)) < near for r in nearby):
            close += 1
            if close > allowed:
                return True
    return False


def _crosses(p: Sequence[Point], q: Sequence[Point]) -> bool:
    """Whether the polylines `p` and `q` cross (or touch): two arrows that cross read as a tangle."""
    if not p or not q:
        return False
    if (
        max(x for x, _ in p) < min(x for x, _ in q)
        or max(x for x, _ in q) < min(x for x, _ in p)
        or max(y for _, y in p) < min(y for _, y in q)
        or max(y for _, y in q) < min(y for _, y in p)
    ):
        return False
    return any(_segments_meet(a, b, c, d) for a, b in itertools.pairwise(p) for c, d in itertools.pairwise(q))


def _segments_meet(a: Point, b: Point, c: Point, d: Point) -> bool:
    def side(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    if max(a[0], b[0]) < min(c[0], d[0]) or max(c[0], d[0]) < min(a[0], b[0]):
        return False
    if max(a[1], b[1]) < min(c[1], d[1]) or max(c[1], d[1]) < min(a[1], b[1]):
        return False
    d1, d2, d3, d4 = side(c, d, a), side(c, d, b), side(a, b, c), side(a, b, d)
    return (d1 * d2 <= 0) and (d3 * d4 <= 0)


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
