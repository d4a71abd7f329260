"""The vertical layout (Rohde's vertical): one drawn path down the page, the cards hung on it in reading order.

On a page wide enough for two cards side by side, the path runs down the middle and the cards take turns on
its left and right, each a little below the one before (a timeline); on a narrow page it runs down the left
edge with the cards beside it. Cards keep the height of their content: spare height goes to the steps between
them, so the path has room to wind, and to air above and under them. A dot on the path and a short arrow join
each card to it.
"""

from __future__ import annotations

from decks.plan.sketch.cards import CardPlan, CardSpec, plan_card
from decks.plan.sketch.modular import Placed, hole
from decks.plan.sketch.primitives import Path, Point, Primitive, Rect
from decks.plan.sketch.style import Style


def arrange(
    specs: list[CardSpec], style: Style, area: Rect, draw: bool = True
) -> tuple[list[Placed], list[Primitive], float]:
    """The cards down a path at this scale: placements, the path (when `draw`), and height needed / area."""
    lane = max(18.0, style.body * 2.4)  # the path's lane: room for the dots and the arrows' heads
    tried: list[tuple[float, list[tuple[CardPlan, float, float]], bool]] = []  # height used, spots, two sides
    for two in (True, False):
        width = (area.w - lane) / 2 if two else area.w - lane
        if width < style.body * 12 or (two and len(specs) < 2):
            continue
        plans = [plan_card(s, width, style) for s in specs]
        spots = _stagger(plans, style, area, lane, width) if two else _single(plans, style, area, lane)
        tried.append((max((y + p.height for p, _, y in spots), default=area.y) - area.y, spots, two))
    if not tried:
        return [], [], float("inf")
    ratio = min(used for used, _, _ in tried) / area.h
    if not draw:
        return [], [], ratio
    # Of the arrangements that fit (else the lowest), the one whose largest hole is least: a few cards on a tall
    # page may hang on one side of the path, stacked, where on two sides each would stand over an empty half.
    fits = [t for t in tried if t[0] <= area.h] or [min(tried, key=lambda t: t[0])]
    spread = [(_spread(spots, used, style, area), two) for used, spots, two in fits]
    placed, two = min(spread, key=lambda t: hole(t[0], area))
    spine = area.x + area.w / 2 if two else area.x + lane / 2
    return placed, _path(placed, style, area, spine), ratio


def _spread(spots: list[tuple[CardPlan, float, float]], used: float, style: Style, area: Rect) -> list[Placed]:
    """The cards at `spots` (`used` high together) spread down the area.

    Cards keep the height of their content (a frame is never stretched to cover area). Spare height goes to the
    steps between cards (each card moves down in proportion to where it stands), up to a few lines a step, and to
    air above and under them: of a few such splits, the one whose largest hole is least, so the air is spread
    around the cards rather than left in one place (a few cards on a tall page)."""
    spare = max(0.0, area.h - used)
    last = max(y for _, _, y in spots) - area.y
    most = min(spare, style.body * 4 * max(1, len(spots) - 1)) if last > 0 else 0.0

    def placing(steps: float, above: float) -> list[Placed]:
        top = (spare - steps) * above
        return [(p, x, top + (y + steps * (y - area.y) / last if last > 0 else y), p.height) for p, x, y in spots]

    splits = [(most, 0.5)] + [(most * s, a) for s in (0.0, 0.5, 1.0) for a in (0.2, 0.35, 0.5, 0.65, 0.8)]
    return min((placing(*split) for split in splits), key=lambda pl: hole(pl, area))


def _single(plans: list[CardPlan], style: Style, area: Rect, lane: float) -> list[tuple[CardPlan, float, float]]:
    out = []
    y = area.y
    for p in plans:
        out.append((p, area.x + lane, y))
        y += p.height + style.gap * 1.5
    return out


def _stagger(
    plans: list[CardPlan], style: Style, area: Rect, lane: float, width: float
) -> list[tuple[CardPlan, float, float]]:
    """Cards left and right of the middle, each on the side that ends higher (the first on the left), starting
    at least a step below the one before and below the last card on its own side: read top to bottom."""
    step = style.body * 3.0
    bottoms = [area.y, area.y]
    out = []
    prev = area.y - step
    for n, p in enumerate(plans):
        side = n % 2 if n < 2 else min((0, 1), key=lambda s: (bottoms[s], s))
        y = max(bottoms[side], prev + step)
        x = area.x if side == 0 else area.x + width + lane
        out.append((p, x, y))
        bottoms[side] = y + p.height + style.gap * 1.5
        prev = y
    return out


def _path(placed: list[Placed], style: Style, area: Rect, spine: float) -> list[Primitive]:
    """The path down the page (behind the cards), a dot where each card hangs and an arrow from it to the card."""
    from decks.colors import mix
    from decks.plan.sketch.path import _AFTER

    pal = style.theme.palette
    pen = style.pen
    rng = pen.rng("vertical")
    through: list[Point] = [(spine, area.y)]
    marks: list[Primitive] = []
    for n, (plan, x, y, h) in enumerate(placed):
        hang = y + plan.tab + min((h - plan.tab) / 2, style.heading * 1.6)
        # The path sways a little toward the card it passes, as a hand draws it.
        sway = rng.uniform(2.0, 6.0) * (-1 if x < spine else 1)
        through.append((spine + sway, hang))
        color = style.part_color(plan.spec.part) if plan.spec.kind != "key" else pal.accent
        marks.append(pen.dot(spine + sway, hang, max(2.2, style.body * 0.28), f"vdot{n}", color))
        edge = x + plan.width + 2 if x < spine else x - 2
        start = spine + sway + (-4 if x < spine else 4)
        if abs(edge - start) > 6:
            mid = ((start + edge) / 2, hang - rng.uniform(1.5, 5.0))
            marks += pen.arrow([(start, hang), mid, (edge, hang)], f"varrow{n}", color, 4.0)
    through.append((spine, area.bottom))
    road = Path(tuple(pen.curve_points(through, "vpath")), stroke=mix(pal.muted, pal.background, 0.35), width=2.0)
    return [road, _AFTER, *marks]
