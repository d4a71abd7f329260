"""Cards: one item (or the key takeaways) measured at a width and scale, then drawn at a position.

A card is an icon in a circle, the hand-lettered title beside it (a link to the item's first link),
a rough underline, bullet takeaways with sub-points, and a QR code at the top right for a video link.
Text flows around the icon and the QR code line by line, so a code costs little height. A card whose title reads
right to left is laid out mirrored, from its right (`_plan_card`), as a right-to-left deck's slides are.

The content's inline markup (`code`, **bold**, _italic_) in a title, summary, takeaway, sub-point, quote or
figure label is lettered in its style: a card holds its texts in plain words and, beside them, each marked text's
styled stretches (`CardSpec.styles`); those lines are broken and placed with each stretch measured in the face
that draws it (`decks.text.runs.StyledText`); a line with right-to-left text is drawn in visual order, cut where
a style or the bidi level changes (`Style.styled_runs`). Day labels and intros stay plain words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path as FilePath

import msgspec

from decks.colors import mix
from decks.model import Item, LinkKind, Takeaway
from decks.model.inline import has_markup, spans
from decks.plan import icons
from decks.plan.sketch import qr
from decks.plan.sketch.primitives import (
    Box,
    Color,
    Container,
    ContainerKind,
    Link,
    Path,
    Primitive,
    Rect,
    TextRun,
    Turn,
)
from decks.plan.sketch.qr import encodable
from decks.plan.sketch.style import QR_SIDE, Style, baseline_in
from decks.text.breaking import atoms, break_lines
from decks.text.fallback import FontStack
from decks.text.fitting import WIDTH_SAFETY, line_pitch
from decks.text.headings import heading_lines
from decks.text.metrics import load_face
from decks.text.runs import StyledText, Styles, local_styles, styles_of
from decks.text.shaping import base_rtl

# Points: taller than any page a sketchnote is drawn on (twice A4's height, times the paper's reach), so a card
# reaching it fits nowhere and its lines need not be set further.
TALLEST = 2 * 841.8898


class CardSpec(msgspec.Struct, frozen=True):
    """What a card shows, independent of size."""

    key: str  # a stable name for the jitter seeds
    title: str
    takeaways: tuple[Takeaway, ...]
    icon: icons.Icon
    part: int  # the day it belongs to (-1 for the key takeaways)
    url: str | None = None  # the title's link
    qr: str | None = None  # the video link to encode
    day_label: str | None = None  # set on the first card of a day: drawn as a tab above the card
    kind: ContainerKind = "item"  # "item", or "key": the key takeaways' card
    summary: str | None = None  # a hand-lettered caption under the title, when the page has room
    intro: str | None = None  # the day's intro beside the day tab (first card of a day), or the recap's
    emphasis: bool = False  # a headline: a highlight mark under the title
    tags: tuple[str, ...] = ()  # cards sharing a tag are joined by an arrow
    quote: tuple[str, str | None] | None = None  # what was said and who said it: lettered in a speech bubble
    figure: tuple[str, str] | None = None  # a number and what it counts: lettered large in a drawn burst
    language: str | None = None  # the content's: the title breaks at its phrases
    # The texts above that carried inline markup: (the text in plain words, its styled stretches).
    styles: tuple[tuple[str, Styles], ...] = ()

    def styled(self, text: str) -> Styles:
        """The styled stretches of `text`, one of this card's texts in plain words (none: ())."""
        return next((st for t, st in self.styles if t == text), ()) if self.styles else ()


def marked(*texts: str) -> tuple[tuple[str, Styles], ...]:
    """Each of `texts` (content fields) that has inline markup, as its plain words with their styled stretches."""
    out: list[tuple[str, Styles]] = []
    for text in texts:
        if has_markup(text):
            pieces = spans(text)
            styles = styles_of(tuple((p.text, int(p.style)) for p in pieces))
            if styles:
                out.append(("".join(p.text for p in pieces), styles))
    return tuple(out)


class _Line(msgspec.Struct):
    x: float
    baseline: float
    text: str
    stack: FontStack
    size: float
    color: Color
    block: int = 0  # 0: the title; 1, 2, ...: the caption and the takeaways
    styles: Styles = ()  # the line's styled stretches (inline markup), as offsets into `text`
    rtl: bool = False  # the line's paragraph is right-to-left (its base direction, for a styled line's order)


class CardPlan(msgspec.Struct):
    """A card laid out at one width and scale, in coordinates relative to its top-left corner."""

    spec: CardSpec
    width: float
    height: float  # the whole element: the day tab (if any) and the framed card
    tab: float  # height of what stands above the frame: the day tab and the day's intro
    lines: list[_Line] = msgspec.field(default_factory=list)
    bullets: list[tuple[float, float, bool, int]] = msgspec.field(default_factory=list)  # x, y centre, sub-point, block
    blocks: int = 1  # blocks of text after the title
    tab_lines: list[str] = msgspec.field(default_factory=list)  # the day label, broken to fit the card's width
    tab_h: float = 0.0  # the tab itself
    intro: list[_Line] = msgspec.field(default_factory=list)  # the day's intro, relative to the element's top
    title_box: Rect | None = None
    underline: tuple[float, float, float] | None = None  # x0, x1, y
    icon_circle: tuple[float, float, float] | None = None  # cx, cy, diameter
    qr_at: tuple[float, float] | None = None
    bubble: Rect | None = None  # the quote's speech bubble (its tail hangs under it, toward who said it)
    burst: tuple[float, float, float, float] | None = None  # the figure's drawn ring: cx, cy, rx, ry
    qr_block: int = 0  # the block beside which the code sits: it moves down with that block
    mirror: bool = False  # a right-to-left title's card, laid out from the right (see `_plan_card`)


