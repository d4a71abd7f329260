"""A card laid out: one item (or the key takeaways) measured at a width and scale, in coordinates relative to its
top-left corner (decks.plan.sketch.cards draws it at a position).

A card is an icon and the hand-lettered title beside it (a link to the item's first link; the icon before the
title or after it, in a ring or alone, as the card's head says: `CardSpec.head`),
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

import re
from typing import cast

import msgspec

from decks.colors import first_readable
from decks.plan.sketch.cardflow import _beside, _flow, _line_width, _measure, _position_measure, _styled
from decks.plan.sketch.cardshapes import icon_diameter, icon_poke
from decks.plan.sketch.cardspec import CardSpec
from decks.plan.sketch.primitives import Color, Rect
from decks.plan.sketch.qrmark import _module
from decks.plan.sketch.style import QR_SIDE, Style, baseline_in
from decks.text.breaking import atoms, break_lines
from decks.text.fallback import FontStack
from decks.text.fitting import WIDTH_SAFETY, line_pitch
from decks.text.headings import heading_lines
from decks.text.runs import StyledText, Styles, local_styles
from decks.text.shaping import paragraph_rtl

# Points: taller than any page a sketchnote is drawn on (twice A4's height, times the paper's reach), so a card
# reaching it fits nowhere and its lines need not be set further.
TALLEST = 2 * 841.8898
# The least a card's title is lettered over the body, when a long word shrinks it: the page's three levels of
# lettering (banner, card titles, body) stay apart (the theme's own title is 1.3 times its body).
TITLE_OVER_BODY = 1.15


def _longest_word(spec: CardSpec, style: Style, titled: StyledText | None) -> float:
    """The width of the title's widest unbreakable stretch at a size of 1 point."""
    if titled is None:
        return max((style.bold.width(a.strip(), 1.0) for a in atoms(spec.title)), default=0.0)
    span, at, longest = titled.spans(spec.title), 0, 0.0
    for a in atoms(spec.title):
        longest, at = max(longest, span(at, at + len(a.rstrip()))), at + len(a)
    return longest


def title_fits(spec: CardSpec, width: float, style: Style) -> bool:
    """Whether a card `width` wide letters every word of its title whole beside its icon at the least title
    size (TITLE_OVER_BODY times the body): a narrower card would split a word ("TensorFlow. / js"). A layout
    that chooses card widths asks this before it settles a card's narrowest width."""
    head, inner = style.heading, width - 2 * style.pad
    diameter = icon_diameter(spec, head, inner)
    across = diameter - icon_poke(spec, style, diameter)[0]
    beside_icon = (inner - across - 0.35 * head) * WIDTH_SAFETY
    longest = _longest_word(spec, style, _styled(spec.title, spec, style, bold=True))
    return longest * style.body * TITLE_OVER_BODY <= beside_icon


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
    lead: int = 0  # how many characters at the line's start are a lead-in, lettered in the card's colour


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
    icon_right: bool = False  # the icon stands at the card's right (a mirrored card's leading one, or a trailing one)
    # x0, x1: where the title's underline (or a band behind the title) may run, clear of an icon beside it
    underline_room: tuple[float, float] = (0.0, 0.0)


