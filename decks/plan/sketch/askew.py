"""Cards put down by hand: each turned a little about its centre, by no more than the room round it allows."""

from __future__ import annotations

import math

from decks.plan.sketch.primitives import Box, Link, Path, Primitive, Rect, TextRun, Turn
from decks.plan.sketch.style import Style

TILT = 1.2  # degrees, at most, either way: a card put down by hand is a little askew
ASKEW = 0.3  # of the gap between cards, at most, that a point of a turned card moves
SHARE = 0.45  # of the free room between what a card draws and what its nearest neighbour draws, at most, likewise


def askew(cards: list[tuple[str, Rect, list[Primitive]]], style: Style) -> list[list[Primitive]]:
    """The page's cards, each (its key, its frame, what draw_card drew for it), each turned whole about its frame's
    centre by its tilt (primitives.Turn), as a sketchnoter's boxes sit a little askew on the page.

    How far a card may turn is bounded by the room it has: no point of what it draws (its shadow, a scroll's
    rolls, its day tab and intro included) moves more than ASKEW of the gap, nor more than SHARE of the free room
    between the box of what it draws and that of its nearest neighbour (which may turn toward it too), so turned
    cards keep off each other on a layout that sets them closer than the gap."""
    drawn = [_extent(prims) for _, _, prims in cards]
    out = []
    for n, (key, frame, prims) in enumerate(cards):
        room = min((_apart(drawn[n], other) for m, other in enumerate(drawn) if m != n), default=math.inf)
        angle = tilt(drawn[n], frame, key, style, room)
        if not angle:
            out.append(prims)
            continue
        about = (round(frame.x + frame.w / 2, 2), round(frame.y + frame.h / 2, 2))
        out.append([Turn(angle, about), *prims, Turn(0.0, about)])
    return out


def tilt(extent: Rect, frame: Rect, key: str, style: Style, room: float = math.inf) -> float:
    """How far (degrees, clockwise) the card `key` is turned about its frame's centre: seeded, between 0.4 and
    TILT either way, and less where a corner of `extent` (the box of all it draws) would move more than ASKEW of
    the gap or SHARE of `room` (see askew()). 0 for a pen without roughness (a theme drawn straight)."""
    if style.theme.sketch.roughness <= 0:
        return 0.0
    rng = style.pen.rng(key + ":tilt")
    angle = rng.uniform(0.4, TILT) * rng.choice((-1, 1)) * min(1.0, style.theme.sketch.roughness)
    cx, cy = frame.x + frame.w / 2, frame.y + frame.h / 2
    reach = max(math.hypot(max(cx - extent.x, extent.right - cx), max(cy - extent.y, extent.bottom - cy)), 1.0)
    most = math.degrees(min(ASKEW * style.gap, SHARE * room) / reach)
    return round(max(-most, min(most, angle)), 2)


def _extent(prims: list[Primitive]) -> Rect:
    """The box of all `prims` draw: paths (with half their width), text runs, boxes and links."""
    xs: list[float] = []
    ys: list[float] = []
    for p in prims:
        if isinstance(p, Path) and p.points:
            w = p.width / 2 if p.stroke else 0.0
            xs += [min(x for x, _ in p.points) - w, max(x for x, _ in p.points) + w]
            ys += [min(y for _, y in p.points) - w, max(y for _, y in p.points) + w]
        elif isinstance(p, TextRun):
            xs += [p.x, p.x + p.width]
            ys += [p.y - p.ascent, p.y + p.descent]
        elif isinstance(p, Box | Link):
            xs += [p.rect.x, p.rect.right]
            ys += [p.rect.y, p.rect.bottom]
    if not xs:
        return Rect(0, 0, 0, 0)
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _apart(a: Rect, b: Rect) -> float:
    """How far apart two boxes are (0 where they touch or overlap)."""
    dx = max(0.0, b.x - a.right, a.x - b.right)
    dy = max(0.0, b.y - a.bottom, a.y - b.bottom)
    return math.hypot(dx, dy)
