"""The page's frame around the cards: the title banner across the top and the footer along the bottom."""

from __future__ import annotations

import math
from collections.abc import Callable

import msgspec

from decks.colors import mix
from decks.model import Recap
from decks.plan.icons import CREDIT
from decks.plan.sketch.primitives import Container, Link, Path, Primitive, Rect
from decks.plan.sketch.style import Style, baseline_in, labels
from decks.text.breaking import break_lines
from decks.text.fitting import WIDTH_SAFETY
from decks.text.headings import heading_lines

JOINER = "  ·  "  # between the banner's small bits: dates, place, presenter


def banner_lines(recap: Recap) -> tuple[str, str]:
    """The banner's big line (the event) and its small line (dates, place, presenter)."""
    event, t = recap.event, labels(recap.language)
    big = recap.event_name
    bits = []
    if event:
        bits += [t.format_dates(event.start, event.end), t.place(event)]
    who = recap.presenter
    if who:
        name = t.gettext("{name}, {role}").format(name=who.name, role=who.role) if who.role else who.name
        handle = next((h.handle for h in who.handles), None)
        if handle:
            name = t.gettext("{name} ({handle})").format(name=name, handle=handle)
        bits.append(t.gettext("Recap by {presenter}").format(presenter=name))
    return big, JOINER.join(b for b in bits if b)


class Chrome(msgspec.Struct):
    banner_h: float
    footer_h: float
    big: list[str]
    small: list[str]
    footer: list[str]
    note: list[str] = msgspec.field(default_factory=list)  # what an abridged page leaves out, lettered in ink
    closing: list[str] = msgspec.field(default_factory=list)  # the closing line, lettered above the footer
    note_url: str | None = None  # the source post (where the full recap is): a QR code at the footer's right
    sign: str = ""  # the presenter's handle (or name), lettered under their drawn figure at the footer's right
    sign_w: float = 0.0  # the width the figure and its name take


def signature(recap: Recap) -> str:
    """What the presenter signs with: their first handle, else their name."""
    who = recap.presenter
    if not who:
        return ""
    return next((h.handle for h in who.handles), None) or who.name


def figure_height(style: Style) -> float:
    return style.small * 3.4


def plan_chrome(
    recap: Recap, style: Style, width: float, note: str | None = None, note_url: str | None = None
) -> Chrome:
    big_text, small_text = banner_lines(recap)
    inner = (width - 2 * style.banner * 0.9) * WIDTH_SAFETY
    # Broken as a designer breaks a heading: at phrases, lines of about equal width, no lone last word.
    big = heading_lines(big_text, lambda s: style.bold.width(s, style.banner), inner, recap.language)
    small = bits_lines(small_text, inner, lambda s: style.hand.width(s, style.heading), recap.language)
    banner_h = (
        style.banner * 0.45 + len(big) * style.banner * 1.1 + len(small) * style.heading * 1.25 + style.banner * 0.35
    )
    foot = footer_text(recap)
    from decks.plan.sketch.qr import encodable

    note_url = note_url if encodable(note_url) else None  # a link too long for a code: the note stands alone
    room = width - (_qr_side(note_url) + style.gap if note_url else 0.0)
    sign = signature(recap)
    sign_w = 0.0
    if sign:
        # A signature no wider than a third of the page: a long name is lettered on more lines (see draw_footer).
        sign_w = min(style.hand.width(sign, style.small) / WIDTH_SAFETY, width / 3)
        sign_w = max(sign_w, figure_height(style) * 0.8) + style.gap
        room -= sign_w
    footer = break_lines(foot, room * WIDTH_SAFETY, lambda s: style.hand.width(s, style.small))
    lines = break_lines(note, room * WIDTH_SAFETY, lambda s: style.bold.width(s, style.small)) if note else []
    closing = []
    if recap.closing and style.captions:
        closing = break_lines(recap.closing, room * WIDTH_SAFETY, lambda s: style.hand.width(s, closing_size(style)))
    footer_h = (len(footer) + len(lines)) * style.small * 1.25 + len(closing) * closing_size(style) * 1.25 + 2
    if note_url:
        footer_h = max(footer_h, _qr_side(note_url) + 2)
    if sign:
        sign_lines = break_lines(sign, (sign_w - style.gap) * WIDTH_SAFETY, lambda s: style.hand.width(s, style.small))
        footer_h = max(footer_h, figure_height(style) + len(sign_lines) * style.small * 1.2 + 2)
    return Chrome(banner_h, footer_h, big, small, footer, lines, closing, note_url, sign, sign_w)


