"""Fitting: lay paragraphs into a box, and the one search for the largest type size at which something fits.

Both plans fit with `largest_fitting` over a `size_steps` grid: the deck plan a box's paragraphs, the sketch a
whole page. Line pitch is explicit (`line_pitch`), so a renderer that writes the same pitch (PowerPoint's exact
line spacing, reportlab's leading) gets exactly the height computed here.

One speed trick lives here (`_lines`, `_one_line`): most of a deck's paragraphs are one line at the sizes and
widths fitting tries, and each is tried at several. A paragraph whose `reach` (decks.text.breaking: an upper
bound of every width the breaker would compare) fits the width is that one line without breaking it, and its one
line's width is measured once, not at every size: the same lines and widths to the bit (the breaker's walk is
what the bound bounds; tests/text/test_fitting.py); for most text the bound is found from its characters'
advances and kerning (`OfficeStack.ascii_reach`), without cutting it into atoms and measuring them.
1,000 distinct items: `recap pptx` 0.87x CPU, the paragraph layouts alone 0.8x more for the bound.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

import msgspec

from decks.text.breaking import ONE_LINE_MARGIN, break_lines, paragraphs, reach
from decks.text.fallback import FontStack
from decks.text.office import OfficeStack
from decks.text.runs import StyledText, local_styles

# Renderers may kern and round a little differently: whether text fits is decided on lines broken against a
# slightly narrower box. (The deck plan's lines are then broken at the full width, as LibreOffice breaks them;
# greedy lines in a wider box are never more, so they fit too.)
WIDTH_SAFETY = 0.97
MAX_STEPS = 400  # sizes on one grid: a theme asking for more (a huge size, a tiny step) is refused by its checks
# A size of the search's grid (a point size, or a count of pieces), and what an attempt at it returns: how much of
# its room it needs (1.0 or less fits) first, then whatever the caller made.
S = TypeVar("S", bound=float)
Try = TypeVar("Try", bound="tuple[float, *tuple[object, ...]]")


def line_pitch(size: float, leading: float, stack: FontStack | None = None, text: str | None = None) -> float:
    """Baseline to baseline, in points: the theme's `leading` times the size, never less than the natural line
    height of the faces that draw `text` when a `stack` is given (slides: a CJK face is taller than Lato).
    The sketch passes no stack: hand lettering is set at the theme's tighter leading on purpose."""
    natural = stack.line_height(text) if stack is not None else 0.0
    return max(leading, natural) * size


def size_steps(top: float, low: float, step: float = 0.5) -> list[float]:
    """Sizes from `top` down to `low` (both included), the ones between on the `step` grid."""
    if not (math.isfinite(top) and math.isfinite(low) and step > 0):
        raise ValueError(f"sizes must be finite numbers: {top}, {low}")
    low = min(low, top)
    sizes, s = [top], top - (top % step or step)
    while s > low + 1e-9 and len(sizes) < MAX_STEPS:
        sizes.append(round(s, 3))
        s -= step
    if sizes[-1] > low:
        sizes.append(low)
    return sizes


