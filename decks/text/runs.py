"""A paragraph made of styled runs (the content's `code`, **bold** and _italic_), measured with the faces that draw
each run, for the one line breaker (`decks.text.breaking.break_lines`).

A paragraph's styles are `Styles`: the (start, end, style) of each stretch that is not plain, the style being the
flags of `decks.model.inline.Style`. `StyledText` gives the breaker what it takes from a stack for plain text,
the width of any slice of the paragraph in ems (`spans`), each stretch measured in the stack of its style
(`RunFaces`): bold in the bold face of the paragraph's font, code in the monospace face; a line's width is the
sum of its stretches', with no kerning across a change of style (a client kerns within a run only).

Code is set at `CODE_SCALE` of the paragraph's size (0.9 em) and measured at it. A monospace face at the size
of the text around it looks a size larger: its x-height is taller (Liberation Mono's 0.528 em against Carlito's
0.478, Lato's 0.506, Comic Neue's 0.487) and every letter as wide as an "m". GitHub sets inline code at 85 %,
Bootstrap at 87.5 %, MDN and many docs sites at about 90 %; 0.9 brings Liberation Mono's x-height to Carlito's
(0.475 em) and keeps code as readable as the words beside it. The deck writes code runs at that size
(`decks.renderers.pptx`), the slide painter and the sketchnote draw them at it.

Italic is measured with the upright face's advances. recap ships no italic cut, and a client draws the italic
of the named family when it has one (Calibri Italic; Carlito Italic where LibreOffice substitutes it) or
slants the upright glyphs, which keeps their advances. Measured with fontTools on a pangram, Carlito Italic is
0.9 % narrower than Carlito Regular and Carlito Bold Italic 0.4 % narrower than Bold, so the upright widths are
a slight over-estimate there: an italic run never ends up wider than measured. A family whose italic is wider
than its upright would be under-measured by that difference; none of the bundled themes' families is such.

Text without styles never comes here: its plain stack measures it alone, so its lines are exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import msgspec

from decks.model.inline import Style
from decks.text.breaking import break_lines
from decks.text.fallback import FontStack

Styles = tuple[tuple[int, int, int], ...]

# Code's size against its paragraph's (see the module's docstring): the one place it is decided.
CODE_SCALE = 0.9


def run_size(size: float, style: int) -> float:
    """The size a run of `style` is set at in a paragraph of `size` points: code a little smaller."""
    return size * CODE_SCALE if style & Style.CODE else size


class RunFaces(msgspec.Struct, frozen=True, eq=False):
    """The stacks that draw one paragraph font's runs, by style: its plain stack, its bold one (the plain stack
    itself for a font already bold, as headings are) and its monospace one (for code; bold for a bold font)."""

    plain: FontStack
    bold: FontStack
    code: FontStack

    def stack(self, style: int) -> FontStack:
        """The stack a run of `style` is drawn in: code before bold (code is never bold in the markup; in a
        heading it is the monospace bold), italic in its upright stack's widths (see the module's docstring)."""
        if style & Style.CODE:
            return self.code
        if style & Style.BOLD:
            return self.bold
        return self.plain

    def settings(self, styles: Styles) -> tuple[tuple[FontStack, float], ...]:
        """The stacks a paragraph with `styles` is drawn in, each with its size against the paragraph's: the
        plain stack, and one per style it has (code at `CODE_SCALE`)."""
        used = {(id(self.plain), 1.0): (self.plain, 1.0)}
        for _, _, style in styles:
            stack, scale = self.stack(style), run_size(1.0, style)
            used.setdefault((id(stack), scale), (stack, scale))
        return tuple(used.values())


def styles_of(pieces: tuple[tuple[str, int], ...]) -> Styles:
    """The `Styles` of a paragraph made of (text, style) pieces: the stretches that are not plain, neighbours of
    one style joined."""
    out: list[tuple[int, int, int]] = []
    at = 0
    for text, style in pieces:
        end = at + len(text)
        if style and text:
            if out and out[-1][1] == at and out[-1][2] == style:
                out[-1] = (out[-1][0], end, style)
            else:
                out.append((at, end, style))
        at = end
    return tuple(out)


def local_styles(styles: Styles, start: int, end: int) -> Styles:
    """The stretches of `styles` inside `start:end`, as offsets from `start` (a line of a paragraph with hard
    breaks)."""
    return tuple((max(a, start) - start, min(b, end) - start, s) for a, b, s in styles if a < end and b > start and s)


class StyledText(msgspec.Struct, frozen=True):
    """One paragraph's styles with the faces that draw them: what the line breaker measures a styled paragraph
    with. Hashable, so the breaker's caches keep a paragraph's atoms' widths across the sizes fitting tries."""

    faces: RunFaces
    styles: Styles

    def spans(self, text: str) -> Callable[[int, int], float]:
        """A function giving the width in ems of `text[a:b]`, each styled stretch measured in its style's stack
        (`text` is the paragraph these styles are of; without a newline)."""
        return _spans(self, text)

    def ems(self, text: str) -> float:
        """The width in ems of `text` when where it sits in the paragraph is not known (a piece of a word too long
        for a line): its widest setting among the paragraph's stacks, so a piece never overflows its line."""
        return max(stack.ems(text) * scale for stack, scale in self.faces.settings(self.styles))

    def stacks(self) -> tuple[FontStack, ...]:
        """The stacks this paragraph is drawn in: the plain one and one per style it has."""
        used = {id(s): s for s, _ in self.faces.settings(self.styles)}
        return tuple(used.values())

    def line_height(self, text: str) -> float:
        """The natural line height in ems of the faces drawing `text` in any of the paragraph's stacks (code's at
        its smaller size)."""
        return max(stack.line_height(text) * scale for stack, scale in self.faces.settings(self.styles))

    def lines(self, text: str, width: float, size: float) -> list[str]:
        """Greedy lines of `text` (these styles' paragraph; newlines are hard breaks) at most `width` points wide
        at `size`: the one line breaker given each atom's width as its styles' faces set it, with no line of one
        ideograph last (the sketchnote's lines; the deck's breaks as LibreOffice does, in `decks.text.fitting`)."""
        out: list[str] = []
        offset = 0
        for para in text.split("\n"):
            mine = StyledText(self.faces, local_styles(self.styles, offset, offset + len(para)))
            # Code breaks only after a space, as a link does ("--pre" is never split at its hyphens): the
            # sketchnote sets its own lines, so it can; the deck keeps LibreOffice's breaks.
            code = tuple((a, b) for a, b, st in mine.styles if st & Style.CODE)
            out += break_lines(para, width, mine.ems, size, fields=code, spans=mine.spans)
            offset += len(para) + 1
        return out


@lru_cache(maxsize=4096)
def _spans(styled: StyledText, text: str) -> Callable[[int, int], float]:
    # The paragraph cut where its style changes: (start, end, stack, size against the paragraph's), plain
    # stretches between the styled ones.
    cuts: list[tuple[int, int, FontStack, float]] = []
    at = 0
    for a, b, style in styled.styles:
        a, b = min(a, len(text)), min(b, len(text))
        if at < a:
            cuts.append((at, a, styled.faces.plain, 1.0))
        if a < b:
            cuts.append((a, b, styled.faces.stack(style), run_size(1.0, style)))
        at = max(at, b)
    if at < len(text):
        cuts.append((at, len(text), styled.faces.plain, 1.0))

    def span(a: int, b: int) -> float:
        total = 0.0
        for lo, hi, stack, scale in cuts:
            if hi <= a:
                continue
            if lo >= b:
                break
            total += stack.ems(text[max(a, lo) : min(b, hi)]) * scale
        return total

    return span
