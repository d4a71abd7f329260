"""The popcorn layout (Rohde's popcorn): cards of different sizes scattered over the page without a strict grid.

The page is cut into narrow lanes; each card spans two or three of them (an emphasised item and the key
takeaways three, the others two or three by a seeded draw), so no two neighbours line up. Cards are dropped
in reading order onto the skyline: each where it lands highest (then leftmost), as in a skyline packing. Frames
keep the height of what they hold; room to spare spreads the cards down the page.
"""

from __future__ import annotations

import math

from decks.plan.sketch.cards import CardPlan, CardSpec, plan_card
from decks.plan.sketch.modular import Placed, spread
from decks.plan.sketch.primitives import Primitive, Rect
from decks.plan.sketch.style import Style


def _spans(specs: list[CardSpec], style: Style, lanes: int) -> list[int]:
    if len(specs) <= 2:  # one or two cards share the width: side by side, never a stack with a hole beside it
        return [lanes // len(specs)] * len(specs) if specs else []
    out = []
    for s in specs:
        wide = s.emphasis or s.kind == "key"
        out.append(min(lanes, 3 if wide else style.pen.rng(f"pop:{s.key}").choice((2, 2, 3))))
    return out


def arrange(
    specs: list[CardSpec], style: Style, area: Rect, draw: bool = True
) -> tuple[list[Placed], list[Primitive], float]:
    """The scattered cards at this scale: placements, no extra marks, and height needed / area."""
    gap = style.gap
    best: tuple[float, list[tuple[CardPlan, float, float]]] | None = None
    guess = max(2, round(2 * (area.w + gap) / (style.body * 22 + gap)))
    for lanes in range(max(2, guess - 1), guess + 2):
        lane = (area.w + gap) / lanes
        spans = _spans(specs, style, lanes)
        if min(spans, default=2) * lane - gap < style.body * 12:
            continue
        sky = [area.y] * lanes  # the lowest free y in each lane
        spots: list[tuple[CardPlan, float, float]] = []
        for s, wanted in zip(specs, spans, strict=True):
            # Where the card lands highest: at its span, or a lane narrower when that lands it higher (lanes
            # at the edge that a wide card cannot reach alone would stay empty to the page's bottom).
            tries = [wanted] + ([wanted - 1] if wanted > 2 and (wanted - 1) * lane - gap >= style.body * 12 else [])
            y, start, span = min((max(sky[i : i + n]), i, n) for n in tries for i in range(lanes - n + 1))
            if span != wanted and y >= min(max(sky[i : i + wanted]) for i in range(lanes - wanted + 1)):
                span = wanted
                start = min(range(lanes - span + 1), key=lambda i: (max(sky[i : i + span]), i))
                y = max(sky[start : start + span])
            plan = plan_card(s, span * lane - gap, style)
            spots.append((plan, area.x + start * lane, y))
            for i in range(start, start + span):
                sky[i] = y + plan.height + gap
        used = max(sky) - gap - area.y
        if best is None or used < best[0]:
            best = (used, spots)
    if best is None:
        return [], [], math.inf
    used, spots = best
    # Cards keep the height of their content (a frame is never stretched to cover area). On a page with height to
    # spare the air is shared out evenly between the cards, not left in one hole under them (modular.spread).
    tops = spread(spots, area, gap) if draw and used < area.h else [y for _, _, y in spots]
    placed = [(plan, x, y, plan.height) for (plan, x, _), y in zip(spots, tops, strict=True)]
    return placed, [], used / area.h