def largest_fitting(sizes: Sequence[S], attempt: Callable[[S], Try], start: float | None = None) -> Try | None:
    """The attempt at the largest of `sizes` (descending) that fits, or None when none does.

    `attempt(size)` lays the thing out and says how much of its room it needs (`ratio`: 1.0 or less fits) and
    what it made. Few attempts are made: the need grows about as a power of the size (lines get both taller
    and shorter), so each attempt predicts the size where the ratio is 1 from the two tries nearest to it and
    the next try is the grid size just below that; a bisection step keeps the count logarithmic when the
    predictions are poor, and every try narrows the interval, so the search always ends. The answer is a
    plain bisection's when the ratio grows with the size. It starts at `start` (default: the largest size).
    """
    tried: dict[int, Try] = {}
    fit, over = len(sizes), -1  # sizes[fit] is the largest known to fit, sizes[over] the smallest known not to

    def predict(i: int, ratio: float) -> int:
        if not 0 < ratio < math.inf:  # the layout failed outright at this size: no trend to follow
            return (fit + over) // 2
        power = 1.6
        other = fit if i == over else over  # the try on the other side of 1, else the one before
        if not 0 <= other < len(sizes) or other == i:
            other = next(iter(j for j in reversed(tried) if j != i), -1)
        if 0 <= other < len(sizes) and other != i and 0 < tried[other][0] < math.inf and sizes[other] != sizes[i]:
            slope = math.log(tried[other][0] / ratio) / math.log(sizes[other] / sizes[i])
            power = min(2.5, max(1.0, slope))
        target = sizes[i] * (1.0 / ratio) ** (1.0 / power)
        # The first grid size at or below the prediction, a hair low: just fitting beats just over.
        return next((j for j, s in enumerate(sizes) if s <= target * 0.997), len(sizes) - 1)

    i = 0 if start is None else next((j for j, s in enumerate(sizes) if s <= start + 1e-9), 0)
    while fit - over > 1:
        i = min(max(i, over + 1), fit - 1)
        tried[i] = attempt(sizes[i])
        ratio = tried[i][0]
        if ratio <= 1.0:
            fit = i
        else:
            over = i
        if fit - over <= 1:
            break
        guess = predict(i, ratio)
        if ratio <= 1.0 and guess >= i:
            guess = i - 1  # it fits: is the next size up over?
        elif ratio > 1.0 and guess <= i:
            guess = i + 1
        # Predictions usually land next to the answer by the fourth try; if not, they are poor here: bisect.
        i = (fit + over) // 2 if len(tried) >= 4 and fit - over > 3 else guess
    return tried.get(fit) if fit < len(sizes) else None


class Block(msgspec.Struct, frozen=True):
    """A paragraph to lay out, with sizes relative to the size being fitted."""

    text: str
    stack: FontStack
    scale: float = 1.0  # this paragraph's size over the fitted size (a heading 1.3, a sub-point 0.85)
    indent: float = 0.0  # left indent in ems of this paragraph's size (a bullet's hanging indent)
    space_before: float = 0.0  # extra space above, in ems of this paragraph's size
    fields: tuple[tuple[int, int], ...] = ()  # (start, end) of each link: LibreOffice breaks them as fields
    # Bold, italic and code stretches with the faces that draw them (decks.text.runs); None for plain text.
    styled: StyledText | None = None


class LaidBlock(msgspec.Struct, frozen=True):
    block: Block
    size: float  # the paragraph's own size in points
    lines: tuple[str, ...]
    top: float  # from the top of the box to the top of the first line box, points
    pitch: float  # baseline to baseline, points

    @property
    def height(self) -> float:
        return self.pitch * len(self.lines)


class Laid(msgspec.Struct, frozen=True):
    """Paragraphs laid out at one size."""

    size: float
    blocks: tuple[LaidBlock, ...]
    height: float
    width: float  # the widest line

    @property
    def line_count(self) -> int:
        return sum(len(b.lines) for b in self.blocks)


def layout(
    blocks: Iterable[Block],
    width: float,
    size: float,
    leading: float,
    safety: float = WIDTH_SAFETY,
    until: float = math.inf,
) -> Laid:
    """Break every block into lines of at most `safety` times `width` points at `size`, stacked from the top;
    with `until`, stop after the first block that ends below it (the layout of the blocks up to that one: blocks
    stack, so it is how every longer prefix starts)."""
    laid: list[LaidBlock] = []
    y = 0.0
    widest = 0.0
    for n, block in enumerate(blocks):
        bsize = size * block.scale
        indent = block.indent * bsize
        avail = max(1.0, (width - indent) * safety)
        stack = block.stack
        if block.styled is None:
            lines, longest, natural = _lines(block.text, stack, bsize, avail, block.fields)
        else:
            lines, longest, natural = _styled_lines(block.text, stack, bsize, avail, block.fields, block.styled)
        if n:
            y += block.space_before * bsize
        pitch = max(leading, natural) * bsize  # line_pitch(bsize, leading, stack, block.text)
        laid.append(LaidBlock(block, bsize, lines, y, pitch))
        y += pitch * len(lines)
        if bsize > 0:
            # The widest line is the longest in ems: `indent + ems * bsize` grows with the ems (rounding too).
            widest = max(widest, indent + longest * bsize)
        else:
            widest = max([widest, *(indent + stack.width(line, bsize) for line in lines)])
        if y > until:
            break
    return Laid(size, tuple(laid), y, widest)


