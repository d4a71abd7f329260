"""The sketchnote's marks between cards: connectors between related items and dividers between days.

Both are drawn in the gaps the layout leaves, after the cards are placed, so they never cross a card: a
connector joins two neighbouring cards that share a tag (a short wavy line with a dot at each end, across
the gap between them); a divider is a wavy line across the gap above the first card of a day when a card of
the day before stands above it in the same column. Every stroke is keyed, so the same input draws the same.
"""

from __future__ import annotations

import math

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


def connectors(placed: list[Placed], style: Style) -> list[Primitive]:
    """A link across the gap between neighbouring cards that share a tag."""
    pal = style.theme.palette
    out: list[Primitive] = []
    items = [p for p in placed if p[0].spec.kind == "item" and p[0].spec.tags]
    for n, a in enumerate(items):
        for b in items[n + 1 :]:
            shared = set(a[0].spec.tags) & set(b[0].spec.tags)
            if not shared:
                continue
            fa, fb = _frame(a), _frame(b)
            key = f"tie:{a[0].spec.key}:{b[0].spec.key}"
            top, bottom = max(fa.y, fb.y), min(fa.bottom, fb.bottom)
            left, right = max(fa.x, fb.x), min(fa.right, fb.right)
            if bottom - top > 20 and 0 < fb.x - fa.right <= style.gap * 3:  # side by side
                y = top + min(bottom - top, 60.0) / 2
                ends = ((fa.right, y), (fb.x, y))
            elif right - left > 20 and 0 < fb.y - fa.bottom <= style.gap * 3 + b[0].tab:  # one above the other
                x = left + (right - left) * 0.75
                ends = ((x, fa.bottom), (x, fb.y - b[0].tab if b[0].tab else fb.y))
            else:
                continue
            if math.dist(*ends) < 3:
                continue
            out.append(Path(tuple(_wave(*ends, 1.2, 2, key, style)), stroke=pal.accent, width=0.9))
            out += [style.pen.dot(x, y, 1.5, f"{key}:{i}", pal.accent) for i, (x, y) in enumerate(ends)]
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
            q for q in placed if abs(q[1] - x) < 0.5 and q[2] + q[3] <= y + 0.5 and q[0].spec.part != plan.spec.part
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
