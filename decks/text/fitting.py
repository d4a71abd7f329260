"""Fitting: lay paragraphs into a box, and the one search for the largest type size at which something fits.

Both plans fit with `largest_fitting` over a `size_steps` grid: the deck plan a box's paragraphs, the sketch a
whole page. Line pitch is explicit (`line_pitch`), so a renderer that writes the same pitch (PowerPoint's exact
line spacing, reportlab's leading) gets exactly the height computed here.

One speed trick lives here (`Measured`): each paragraph a deck plan fits is measured once for every size and
width it is tried at. Most of a deck's paragraphs are one line at the sizes and widths fitting tries: a paragraph
whose `reach` (decks.text.breaking: an upper bound of every width the breaker would compare) fits the width is
that one line without breaking it, its width measured once; for most text the bound is found from its
characters' advances and kerning (`OfficeStack.latin_reach`), without cutting it into atoms. A paragraph broken
into lines keeps them with the interval of widths in ems that gives the same lines (the widths the breaker
compared), and another size and width inside it takes them as they are. The same lines and widths to the bit
(tests/text/test_fitting.py). 1,000 distinct items: `recap pptx` 0.87x CPU for the one-line bound, then ~0.95x
for the kept breaks (16,761 -> 10,186 breaker walks; docs/performance.md, "sp27d: deck planner").
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


def _lines(
    text: str, stack: FontStack, size: float, width: float, fields: tuple[tuple[int, int], ...] = ()
) -> tuple[tuple[str, ...], float, float]:
    """The lines of a paragraph at `size` in `width` points, with the longest line's width in ems and the text's
    natural line height (for `line_pitch`). Lines are broken by the stack's widths in ems at `size`; a stack that
    measures as LibreOffice does (`decks.text.office`) also breaks as it does: with its joins between scripts, and
    a last line of one ideograph left alone. Such a paragraph is measured once (`Measured`)."""
    if isinstance(stack, OfficeStack):
        return measured(text, stack, fields).lines(size, width)
    lines = tuple(break_lines(text, width, stack.ems, size))
    return lines, max(map(stack.ems, lines)), stack.line_height(text)


# Lines already found are reused for a width in ems this much (times the paragraph's reach) inside their interval:
# the breaker's roundings (a relative 2**-53 for each of its few operations per atom) stay far below it.
REUSE_MARGIN = 1e-6
KEPT_BREAKS = 4  # line breaks kept per paragraph: fitting tries a few sizes and widths near each other


class Measured:
    """A paragraph of an `OfficeStack` as fitting sets it, measured once for every size and width it is tried at:
    its one line and that line's width in ems, a bound of its `reach` in ems (decks.text.breaking), its natural
    line height, and the line breaks found so far, each with the interval of widths in ems (the width over the
    size) that gives the same lines.

    The speed trick of this module, in two parts. A paragraph whose reach fits the width is its one line without
    breaking it (most of a deck's paragraphs, at most of the sizes and widths tried). The breaker's lines depend
    only on which of the widths it compares fit (`break_lines`' `compared`), and those are sums of widths in ems
    times the size: a width in ems inside the interval the last breaks found, by more than the roundings, gives
    the same lines, so they are taken as they are (a list tried at a few sizes in its box, a card's text in each
    layout and at the full width the plan breaks it at). The same lines and widths to the bit
    (tests/text/test_fitting.py). 1,000 distinct items: `recap pptx` ~0.95x CPU for the kept breaks.
    """

    __slots__ = ("_broken", "_fields", "_one", "_stack", "_text", "natural")

    def __init__(self, text: str, stack: OfficeStack, fields: tuple[tuple[int, int], ...]) -> None:
        self._text, self._stack, self._fields = text, stack, fields
        self.natural = stack.line_height(text)
        self._one = self._one_line()
        self._broken: list[tuple[float, float, tuple[tuple[str, ...], float, float]]] = []

    def _one_line(self) -> tuple[tuple[str, ...], float, float] | None:
        """The paragraph as one line (the text without the white space it ends with) with its width in ems as
        `lines` measures a line, and a bound of its `reach` in ems (most text: the stack's `latin_reach`, found
        without measuring its atoms); None for text with hard breaks."""
        text, stack = self._text, self._stack
        if "\n" in text:
            return None
        line = text.rstrip()
        span = stack.spans(text)
        longest = span(0, len(line)) if span is not None else stack.ems(line)
        bound = stack.latin_reach(text)
        if bound is None:
            bound = reach(text, stack.ems, join=stack.join, fields=self._fields, spans=stack.spans)
        return (line,), longest, bound

    def lines(self, size: float, width: float) -> tuple[tuple[str, ...], float, float]:
        """The lines at `size` in `width` points, the longest line's width in ems and the natural line height."""
        one = self._one
        if one is not None and size >= 0.0 and one[2] * size * ONE_LINE_MARGIN <= width:
            return one[0], one[1], self.natural  # within its reach: one line (see the class's docstring)
        if size > 0.0:
            ems = width / size
            for within, beyond, found in self._broken:
                if within < ems < beyond:
                    return found  # the lines of a width in ems inside their interval (the class's docstring)
        text, stack = self._text, self._stack
        compared: list[float] = []
        lines = tuple(
            break_lines(
                text,
                width,
                stack.ems,
                size,
                join=stack.join,
                fields=self._fields,
                spans=stack.spans,
                lone_ideographs=True,
                compared=compared,
            )
        )
        found = (lines, self._longest(lines), self.natural)
        within, beyond, reached = compared
        if size > 0.0 and math.isfinite(reached):
            margin = REUSE_MARGIN * max(reached, abs(within) / size if math.isfinite(within) else 0.0, 1e-9)
            kept = self._broken
            if len(kept) >= KEPT_BREAKS:
                del kept[0]
            kept.append((within / size + margin, beyond / size - margin, found))
        return found

    def _longest(self, lines: tuple[str, ...]) -> float:
        """The widest of `lines` (of this paragraph) in ems."""
        one, text, stack = self._one, self._text, self._stack
        if one is not None and len(lines) == 1 and lines == one[0]:
            return one[1]
        span = stack.spans(text)
        if span is not None:  # each line is a slice of the text: measured where it is found (any copy will do)
            return max(span(at, at + len(line)) for at, line in zip(map(text.find, lines), lines, strict=True))
        return max(map(stack.ems, lines))


# Fitting tries a paragraph at many sizes within a few layouts of each other: 1,000 distinct items made 54,000
# layouts of paragraphs, nearly all of them of the last 16,384 paragraphs measured.
@lru_cache(maxsize=16384)
def measured(text: str, stack: OfficeStack, fields: tuple[tuple[int, int], ...] = ()) -> Measured:
    """The paragraph `text` of `stack` with links at `fields`, measured for fitting (`Measured`)."""
    return Measured(text, stack, fields)


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
