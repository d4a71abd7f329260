"""Cards drawn: a planned card (decks.plan.sketch.cardplan) painted at a position as primitives, its frame,
icon, title, lettering, bullets, links and code, with the containers a reader sees.

What a card shows lives in cardspec, how its text flows in cardflow, its layout in cardplan, its drawn shapes in
cardshapes, its tilt on the page in askew and its QR code in qrmark; the names layouts use are re-exported here.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from decks.colors import first_readable
from decks.plan.sketch.askew import askew as askew
from decks.plan.sketch.askew import tilt as tilt
from decks.plan.sketch.cardflow import _flow as _flow
from decks.plan.sketch.cardflow import _line_width
from decks.plan.sketch.cardflow import _measure as _measure
from decks.plan.sketch.cardplan import CardPlan as CardPlan
from decks.plan.sketch.cardplan import _Line
from decks.plan.sketch.cardplan import plan_card as plan_card
from decks.plan.sketch.cardshapes import (
    _band,
    _bubble,
    _bullet,
    _burst,
    _cloud,
    _icon,
    _marker,
    _roll,
    _scroll,
    _shadow,
    _sparkles,
    _swash,
    _wash,
    bullet_kind,
    icon_role,
)
from decks.plan.sketch.cardspec import CardSpec as CardSpec
from decks.plan.sketch.cardspec import item_spec as item_spec
from decks.plan.sketch.cardspec import marked as marked
from decks.plan.sketch.primitives import Color, Container, Link, Primitive, Rect, TextRun
from decks.plan.sketch.qrmark import _module as _module
from decks.plan.sketch.qrmark import _qr as _qr
from decks.plan.sketch.style import QR_SIDE, Style
from decks.text.shaping import Around, arounds, paragraph_rtl

OPEN = 0.3  # the share of plain item cards drawn without a frame (seeded by the card's key)
ROUNDED = 0.35  # the share of item cards framed as a rounded box (seeded by the card's key), not a square one
BARE = 0.8  # of the ring's diameter, the size of an icon drawn alone
RING = 0.52  # of the ring's diameter, the size of an icon drawn in it
DRIFT = 0.07  # of the size, at most, a body line sits above or below its place (lines are >1.15 sizes apart)


Role = Literal["scroll", "cloud", "open", "rounded", "box"]


def container(spec: CardSpec, style: Style) -> Role:
    """What a card is drawn in, by its role: the key takeaways on a scroll, an emphasised item in a cloud, and the
    other items, seeded by their key, some with no frame at all (an underlined title and free text: OPEN of them,
    on a page whose type did not grow),
    some in a rounded box (ROUNDED of the rest) and the others in a box with a shadow."""
    if spec.kind == "key":
        return "scroll"
    if spec.emphasis:
        return "cloud"
    rng = style.pen.rng(spec.key + ":frame")
    pick = rng.random()
    # Only on a page whose type did not grow: there the cards stand close and their text fills them; on a sparse
    # page a card stands alone in its air, and its frame says where it ends.
    if rng.random() < OPEN and style.k <= 1.0:
        return "open"
    return "rounded" if pick < ROUNDED else "box"


class Hand:
    """Where a hand starts and how it runs each body line of one card: not at one margin (each line starts a small
    seeded distance in from it, the distance wandering from line to line of a paragraph) and not level (each line
    runs a little uphill or down). Bounded so no line leaves the room its card gave it: a line moves in only as
    far as the room left at its end (beside the QR code there, if any), never into a quote's bubble or beside a
    figure's ring; a title, whose underline and link are measured, stays where it was set."""

    def __init__(self, plan: CardPlan, style: Style) -> None:
        self.plan, self.style = plan, style
        self.rng = style.pen.rng(plan.spec.key + ":margin")
        self.block = -1
        self.inset = 0.0  # of the size, where the paragraph's last line started

    def write(self, said: _Line, runs: list[TextRun], x: float, y: float) -> list[TextRun]:
        """`runs` (one lettered line of the card drawn at (x, y)) moved in from the margin and sloped."""
        plan, style, rng = self.plan, self.style, self.rng
        if not said.block or not runs or style.theme.sketch.roughness <= 0:
            return runs
        rough = min(1.0, style.theme.sketch.roughness)
        if said.block != self.block:
            self.block, self.inset = said.block, rng.uniform(0.0, INSET * 0.5)
        else:
            self.inset = min(INSET, max(0.0, self.inset + rng.uniform(-0.35, 0.5) * INSET))
        slope = rng.uniform(-SLOPE, SLOPE) * rough
        top, bottom = said.baseline - said.size, said.baseline + said.size * 0.35
        if plan.bubble and plan.bubble.y <= said.baseline <= plan.bubble.bottom + said.size:
            return runs
        if plan.burst and abs(said.baseline - plan.burst[1]) < plan.burst[3] + said.size:
            return runs
        lo, hi = style.pad, plan.width - style.pad
        if plan.qr_at and plan.spec.qr:
            side = QR_SIDE + 4 * _module(plan.spec.qr)
            qx, qy = plan.qr_at
            if top < qy + side + 2 and bottom > qy:
                if plan.mirror:
                    lo = max(lo, qx + side + style.body * 0.3)
                else:
                    hi = min(hi, qx - style.body * 0.3)
        left = min(r.x for r in runs) - x
        right = max(r.x + r.width for r in runs) - x
        move = self.inset * said.size * rough
        dx = -min(move, max(0.0, left - lo)) if said.rtl else min(move, max(0.0, hi - right))
        # The slope raises or lowers the line's end by at most SLOPE of the size against its start.
        length = max(right - left, 1.0)
        out: list[TextRun] = []
        for r in runs:
            glyphs = tuple(
                (round(gx + dx, 2), round(gy + slope * said.size * (gx - x - left) / length, 2), t, g)
                for gx, gy, t, g in r.glyphs
            )
            out.append(msgspec.structs.replace(r, x=r.x + dx, glyphs=glyphs))
        return out


