"""The modular layout (Rohde's modular): the page cut into modules of different sizes, read in rows as a comic's
panels are.

Cards follow in reading order along rows, left to right and down. Each row fills the width, and within it each
card is as wide as its content asks: the page is cut into narrow lanes, every card starts at the fewest lanes it
reads in (more for an emphasised item or the key takeaways), and the row's spare lanes go one at a time to its
tallest card, so a long card grows wide and a short one stays narrow, and the cards of a row stand about as tall
as each other (while choosing, a card's height at a width is estimated from two layouts of it; the cards placed
are laid out at their widths). Where rows break is chosen for the lowest page (`_rows`), so their edges fall at
different lanes: no column runs down the page, and a wide card stands over two narrower ones. Each card then drops
to the highest free place under the row above (a skyline), so tops stagger too; frames keep the height of what they
hold, and room to spare is shared out between the cards (`spread`).
"""

from __future__ import annotations

import math

from decks.plan.sketch.cardplan import title_fits
from decks.plan.sketch.cards import CardPlan, CardSpec, plan_card
from decks.plan.sketch.primitives import Primitive, Rect
from decks.plan.sketch.style import Style

Placed = tuple[CardPlan, float, float, float]  # plan, x, y, height
# Of a column's spare height, the shares above its cards in the first, third, ... column (the others: the rest)
# a layout tries, keeping the one whose largest hole is least: level columns, or a little higher and lower by turns.
STAGGERS = (0.5, 0.42, 0.35)
NARROWEST = 12.0  # body sizes: no card is narrower (a line of a few words)
WIDE = 20.0  # body sizes: an emphasised item's and the key takeaways' card is at least this wide
WIDEST = 45.0  # body sizes: no card is wider on a page of more than two (lines longer than this tire the eye)
LANES_PER_NARROWEST = 6  # finer lanes level a row's cards better (widths between are estimated: `_rows`)
# A row whose cards would have to widen by more than this share of their fewest lanes is not tried (unless it holds
# every card, or no rows fill the width otherwise: see `arrange`): such rows are rarely the lowest (none of the
# examples' pages has one), and each costs the search a pass handing out many lanes.
SPARE = 1.0
FEW = 4  # cards: a page of this many or fewer weighs its cards' real heights at every width (see `_rows`)
RELAX = 4  # passes of moving each card to the middle of its free room (the spacing settles in a few)


def arrange(
    specs: list[CardSpec], style: Style, area: Rect, draw: bool = True, over: float = math.inf
) -> tuple[list[Placed], list[Primitive], float]:
    """The cards in rows at this scale: placements, no extra marks, and height needed / area.

    `over` (a share of the area past which a caller needs only to know that the page is over) is taken for the
    size search's sake; rows are always laid out in full (a layout of a page costs a few dozen card layouts)."""
    if not specs:
        return [], [], 0.0
    gap = style.gap
    lanes = lane_count(style, area)
    lane = (area.w + gap) / lanes
    # Where no rows fill the width, rows whose cards widen more are tried, then cards too wide to share a row with
    # their neighbours (a few items at a large size) may take the whole width.
    rows = (
        _rows(specs, style, lanes, lane)
        or _rows(specs, style, lanes, lane, stretch=math.inf)
        or _rows(specs, style, lanes, lane, widest=lanes, stretch=math.inf)
    )
    if rows is None:
        return [], [], math.inf
    sky = [area.y] * lanes  # the lowest free y in each lane
    spots: list[tuple[CardPlan, float, float]] = []
    for row in rows:
        start = 0
        for plan, span in row:
            y = max(sky[start : start + span])
            spots.append((plan, area.x + start * lane, y))
            sky[start : start + span] = [y + plan.height + gap] * span
            start += span
    used = max(sky) - gap - area.y
    tops = spread(spots, area, gap) if draw and used < area.h else [y for _, _, y in spots]
    placed = [(plan, x, y, plan.height) for (plan, x, _), y in zip(spots, tops, strict=True)]
    return placed, [], used / area.h


