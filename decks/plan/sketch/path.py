"""The path layout: cards along a winding road, row by row (left to right, then back), joined by arrows.

The road runs behind the cards through their centres and turns in a gutter at the ends of each row;
an arrow crosses every gap, so the reading order is always visible.

The speed trick of this module: the row search gives up a row part-planned once one of its cards proves it
too tall to lower the best height found (a row is as tall as its tallest card), so most of the widths a card
could take in some row are never laid out; the rows chosen are the ones planning every row would choose.
"""

from __future__ import annotations

from decks.colors import mix
from decks.plan.sketch.cards import CardPlan, CardSpec, plan_card
from decks.plan.sketch.modular import STAGGERS, Placed, hole
from decks.plan.sketch.primitives import Path, Point, Primitive, Rect
from decks.plan.sketch.style import Style

# A path of at most this many cards (one or two items and the key takeaways) on a tall page may stop at one card a
# row: two side by side are each too narrow for the type the page has room for. A wide page keeps them side by
# side (a lone card a row there is a long thin strip).
FEW = 3


def _weight(spec: CardSpec) -> float:
    # A card's text amount: widths in a row follow it, so cards in a row come out about equally tall.
    chars = len(spec.title) + sum(len(t.text) + sum(len(p) for p in t.points) for t in spec.takeaways)
    return 120 + chars + (150 if spec.qr else 0)