INSET = 0.6  # of the size, at most, a body line starts in from its margin
SLOPE = 0.06  # of the size, at most, a body line's end sits above or below its start


def icon_drawn(plan: CardPlan, style: Style) -> tuple[float, bool]:
    """The size a card's icon glyph is drawn at (0 without one) and whether it is drawn in a ring: a ring's icon
    at RING of its diameter; an icon drawn alone (an unframed card's, which stands free as its text does, one the
    head draws alone or after the title, and an emphasised item's big doodle) at BARE of its place."""
    if plan.icon_circle is None:
        return 0.0, False
    d = plan.icon_circle[2]
    ringed = plan.spec.head == "ring" and icon_role(plan.spec) != "big" and container(plan.spec, style) != "open"
    return d * (RING if ringed else BARE), ringed


def lead_ink(spec: CardSpec, style: Style) -> Color:
    """The pen a takeaway's lead-in is lettered with: the card's colour taken toward the ink until it reads on the
    card and the paper (4.5:1); the ink itself on a page drawn in ink alone."""
    pal = style.theme.palette
    if not style.theme.sketch.fill:
        return pal.ink
    color = pal.accent if spec.kind == "key" else style.part_color(spec.part)
    return first_readable(color, pal.ink, (0.3, 0.45, 0.6, 0.75), (pal.surface, pal.background), 4.5) or pal.ink


def _depth(style: Style) -> float:
    """How deep a cloud's scallops reach into its card: less than the padding, so no cusp touches a letter."""
    return style.pad * 0.55


def _tab_width(plan: CardPlan, style: Style) -> float:
    return max((style.width(s, style.bold, style.small) for s in plan.tab_lines), default=0.0) + style.small * 1.2