def plan_card(spec: CardSpec, width: float, style: Style) -> CardPlan:
    """Lay out `spec` in a card `width` points wide at the style's scale (once per spec and width)."""
    # Layouts try several arrangements at one scale and often ask for the same card at the same width.
    key = (id(spec), round(width, 6))
    cached = cast("CardPlan | None", style.plans.get(key))  # only plan_card fills it, with CardPlans
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
    mirror = paragraph_rtl(spec.title, style.rtl)
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
        intro_rtl = paragraph_rtl(spec.intro, style.rtl)
        left = pad * 0.6 * (not intro_rtl)  # flush to the side it starts from, clear of the tab's edge there
        lines, y_end = _flow(
            spec.intro, style.hand, size, plan.tab + size * 0.2, left, width - pad * 0.6, [], pitch_i, limit, intro_rtl
        )
        for x, t, s_, _ in lines:
            muted = style.theme.palette.muted
            plan.intro.append(_Line(x, baseline_in(t, size, pitch_i), s_, style.hand, size, muted, rtl=intro_rtl))
        plan.tab = y_end + size * 0.3
    tab = plan.tab
    top = tab + pad
    # The icon's size by its role and the card's room; an emphasised item's big doodle stands out over the frame
    # by `side` and `up` (decks.plan.sketch.cardshapes.icon_diameter, icon_poke): `across` and `deep` of it are
    # inside the padding.
    diameter = icon_diameter(spec, head, inner)
    side, up = icon_poke(spec, style, diameter)
    across, deep = diameter - side, diameter - up
    # Obstacles the text flows around: (top, bottom, left reserve, right reserve) from the card's top.
    beside = across + 0.35 * head  # the icon and the room after it
    # The icon leads the title (at its start: the left, a mirrored card's right) or follows it (at its end).
    right = mirror == (spec.head in ("ring", "bare"))
    plan.icon_right = right
    reserved: list[tuple[float, float, float, float]] = [
        (top, top + deep + 1, 0.0, beside) if right else (top, top + deep + 1, beside, 0.0)
    ]
    cx = width - pad - diameter / 2 + side if right else pad + diameter / 2 - side
    plan.icon_circle = (cx, top + diameter / 2 - up, diameter)
    # The title, centred on the icon when it is one line.
    beside_icon = (inner - across - 0.35 * head) * WIDTH_SAFETY
    titled = _styled(spec.title, spec, style, bold=True)
    longest = _longest_word(spec, style, titled)
    if longest * head > beside_icon:  # a word split next to the icon reads badly: letter it a little smaller,
        head = max(body * TITLE_OVER_BODY, beside_icon / longest)  # but a level above the body still
    pitch_t = head * 1.15
    rtl = mirror
    title_lines, y = _flow(spec.title, style.bold, head, top, pad, inner, reserved, pitch_t, limit, rtl, titled)
    if len(title_lines) > 1:
        # Broken as a designer breaks a heading (at phrases, lines of about equal width, no lone last word or
        # character), all beside the icon, when that takes no more lines than the flow around it; a right-to-left
        # title's lines flush right before the icon.
        x_beside = pad + (0.0 if right else across + 0.35 * head)
        x_end = pad + inner - (across + 0.35 * head if right else 0.0)
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
        shift = max(0.0, diameter / 2 - up - pitch_t / 2)
        title_lines = [(x, t + shift, s, st) for x, t, s, st in title_lines]
        y += shift
    x0 = min(x for x, _, _, _ in title_lines)
    widest = max(_line_width(s, style.bold, head, st, style) for _, _, s, st in title_lines)
    for x, t, s, st in title_lines:
        plan.lines.append(_Line(x, baseline_in(t, head, pitch_t), s, style.bold, head, ink, 0, st, rtl))
    plan.title_box = Rect(x0, title_lines[0][1], widest, y - title_lines[0][1])
    if len(title_lines) == 1 and spec.head in ("after", "band"):
        # The icon follows a one-line title closely, as a hand draws it after the words, not out at the edge.
        cx, cy, d = plan.icon_circle
        gap = 0.35 * head + diameter / 2
        cx = max(cx, x0 - gap) if mirror else min(cx, x0 + widest + gap)
        plan.icon_circle = (cx, cy, d)
    ul_y = y + 0.05 * head
    # Beside the icon (a short title's underline is), the underline stops short of it.
    near = ul_y < top + deep + 1
    edge = plan.icon_circle[0] + (-1 if right else 1) * (diameter / 2 + 0.1 * head)  # the icon's inner side
    plan.underline_room = (edge if near and not right else 0.0, edge if near and right else width)
    lo, hi = max(pad, plan.underline_room[0]), min(pad + inner, plan.underline_room[1])
    if mirror:  # from the title's end (at the right) out past its start, on the left
        x1 = x0 + widest
        plan.underline = (max(lo, min(x0, x1 - widest - 0.3 * head)), x1, ul_y)
    else:
        plan.underline = (x0, max(x0 + widest, min(x0 + widest + 0.3 * head, hi)), ul_y)
    # What follows starts under the icon; beside a big doodle the caption and takeaways flow round it instead (a
    # figure's ring or a quote's bubble, which do not, start under it), so the doodle costs no height of its own.
    beside_doodle = side > 0 and not (spec.figure or spec.quote)
    y = y + 0.35 * head if beside_doodle else max(y + 0.35 * head, top + deep + 0.25 * head)
    block = 0
    if spec.summary and style.captions:
        # The summary as a caption under the title and icon, full width, in a second pen: the card's colour a
        # little darkened toward the ink on a page drawn in colour, the muted ink on one drawn in ink alone.
        pal = style.theme.palette
        darkened = None
        if style.theme.sketch.fill:  # None for a pale accent, which gives way to the muted ink
            darkened = first_readable(style.part_color(spec.part), pal.ink, (0.2,), (pal.surface, pal.background), 4.5)
        pen_ink = darkened or pal.muted
        block += 1
        size = body * 0.95
        pitch_c = line_pitch(size, style.leading)
        rtl = paragraph_rtl(spec.summary, style.rtl)
        said = _styled(spec.summary, spec, style)
        lines, y = _flow(spec.summary, style.hand, size, y, pad, inner, reserved, pitch_c, limit, rtl, said)
        for x, tp, s_, st in lines:
            plan.lines.append(_Line(x, baseline_in(tp, size, pitch_c), s_, style.hand, size, pen_ink, block, st, rtl))
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
        rtl = paragraph_rtl(takeaway.text, style.rtl)
        # The bullet beside the first line, past an obstacle there (the QR code) as the line is.
        lres, rres = _beside(reserved, y, pitch)
        start, mark = (pad, pad + inner - rres - indent * 0.4) if rtl else (pad + indent, pad + lres + indent * 0.4)
        said = _styled(takeaway.text, spec, style)
        lines, y2 = _flow(takeaway.text, style.hand, body, y, start, inner - indent, reserved, pitch, limit, rtl, said)
        plan.bullets.append((mark, baseline_in(y, body, pitch) - body * 0.3, False, block))
        lead = _lead_in(takeaway.text) if said is None and not rtl else 0
        for k, (x, tp, s, st) in enumerate(lines):
            lead_at = lead if k == 0 and s.startswith(takeaway.text[:lead]) else 0
            plan.lines.append(_Line(x, baseline_in(tp, body, pitch), s, style.hand, body, ink, block, st, rtl, lead_at))
        y = y2 + body * 0.15
        sub = body * 0.9
        sp = line_pitch(sub, style.leading)
        for point in takeaway.points:
            rtl = paragraph_rtl(point, style.rtl)
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


_LEAD = re.compile(r"[^:：\n]{2,40}?[:：]\s*")


def _lead_in(text: str) -> int:
    """How many characters open `text` as a lead-in a sketchnoter letters in colour: who or what before a colon
    ("Talk 1: ...", "Pete Warden, 2018: ..."), when it is under half the text and something follows it."""
    m = _LEAD.match(text)
    if not m or m.end() >= len(text) or m.end() > len(text) / 2 or "://" in text[: m.end() + 2]:
        return 0
    return m.end()


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
    rtl = paragraph_rtl(label, style.rtl)
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
    rtl = paragraph_rtl(text, style.rtl)
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
        by_rtl = paragraph_rtl(by, style.rtl)
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