def arrange(
    specs: list[CardSpec], style: Style, area: Rect, draw: bool = True
) -> tuple[list[Placed], list[Primitive], float]:
    """Rows cut where the total height is least (2 to 6 cards a row), placed as a winding road (drawn only
    when `draw`: the size search needs only the fit)."""
    gutter = max(12.0, style.body * 1.6)  # room for the road's turns at the row ends
    hgap = max(16.0, style.body * 2.0)  # room for an arrow between cards
    vgap = max(12.0, style.body * 1.5)
    span = area.w - 2 * gutter
    n = len(specs)
    inf = float("inf")
    rows_cache: dict[tuple[int, int], tuple[float, list[CardPlan]] | None] = {}

    def row(i: int, j: int, above: float = -inf, below: float = inf) -> tuple[float, list[CardPlan]] | None:
        """Cards i..j-1 in a row, its height and plans; None when a card would be too narrow, or (not kept) when
        the row is sure to reach `below` from `above`: its cards are planned only until one proves it."""
        if (i, j) not in rows_cache:
            chunk = specs[i:j]
            avail = span - hgap * (len(chunk) - 1)
            total = sum(_weight(s) for s in chunk)
            widths = [avail * _weight(s) / total for s in chunk]
            if min(widths) < style.body * 12:
                rows_cache[i, j] = None
                return None
            plans, tallest = [], 0.0
            for s, w in zip(chunk, widths, strict=True):
                plans.append(plan_card(s, w, style))
                tallest = max(tallest, plans[-1].height)
                if above + tallest >= below:
                    return None  # the row cannot beat what `below` stands for
            rows_cache[i, j] = (tallest, plans)
        return rows_cache[i, j]

    # See FEW: a tall page is one whose card area (the page less its banner and footer) is at least 3/4 as tall as wide.
    lone_rows = n <= 1 or (n <= FEW and area.h >= area.w * 0.75)
    best = [inf] * (n + 1)
    cut = [0] * (n + 1)
    best[0] = -vgap
    for j in range(1, n + 1):
        for i in range(max(0, j - 6), j):
            if best[i] == inf or (j - i < 2 and not lone_rows and not (i == 0 and j == n)):
                continue
            # A row of cards is as tall as its tallest: one that cannot lower best[j] is given up part-planned.
            one = row(i, j, best[i] + vgap, best[j])
            if one is not None and best[i] + vgap + one[0] < best[j]:
                best[j], cut[j] = best[i] + vgap + one[0], i
    if best[n] == inf:
        return [], [], inf
    bounds = [n]
    while bounds[-1] > 0:
        bounds.append(cut[bounds[-1]])
    bounds.reverse()
    rows = [row(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]
    heights = [r[0] for r in rows if r]
    used = best[n]
    # Spare height goes to the gaps between rows (up to a point), so the road has room to turn; what is left is
    # air above and under the rows in equal parts. Cards keep the height of their content (a frame is never
    # stretched to cover area).
    spare = max(0.0, area.h - used)
    extra_gap = min(spare / max(1, len(heights) - 1), vgap * 1.5) if len(heights) > 1 else 0.0
    # A lone row (a page of a few cards) has the area's height to itself: its cards may stand a little higher
    # and lower by turns, so the road winds and the air above and under the row is not one band across the page
    # (of a few shares, the one whose largest hole is least).
    shares = STAGGERS if draw and len(rows) == 1 else STAGGERS[:1]
    best_frames: list[list[tuple[float, float, float, float]]] = []
    best_placed: list[Placed] = []
    for share in shares:
        placed: list[Placed] = []
        frames: list[list[tuple[float, float, float, float]]] = []  # per row: x, y, w, h of each frame
        y = area.y + (spare - extra_gap * (len(heights) - 1)) / 2
        for r, found in enumerate(rows):
            assert found is not None
            plans = found[1]
            h = heights[r]
            xs = []
            x = area.x + gutter
            for p in plans:
                xs.append(x)
                x += p.width + hgap
            if r % 2 == 1:  # even rows read left to right, odd rows come back: mirror them
                xs = [area.x + area.right - xi - p.width for xi, p in zip(xs, plans, strict=True)]
            line: list[tuple[float, float, float, float]] = []
            for p, xi in zip(plans, xs, strict=True):
                # Centred on the row, the road through the middle (a lone row: see above).
                top = y + (h - p.height) / 2
                if len(rows) == 1:
                    top = area.y + (area.h - p.height) * (share if len(line) % 2 == 0 else 1 - share)
                placed.append((p, xi, top, p.height))
                line.append((xi, top + p.tab, p.width, p.height - p.tab))
            frames.append(line)
            y += h + vgap + extra_gap
        if not best_placed or hole(placed, area, style.gap * 1.5, style.gap) < hole(
            best_placed, area, style.gap * 1.5, style.gap
        ):
            best_placed, best_frames = placed, frames
    placed, frames = best_placed, best_frames
    return placed, _road(frames, style, area, gutter) if draw else [], used / area.h


def _road(
    rows: list[list[tuple[float, float, float, float]]], style: Style, area: Rect, gutter: float
) -> list[Primitive]:
    """The road behind the cards (first in the list) and the arrows over the gaps (after the cards)."""
    pal = style.theme.palette
    pen = style.pen
    road_color = mix(pal.muted, pal.background, 0.78)
    through: list[Point] = []
    arrows: list[Primitive] = []
    for r, row in enumerate(rows):
        lane = [(x + w / 2, y + min(h / 2, 28.0)) for x, y, w, h in row]
        through += lane
        for i in range(len(row) - 1):
            a, b = row[i], row[i + 1]
            ya = a[1] + min(a[3] / 2, 28.0)
            if r % 2 == 0:
                x0, x1 = a[0] + a[2] + 2, b[0] - 2
            else:
                x0, x1 = a[0] - 2, b[0] + b[2] + 2
            # Each arrow bends its own way, as a hand draws them: up or down, a little or more.
            bend = pen.rng(f"bend{r}.{i}").choice((-1, 1)) * pen.rng(f"arc{r}.{i}").uniform(2.0, 7.0)
            arrows += pen.arrow([(x0, ya), ((x0 + x1) / 2, ya - bend), (x1, ya)], f"arrow{r}.{i}", pal.accent2, 4.5)
        if r + 1 < len(rows):
            last = row[-1]
            nxt = rows[r + 1][0]
            ya = last[1] + min(last[3] / 2, 28.0)
            yb = nxt[1] + min(nxt[3] / 2, 28.0)
            if r % 2 == 0:
                edge, turn, edge2 = last[0] + last[2] + 2, area.right - gutter / 2, nxt[0] + nxt[2] + 2
            else:
                edge, turn, edge2 = last[0] - 2, area.x + gutter / 2, nxt[0] - 2
            through += [(turn, ya + (yb - ya) * 0.2), (turn, yb - (yb - ya) * 0.2)]
            arrows += pen.arrow(
                [(edge, ya), (turn, ya + (yb - ya) * 0.3), (turn, yb - (yb - ya) * 0.3), (edge2, yb)],
                f"turn{r}",
                pal.accent2,
                4.5,
            )
    road: list[Primitive] = []
    if len(through) > 1:
        pts = pen.curve_points(through, "road")
        road.append(Path(tuple(pts), stroke=road_color, width=min(10.0, gutter * 0.7)))
    return [*road, _AFTER, *arrows]


_AFTER = Path((), stroke=None)  # a marker: primitives after it are painted over the cards
