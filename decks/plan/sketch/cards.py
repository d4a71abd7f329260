"""Cards drawn: a planned card (decks.plan.sketch.cardplan) painted at a position as primitives, its frame,
icon, title, lettering, bullets, links and code, with the containers a reader sees.

What a card shows lives in cardspec, how its text flows in cardflow, its layout in cardplan, its drawn shapes in
cardshapes, its tilt on the page in askew and its QR code in qrmark; the names layouts use are re-exported here.
"""

from __future__ import annotations

from decks.plan.sketch.askew import askew as askew
from decks.plan.sketch.askew import tilt as tilt
from decks.plan.sketch.cardflow import _flow as _flow
from decks.plan.sketch.cardflow import _measure as _measure
from decks.plan.sketch.cardplan import CardPlan as CardPlan
from decks.plan.sketch.cardplan import plan_card as plan_card
from decks.plan.sketch.cardshapes import _bubble, _burst, _flag, _icon, _marker, _roll, _scroll, _shadow, _sparkles
from decks.plan.sketch.cardspec import CardSpec as CardSpec
from decks.plan.sketch.cardspec import item_spec as item_spec
from decks.plan.sketch.cardspec import marked as marked
from decks.plan.sketch.primitives import Container, Link, Primitive, Rect
from decks.plan.sketch.qrmark import _module as _module
from decks.plan.sketch.qrmark import _qr as _qr
from decks.plan.sketch.style import QR_SIDE, Style
from decks.text.shaping import base_rtl

ROUNDED = 0.35  # the share of item cards framed as a rounded box (seeded by the card's key), not a square one
DRIFT = 0.07  # of the size, at most, a body line sits above or below its place (lines are >1.15 sizes apart)


def _tab_width(plan: CardPlan, style: Style) -> float:
    return max((style.width(s, style.bold, style.small) for s in plan.tab_lines), default=0.0) + style.small * 1.2


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