# Fitting tries a paragraph at its sizes within a few layouts of each other: 1,000 distinct items made 54,000
# entries (~15 MB) of which 1 in 12 was asked for again, nearly all while the last 8,192 were still kept.
@lru_cache(maxsize=8192)
def _lines(
    text: str, stack: FontStack, size: float, width: float, fields: tuple[tuple[int, int], ...] = ()
) -> tuple[tuple[str, ...], float, float]:
    """Memoised line breaking, with the longest line's width in ems and the text's natural line height (for
    `line_pitch`): fitting tries the same paragraph at the same size many times. Lines are broken by the
    stack's widths in ems at `size`; a stack that measures as LibreOffice does (`decks.text.office`) also breaks
    as it does: with its joins between scripts, and a last line of one ideograph left alone."""
    if isinstance(stack, OfficeStack):
        one = _one_line(text, stack, fields)
        if one is not None and size >= 0.0 and one[2] * size * ONE_LINE_MARGIN <= width:
            return (one[0],), one[1], stack.line_height(text)  # the speed trick of this module (see its docstring)
        join = stack.join  # with or without an East Asian face: the kerning across pieces, the space between scripts
        lines = tuple(
            break_lines(text, width, stack.ems, size, join=join, fields=fields, spans=stack.spans, lone_ideographs=True)
        )
        if one is not None and len(lines) == 1 and lines[0] == one[0]:
            return lines, one[1], stack.line_height(text)
        span = stack.spans(text)
        if span is not None:  # each line is a slice of the text: measured where it is found (any copy will do)
            longest = max(span(at, at + len(line)) for at, line in zip(map(text.find, lines), lines, strict=True))
            return lines, longest, stack.line_height(text)
    else:
        lines = tuple(break_lines(text, width, stack.ems, size))
    return lines, max(map(stack.ems, lines)), stack.line_height(text)


@lru_cache(maxsize=16384)
def _one_line(text: str, stack: OfficeStack, fields: tuple[tuple[int, int], ...]) -> tuple[str, float, float] | None:
    """A paragraph as one line (`text` without the white space it ends with), that line's width in ems as `_lines`
    measures a line, and a bound of the paragraph's `reach` in ems for `_lines`' breaker (most text: the stack's
    `ascii_reach`, found without measuring its atoms); None for text with hard breaks."""
    if "\n" in text:
        return None
    line = text.rstrip()
    span = stack.spans(text)
    longest = span(0, len(line)) if span is not None else stack.ems(line)
    bound = stack.ascii_reach(text)
    if bound is None:
        bound = reach(text, stack.ems, join=stack.join, fields=fields, spans=stack.spans)
    return line, longest, bound


@lru_cache(maxsize=16384)
def _styled_lines(
    text: str, stack: FontStack, size: float, width: float, fields: tuple[tuple[int, int], ...], styled: StyledText
) -> tuple[tuple[str, ...], float, float]:
    """`_lines` of a paragraph with styled runs: the same breaker, given each atom's width as the faces of its
    styles set it (`StyledText.spans`), one line of the text (hard breaks) at a time; the join where East Asian
    and Latin text meet is the plain stack's."""
    join = stack.join if isinstance(stack, OfficeStack) else None
    lines: list[str] = []
    longest = 0.0
    offset = 0
    for para, local in paragraphs(text, fields):
        mine = StyledText(styled.faces, local_styles(styled.styles, offset, offset + len(para)))
        got = break_lines(para, width, mine.ems, size, join=join, fields=local, spans=mine.spans, lone_ideographs=True)
        span = mine.spans(para)
        at = 0
        for line in got:
            at = para.find(line, at) if line else at
            longest = max(longest, span(at, at + len(line)) if at >= 0 else mine.ems(line))
            at = max(at, 0) + len(line)
        lines.extend(got)
        offset += len(para) + 1
    return tuple(lines), longest, styled.line_height(text)