def lane_count(style: Style, area: Rect) -> int:
    """How many lanes the area is cut into: a lane is a quarter of the narrowest card (with the gap after it), so
    a card's width steps by about three body sizes, fine enough for the cards of a row to come out level."""
    return max(1, int((area.w + style.gap) / ((style.body * NARROWEST + style.gap) / LANES_PER_NARROWEST)))


def lanes_in(width: float, lanes: int, lane: float, gap: float) -> int:
    """The fewest of `lanes` lanes, each `lane` wide with the gap after it, that hold `width` points (at least 1)."""
    return min(lanes, max(1, math.ceil((width + gap) / lane - 1e-9)))


def fewest_lanes(spec: CardSpec, width: float, style: Style, lanes: int, lane: float) -> int:
    """The fewest lanes card `spec` reads in: those holding `width` points, and wide enough to letter each word of
    its title whole (`title_fits`) where the page allows."""
    n = lanes_in(width, lanes, lane, style.gap)
    while n < lanes and not title_fits(spec, n * lane - style.gap, style):
        n += 1
    return n


def _rows(
    specs: list[CardSpec],
    style: Style,
    lanes: int,
    lane: float,
    widest: int | None = None,
    stretch: float = SPARE,
) -> list[list[tuple[CardPlan, int]]] | None:
    """The cards cut into rows (in order) whose heights add up least, each card with its span in lanes (at most
    `widest`, by default WIDEST body sizes; a row's cards widened by at most `stretch` times their fewest lanes);
    None when no such rows fill the width."""
    gap, n = style.gap, len(specs)
    # Two cards share the width by their content alone (both wide, they could not stand side by side as the type
    # grows into the page).
    wide = WIDE if n > 2 else NARROWEST
    least = [
        fewest_lanes(s, style.body * (wide if s.emphasis or s.kind == "key" else NARROWEST), style, lanes, lane)
        for s in specs
    ]
    if widest is None:  # on a page of one or two cards a card may take the whole width (its type grows into it)
        widest = lanes if n <= 2 else max(1, min(lanes, int((style.body * WIDEST + gap) / lane)))
    most = [max(m, widest) for m in least]
    plans: dict[tuple[int, int], CardPlan] = {}

    def plan(m: int, span: int) -> CardPlan:
        if (m, span) not in plans:
            plans[m, span] = plan_card(specs[m], span * lane - gap, style)
        return plans[m, span]

    def row(i: int, j: int) -> tuple[float, list[int]] | None:
        """Cards i..j-1 filling the width: each at its fewest lanes, the spare lanes given one by one to the
        tallest card that can widen; the row's height and the spans."""
        spans = least[i:j]
        spare = lanes - sum(spans)
        if spare < 0 or sum(most[i:j]) < lanes or (spare > sum(spans) * stretch and j - i < n):
            return None
        heights = [height(i + k, s) for k, s in enumerate(spans)]
        for _ in range(spare):
            k = max((k for k in range(j - i) if spans[k] < most[i + k]), key=lambda k: heights[k])
            spans[k] += 1
            heights[k] = height(i + k, spans[k])
        return max(heights), spans

    curves: dict[int, tuple[float, float]] = {}

    def height(m: int, span: int) -> float:
        """Card m's height at `span` lanes: as laid out where it has been, else read off the curve a + b / width
        through its layouts at its fewest lanes and twice as many (a card's lines shorten about so as it widens:
        a fixed head, text that wraps less). Rows are chosen by these; the cards placed are laid out. A page of
        FEW cards or fewer, where a line's error is a band of the page, lays out every width it weighs."""
        if (m, span) in plans or n <= FEW:
            return plan(m, span).height
        if m not in curves:
            lo, hi = least[m], min(most[m], least[m] * 2)
            h_lo = plan(m, lo).height
            if hi == lo:
                curves[m] = (h_lo, 0.0)
            else:
                w_lo, w_hi = lo * lane - gap, hi * lane - gap
                b = (h_lo - plan(m, hi).height) / (1 / w_lo - 1 / w_hi)
                curves[m] = (h_lo - b / w_lo, b)
        a, b = curves[m]
        return a + b / (span * lane - gap)

    best = [0.0] + [math.inf] * n
    cut: list[tuple[int, list[int]]] = [(0, [])] * (n + 1)
    for j in range(1, n + 1):
        for i in range(j - 1, -1, -1):
            if sum(least[i:j]) > lanes:
                break  # more cards in the row only need more lanes
            if best[i] == math.inf:
                continue
            found = row(i, j)
            if found is None:
                continue
            value = best[i] + (gap if i else 0.0) + found[0]
            if value < best[j]:
                best[j], cut[j] = value, (i, found[1])
    if best[n] == math.inf:
        return None
    out: list[list[tuple[CardPlan, int]]] = []
    j = n
    while j > 0:
        i, spans = cut[j]
        out.append([(plan(i + k, s), s) for k, s in enumerate(spans)])
        j = i
    return out[::-1]