def item_spec(
    item: Item,
    index: int,
    part: int,
    theme_default: str,
    qr: bool,
    max_takeaways: int | None,
    choose: bool = True,
    language: str = "en",
    marks: bool = True,
) -> CardSpec:
    from decks.plan.plainwords import plain_item

    video = next((link.url for link in item.links if link.kind == LinkKind.video), None)
    kept = item.takeaways if max_takeaways is None else item.takeaways[:max_takeaways]
    styles: tuple[tuple[str, Styles], ...] = ()
    texts = [item.title, item.summary or "", *(x for t in kept for x in (t.text, *t.points))] if marks else []
    texts += [item.quote.text if item.quote else "", item.figure.label if item.figure else ""] if marks else []
    if any(map(has_markup, texts)):  # most content has no markup (`marks` False: known): its item is as it is
        styles = marked(*texts)
        item = plain_item(item)  # the card's words; `styles` says how the marked ones are lettered
    takeaways = tuple(item.takeaways if max_takeaways is None else item.takeaways[:max_takeaways])
    return CardSpec(
        key=f"item{index}",
        title=item.title,
        takeaways=takeaways,
        icon=icons.choose(item, theme_default, language)
        if choose
        else icons.get(theme_default if icons.exists(theme_default) else "lightbulb"),
        part=part,
        url=item.links[0].url if item.links else None,
        qr=video if qr and encodable(video) else None,
        summary=item.summary,
        quote=(item.quote.text, item.quote.by) if item.quote else None,
        figure=(item.figure.value, item.figure.label) if item.figure else None,
        language=language,
        emphasis=item.emphasis,
        tags=tuple(t.lower() for t in item.tags),
        styles=styles,
    )


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


def plan_card(spec: CardSpec, width: float, style: Style) -> CardPlan:
    """Lay out `spec` in a card `width` points wide at the style's scale (once per spec and width)."""
    # Layouts try several arrangements at one scale and often ask for the same card at the same width.
    key = (id(spec), round(width, 6))
    cached: CardPlan | None = style.plans.get(key)  # Style holds plans untyped (style.py cannot import this)
    if cached is not None and cached.spec is spec:
        return cached
    plan = _plan_card(spec, width, style)
    style.plans[key] = plan
    return plan