def bits_lines(text: str, width: float, measure: Callable[[str], float], language: str | None = None) -> list[str]:
    """Dates, place and presenter: whole bits per line where they fit, so no line starts with a '·'; a bit wider
    than a line is broken as a heading is (at phrases, balanced)."""
    lines: list[str] = []
    for bit in (b.strip() for b in text.split(JOINER)):
        if not bit:
            continue
        if lines and measure(lines[-1] + JOINER + bit) <= width:
            lines[-1] += JOINER + bit
        else:
            lines += heading_lines(bit, measure, width, language)
    return lines


def closing_size(style: Style) -> float:
    """The closing line's lettering: between the body and the footer's."""
    return max(style.small, style.body * 0.95)


def _qr_side(url: str | None) -> float:
    from decks.plan.sketch import qr
    from decks.plan.sketch.style import QR_SIDE

    return QR_SIDE + 4 * QR_SIDE / qr.size(url) if url else 0.0


def footer_text(recap: Recap) -> str:
    bits = []
    t = labels(recap.language)
    if recap.source:
        source = t.gettext("Source: {title}").format(title=t.link_text(recap.source))
        bits.append(f"{source} — {recap.source.url}")
    if recap.event and recap.event.hashtag:
        bits.append(recap.event.hashtag)
    bits.append(t.gettext("Icons: {credit}").format(credit=CREDIT))
    return "   ·   ".join(bits)


def centred_lettering(
    style: Style,
    big: list[str] | tuple[str, ...],
    big_size: float,
    small: list[str] | tuple[str, ...],
    small_size: float,
    cx: float,
    top: float,
    color: str,
) -> list[Primitive]:
    """Lines centred on `cx` from `top` down: `big` in bold lettering, then `small` in the hand (banner, hub)."""
    out: list[Primitive] = []
    y = top
    for lines, face, size, leading in ((big, style.bold, big_size, 1.1), (small, style.hand, small_size, 1.25)):
        for line in lines:
            pitch = size * leading
            out += style.runs(line, face, cx - face.width(line, size) / 2, baseline_in(y, size, pitch), size, color)
            y += pitch
    return out


def draw_banner(recap: Recap, chrome: Chrome, style: Style, area: Rect) -> tuple[list[Primitive], list[Container]]:
    """A ribbon across the top: an accent-filled rough box with folded tails, lettered in the banner size."""
    pal = style.theme.palette
    pen = style.pen
    r = Rect(area.x, area.y, area.w, chrome.banner_h)
    tail = min(14.0, style.banner * 0.6)
    prims: list[Primitive] = []
    # Folded tails behind the ribbon's ends, in a darker shade: the classic sketchnote title ribbon.
    shade = mix(pal.accent, pal.ink, 0.45)
    filled = style.theme.sketch.fill  # a fill-free theme (ink) outlines and hatches instead: it photocopies
    for side, x0 in ((-1, r.x), (1, r.right)):
        inner_x = x0 - side * (tail + 8)
        notch = x0 - side * tail * 0.45
        mid = r.y + tail * 0.6 + (r.h - tail * 0.6) / 2
        pts = ((x0, r.y + tail * 0.6), (inner_x, r.y + tail * 0.6), (inner_x, r.bottom), (x0, r.bottom), (notch, mid))
        if not filled:
            prims += style.pen.hatch(list(pts), f"banner:tail{side}", pal.muted, 3.2, 0.6)
        prims.append(
            Path(pts, stroke=pal.ink, width=style.theme.sketch.stroke, fill=shade if filled else None, closed=True)
        )
    body = Rect(r.x + tail, r.y, r.w - 2 * tail, r.h - tail * 0.6)
    prims += pen.rect(
        body, "banner", pal.ink, pal.accent if filled else pal.background, style.theme.sketch.stroke * 1.3
    )
    if not filled:
        inset = Rect(body.x + 2.5, body.y + 2.5, body.w - 5, body.h - 5)
        prims += pen.rect(inset, "banner:in", pal.ink, None, style.theme.sketch.stroke * 0.7)
    y = body.y + style.banner * 0.35
    prims += centred_lettering(
        style,
        chrome.big,
        style.banner,
        chrome.small,
        style.heading,
        body.x + body.w / 2,
        y,
        pal.on_accent if filled else pal.ink,
    )
    if recap.event and recap.event.url:
        prims.append(Link(body, recap.event.url))
    return prims, [Container("banner", r, recap.event_name)]