def spread(spots: list[tuple[CardPlan, float, float]], area: Rect, gap: float) -> list[float]:
    """The cards' tops with the room to spare shared out: each card moves to the middle of the free room above and
    under it (to the cards over and under it, or the area's edges), a few times over, so the air is spread evenly
    between the cards, not left in one hole under them, and no card comes closer to another than the gap. A card
    alone in its lanes stands a little higher or lower by turns (see STAGGERS; at most two gaps, so a short card
    beside a tall one leaves no band of air over or under it), as boxes drawn by eye do."""
    tops = [y for _, _, y in spots]
    for _ in range(RELAX):
        for n, (plan, x, _) in enumerate(spots):
            right = x + plan.width
            lo, hi = area.y, area.bottom
            for m, (other, ox, _) in enumerate(spots):
                if m != n and ox < right and ox + other.width > x:
                    if tops[m] < tops[n]:
                        lo = max(lo, tops[m] + other.height + gap)
                    else:
                        hi = min(hi, tops[m] - gap)
            room = max(0.0, hi - lo - plan.height)
            tops[n] = lo + room / 2
            if lo == area.y and hi == area.bottom:  # alone: a little off the middle, by at most two gaps
                lean = (STAGGERS[-1] - 0.5) * room
                tops[n] += max(-2 * gap, lean) if n % 2 == 0 else min(2 * gap, -lean)
    return tops


def hole(placed: list[Placed], area: Rect, above: float = 0.0, below: float = 0.0) -> float:
    """The area of the largest hole among cards standing in columns (cards sharing a left edge): in one column,
    or across neighbouring columns where all of them are empty at once (above, between or under the cards). A
    hole at the area's top reaches `above` higher, one at its bottom `below` lower (the air between the area and
    the banner or the footer: the page's builder leaves 1.5 gaps and 1)."""
    columns: dict[float, tuple[float, list[tuple[float, float]]]] = {}
    for plan, x, y, h in placed:
        width, cards = columns.setdefault(x, (plan.width, []))
        cards.append((y, y + h))
        columns[x] = (max(width, plan.width), cards)

    def empty(cards: list[tuple[float, float]]) -> list[tuple[float, float]]:
        out, at = [], area.y - above
        for y0, y1 in sorted(cards):
            if y0 > at:
                out.append((at, y0))
            at = max(at, y1)
        return [*out, (at, area.bottom + below)] if at < area.bottom + below else out

    xs = sorted(columns)
    free = [empty(columns[x][1]) for x in xs]
    worst = 0.0
    for i in range(len(xs)):
        common = free[i]
        for j in range(i, len(xs)):
            if j > i:
                common = [
                    (max(a0, b0), min(a1, b1)) for a0, a1 in common for b0, b1 in free[j] if min(a1, b1) > max(a0, b0)
                ]
            if not common:
                break
            span = xs[j] + columns[xs[j]][0] - xs[i]
            worst = max(worst, span * max(b - a for a, b in common))
    return worst