def _plan_card(spec: CardSpec, width: float, style: Style) -> CardPlan:
    """The card laid out. A card whose title reads right to left is mirrored, as a right-to-left deck's slides
    are (decks.plan.deck.mirror), decided by its title's direction as the deck decides for a title row: its icon
    and day tab at the top right, the title flush right beside the icon, its underline and emphasis pennant
    running out to the left, the QR code at the left, a figure's ring at the right with its label before it, a
    quote's tail and who said it at the right. Each paragraph keeps its own direction (a left-to-right takeaway
    in a mirrored card is still set flush left)."""
    body, head, pad = style.body, style.heading, style.pad
    limit = TALLEST * style.reach  # a card this tall fits no page: its lines stop there
    ink = style.theme.palette.ink
    mirror = base_rtl(spec.title)
    plan = CardPlan(spec, width, 0.0, 0.0, mirror=mirror)
    inner = width - 2 * pad
    if spec.day_label:
        # A label wider than the card wraps onto more lines of the tab: a tab never clips its text.
        small = style.small
        room = (width - style.pad - small * 1.2) * WIDTH_SAFETY
        plan.tab_lines = break_lines(spec.day_label, room, _measure(style.bold, small))
        plan.tab_h = small * 0.35 + len(plan.tab_lines) * small * 1.2
        plan.tab = plan.tab_h
    if spec.intro and style.captions:  # a day's intro beside its tab, or the recap's over the first card
        size = style.small
        pitch_i = size * 1.2
        intro_rtl = base_rtl(spec.intro)
        left = pad * 0.6 * (not intro_rtl)  # flush to the side it starts from, clear of the tab's edge there
        lines, y_end = _flow(
            spec.intro, style.hand, size, plan.tab + size * 0.2, left, width - pad * 0.6, [], pitch_i, limit, intro_rtl
        )
        for x, t, s_, _ in lines:
            plan.intro.append(_Line(x, baseline_in(t, size, pitch_i), s_, style.hand, size, style.theme.palette.muted))
        plan.tab = y_end + size * 0.3
    tab = plan.tab
    top = tab + pad
    diameter = head * 2.0
    # Obstacles the text flows around: (top, bottom, left reserve, right reserve) from the card's top.
    beside = diameter + 0.35 * head  # the icon and the room after it
    reserved: list[tuple[float, float, float, float]] = [
        (top, top + diameter + 1, 0.0, beside) if mirror else (top, top + diameter + 1, beside, 0.0)
    ]
    plan.icon_circle = (width - pad - diameter / 2 if mirror else pad + diameter / 2, top + diameter / 2, diameter)
    # The title, centred on the icon when it is one line.
    beside_icon = (inner - diameter - 0.35 * head) * WIDTH_SAFETY
    titled = _styled(spec.title, spec, style, bold=True)
    if titled is None:
        longest = max((style.bold.width(a.strip(), 1.0) for a in atoms(spec.title)), default=0.0)
    else:
        span, at, longest = titled.spans(spec.title), 0, 0.0
        for a in atoms(spec.title):
            longest, at = max(longest, span(at, at + len(a.rstrip()))), at + len(a)
    if longest * head > beside_icon:  # a word split next to the icon reads badly: letter it a little smaller
        head = max(body, beside_icon / longest)
    pitch_t = head * 1.15
    rtl = mirror
    title_lines, y = _flow(spec.title, style.bold, head, top, pad, inner, reserved, pitch_t, limit, rtl, titled)
    if len(title_lines) > 1:
        # Broken as a designer breaks a heading (at phrases, lines of about equal width, no lone last word or
        # character), all beside the icon, when that takes no more lines than the flow around it; a right-to-left
        # title's lines flush right before the icon.
        x_beside = pad + diameter + 0.35 * head
        x_end = pad + inner - diameter - 0.35 * head
        measure = _measure(style.bold, head) if titled is None else _position_measure(spec.title, head, titled)
        heading = heading_lines(spec.title, measure, beside_icon, spec.language)
        flag_cut = any(re.search(r"(?:^|\s)-+$", t) for _, _, t, _ in title_lines[:-1])  # "with --" / "jit"
        if len(heading) <= len(title_lines) or flag_cut:
            title_lines, at = [], 0
            for k, line in enumerate(heading):
                found = spec.title.find(line, at)
                at = found + len(line) if found >= 0 else at
                mine = local_styles(titled.styles, found, at) if titled and found >= 0 else ()
                x = x_end - _line_width(line, style.bold, head, mine, style) if rtl else x_beside
                title_lines.append((x, top + k * pitch_t, line, mine))
            y = top + len(heading) * pitch_t
    if len(title_lines) == 1:
        shift = max(0.0, (diameter - pitch_t) / 2)
        title_lines = [(x, t + shift, s, st) for x, t, s, st in title_lines]
        y += shift
    x0 = min(x for x, _, _, _ in title_lines)
    widest = max(_line_width(s, style.bold, head, st, style) for _, _, s, st in title_lines)
    for x, t, s, st in title_lines:
        plan.lines.append(_Line(x, baseline_in(t, head, pitch_t), s, style.bold, head, ink, 0, st, rtl))
    plan.title_box = Rect(x0, title_lines[0][1], widest, y - title_lines[0][1])
    ul_y = y + 0.05 * head
    if mirror:  # from the title's end (at the right) out past its start, on the left
        x1 = x0 + widest
        plan.underline = (max(pad, x1 - widest - 0.3 * head), x1, ul_y)
    else:
        plan.underline = (x0, x0 + min(widest + 0.3 * head, inner - x0 + pad), ul_y)
    y = max(y + 0.35 * head, top + diameter + 0.25 * head)
    block = 0
    if spec.summary and style.captions:
        # The summary as a caption in the muted ink, under the title and icon, full width.
        block += 1
        size = body * 0.95
        pitch_c = line_pitch(size, style.leading)
        rtl = base_rtl(spec.summary)
        said = _styled(spec.summary, spec, style)
        lines, y = _flow(spec.summary, style.hand, size, y, pad, inner, [], pitch_c, limit, rtl, said)
        for x, tp, s_, st in lines:
            plan.lines.append(
                _Line(
                    x, baseline_in(tp, size, pitch_c), s_, style.hand, size, style.theme.palette.muted, block, st, rtl
                )
            )
        y += body * 0.3
    if spec.figure:
        block += 1
        y = _plan_figure(plan, spec.figure, y, style, limit, block)
    if spec.quote:
        block += 1
        y = _plan_quote(plan, spec.quote, y, style, limit, block)
    if spec.qr:
        # The code sits at the right under the title (a mirrored card's at the left); the takeaways flow beside
        # and then under it.
        side = QR_SIDE + 4 * _module(spec.qr)
        room = side + 0.5 * body
        reserved.append((y, y + side + 2, room, 0.0) if mirror else (y, y + side + 2, 0.0, room))
        plan.qr_at = (pad if mirror else width - pad - side, y)
        plan.qr_block = block + 1
    pitch = line_pitch(body, style.leading)
    indent = body * 0.95
    for takeaway in spec.takeaways:
        if y > limit:
            break
        block += 1
        # A right-to-left takeaway hangs from the right: its bullet there, its lines flush right before it.
        rtl = base_rtl(takeaway.text)
        # The bullet beside the first line, past an obstacle there (the QR code) as the line is.
        lres, rres = _beside(reserved, y, pitch)
        start, mark = (pad, pad + inner - rres - indent * 0.4) if rtl else (pad + indent, pad + lres + indent * 0.4)
        said = _styled(takeaway.text, spec, style)
        lines, y2 = _flow(takeaway.text, style.hand, body, y, start, inner - indent, reserved, pitch, limit, rtl, said)
        plan.bullets.append((mark, baseline_in(y, body, pitch) - body * 0.3, False, block))
        for x, tp, s, st in lines:
            plan.lines.append(_Line(x, baseline_in(tp, body, pitch), s, style.hand, body, ink, block, st, rtl))
        y = y2 + body * 0.15
        sub = body * 0.9
        sp = line_pitch(sub, style.leading)
        for point in takeaway.points:
            rtl = base_rtl(point)
            lres, rres = _beside(reserved, y, sp)
            start = pad if rtl else pad + indent * 2
            mark = pad + inner - rres - indent * 1.4 if rtl else pad + lres + indent * 1.4
            said = _styled(point, spec, style)
            lines, y2 = _flow(point, style.hand, sub, y, start, inner - indent * 2, reserved, sp, limit, rtl, said)
            plan.bullets.append((mark, baseline_in(y, sub, sp) - sub * 0.3, True, block))
            for x, tp, s, st in lines:
                plan.lines.append(
                    _Line(x, baseline_in(tp, sub, sp), s, style.hand, sub, style.theme.palette.muted, block, st, rtl)
                )
            y = y2 + body * 0.05
    bottom = max([y, *(b for _, b, _, _ in reserved)])
    plan.height = bottom - body * 0.1 + pad
    plan.blocks = block
    return plan