def draw_footer(recap: Recap, chrome: Chrome, style: Style, area: Rect) -> tuple[list[Primitive], list[Container]]:
    pal = style.theme.palette
    top = area.bottom - chrome.footer_h
    r = Rect(area.x, top, area.w, chrome.footer_h)
    prims: list[Primitive] = []
    y = top + 2
    size = closing_size(style)
    for line in chrome.closing:
        prims += style.runs(line, style.hand, area.x, baseline_in(y, size, size * 1.25), size, pal.ink)
        y += size * 1.25
    pitch = style.small * 1.25
    for line in chrome.note:
        prims += style.runs(line, style.bold, area.x, baseline_in(y, style.small, pitch), style.small, pal.ink)
        y += pitch
    for line in chrome.footer:
        prims += style.runs(line, style.hand, area.x, baseline_in(y, style.small, pitch), style.small, pal.muted)
        y += pitch
    conts: list[Container] = []
    if chrome.sign:
        right = area.right - (_qr_side(chrome.note_url) + style.gap if chrome.note_url else 0.0)
        prims += _presenter(chrome, style, right - chrome.sign_w / 2, top + 1)
        conts.append(
            Container("presenter", Rect(right - chrome.sign_w, top, chrome.sign_w, chrome.footer_h), chrome.sign)
        )
    if chrome.note_url:
        from decks.plan.sketch.cards import _qr

        side = _qr_side(chrome.note_url)
        qx, qy = area.right - side, area.bottom - side
        prims += _qr(chrome.note_url, qx, qy, pal.background, pal.ink)
        prims.append(Link(Rect(qx, qy, side, side), chrome.note_url))
    if recap.source:
        prims.append(Link(r, recap.source.url))
    return prims, [Container("footer", r, "footer"), *conts]


def _presenter(chrome: Chrome, style: Style, cx: float, top: float) -> list[Primitive]:
    """The presenter as a sketchnoter draws themself signing a page: a small waving figure, their handle under it."""
    pal = style.theme.palette
    pen = style.pen
    h = figure_height(style)
    w = max(0.8, style.theme.sketch.stroke * 0.9)
    head = (cx, top + h * 0.15)
    neck, hip, shoulder = (cx, top + h * 0.3), (cx, top + h * 0.64), (cx, top + h * 0.38)
    out: list[Primitive] = [*pen.ellipse(head[0], head[1], h * 0.13, h * 0.14, "me:head", pal.ink, None, w)]
    strokes = [
        (neck, hip),
        (shoulder, (cx - h * 0.24, top + h * 0.55)),  # an arm down
        (shoulder, (cx + h * 0.2, top + h * 0.16)),  # an arm up, waving
        (hip, (cx - h * 0.15, top + h * 0.97)),
        (hip, (cx + h * 0.15, top + h * 0.97)),
    ]
    out += [pen.line(a, b, f"me:{n}", pal.ink, w) for n, (a, b) in enumerate(strokes)]
    # A smile: three points on an arc under the eyes.
    r = h * 0.07
    smile = [(head[0] + r * math.cos(t), head[1] + h * 0.01 + r * 0.8 * math.sin(t)) for t in (0.5, 1.57, 2.64)]
    out.append(Path(tuple(pen.curve_points(smile, "me:smile")), stroke=pal.ink, width=w * 0.7))
    size = style.small
    lines = break_lines(chrome.sign, (chrome.sign_w - style.gap) * WIDTH_SAFETY, lambda s: style.hand.width(s, size))
    y = top + h + 1
    for line in lines:
        out += style.runs(line, style.hand, cx - style.hand.width(line, size) / 2, y + size * 0.9, size, pal.ink)
        y += size * 1.2
    return out
