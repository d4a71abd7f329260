"""Fitting: lay paragraphs into a box and find the largest type size at which they fit, down to a floor.

Sizes are searched in half-point steps. Line pitch is explicit (`leading` × size), so a renderer that
writes the same pitch (PowerPoint's exact line spacing, reportlab's leading) gets exactly the height
computed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from decks.text.breaking import break_lines
from decks.text.fallback import FontStack

# Renderers may kern and round a little differently; measure against a slightly narrower box.
WIDTH_SAFETY = 0.97


@dataclass(frozen=True)
class Block:
    """A paragraph to lay out, with sizes relative to the size being fitted."""

    text: str
    stack: FontStack
    scale: float = 1.0  # this paragraph's size over the fitted size (a heading 1.3, a sub-point 0.85)
    indent: float = 0.0  # left indent in ems of this paragraph's size (a bullet's hanging indent)
    space_before: float = 0.0  # extra space above, in ems of this paragraph's size


@dataclass(frozen=True)
class LaidBlock:
    block: Block
    size: float  # the paragraph's own size in points
    lines: tuple[str, ...]
    top: float  # from the top of the box to the top of the first line box, points
    pitch: float  # baseline to baseline, points

    @property
    def height(self) -> float:
        return self.pitch * len(self.lines)


@dataclass(frozen=True)
class Laid:
    """Paragraphs laid out at one size."""

    size: float
    blocks: tuple[LaidBlock, ...]
    height: float
    width: float  # the widest line

    @property
    def line_count(self) -> int:
        return sum(len(b.lines) for b in self.blocks)


def layout(blocks: list[Block], width: float, size: float, leading: float = 1.2) -> Laid:
    """Break every block into lines of at most `width` points at `size`, stacked from the top."""
    laid: list[LaidBlock] = []
    y = 0.0
    widest = 0.0
    for n, block in enumerate(blocks):
        bsize = size * block.scale
        indent = block.indent * bsize
        avail = max(1.0, (width - indent) * WIDTH_SAFETY)
        stack = block.stack

        def measure(s: str, stack: FontStack = stack, bsize: float = bsize) -> float:
            return stack.width(s, bsize)

        lines = _lines(block.text, stack, bsize, avail)
        if n:
            y += block.space_before * bsize
        pitch = max(leading, stack.line_height(block.text)) * bsize
        laid.append(LaidBlock(block, bsize, lines, y, pitch))
        y += pitch * len(lines)
        widest = max([widest, *(indent + measure(line) for line in lines)])
    return Laid(size, tuple(laid), y, widest)


@lru_cache(maxsize=65536)
def _lines(text: str, stack: FontStack, size: float, width: float) -> tuple[str, ...]:
    """Memoised line breaking: fitting tries the same paragraph at the same size many times."""
    return tuple(break_lines(text, width, lambda s: stack.width(s, size)))


def fit(
    blocks: list[Block],
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    leading: float = 1.2,
    step: float = 0.5,
) -> Laid | None:
    """The layout at the largest size in [min_size, max_size], on a `step` grid, that fits; else None."""
    if not blocks:
        return Laid(max_size, (), 0.0, 0.0)
    sizes = [max_size]
    s = max_size - (max_size % step or step)
    while s >= min_size - 1e-9:
        sizes.append(round(s, 3))
        s -= step
    if sizes[-1] > min_size:
        sizes.append(min_size)
    # Height shrinks as size shrinks (monotone enough), so bisect over the candidate sizes.
    lo, hi = 0, len(sizes) - 1
    best: Laid | None = None
    while lo <= hi:
        mid = (lo + hi) // 2
        laid = layout(blocks, width, sizes[mid], leading)
        if laid.height <= height and laid.width <= width:
            best, hi = laid, mid - 1
        else:
            lo = mid + 1
    return best


def take_fitting(blocks: list[Block], width: float, height: float, size: float, leading: float = 1.2) -> int:
    """How many leading blocks fit in the box at `size` (at least one, so progress is always made)."""
    count = 0
    for n in range(1, len(blocks) + 1):
        if layout(blocks[:n], width, size, leading).height <= height:
            count = n
        else:
            break
    return max(1, count)