def _plan_figure(plan: CardPlan, figure: tuple[str, str], y: float, style: Style, limit: float, block: int) -> float:
    """The figure as a sketchnoter draws a number that matters: lettered large in the card's ink inside a drawn
    ring, what it counts beside it (a mirrored card's ring at the right, what it counts before it). Returns the
    y under it."""
    value, label = figure
    pad, body = style.pad, style.body
    inner = plan.width - 2 * pad
    size = style.heading * 1.6
    wide = style.bold.width(value, 1.0)
    if wide * size > inner * 0.5 * WIDTH_SAFETY:  # a long value is lettered smaller, down to the heading size
        size = max(style.heading, inner * 0.5 * WIDTH_SAFETY / max(wide, 1e-9))
    value_w = style.bold.width(value, size)
    rx, ry = value_w / 2 + size * 0.45, size * 0.75
    mirror = plan.mirror
    cx, cy = (plan.width - pad - rx if mirror else pad + rx), y + ry + body * 0.2
    color = style.part_color(plan.spec.part)
    plan.burst = (cx, cy, rx, ry)
    plan.lines.append(_Line(cx - value_w / 2, cy + size * 0.36, value, style.bold, size, color, block))
    pitch = line_pitch(body, style.leading)
    ink = style.theme.palette.ink
    left = pad if mirror else cx + rx + body * 0.6
    right = cx - rx - body * 0.6 if mirror else plan.width - pad
    room = (right - left) * WIDTH_SAFETY
    rtl = base_rtl(label)
    longest = max((style.hand.width(a.strip(), body) for a in atoms(label)), default=0.0)
    said = _styled(label, plan.spec, style)
    if said is not None:  # a word in code is wider: its atoms measured as they are drawn
        longest = max(longest, max((said.ems(a.strip()) * body for a in atoms(label)), default=0.0))
    if longest > room or room < body * 5:  # no room beside the ring for a word: the label goes under it
        lines, end = _flow(label, style.hand, body, cy + ry + body * 0.4, pad, inner, [], pitch, limit, rtl, said)
        for x, tp, text, st in lines:
            plan.lines.append(_Line(x, baseline_in(tp, body, pitch), text, style.hand, body, ink, block, st, rtl))
        return end + body * 0.3
    lines, end = _flow(label, style.hand, body, 0.0, left, right - left, [], pitch, limit, rtl, said)
    top = cy - end / 2 if end < 2 * ry else cy - ry  # centred on the ring, or from its top when taller
    for x, tp, text, st in lines:
        plan.lines.append(_Line(x, baseline_in(top + tp, body, pitch), text, style.hand, body, ink, block, st, rtl))
    return max(cy + ry + body * 0.4, top + end + body * 0.3)


def _plan_quote(
    plan: CardPlan, quote: tuple[str, str | None], y: float, style: Style, limit: float, block: int
) -> float:
    """The quote lettered in a speech bubble, its tail pointing down to who said it (lettered under the tail; a
    mirrored card's tail and name at the right). A right-to-left quote opens with the closing-looking mark, which
    its direction puts at its right (as the deck's quote icon faces). Returns the y under it."""
    text, by = quote
    pad, body = style.pad, style.body
    inner = plan.width - 2 * pad
    size = body * 1.05
    pitch = line_pitch(size, style.leading)
    inset = body * 0.7
    said = _styled(text, plan.spec, style)
    if said is not None:  # the stretches move one character on, past the opening quotation mark
        said = StyledText(said.faces, tuple((a + 1, b + 1, st) for a, b, st in said.styles))
    rtl = base_rtl(text)
    opening, closing = ("\u201d", "\u201c") if rtl else ("\u201c", "\u201d")
    lines, end = _flow(
        f"{opening}{text}{closing}",
        style.hand,
        size,
        y + inset,
        pad + inset,
        inner - 2 * inset,
        [],
        pitch,
        limit,
        rtl,
        said,
    )
    for x, tp, s_, st in lines:
        plan.lines.append(
            _Line(x, baseline_in(tp, size, pitch), s_, style.hand, size, style.theme.palette.ink, block, st, rtl)
        )
    plan.bubble = Rect(pad, y, inner, end - y + inset * 0.8)
    y = plan.bubble.bottom + body * 0.9  # the tail
    if by:
        small = style.small
        sp = small * 1.25
        by_rtl = base_rtl(by)
        start = pad if plan.mirror else pad + body * 2.2  # past the tail, on its side (flush right when mirrored)
        who, y2 = _flow(f"\u2014 {by}", style.hand, small, y, start, inner - body * 2.2, [], sp, limit, plan.mirror)
        for x, tp, s_, _ in who:
            plan.lines.append(
                _Line(
                    x, baseline_in(tp, small, sp), s_, style.hand, small, style.theme.palette.muted, block, (), by_rtl
                )
            )
        y = y2
    return y + body * 0.3


def _reflected(points: list[tuple[float, float]], across: float) -> list[tuple[float, float]]:
    """`points` reflected across the vertical line x = `across` / 2 (`across`: the sum of a box's left and right
    edges): a drawing for a mirrored card."""
    return [(across - px, py) for px, py in points]


