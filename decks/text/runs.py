"""A paragraph made of styled runs (the content's `code`, **bold** and _italic_), measured with the faces that draw
each run, for the one line breaker (`decks.text.breaking.break_lines`).

A paragraph's styles are `Styles`: the (start, end, style) of each stretch that is not plain, the style being the
flags of `decks.model.inline.Style`. `StyledText` gives the breaker what it takes from a stack for plain text,
the width of any slice of the paragraph in ems (`spans`), each stretch measured in the stack of its style
(`RunFaces`): bold in the bold face of the paragraph's font, code in the monospace face; a line's width is the
sum of its stretches', with no kerning across a change of style (a client kerns within a run only).

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
        return max(stack.ems(text) for stack in self.stacks())

    def stacks(self) -> tuple[FontStack, ...]:
        """The stacks this paragraph is drawn in: the plain one and one per style it has."""
        used = {id(s): s for s in (self.faces.plain, *(self.faces.stack(st) for _, _, st in self.styles))}
        return tuple(used.values())

    def line_height(self, text: str) -> float:
        """The natural line height in ems of the faces drawing `text` in any of the paragraph's stacks."""
        return max(stack.line_height(text) for stack in self.stacks())

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
    # The paragraph cut where its style changes: (start, end, stack), plain stretches between the styled ones.
    cuts: list[tuple[int, int, FontStack]] = []
    at = 0
    for a, b, style in styled.styles:
        a, b = min(a, len(text)), min(b, len(text))
        if at < a:
            cuts.append((at, a, styled.faces.plain))
        if a < b:
            cuts.append((a, b, styled.faces.stack(style)))
        at = max(at, b)
    if at < len(text):
        cuts.append((at, len(text), styled.faces.plain))

    def span(a: int, b: int) -> float:
        total = 0.0
        for lo, hi, stack in cuts:
            if hi <= a:
                continue
            if lo >= b:
                break
            total += stack.ems(text[max(a, lo) : min(b, hi)])
        return total

    return span
