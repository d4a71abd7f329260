"""The modular layout: cards flow in reading order down balanced columns, like a newspaper page."""

from __future__ import annotations

import math

from decks.plan.sketch.cards import CardPlan, CardSpec, plan_card
from decks.plan.sketch.primitives import Primitive, Rect
from decks.plan.sketch.style import Style

Placed = tuple[CardPlan, float, float, float]  # plan, x, y, height
# Of a column's spare height, the shares above its cards in the first, third, ... column (the others: the rest)
# a layout tries, keeping the one whose largest hole is least: level columns, or a little higher and lower by turns.
STAGGERS = (0.5, 0.42, 0.35)


def partition(heights: list[float], groups: int, gap: float) -> list[int]:
    """Where to cut `heights` (in order) into at most `groups` runs so the tallest run is lowest."""
    n = len(heights)
    prefix = [0.0]
    for h in heights:
        prefix.append(prefix[-1] + h)

    def run(i: int, j: int) -> float:  # items i..j-1 stacked with gaps
        return prefix[j] - prefix[i] + gap * (j - i - 1)

    inf = float("inf")
    best = [[inf] * (n + 1) for _ in range(groups + 1)]
    cut = [[0] * (n + 1) for _ in range(groups + 1)]
    best[0][0] = 0.0
    for g in range(1, groups + 1):
        prev = best[g - 1]
        for j in range(1, n + 1):
            # prev[i] grows with i and run(i, j) shrinks: the best cut is where they cross, found by bisection
            # (the page may hold a few hundred cards, and this runs for every column count tried).
            lo, hi = g - 1, j - 1
            while lo < hi:
                mid = (lo + hi) // 2
                if prev[mid] >= run(mid, j):
                    hi = mid
                else:
                    lo = mid + 1
            for i in (lo - 1, lo):
                if g - 1 <= i < j:
                    value = max(prev[i], run(i, j))
                    if value < best[g][j]:
                        best[g][j], cut[g][j] = value, i
    g = min(range(1, groups + 1), key=lambda g: (best[g][n], g))
    starts = []
    j = n
    while g > 0:
        i = cut[g][j]
        starts.append(i)
        j, g = i, g - 1
    return sorted(starts)


def arrange(
    specs: list[CardSpec], style: Style, area: Rect, draw: bool = True, over: float = math.inf
) -> tuple[list[Placed], list[Primitive], float]:
    """The best column arrangement at this scale: placements, extra primitives, and height needed / area.

    A count sure to need more than `over` of the area is given up too: a ratio above `over` is then only some
    ratio above it (all counts given up: infinity), while one at or below it is still the best.
    """
    gap = style.gap
    n = len(specs)
    # Columns about 22 body sizes wide read best; try that count and its neighbours (each try costs a layout).
    guess = max(1, round((area.w + gap) / (style.body * 22 + gap)))
    most = max(1, min(n, guess + 1))  # never more columns than cards: one card needs one column
    counts = [
        c for c in range(max(1, min(guess - 1, most)), most + 1) if (area.w - gap * (c - 1)) / c >= style.body * 12
    ]
    # The likeliest best count is laid out first; another is given up once the cards laid out so far prove it
    # taller than the best so far (a column holds at least the tallest card, and the tallest column at least the
    # average), so one that cannot win costs a part of its layout. The winner is the one trying all would pick:
    # the lowest ratio, the fewest columns among equals.
    best: dict[int, tuple[list[Placed], list[Primitive], float]] = {}
    lowest = math.inf
    for cols in sorted(counts, key=lambda c: (c != guess, c)):
        width = (area.w - gap * (cols - 1)) / cols
        # A hair above the best height, so a rounding in the bound never gives up a count that ties.
        enough = min(lowest if not draw else max(lowest, 1.0), over) * area.h * (1 + 1e-9) + 1e-9
        plans: list[CardPlan] = []
        total, tallest_card = gap * (n - cols), 0.0
        for s in specs:
            p = plan_card(s, width, style)
            plans.append(p)
            total += p.height
            tallest_card = max(tallest_card, p.height)
            if tallest_card > enough or total / cols > enough:
                break
        else:
            best[cols] = _placed(plans, cols, width, gap, area, style, draw)
            lowest = min(lowest, best[cols][2])
    if not best:
        return [], [], float("inf")
    lowest_count = min(best, key=lambda c: (best[c][2], c))
    fits = [c for c in best if best[c][2] <= 1.0]
    if not draw or len(fits) < 2:
        return best[lowest_count]
    # Drawing a page where more than one count fits (a sparse page, its type at its ceiling): the count whose
    # largest hole is least, so the air is spread among the cards rather than left in one band (laid out whole:
    # with `draw`, a count is given up only when it cannot fit).
    chosen = min(fits, key=lambda c: (hole(best[c][0], area, style.gap * 1.5, style.gap), c))
    return best[chosen][0], best[chosen][1], best[lowest_count][2]


def _placed(
    plans: list[CardPlan], cols: int, width: float, gap: float, area: Rect, style: Style, draw: bool = False
) -> tuple[list[Placed], list[Primitive], float]:
    """The cards in at most `cols` balanced columns `width` wide, and the tallest column's height / area (the
    size search, not `draw`ing, needs only that: the placements are then the level ones)."""
    starts = partition([p.height for p in plans], cols, gap)
    bounds = [*starts, len(plans)]
    columns = [plans[bounds[c] : bounds[c + 1]] for c in range(len(starts))]
    tallest = max(sum(p.height for p in column) + gap * (len(column) - 1) for column in columns)

    def placing(stagger: float) -> list[Placed]:
        # Cards keep the height of their content (a frame is never stretched to cover area): a column's spare
        # height is air, a few lines at most between two cards, and what is left above and under the column, so a
        # column of few cards stands in its room rather than at its top over a hole. Neighbouring columns may
        # stand a little higher and lower by turns (as boxes drawn by eye do), so their air does not line up
        # into one band across the page.
        placed: list[Placed] = []
        for c, column in enumerate(columns):
            air = max(0.0, area.h - sum(p.height for p in column) - gap * (len(column) - 1))
            between = min(air / len(column), style.body * 3) if len(column) > 1 else 0.0
            y = area.y + (air - between * (len(column) - 1)) * (stagger if c % 2 == 0 else 1 - stagger)
            x = area.x + c * (width + gap)
            for p in column:
                placed.append((p, x, y, p.height))
                y += p.height + gap + between
        return placed

    tries = STAGGERS if draw else STAGGERS[:1]
    return (
        min((placing(s) for s in tries), key=lambda pl: hole(pl, area, style.gap * 1.5, style.gap)),
        [],
        tallest / area.h,
    )


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