def _bubble(
    box: Rect, key: str, color: Color, fill: Color | None, style: Style, mirror: bool = False
) -> list[Primitive]:
    """A speech bubble around `box`: rounded corners, a tail from its bottom edge down to the left (`mirror`: to
    the right), drawn in one stroke as a pen goes round it."""
    r = min(box.h, box.w) * 0.3
    x0, y0, x1, y1 = box.x, box.y, box.right, box.bottom
    tail = (x0 + style.body * 1.2, y1 + style.body * 0.9)
    pts: list[tuple[float, float]] = []

    def arc(cx: float, cy: float, a0: float) -> None:
        for k in range(5):
            t = a0 + k * math.pi / 8
            pts.append((cx + r * math.cos(t), cy + r * math.sin(t)))

    arc(x1 - r, y0 + r, -math.pi / 2)  # top right
    arc(x1 - r, y1 - r, 0.0)  # bottom right
    pts += [(x0 + style.body * 2.6, y1), tail, (x0 + style.body * 1.6, y1)]
    arc(x0 + r, y1 - r, math.pi / 2)  # bottom left
    arc(x0 + r, y0 + r, math.pi)  # top left
    pts.append(pts[0])
    if mirror:
        pts = _reflected(pts, x0 + x1)
    outline = style.pen.trace(pts, key + ":bubble", min(style.theme.sketch.roughness * 0.6, 1.2))
    return [Path(tuple(outline), stroke=color, width=style.theme.sketch.stroke, fill=fill, closed=True)]


def _burst(cx: float, cy: float, rx: float, ry: float, key: str, color: Color, style: Style) -> list[Primitive]:
    """A ring drawn round a number twice, the second pass a little off the first, as a hand circles a figure."""
    out: list[Primitive] = []
    for n, grow in enumerate((1.0, 1.06)):
        pts = style.pen.ellipse_points(cx, cy, rx * grow, ry * grow, f"{key}:burst{n}")
        out.append(Path(tuple(pts), stroke=color, width=style.theme.sketch.stroke * (1.0 if n == 0 else 0.6)))
    return out


def _shadow(frame: Rect, key: str, style: Style) -> list[Primitive]:
    """A sketchnoter's box shadow: a heavier grey stroke along the right and the bottom edge, a little off the
    frame (what makes a box read as drawn on paper, not printed)."""
    off = min(2.2, style.gap * 0.3)
    grey = mix(style.theme.palette.ink, style.theme.palette.background, 0.35)
    corner = (frame.right + off, frame.bottom + off)
    if not style.theme.sketch.fill:
        # A fill-free page (ink) shades the shadow with the pen instead: short hatching along the two edges.
        w = off * 1.4
        strip = [
            (frame.right, frame.y + off * 3),
            (frame.right + w, frame.y + off * 3 + w),
            (frame.right + w, frame.bottom + w),
            (frame.x + off * 3 + w, frame.bottom + w),
            (frame.x + off * 3, frame.bottom),
            (frame.right, frame.bottom),
        ]
        return list(style.pen.hatch(strip, key + ":shadow", style.theme.palette.ink, 1.7, 0.45))
    return [
        style.pen.line((frame.right + off, frame.y + off * 3), corner, key + ":shadow0", grey, off * 0.9),
        style.pen.line(corner, (frame.x + off * 3, frame.bottom + off), key + ":shadow1", grey, off * 0.9),
    ]


def _flag(tab: Rect, right: float, key: str, color: Color, style: Style, left: float | None = None) -> list[Primitive]:
    """A day's tab as a sketchnoter draws a label: a little flag, its fly end cut in a V (where the card has room
    for it, never past `right`), its fill laid a little off its outline as a marker misses the lines; outlined
    only on a fill-free page. The lettering keeps to `tab`. Given `left` (a mirrored card's tab, at its right),
    the fly end points left and never passes `left`."""
    pen = style.pen
    room = right - tab.right if left is None else tab.x - left
    notch = max(0.0, min(tab.h * 0.45, 7.0, room - style.pad * 0.3))
    end = tab.right + notch
    mid = tab.y + tab.h / 2
    pts: list[tuple[float, float]] = [(tab.x, tab.y), (end, tab.y), (end - notch * 0.6, mid), (end, tab.bottom)]
    pts.append((tab.x, tab.bottom))
    if left is not None:
        pts = _reflected(pts, tab.x + tab.right)
    out: list[Primitive] = []
    if style.theme.sketch.fill:
        rng = pen.rng(key + ":miss")
        rough = min(1.0, style.theme.sketch.roughness)
        dx, dy = rng.uniform(0.3, 1.0) * rough, rng.uniform(-0.6, 0.6) * rough
        out.append(Path(tuple((px + dx, py + dy) for px, py in pts), fill=color, closed=True))
    out += [pen.line(a, b, f"{key}:{n}", color) for n, (a, b) in enumerate(zip(pts, pts[1:] + pts[:1], strict=True))]
    return out


def _roll(style: Style) -> float:
    """The height of the rolls of the key takeaways' scroll: centred on the frame's top and bottom edges, each
    reaches into the card less than its padding (the lettering keeps its place: the scroll costs no height) and
    out of it less than half the gap between cards."""
    return min(style.body * 0.9, style.pad * 1.2, style.gap * 0.9)


def _scroll(
    frame: Rect,
    roll: float,
    key: str,
    color: Color,
    fill: Color | None,
    width: float,
    style: Style,
    mirror: bool = False,
) -> list[Primitive]:
    """The key takeaways on a scroll, as a sketchnoter frames what matters most: the sheet between two rolls
    across its top and bottom, each roll a drawn cylinder with its curl at one end (the top's at the reader's
    start: the left, or the right on a `mirror`ed card)."""
    pen = style.pen
    out: list[Primitive] = []
    sheet = Rect(frame.x + roll * 0.35, frame.y, frame.w - roll * 0.7, frame.h)
    out += pen.rect(sheet, key, color, fill, width)
    for n, y in enumerate((frame.y - roll / 2, frame.bottom - roll / 2)):
        cy = y + roll / 2
        body = Rect(frame.x + roll * 0.35, y, frame.w - roll * 0.7, roll)
        out += pen.rect(body, f"{key}:roll{n}", color, fill or style.theme.palette.background, width)
        for m, cx in enumerate((body.x, body.right)):
            out += pen.ellipse(cx, cy, roll * 0.35, roll / 2, f"{key}:end{n}{m}", color, fill, width)
        # The curl: the paper's edge wound inside one end (the left at the top, the right at the bottom).
        cx = body.x if (n == 0) != mirror else body.right
        out += pen.ellipse(cx, cy + roll * 0.06, roll * 0.14, roll * 0.2, f"{key}:curl{n}", color, None, width * 0.8)
    return out