def _around(lines: list[_Line], bullets: list[tuple[float, float, bool, int]]) -> list[Around]:
    """For each line, the direction of its paragraph's strong letters before and after it, which the neutral
    characters at its ends follow (decks.text.shaping.visual: "--pre" starting a line of a Hebrew takeaway stays
    with "pre"). A paragraph's lines follow one another in one block, size, face, colour and direction; a bullet
    at a line starts the next paragraph (a takeaway's points share its block)."""
    if not any(said.rtl or not said.text.isascii() for said in lines):  # no line is reordered (most pages)
        return [(None, None)] * len(lines)
    starts = {(block, round(by, 3)) for _, by, _, block in bullets}
    paras: list[list[int]] = []
    for k, said in enumerate(lines):
        prev = lines[k - 1] if k else None
        same = prev is not None and (prev.block, prev.size, prev.stack, prev.color, prev.rtl) == (
            said.block,
            said.size,
            said.stack,
            said.color,
            said.rtl,
        )
        if same and (said.block, round(said.baseline - said.size * 0.3, 3)) not in starts:
            paras[-1].append(k)
        else:
            paras.append([k])
    out: list[Around] = [(None, None)] * len(lines)
    for para in paras:
        for k, around in zip(para, arounds([lines[k].text for k in para]), strict=True):
            out[k] = around
    return out


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
        prims += _swash(tab, x + plan.width, spec.key + ":tab", color, style, x if mirror else None)
        on_tab = pal.ink
        ty = y + style.small * 0.35
        label_rtl = paragraph_rtl(spec.day_label, style.rtl)
        for line in plan.tab_lines:
            base = ty + style.small * 0.92
            lx = tab.right - style.small * 0.6 - style.width(line, style.bold, style.small) if label_rtl else None
            lx = tab.x + style.small * 0.6 if lx is None else lx  # a right-to-left label's lines flush right
            prims += style.runs(line, style.bold, lx, base, style.small, on_tab, rtl=label_rtl)
            ty += style.small * 1.2
        conts.append(Container("day", tab, spec.day_label, spec.part))
    if plan.intro:
        top = plan.intro[0].baseline - plan.intro[0].size
        bottom = plan.intro[-1].baseline + plan.intro[-1].size * 0.35
        conts.append(Container("caption", Rect(x, y + top, plan.width, bottom - top), spec.intro or "", spec.part))
        for said, around in zip(plan.intro, _around(plan.intro, []), strict=True):
            at = (x + said.x, y + said.baseline)
            prims += style.runs(said.text, said.stack, *at, said.size, said.color, rtl=said.rtl, around=around)
    width = style.theme.sketch.stroke * (1.5 if spec.kind == "key" else 1.0)
    role = container(spec, style)
    if role == "scroll":
        prims += _scroll(frame, _roll(style), spec.key, color, fill, width, style, mirror)
    elif role == "cloud":
        prims += _cloud(frame, _depth(style), spec.key, color, style, width, mirror)
    elif role == "open":
        pass  # no frame: the title's underline runs across the card (below) and the text stands free
    elif role == "rounded":
        # Not every box alike: some items are drawn as a rounded box in one stroke, without a shadow.
        prims += _wash(frame, spec.key, fill, style) if fill else []
        prims += pen.rounded(frame, style.pad * 1.1, spec.key, color, None, width)
    else:
        prims += _shadow(frame, spec.key, style)
        prims += _wash(frame, spec.key, fill, style) if fill else []
        prims += pen.rect(frame, spec.key, color, None, width)
    if plan.icon_circle:
        cx, cy, d = plan.icon_circle
        size, ringed = icon_drawn(plan, style)
        if icon_role(spec) == "big":
            # An emphasised item's big doodle stands over its frame on a patch of paper, which breaks the frame's
            # line under it as a pen lifts where a doodle was drawn first.
            prims += pen.ellipse(x + cx, y + cy, d * 0.47, d * 0.47, spec.key + ":icon", None, pal.background)
        elif ringed:
            prims += pen.ellipse(x + cx, y + cy, d / 2, d / 2, spec.key + ":icon", color, pal.background)
        prims += _icon(spec.icon, x + cx, y + cy, size, spec.key + ":glyph", color, style)
    if plan.title_box and (spec.emphasis or spec.kind == "key"):
        tb = plan.title_box
        right = x + plan.width - style.pad * 0.5
        left = x + style.pad * 0.5 if mirror else None
        box = Rect(x + tb.x, y + tb.y, tb.w, tb.h)
        prims += _marker(box, spec.key, color, style, spec.kind == "key", right, left)
    elif plan.title_box and spec.head == "band":
        # A band behind each line of the title, as a highlighter is swept along each.
        lo, hi = max(plan.underline_room[0], style.pad * 0.5), min(plan.underline_room[1], plan.width - style.pad * 0.5)
        for n, said in enumerate(s for s in plan.lines if not s.block):
            w = _line_width(said.text, said.stack, said.size, said.styles, style)
            box = Rect(x + said.x, y + said.baseline - said.size * 0.92, w, said.size * 1.18)
            prims += _band(box, x + lo, x + hi, f"{spec.key}:{n}", color, style)
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
    hand = Hand(plan, style)
    for said, around in zip(plan.lines, _around(plan.lines, plan.bullets), strict=True):
        # A hand does not keep an exact line pitch: each body line sits a little high or low (seeded), never by
        # enough that two lines touch; the title keeps its place over its underline.
        dy = drift.uniform(-DRIFT, DRIFT) * said.size if said.block else 0.0
        if said.lead:  # a takeaway's lead-in in the card's colour, the rest of the line after it in ink
            head, rest = said.text[: said.lead], said.text[said.lead :]
            after = x + said.x + said.stack.width(head, said.size)
            runs = style.runs(head, said.stack, x + said.x, y + said.baseline + dy, said.size, lead_ink(spec, style))
            runs += style.runs(rest, said.stack, after, y + said.baseline + dy, said.size, said.color) if rest else []
        else:
            at = (x + said.x, y + said.baseline + dy)
            runs = style.styled_runs(said.text, said.styles, said.stack, *at, said.size, said.color, said.rtl, around)
        prims += hand.write(said, runs, x, y)
    if plan.underline and (spec.head != "band" or role == "open" or spec.emphasis or spec.kind == "key"):
        # A title on a band needs no underline too, but on an unframed card the underline is its frame.
        x0, x1, uy = plan.underline
        stroke = style.theme.sketch.stroke
        if role == "open":  # the card's only frame: a heavier stroke across its width, clear of the icon
            lo, hi = (
                max(plan.underline_room[0], style.pad * 0.5),
                min(plan.underline_room[1], plan.width - style.pad * 0.5),
            )
            x0, x1 = (min(x0, lo), x1) if mirror else (x0, max(x1, hi))
            stroke *= 1.8
        prims.append(pen.line((x + x0, y + uy), (x + x1, y + uy), spec.key + ":ul", color, stroke))

    if (spec.kind == "key" or spec.emphasis) and plan.icon_circle and plan.title_box:
        # What matters most gets a doodle: sparkles by the key takeaways' title and an emphasised item's, in the
        # room after it (right of it; left of a mirrored one), if there is some: they never touch the lettering.
        _, cy, d = plan.icon_circle
        least = d * 0.4
        if icon_role(spec) == "big":
            # Beside a big doodle the caption flows close under the title: the sparkles keep to the title's lines.
            tb = plan.title_box
            cy, d = tb.y + tb.h / 2, min(d, max(tb.h, style.heading * 1.6))
            least = style.heading * 0.8
        # Smaller where the title (and its cross-hatching, or its pennant's tail, which reach past it) is long.
        room = plan.title_box.x - style.pad if mirror else plan.width - style.pad - plan.title_box.right
        room -= style.heading * (0.0 if spec.kind == "key" else 1.1)
        d = min(d, (room - style.heading * 0.25) / 1.1)
        if d >= least:
            sx = x + style.pad + d * 0.3 if mirror else x + plan.width - style.pad - d * 0.3
            prims += _sparkles(sx, y + cy - d * 0.25, d, spec.key, color, style, mirror)
    shape = bullet_kind(spec.key, spec.kind, spec.emphasis, style)
    rtl_blocks = {said.block for said in plan.lines if said.rtl}
    for bx, by, sub, block in plan.bullets:
        if sub and shape == "dash":  # a dash already marks the takeaways: their points hang from small dots
            prims.append(pen.dot(x + bx, y + by, style.body * 0.09, f"{spec.key}:b{bx}{by}", color))
        elif sub:
            prims.append(pen.line((x + bx - 1.6, y + by), (x + bx + 1.8, y + by), f"{spec.key}:b{bx}{by}", color, 0.9))
        else:
            r = style.body * 0.16
            prims += _bullet(shape, x + bx, y + by, r, f"{spec.key}:b{by}", color, style, block in rtl_blocks)
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
