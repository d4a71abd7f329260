"""Measures of a laid-out sketchnote that the tests and the gallery share.

`largest_empty(sketch)`: the largest axis-aligned rectangle inside the page margin that holds nothing, as a
share of the page. What counts as something: the banner, day tabs, captions, the footer and the cloud, and the
bounding box of every primitive that is neither pale (under 2:1 contrast with the paper: a fill, a watermark) nor
a large stroke (the road of the path layout winds over the whole page; its box would hide every hole). A card's
frame is four thin strokes, so the blank inside a card that is taller than its content counts as empty, as a
reader sees it. The page is rasterised on a grid of
`cell` points and the largest all-empty rectangle found with the histogram method (linear in the cells).
"""

from __future__ import annotations

from decks.colors import contrast_ratio
from decks.plan.sketch.primitives import Box, Path, Rect, Sketch, TextRun

CELL = 3.0


PALE = 2.0  # contrast with the paper under which a mark is as good as empty to a reader (a watermark, a fill)


def _seen(color: str | None, paper: str) -> bool:
    return color is not None and contrast_ratio(color, paper) >= PALE


def occupied(sketch: Sketch) -> list[Rect]:
    """The boxes that count as holding something: pale marks (under 2:1 contrast with the paper, such as a
    card's fill or a watermark) do not."""
    page = sketch.width * sketch.height
    paper = sketch.background
    out = [c.rect for c in sketch.containers if c.kind not in ("item", "key")]
    cards = [c.rect for c in sketch.containers if c.kind in ("item", "key")]
    for p in sketch.primitives:
        if isinstance(p, TextRun):
            if _seen(p.color, paper):
                out.append(Rect(p.x, p.y - p.ascent, p.width, p.ascent + p.descent))
        elif isinstance(p, Box):
            out.append(p.rect)
        elif isinstance(p, Path) and p.points and (_seen(p.stroke, paper) or _seen(p.fill, paper)):
            xs = [x for x, _ in p.points]
            ys = [y for _, y in p.points]
            box = Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            if p.fill is None and any(_outlines(box, card) for card in cards):
                # A card's frame drawn in one stroke (a rounded box) holds what is inside it no more than four
                # strokes do: only its edges count.
                out += [Rect(box.x, box.y, box.w, 2), Rect(box.x, box.bottom - 2, box.w, 2)]
                out += [Rect(box.x, box.y, 2, box.h), Rect(box.right - 2, box.y, 2, box.h)]
            elif box.w * box.h <= 0.05 * page:
                out.append(box)
    return out


def _outlines(box: Rect, card: Rect) -> bool:
    """Whether a stroke with bounding box `box` runs round `card` (its frame, give or take the wobble)."""
    return all(
        abs(a - b) < 3.0
        for a, b in ((box.x, card.x), (box.y, card.y), (box.right, card.right), (box.bottom, card.bottom))
    )


def largest_empty(sketch: Sketch, cell: float = CELL) -> tuple[float, Rect]:
    """The largest empty rectangle inside the margins: its share of the page and the rectangle."""
    inner = sketch.inner
    cols, rows = int(inner.w / cell), int(inner.h / cell)
    full = [bytearray(cols) for _ in range(rows)]
    for r in occupied(sketch):
        c0 = max(0, int((r.x - inner.x) / cell))
        c1 = min(cols, int((r.right - inner.x) / cell + 0.999))
        r0 = max(0, int((r.y - inner.y) / cell))
        r1 = min(rows, int((r.bottom - inner.y) / cell + 0.999))
        if c0 >= c1:
            continue
        ones = b"\x01" * (c1 - c0)
        for row in range(r0, r1):
            full[row][c0:c1] = ones
    heights = [0] * cols
    best = (0, 0, 0, 0, 0)  # area, col, row (top), width, height in cells
    for row in range(rows):
        line = full[row]
        for c in range(cols):
            heights[c] = 0 if line[c] else heights[c] + 1
        stack: list[int] = []
        for c in range(cols + 1):
            h = heights[c] if c < cols else 0
            while stack and heights[stack[-1]] >= h:
                top = stack.pop()
                height = heights[top]
                left = stack[-1] + 1 if stack else 0
                area = height * (c - left)
                if area > best[0]:
                    best = (area, left, row - height + 1, c - left, height)
            stack.append(c)
    _, c, r, w, h = best
    rect = Rect(inner.x + c * cell, inner.y + r * cell, w * cell, h * cell)
    return rect.w * rect.h / (sketch.width * sketch.height), rect


def clipped_tabs(sketch: Sketch) -> list[str]:
    """Day tabs whose lettering runs outside the tab (the text a tab clips)."""
    tabs = [c for c in sketch.containers if c.kind == "day"]
    out = []
    for run in sketch.runs():
        for tab in tabs:
            on_tab = tab.rect.y - 1 <= run.y <= tab.rect.bottom + 1 and tab.rect.x - 1 <= run.x <= tab.rect.right
            if on_tab and run.x + run.width > tab.rect.right + 0.5:
                out.append(run.text)
    return out