def _marker(
    box: Rect, key: str, color: Color, style: Style, cross: bool, right: float, left: float | None = None
) -> list[Primitive]:
    """A pen's shading behind a title, as a sketchnoter marks what matters: an emphasised item's title on a
    hachured pennant (a banner with a notched tail, outlined), the key takeaways' title cross-hatched. Light
    enough that the lettering on it reads; nothing passes `right` (inside the card's frame). Given `left` (a
    mirrored card's title), the pennant's tail runs out to the left instead, never past `left`."""
    pal = style.theme.palette
    shade = mix(color, pal.background, 0.62)
    over = style.heading * 0.18
    r = Rect(box.x - over, box.y + box.h * 0.08, box.w + 2 * over, box.h * 0.96)
    spacing = max(2.6, style.body * 0.34)
    if cross:
        poly = [(r.x, r.y + 1.0), (r.right, r.y), (r.right - 1.0, r.bottom), (r.x + 1.0, r.bottom - 0.5)]
        out = style.pen.hatch(poly, key + ":hachure", shade, spacing, 0.65)
        return [*out, *style.pen.hatch(poly, key + ":cross", shade, spacing * 1.3, 0.6, angle=-math.pi / 4)]
    tail = min(style.heading * 0.9, max(0.0, right - r.right if left is None else r.x - left))
    end = r.right + tail
    poly = [(r.x, r.y), (end, r.y), (end - tail * 0.55, r.y + r.h / 2), (end, r.bottom), (r.x, r.bottom)]
    if left is not None:
        poly = _reflected(poly, r.x + r.right)
    out = style.pen.hatch(poly, key + ":hachure", shade, spacing, 0.65)
    outline = style.pen.curve_points([*poly, poly[0]], key + ":pennant")
    return [*out, Path(tuple(outline), stroke=mix(color, pal.background, 0.25), width=0.8)]


def _sparkles(
    cx: float, cy: float, d: float, key: str, color: Color, style: Style, mirror: bool = False
) -> list[Primitive]:
    """Small stars in the key takeaways' top-right corner (`mirror`: top-left, the smaller ones to the right of
    the big one), as a sketchnoter marks what matters most."""
    pen = style.pen
    rng = pen.rng(key + ":sparkle")
    out: list[Primitive] = []
    side = -1.0 if mirror else 1.0
    for n, (dx, dy, r) in enumerate(((0.0, 0.0, 0.24), (-0.62, 0.3, 0.13), (-0.1, 0.62, 0.1))):
        sx, sy, rr = cx + side * dx * d, cy + dy * d, r * d * rng.uniform(0.9, 1.1)
        for k in range(4):
            t = k * math.pi / 4
            a = (sx - rr * math.cos(t), sy - rr * math.sin(t))
            b = (sx + rr * math.cos(t), sy + rr * math.sin(t))
            out.append(pen.line(a, b, f"{key}:sp{n}.{k}", color, 0.7))
    return out


def _icon(icon: icons.Icon, cx: float, cy: float, size: float, key: str, color: Color, style: Style) -> list[Primitive]:
    """`icon` drawn as a pen would: the glyph's contours stroked (never filled) with a little seeded wobble,
    centred on (cx, cy) at `size` points. A contour is traced twice, the second pass a hair off the first, as
    a hand goes over a line it cares about."""
    face = load_face(icon.font)
    gw = face.width(icon.char, size) or size
    x0, baseline = cx - gw / 2, cy + size * 0.36
    width = max(0.55, size / 24)
    amount = min(style.theme.sketch.roughness * 0.5, size * 0.025)
    out: list[Primitive] = []
    for n, contour in enumerate(_outline(icon.font, icon.char, x0, baseline, size)):
        pts = [*contour, contour[0]]
        out.append(Path(tuple(style.pen.trace(pts, f"{key}:c{n}", amount)), stroke=color, width=width))
        if size >= 24:
            again = style.pen.trace(pts, f"{key}:c{n}'", amount * 1.6)
            out.append(Path(tuple(again), stroke=color, width=width * 0.6))
    return out


ROUNDED = 0.35  # the share of item cards framed as a rounded box (seeded by the card's key), not a square one
DRIFT = 0.07  # of the size, at most, a body line sits above or below its place (lines are >1.15 sizes apart)


def _outline(font: FilePath, char: str, x: float, baseline: float, size: float) -> list[list[tuple[float, float]]]:
    """The contours of `char` in `font` as polylines (curves flattened), placed at (x, baseline), `size` pt."""
    from decks.plan.sketch import glyphs

    k = size / glyphs.units_per_em(font)
    return [[(x + px * k, baseline - py * k) for px, py in c] for c in glyphs.contours(font, char)]


def _tab_width(plan: CardPlan, style: Style) -> float:
    return max((style.width(s, style.bold, style.small) for s in plan.tab_lines), default=0.0) + style.small * 1.2


def _module(url: str) -> float:
    return QR_SIDE / qr.size(url)


