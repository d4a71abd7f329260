"""The modular layout: cards flow in reading order down balanced columns, like a newspaper page."""

from __future__ import annotations

from decks.plan.sketch.cards import CardPlan, CardSpec, plan_card
from decks.plan.sketch.primitives import Primitive, Rect
from decks.plan.sketch.style import Style

Placed = tuple[CardPlan, float, float, float]  # plan, x, y, height


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
    specs: list[CardSpec], style: Style, area: Rect, draw: bool = True
) -> tuple[list[Placed], list[Primitive], float]:
    """The best column arrangement at this scale: placements, extra primitives, and height needed / area."""
    gap = style.gap
    best: tuple[list[Placed], list[Primitive], float] | None = None
    # Columns about 22 body sizes wide read best; try that count and its neighbours (each try costs a layout).
    guess = max(1, round((area.w + gap) / (style.body * 22 + gap)))
    most = max(1, min(len(specs), guess + 1))  # never more columns than cards: one card needs one column
    for cols in range(max(1, min(guess - 1, most)), most + 1):
        width = (area.w - gap * (cols - 1)) / cols
        if width < style.body * 12:
            continue
        plans = [plan_card(s, width, style) for s in specs]
        starts = partition([p.height for p in plans], cols, gap)
        bounds = [*starts, len(plans)]
        placed: list[Placed] = []
        tallest = 0.0
        for c in range(len(starts)):
            column = plans[bounds[c] : bounds[c + 1]]
            used = sum(p.height for p in column) + gap * (len(column) - 1)
            tallest = max(tallest, used)
            # Columns end flush with the page: spread the spare height over the column's cards.
            # (Sparse content: a tall frame spreads its text and draws its icon large in what is left.)
            extra = max(0.0, (area.h - used) / len(column))
            y = area.y
            x = area.x + c * (width + gap)
            for p in column:
                placed.append((p, x, y, p.height + extra))
                y += p.height + extra + gap
        ratio = tallest / area.h
        if best is None or ratio < best[2]:
            best = (placed, [], ratio)
    return best or ([], [], float("inf"))
