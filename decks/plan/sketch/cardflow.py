"""Text flowed inside a card: lines broken as wide as the obstacles beside them allow (the icon, the QR code),
each stretch of styled text measured in the face that draws it."""

from __future__ import annotations

import math
from collections.abc import Callable

from decks.plan.sketch.cardspec import CardSpec
from decks.plan.sketch.style import Style
from decks.text.breaking import break_lines
from decks.text.fallback import FontStack
from decks.text.fitting import WIDTH_SAFETY
from decks.text.runs import StyledText, Styles, local_styles


def _measure(stack: FontStack, size: float) -> Callable[[str], float]:
    """A measure in points at `size`: the text engine's one measuring path (`FontStack.ems`), which measures
    right-to-left text joined as it is drawn and remembers each string's width in ems, so line breaking, which
    measures the same words again at every size the fitting search tries, measures each once."""
    ems = stack.ems
    return lambda s: ems(s) * size


def _flow(
    text: str,
    stack: FontStack,
    size: float,
    y: float,
    left: float,
    width: float,
    reserved: list[tuple[float, float, float, float]],
    pitch: float,
    limit: float = math.inf,
    rtl: bool = False,
    styled: StyledText | None = None,
) -> tuple[list[tuple[float, float, str, Styles]], float]:
    """Lines of `text` from `y` down, each as wide as the obstacles beside it allow: (x, top, text, styles).

    Lines stop once they pass `limit` (a card taller than any page does not fit whatever follows), and only
    as much text as could reach it is broken: a megabyte paragraph costs a page's worth of work, not its length.
    A right-to-left paragraph (`rtl`) is set flush right. `styled`: the paragraph's styled runs, each measured
    in the face that draws it; each line then comes with its own stretches (else ()).
    """
    measure = _measure(stack, size)
    out: list[tuple[float, float, str, Styles]] = []
    rest = text
    base = 0  # where `rest` starts in `text`

    def breaks(chunk: str, avail: float) -> list[str]:
        if styled is None:
            return break_lines(chunk, avail, measure)
        mine = StyledText(styled.faces, local_styles(styled.styles, base, base + len(chunk)))
        return mine.lines(chunk, avail, size)

    def beside(y: float) -> tuple[float, float]:
        return _beside(reserved, y, pitch)

    while rest and y <= limit:
        # Below every obstacle (the usual case past the title and the code) no line has one beside it.
        clear = all(b <= y for _, b, _, _ in reserved)
        lres, rres = (0.0, 0.0) if clear else beside(y)
        avail = max(size * 2, (width - lres - rres) * WIDTH_SAFETY)
        # More characters than the lines down to the limit hold (and three more lines), no visible character
        # being narrower than a fifth of an em. Greedy lines of a prefix are the whole text's lines but for the
        # last two (the last may end mid-word, and a lone last ideograph pulls one down), which are dropped.
        lines_left = (limit - y) / pitch + 3
        cap = math.inf if lines_left > len(rest) else int(lines_left) * (int(avail / (size * 0.2)) + 1)
        cut = len(rest) > cap
        lines = breaks(rest[: int(cap)], avail)[:-2] if cut else []
        if not lines:
            cut, lines = False, breaks(rest, avail)
        # Keep the lines whose obstacles are the same as the first's; break the rest again below them.
        take = 1
        while take < len(lines) and (clear or beside(y + take * pitch) == (lres, rres)) and y + take * pitch <= limit:
            take += 1
        pos = 0  # where the line before ended in `rest` (a styled paragraph's lines are slices of it)
        for line in lines[:take]:
            mine: Styles = ()
            if styled is not None and (at := rest.find(line, pos)) >= 0:
                pos = at + len(line)
                mine = local_styles(styled.styles, base + at, base + pos)
            if rtl:  # flush right by the line's width as drawn, each stretch in its face
                drawn = StyledText(styled.faces, mine).spans(line)(0, len(line)) * size if mine and styled else None
                x = left + width - rres - (stack.width(line, size) if drawn is None else drawn)
            else:
                x = left + lres
            out.append((x, y, line, mine))
            y += pitch
        if take == len(lines) and not cut:
            break
        consumed = 0
        for line in lines[:take]:
            consumed = rest.index(line, consumed) + len(line)
        after = rest[consumed:]
        rest = after.lstrip()
        base += consumed + len(after) - len(rest)
    return out, y


def _beside(reserved: list[tuple[float, float, float, float]], y: float, pitch: float) -> tuple[float, float]:
    """The room the obstacles `reserved` (top, bottom, left reserve, right reserve) take at the left and at the
    right of a line from `y` to `y + pitch`."""
    near = [(lr, rr) for t, b, lr, rr in reserved if y < b and y + pitch > t]
    return max((lr for lr, _ in near), default=0.0), max((rr for _, rr in near), default=0.0)


def _styled(text: str, spec: CardSpec, style: Style, bold: bool = False) -> StyledText | None:
    """The styled runs of `text` (one of the card's texts, in plain words) in the hand faces (`bold`: those of
    the bold hand, as titles are lettered); None when it has none."""
    styles = spec.styled(text)
    if not styles:
        return None
    return StyledText(style.bold_faces if bold else style.hand_faces, styles)


def _line_width(text: str, stack: FontStack, size: float, styles: Styles, style: Style) -> float:
    """The width of a line set in `stack` with its styled stretches `styles` (each measured in its face)."""
    if not styles:
        return stack.width(text, size)
    return StyledText(style.faces(stack), styles).spans(text)(0, len(text)) * size


def _position_measure(text: str, size: float, styled: StyledText) -> Callable[[str], float]:
    """A measure of slices of `text` (for the heading breaker, which measures candidate lines): each measured
    where it is found in `text`, or in its widest setting among the paragraph's faces when found more than once
    (so a line is never measured narrower than it is drawn)."""
    span = styled.spans(text)

    def measure(s: str) -> float:
        at = text.find(s)
        if at < 0 or text.find(s, at + 1) >= 0:
            return styled.ems(s) * size
        return span(at, at + len(s)) * size

    return measure