def draw_card(
    plan: CardPlan, x: float, y: float, height: float, style: Style
) -> tuple[list[Primitive], list[Container]]:
    """Primitives for `plan` with its top-left at (x, y), `height` overall (a layout gives a card the height of
    what it holds: its frame is never stretched to cover area)."""
    pal = style.theme.palette
    pen = style.pen
    spec = plan.spec
    color = pal.accent if spec.kind == "key" else style.part_color(spec.part)
    prims: list[Primitive] = []
    conts: list[Container] = []
    frame = Rect(x, y + plan.tab, plan.width, height - plan.tab)
    fill = pal.surface if style.theme.sketch.fill else None
    mirror = plan.mirror
    if spec.day_label:
        tab_w = min(plan.width - style.pad, _tab_width(plan, style))
        tab_x = x + plan.width - style.pad * 0.6 - tab_w if mirror else x + style.pad * 0.6
        tab = Rect(tab_x, y, tab_w, plan.tab_h + 1)
        prims += _flag(tab, x + plan.width, spec.key + ":tab", color, style, x if mirror else None)
        on_tab = pal.on_accent if style.theme.sketch.fill else color
        ty = y + style.small * 0.35
        label_rtl = base_rtl(spec.day_label)
        for line in plan.tab_lines:
            base = ty + style.small * 0.92
            lx = tab.right - style.small * 0.6 - style.width(line, style.bold, style.small) if label_rtl else None
            lx = tab.x + style.small * 0.6 if lx is None else lx  # a right-to-left label's lines flush right
            prims += style.runs(line, style.bold, lx, base, style.small, on_tab)
            ty += style.small * 1.2
        conts.append(Container("day", tab, spec.day_label, spec.part))
    if plan.intro:
        top = plan.intro[0].baseline - plan.intro[0].size
        bottom = plan.intro[-1].baseline + plan.intro[-1].size * 0.35
        conts.append(Container("caption", Rect(x, y + top, plan.width, bottom - top), spec.intro or "", spec.part))
        for said in plan.intro:
            prims += style.runs(said.text, said.stack, x + said.x, y + said.baseline, said.size, said.color)
    width = style.theme.sketch.stroke * (1.5 if spec.kind == "key" else 1.0)
    if spec.kind == "key":
        prims += _scroll(frame, _roll(style), spec.key, color, fill, width, style, mirror)
    elif pen.rng(spec.key + ":frame").random() < ROUNDED:
        # Not every box alike: some items are drawn as a rounded box in one stroke, without a shadow.
        prims += pen.rounded(frame, style.pad * 1.1, spec.key, color, fill, width)
    else:
        prims += _shadow(frame, spec.key, style)
        prims += pen.rect(frame, spec.key, color, fill, width)
    if plan.icon_circle:
        cx, cy, d = plan.icon_circle
        prims += pen.ellipse(x + cx, y + cy, d / 2, d / 2, spec.key + ":icon", color, pal.background)
        prims += _icon(spec.icon, x + cx, y + cy, d * 0.52, spec.key + ":glyph", color, style)
    if plan.title_box and (spec.emphasis or spec.kind == "key"):
        tb = plan.title_box
        right = x + plan.width - style.pad * 0.5
        left = x + style.pad * 0.5 if mirror else None
        box = Rect(x + tb.x, y + tb.y, tb.w, tb.h)
        prims += _marker(box, spec.key, color, style, spec.kind == "key", right, left)
    if plan.bubble:
        b = plan.bubble
        prims += _bubble(Rect(x + b.x, y + b.y, b.w, b.h), spec.key, color, pal.background, style, mirror)
        conts.append(Container("quote", Rect(x + b.x, y + b.y, b.w, b.h), spec.quote[0] if spec.quote else ""))
    if plan.burst:
        bx, by, rx, ry = plan.burst
        prims += _burst(x + bx, y + by, rx, ry, spec.key, color, style)
        conts.append(
            Container("figure", Rect(x + bx - rx, y + by - ry, 2 * rx, 2 * ry), spec.figure[0] if spec.figure else "")
        )
    drift = pen.rng(spec.key + ":lines")
    for said in plan.lines:
        # A hand does not keep an exact line pitch: each body line sits a little high or low (seeded), never by
        # enough that two lines touch; the title keeps its place over its underline.
        dy = drift.uniform(-DRIFT, DRIFT) * said.size if said.block else 0.0
        prims += style.styled_runs(
            said.text, said.styles, said.stack, x + said.x, y + said.baseline + dy, said.size, said.color, said.rtl
        )
    if plan.underline:
        x0, x1, uy = plan.underline
        prims.append(pen.line((x + x0, y + uy), (x + x1, y + uy), spec.key + ":ul", color, style.theme.sketch.stroke))

    if spec.kind == "key" and plan.icon_circle and plan.title_box:
        # In the room after the title (right of it; left of a mirrored one), if there is some: sparkles never
        # touch the lettering.
        _, cy, d = plan.icon_circle
        # Smaller where the title (and its cross-hatching, which reaches past it) is long.
        room = plan.title_box.x - style.pad if mirror else plan.width - style.pad - plan.title_box.right
        d = min(d, (room - style.heading * 0.25) / 1.1)
        if d >= plan.icon_circle[2] * 0.4:
            sx = x + style.pad + d * 0.3 if mirror else x + plan.width - style.pad - d * 0.3
            prims += _sparkles(sx, y + cy - d * 0.25, d, spec.key, color, style, mirror)
    for bx, by, sub, _block in plan.bullets:
        if sub:
            prims.append(pen.line((x + bx - 1.6, y + by), (x + bx + 1.8, y + by), f"{spec.key}:b{bx}{by}", color, 0.9))
        else:
            prims.append(pen.dot(x + bx, y + by, style.body * 0.16, f"{spec.key}:b{by}", color))
    if plan.title_box and spec.url:
        tb = plan.title_box
        prims.append(Link(Rect(x + tb.x, y + tb.y, tb.w, tb.h), spec.url))
    if plan.qr_at and spec.qr:
        qy = y + plan.qr_at[1]
        prims += _qr(spec.qr, x + plan.qr_at[0], qy, pal.background, pal.ink)
        side = QR_SIDE + 4 * _module(spec.qr)
        prims.append(Link(Rect(x + plan.qr_at[0], qy, side, side), spec.qr))
    conts.append(Container(spec.kind, frame, spec.title, spec.part if spec.part >= 0 else None))
    return prims, conts


