"""The popcorn layout (Rohde's popcorn): cards of different sizes scattered over the page without a strict grid.

Each card has a width it would like (seeded by its key: some about two fifths of a page, some narrower, an
emphasised item and the key takeaways wider), and is dropped in reading order into the lowest free stretch of the
page, as a hand fills the emptiest place next: where the stretch is about as wide as the card it takes the whole
stretch (a little wider or narrower than it liked, so its type, not padding, fills the room), where it is wider
the card stands at the side of the taller neighbour and leaves room for the next one. So no slot narrower than a
card is left between two cards and the bottom of the cards stays about level; the page is cut into narrow lanes
(`modular.lane_count`) so widths step finely and no two neighbours line up. Then the cards grow into the room
beside them (`_level`): where cards meet side by side, the edge between them moves a lane while that makes the page
lower or the air under the cards more even (the cards on one side narrower, so taller with their own lines, the
others wider). Of a few such packings (the seeded widths drawn again, the cards against either neighbour) the page
keeps the one whose largest hole among the cards is least, among those nearly as low as the lowest. Frames keep
the height of what they hold (no padding, no filler); room to spare is shared out between the cards
(`modular.spread`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from decks.plan.sketch.cards import CardPlan, CardSpec, plan_card
from decks.plan.sketch.modular import NARROWEST, WIDEST, Placed, fewest_lanes, lane_count, lanes_in, spread
from decks.plan.sketch.primitives import Primitive, Rect
from decks.plan.sketch.style import Style

# Body sizes: the widths a plain item's card likes (one drawn by its key) and an emphasised item's or the key
# takeaways'. Cards this size leave about three or four across a landscape page, of different widths.
LIKED = (16.0, 20.0, 24.0, 28.0)
WIDE_LIKED = 32.0
TRIES = 3  # draws of the liked widths (each packed against the left and the taller neighbour)
RESCUE = 0.1  # of the area's height: a packing over by more is not evened out while the size search measures
LOWER = 0.03  # of the area's height: a packing this much lower than another wins even with a larger hole

Spot = tuple[CardPlan, float, float]  # plan, x, y (the top before the air is shared out)


@dataclass
class Card:
    """A card as packed, before the air is shared out: its plan, first lane, lanes and top."""

    plan: CardPlan
    at: int
    span: int
    y: float


def arrange(
    specs: list[CardSpec], style: Style, area: Rect, draw: bool = True
) -> tuple[list[Placed], list[Primitive], float]:
    """The scattered cards at this scale: placements, no extra marks, and height needed / area."""
    if not specs:
        return [], [], 0.0
    gap = style.gap
    lanes = lane_count(style, area)
    lane = (area.w + gap) / lanes

    def lanes_for(width: float) -> int:
        return lanes_in(width, lanes, lane, gap)

    # The fewest lanes a card reads in: a line of a few words, each word of its title whole.
    least = [fewest_lanes(s, style.body * NARROWEST, style, lanes, lane) for s in specs]
    most = [max(n, lanes_for(style.body * WIDEST)) for n in least]
    if len(specs) <= 2:  # one or two cards share the width: side by side, never a stack with a hole beside it
        most = [lanes for _ in specs]
    packed: list[list[Card]] = []
    for draw_no in range(TRIES):
        liked = _liked(specs, style, draw_no, lanes_for, least, most, lanes)
        for lean in (False, True):
            cards = _pack(specs, style, area, lanes, lane, least, most, liked, lean)
            if cards is not None:
                packed.append(cards)
    if not packed:
        return [], [], math.inf
    # Evening a packing out (`_level`) is most of the layout's time. The size search only measures (`draw` False):
    # the lowest packing is its answer, evened out only where that may bring it inside the area (it never makes a
    # packing higher, so one inside stays inside). The page drawn evens out every packing and compares them.
    packed.sort(key=lambda cards: max(c.y + c.plan.height for c in cards))
    found: list[tuple[float, float, list[Spot]]] = []
    for cards in packed if draw else packed[:1]:
        need = max(c.y + c.plan.height for c in cards) - area.y
        if draw or area.h < need <= area.h * (1 + RESCUE):
            _level(cards, specs, style, area, lanes, lane, least, most)
        spots = [(c.plan, area.x + c.at * lane, c.y) for c in cards]
        found.append((max(y + p.height for p, _, y in spots) - area.y, 0.0, spots))
    low = min(f[0] for f in found)
    # Nearly as low as the lowest, and inside the area wherever the lowest is (the size search measured the page
    # by the lowest packing, perhaps not evened out: the one drawn is no higher than the area).
    near = [f for f in found if f[0] <= low + LOWER * area.h and (f[0] <= area.h or f[0] == low)]
    if len(near) > 1 and low < area.h:  # the holes once the air is shared out decide between the low ones
        near = [(used, _largest_hole(spots, area, gap, lanes, lane), spots) for used, _, spots in near]
    used, _, spots = min(near, key=lambda f: (f[1], f[0]))
    # Cards keep the height of their content (a frame is never stretched to cover area). On a page with height to
    # spare the air is shared out evenly between the cards, not left in one hole under them (modular.spread).
    tops = spread(spots, area, gap) if draw and used < area.h else [y for _, _, y in spots]
    placed = [(plan, x, y, plan.height) for (plan, x, _), y in zip(spots, tops, strict=True)]
    return placed, [], used / area.h


def _liked(
    specs: list[CardSpec],
    style: Style,
    draw_no: int,
    lanes_for: Callable[[float], int],
    least: list[int],
    most: list[int],
    lanes: int,
) -> list[int]:
    """The width each card would like, in lanes: drawn by its key (and the draw's number), within its bounds."""
    if len(specs) <= 2:
        return [max(least[i], lanes // len(specs)) for i in range(len(specs))]
    out = []
    for i, s in enumerate(specs):
        wide = s.emphasis or s.kind == "key"
        width = WIDE_LIKED if wide else style.pen.rng(f"pop:{s.key}:{draw_no}").choice(LIKED)
        out.append(min(most[i], max(least[i], lanes_for(style.body * width))))
    return out


def _pack(
    specs: list[CardSpec],
    style: Style,
    area: Rect,
    lanes: int,
    lane: float,
    least: list[int],
    most: list[int],
    liked: list[int],
    lean: bool,
) -> list[Card] | None:
    """The cards dropped in order, each into the lowest free stretch (see the module); `lean` puts a card that
    leaves room beside it against the taller of the cards beside the stretch (else against the left). None when a
    card fits nowhere."""
    gap = style.gap
    sky = [area.y] * lanes  # the lowest free y in each lane
    cards: list[Card] = []
    narrowest = min(least)
    for m, s in enumerate(specs):
        while True:
            low = min(sky)
            start = sky.index(low)
            end = start
            while end < lanes and sky[end] == low:
                end += 1
            room = end - start
            if room >= least[m]:
                break
            if room == lanes:
                return None
            # A stretch too narrow for this card: raise it to its lower neighbour (the room stays a hole).
            left = sky[start - 1] if start > 0 else math.inf
            right = sky[end] if end < lanes else math.inf
            sky[start:end] = [min(left, right)] * room
        # Take the whole stretch when what would be left beside the card could hold no card.
        span = liked[m] if room - liked[m] >= narrowest else min(room, most[m])
        at = start
        if span < room and lean and start > 0 and end < lanes and sky[end] > sky[start - 1]:
            at = end - span  # against a card, never the page's edge: the reading order stays left to right
        plan = plan_card(s, span * lane - gap, style)
        cards.append(Card(plan, at, span, low))
        sky[at : at + span] = [low + plan.height + gap] * span
    return cards


def _level(
    cards: list[Card],
    specs: list[CardSpec],
    style: Style,
    area: Rect,
    lanes: int,
    lane: float,
    least: list[int],
    most: list[int],
) -> None:
    """The cards grown into the room beside them, as a hand evens out its boxes: an edge where cards meet side by
    side moves one lane at a time (the cards on one side narrower, so taller with their own lines, those on the
    other wider and shorter; every card then drops again in order into its lanes) while that makes the page lower,
    or as low with the air under the cards more even. In place."""
    gap = style.gap

    def drop(trial: list[Card]) -> tuple[float, float]:
        """`trial`'s cards dropped in order into their lanes (their tops set); how low the page is and the sum of
        the squared air under each lane."""
        sky = [area.y] * lanes
        for card in trial:
            at, span = card.at, card.span
            card.y = max(sky[at : at + span])
            sky[at : at + span] = [card.y + card.plan.height + gap] * span
        bottom = max(sky)
        return bottom, sum((bottom - y) ** 2 for y in sky)

    best = drop(cards)
    for _ in range(2 * lanes):
        improved = False
        for edge in range(1, lanes):  # the edge between lane edge - 1 and lane edge
            left = [n for n, c in enumerate(cards) if c.at + c.span == edge]
            right = [n for n, c in enumerate(cards) if c.at == edge]
            if not left or not right:
                continue
            for step in (-1, 1):  # -1: the left cards narrower, the right ones wider
                narrow, wide = (left, right) if step < 0 else (right, left)
                if any(cards[n].span <= least[n] for n in narrow) or any(cards[n].span >= most[n] for n in wide):
                    continue
                trial = [replace(c) for c in cards]
                for n in left:
                    trial[n].span += step
                for n in right:
                    trial[n].at += step
                    trial[n].span -= step
                for n in narrow + wide:
                    trial[n].plan = plan_card(specs[n], trial[n].span * lane - gap, style)
                found = drop(trial)
                if found[0] < best[0] - 0.5 or (found[0] <= best[0] + 1e-6 and found[1] < best[1] - 1e-6):
                    cards[:] = trial
                    best = found
                    improved = True
                    break  # the edge has moved: the cards beside it are other ones now
        if not improved:
            return


def _largest_hole(spots: list[Spot], area: Rect, gap: float, lanes: int, lane: float) -> float:
    """The largest empty rectangle among the cards once the air is shared out (`spread`), on the lanes' grid: in
    one lane or across neighbouring lanes where all are empty at once, to the area's edges."""
    tops = spread(spots, area, gap)
    held: list[list[tuple[float, float]]] = [[] for _ in range(lanes)]
    for (plan, x, _), y in zip(spots, tops, strict=True):
        first = round((x - area.x) / lane)
        for i in range(first, min(lanes, first + round((plan.width + gap) / lane))):
            held[i].append((y - gap / 2, y + plan.height + gap / 2))

    def empty(cards: list[tuple[float, float]]) -> list[tuple[float, float]]:
        out, at = [], area.y
        for y0, y1 in sorted(cards):
            if y0 > at:
                out.append((at, y0))
            at = max(at, y1)
        return [*out, (at, area.bottom)] if at < area.bottom else out

    free = [empty(h) for h in held]
    worst = 0.0
    for i in range(lanes):
        common = free[i]
        for j in range(i, lanes):
            if j > i:
                common = [
                    (max(a0, b0), min(a1, b1)) for a0, a1 in common for b0, b1 in free[j] if min(a1, b1) > max(a0, b0)
                ]
            if not common:
                break
            worst = max(worst, (j - i + 1) * lane * max(b - a for a, b in common))
    return worst