TILT = 1.2  # degrees, at most, either way: a card put down by hand is a little askew
ASKEW = 0.3  # of the gap between cards, at most, that a point of a turned card moves
SHARE = 0.45  # of the free room between what a card draws and what its nearest neighbour draws, at most, likewise


def askew(cards: list[tuple[str, Rect, list[Primitive]]], style: Style) -> list[list[Primitive]]:
    """The page's cards, each (its key, its frame, what draw_card drew for it), each turned whole about its frame's
    centre by its tilt (primitives.Turn), as a sketchnoter's boxes sit a little askew on the page.

    How far a card may turn is bounded by the room it has: no point of what it draws (its shadow, a scroll's
    rolls, its day tab and intro included) moves more than ASKEW of the gap, nor more than SHARE of the free room
    between the box of what it draws and that of its nearest neighbour (which may turn toward it too), so turned
    cards keep off each other on a layout that sets them closer than the gap."""
    drawn = [_extent(prims) for _, _, prims in cards]
    out = []
    for n, (key, frame, prims) in enumerate(cards):
        room = min((_apart(drawn[n], other) for m, other in enumerate(drawn) if m != n), default=math.inf)
        angle = tilt(drawn[n], frame, key, style, room)
        if not angle:
            out.append(prims)
            continue
        about = (round(frame.x + frame.w / 2, 2), round(frame.y + frame.h / 2, 2))
        out.append([Turn(angle, about), *prims, Turn(0.0, about)])
    return out


def tilt(extent: Rect, frame: Rect, key: str, style: Style, room: float = math.inf) -> float:
    """How far (degrees, clockwise) the card `key` is turned about its frame's centre: seeded, between 0.4 and
    TILT either way, and less where a corner of `extent` (the box of all it draws) would move more than ASKEW of
    the gap or SHARE of `room` (see askew()). 0 for a pen without roughness (a theme drawn straight)."""
    if style.theme.sketch.roughness <= 0:
        return 0.0
    rng = style.pen.rng(key + ":tilt")
    angle = rng.uniform(0.4, TILT) * rng.choice((-1, 1)) * min(1.0, style.theme.sketch.roughness)
    cx, cy = frame.x + frame.w / 2, frame.y + frame.h / 2
    reach = max(math.hypot(max(cx - extent.x, extent.right - cx), max(cy - extent.y, extent.bottom - cy)), 1.0)
    most = math.degrees(min(ASKEW * style.gap, SHARE * room) / reach)
    return round(max(-most, min(most, angle)), 2)


def _extent(prims: list[Primitive]) -> Rect:
    """The box of all `prims` draw: paths (with half their width), text runs, boxes and links."""
    xs: list[float] = []
    ys: list[float] = []
    for p in prims:
        if isinstance(p, Path) and p.points:
            w = p.width / 2 if p.stroke else 0.0
            xs += [min(x for x, _ in p.points) - w, max(x for x, _ in p.points) + w]
            ys += [min(y for _, y in p.points) - w, max(y for _, y in p.points) + w]
        elif isinstance(p, TextRun):
            xs += [p.x, p.x + p.width]
            ys += [p.y - p.ascent, p.y + p.descent]
        elif isinstance(p, Box | Link):
            xs += [p.rect.x, p.rect.right]
            ys += [p.rect.y, p.rect.bottom]
    if not xs:
        return Rect(0, 0, 0, 0)
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _apart(a: Rect, b: Rect) -> float:
    """How far apart two boxes are (0 where they touch or overlap)."""
    dx = max(0.0, b.x - a.right, a.x - b.right)
    dy = max(0.0, b.y - a.bottom, a.y - b.bottom)
    return math.hypot(dx, dy)


_DARK_RUN = re.compile(b"\x01+")


def _qr(url: str, x: float, y: float, light: Color, dark: Color) -> list[Primitive]:
    """The code on a light square with a 2-module quiet zone, its dark modules as few boxes as possible.

    Runs of dark modules in a row become one box, and a box grows down while the rows below have the
    same run: a fifth fewer boxes than runs, which the renderers then fill as one path.
    """
    matrix = qr.matrix(url)
    m = QR_SIDE / len(matrix)
    side = QR_SIDE + 4 * m
    out: list[Primitive] = [Box(Rect(x, y, side, side), light)]
    open_: dict[tuple[int, int], int] = {}  # (first column, end column) -> first row of a growing box

    def close(run: tuple[int, int], top: int, bottom: int) -> None:
        # A hair of overlap so anti-aliased PNG edges do not show seams between boxes.
        c0, c1 = run
        out.append(Box(Rect(x + (2 + c0) * m, y + (2 + top) * m, (c1 - c0) * m, (bottom - top) * m + 0.01), dark))

    for r, row in enumerate(matrix):
        runs = [hit.span() for hit in _DARK_RUN.finditer(bytes(row))]  # the row's bools as bytes 0 and 1
        here = set(runs)
        for run in [k for k in open_ if k not in here]:
            close(run, open_.pop(run), r)
        for run in runs:
            open_.setdefault(run, r)
    for run, top in open_.items():
        close(run, top, len(matrix))
    return out
