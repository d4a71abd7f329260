"""The page's frame around the cards: the title banner across the top and the footer along the bottom.

On a page that reads right to left (`Style.rtl`: the recap's language is written so) the frame is mirrored as
the cards are (decks.plan.sketch.mirror): the banner's column of dates, place and presenter stands left of the
title, the footer's lines are set flush right, and the presenter's figure and the source's QR code sit at the
left; every line's base direction is right to left, so one that starts with a Latin name still reads from the
right (decks.text.shaping.paragraph_rtl)."""

from __future__ import annotations

import math
from collections.abc import Callable

import msgspec

from decks.colors import mix, relative_luminance
from decks.model import Recap
from decks.plan.icons import CREDIT
from decks.plan.sketch.lettering import STEADY
from decks.plan.sketch.primitives import Container, Link, Path, Point, Primitive, Rect, TextRun
from decks.plan.sketch.rough import Pen
from decks.plan.sketch.style import Style, baseline_in, labels
from decks.text.breaking import break_lines
from decks.text.fallback import FontStack
from decks.text.fitting import WIDTH_SAFETY, largest_fitting, size_steps
from decks.text.headings import heading_lines
from decks.text.shaping import Around, arounds

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
    sign_lines: list[str] = msgspec.field(default_factory=list)  # the signature broken at its spaces only
    sign_size: float = 0.0  # and lettered at this size (smaller than the footer's when a word is wide)
    title_size: float = 0.0  # the banner's big lettering (plan_title)
    column: float = 0.0  # the width of the small lines' column beside the title (0: they go under it)
    small_size: float = 0.0  # the small lines' lettering


def signature(recap: Recap) -> str:
    """What the presenter signs with: their first handle, else their name."""
    who = recap.presenter
    if not who:
        return ""
    return next((h.handle for h in who.handles), None) or who.name


def figure_height(style: Style) -> float:
    return style.small * 3.4


def plan_chrome(
    recap: Recap,
    style: Style,
    width: float,
    note: str | None = None,
    note_url: str | None = None,
    title: Title | None = None,
) -> Chrome:
    """The banner and the footer at `style`'s sizes; `title`: the banner's lettering, when it is planned already
    (`plan_title` of the same recap, style sizes and width: a size search's tries at one size share it)."""
    title = plan_title(recap, style, width) if title is None else title
    big, small, banner_h = title.big, title.small, title.height
    foot = footer_text(recap)
    from decks.plan.sketch.qr import encodable

    note_url = note_url if encodable(note_url) else None  # a link too long for a code: the note stands alone
    room = width - (_qr_side(note_url) + style.gap if note_url else 0.0)
    sign = signature(recap)
    sign_w, sign_size = 0.0, style.small
    sign_lines: list[str] = []
    if sign:
        # A signature no wider than a third of the page: a long name is lettered on more lines, never cut inside a
        # word (see signature_lines).
        sign_lines, sign_size = signature_lines(sign, style, width / 3)
        sign_w = max(style.hand.width(line, sign_size) for line in sign_lines) / WIDTH_SAFETY
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
        footer_h = max(footer_h, figure_height(style) + len(sign_lines) * sign_size * 1.2 + 2)
    return Chrome(
        banner_h,
        footer_h,
        big,
        small,
        footer,
        lines,
        closing,
        note_url,
        sign,
        sign_w,
        sign_lines,
        sign_size,
        title.size,
        title.column,
        title.small_size,
    )


class Title(msgspec.Struct, frozen=True):
    """The banner's lettering: the title's lines at `size`, the small lines (dates, place, presenter) under it or,
    with a `column` width, in a column beside it; `height` the banner's, its air included."""

    size: float
    big: list[str]
    small: list[str]
    column: float
    height: float
    small_size: float


def banner_air(style: Style, size: float) -> float:
    """The banner's height besides its lettering: the ribbon's arch and its tails' drop (draw_banner), and a tenth
    of the title's size above and below the lettering."""
    return arch(style, size) + _drop(size) + 0.2 * size


def _drop(size: float) -> float:
    """How far below the band's ends the ribbon's tails reach."""
    return min(_tail(size) * 0.55, size * 0.22)


def _tail(size: float) -> float:
    """How far a tail reaches out past the band's end."""
    return min(20.0, size * 0.72)


def plan_title(recap: Recap, style: Style, width: float) -> Title:
    """The banner's lettering, as a sketchnoter letters a title: the biggest thing on the page, as big as the
    banner's room and the page's width allow. The room is the band the page's fitting gives the banner: the
    height of the title at the style's banner size with the small lines under it, so the cards keep theirs at
    every step of the search. In it the title grows, up to the banner's ceiling for the sheet (style.CEILING),
    with the small lines under it or, where that lets it grow more, in a column beside it (a long line of dates,
    place and presenter under a title costs the height the title could have)."""
    from decks.plan.sketch.style import CEILING

    big_text, small_text = banner_lines(recap)
    b, h = style.banner, style.heading

    def inner(size: float) -> float:
        return (width - 2 * size * 0.9) * WIDTH_SAFETY

    def big_at(size: float, room: float) -> list[str]:
        # Broken as a designer breaks a heading: at phrases, lines of about equal width, no lone last word.
        return heading_lines(big_text, lambda s: style.bold.width(s, size), room, recap.language)

    def smalls(room: float, size: float = h) -> list[str]:
        measure = lambda s: style.hand.width(s, size)  # noqa: E731
        return bits_lines(small_text, room, measure, recap.language) if small_text else []

    # The room: the banner as it stands at the page's scale, the small lines under the title (with the air it
    # was planned with before the title grew, which the cards' search was tuned to).
    big, small = big_at(b, inner(b)), smalls(inner(b))
    room = b * 0.8 + len(big) * b * 1.1 + len(small) * h * 1.25
    sizes = size_steps(max(b, CEILING["banner"] * style.reach), b, 0.5)
    best = Title(b, big, small, 0.0, banner_air(style, b) + len(big) * b * 1.1 + len(small) * h * 1.25, h)

    def under(size: float) -> tuple[float, Title]:
        lines, below = big_at(size, inner(size)), smalls(inner(size))
        height = banner_air(style, size) + len(lines) * size * 1.1 + len(below) * h * 1.25
        return height / room, Title(size, lines, below, 0.0, height, h)

    found = largest_fitting(sizes, under)
    if found is not None and found[1].size > best.size:
        best = found[1]
    if small_text:
        # Beside the title the small lines are lettered as the footer is, a level under the cards' titles: a column
        # of them at the titles' size would be as tall as the title could be.
        side_size = style.small
        full = style.hand.width(small_text, side_size)
        for count in (2, 3, 4):  # the small lines in a column of 2, 3 or 4 lines beside the title
            column = full / count * 1.15 / WIDTH_SAFETY

            def beside(size: float, column: float = column) -> tuple[float, Title]:
                gap = size * 0.6
                rest = inner(size) - (column + gap) * WIDTH_SAFETY
                if rest < inner(size) * 0.45:  # the title keeps at least about half the banner
                    return math.inf, Title(size, [], [], column, math.inf, side_size)
                lines, side = big_at(size, rest), smalls(column * WIDTH_SAFETY, side_size)
                if len(side) > 4:  # more would be a paragraph, not a title's small print
                    return math.inf, Title(size, [], [], column, math.inf, side_size)
                # A column taller than the title keeps the air a title would have from the ribbon's edges.
                height = banner_air(style, size) + max(
                    len(lines) * size * 1.1, len(side) * side_size * 1.25 + side_size * 0.5
                )
                return height / room, Title(size, lines, side, column, height, side_size)

            found = largest_fitting(sizes, beside)
            if found is not None and found[1].size > best.size:
                best = found[1]
    return best


ELLIPSIS = "\u2026"


def signature_lines(sign: str, style: Style, most: float) -> tuple[list[str], float]:
    """The signature's lines and their size, in at most `most` points of width: broken only at its spaces, as a
    hand writes a name, for a handle or a link cut inside ("@margaretm" / "z") no longer says who signed. A word
    wider than that is lettered smaller, down to the smallest lettering the page allows, and only past that
    shortened with an ellipsis."""
    size = style.small
    fits = most * WIDTH_SAFETY
    words = sign.split() or [sign]
    widest = max(style.hand.width(w, size) for w in words)
    if widest > fits:
        size = max(style.theme.sizes.sketch.floor, style.least, size * fits / widest)
    lines: list[str] = []
    for word in words:
        if lines and style.hand.width(lines[-1] + " " + word, size) <= fits:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return [_shortened(line, lambda s: style.hand.width(s, size) <= fits) for line in lines], size


def _shortened(word: str, fits: Callable[[str], bool]) -> str:
    """`word` cut at its end, with an ellipsis, to the longest start that fits (whole when it does)."""
    if fits(word):
        return word
    keep = len(word) - 1
    while keep > 1 and not fits(word[:keep] + ELLIPSIS):
        keep -= 1
    return word[:keep] + ELLIPSIS


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
    bend: Callable[[float, float], tuple[float, float]] | None = None,
) -> list[Primitive]:
    """Lines centred on `cx` from `top` down: `big` in bold lettering, then `small` in the hand (banner, hub).
    `bend(x, size)`: how far down (points) and how much turned (degrees, clockwise) lettering of `size` is at
    `x`, as on a ribbon that arches; each letter follows it (a run set whole moves by its middle's)."""
    out: list[Primitive] = []
    y = top
    rtl = style.rtl or None  # a right-to-left page's lines read from the right; elsewhere each line's own
    for lines, face, size, leading in ((big, style.bold, big_size, 1.1), (small, style.hand, small_size, 1.25)):
        for line, around in zip(lines, arounds(lines), strict=True):
            pitch = size * leading
            x = cx - face.width(line, size) / 2
            runs = style.runs(line, face, x, baseline_in(y, size, pitch), size, color, rtl=rtl, around=around)
            out += [_bent(run, bend) for run in runs] if bend else runs
            y += pitch
    return out


def _bent(run: TextRun, bend: Callable[[float, float], tuple[float, float]]) -> TextRun:
    """`run` following `bend`: each letter lowered and turned by it where it stands."""
    if not run.glyphs:
        return msgspec.structs.replace(run, y=round(run.y + bend(run.x + run.width / 2, run.size)[0], 2))
    glyphs = []
    for gx, gy, tilt, grow in run.glyphs:
        down, turn = bend(gx, run.size)
        glyphs.append((gx, round(gy + down, 2), round(tilt + turn, 2), grow))
    return msgspec.structs.replace(run, glyphs=tuple(glyphs))


BOUNCE = 0.035  # of the size, at most, a banner letter sits above or below the arch: lettering that bounces


def arch(style: Style, size: float | None = None) -> float:
    """How much lower the title ribbon's ends hang than its middle (points), for a title lettered at `size`
    (default: the style's banner size): the ribbon arches as a hand draws one, and its lettering follows it."""
    size = style.banner if size is None else size
    return 0.0 if style.theme.sketch.roughness <= 0 else min(size * 0.25, 9.0)


def draw_banner(recap: Recap, chrome: Chrome, style: Style, area: Rect) -> tuple[list[Primitive], list[Container]]:
    """The title on a ribbon across the top, as a sketchnoter letters one: a band that arches (its ends lower
    than its middle) with folded tails behind its ends, drawn in strokes that run past its corners and go over
    again, on a shadow a little below and to the right; its fill laid a little off the outline, as a marker
    misses the lines. The lettering follows the arch. A fill-free theme (ink) outlines the band twice and
    hatches the shadow and the tails: it photocopies."""
    pal = style.theme.palette
    pen = style.pen
    r = Rect(area.x, area.y, area.w, chrome.banner_h)
    b = chrome.title_size or style.banner
    tail = _tail(b)
    sag = arch(style, b)
    stroke = style.theme.sketch.stroke
    filled = style.theme.sketch.fill
    x0, x1 = r.x + tail, r.right - tail
    drop = _drop(b)
    # The band's height, the same all along it. The chrome planned the lettering with air above and below it;
    # the lettering starts higher here than on a flat banner, so that air holds the arch and the tails' drop.
    band = r.h - drop - sag
    small_size = chrome.small_size or style.heading
    big_h, small_h = len(chrome.big) * b * 1.1, len(chrome.small) * small_size * 1.25
    lettered = max(big_h, small_h) if chrome.column else big_h + small_h

    def top(x: float) -> float:
        t = min(1.0, max(0.0, (x - x0) / (x1 - x0)))
        return r.y + sag * (1.0 - math.sin(math.pi * t))

    phase = pen.rng("banner:bounce").uniform(0, 2 * math.pi)

    def bend(x: float, size: float) -> tuple[float, float]:
        """The arch at `x`, and a hand's bounce on it: letters a little up and down and turned this way and that,
        in a wave about two letters long (on top of each letter's own variation, decks.plan.sketch.lettering)."""
        t = min(1.0, max(0.0, (x - x0) / (x1 - x0)))
        slope = -sag * math.pi / (x1 - x0) * math.cos(math.pi * t)
        wave = phase + x / (size * 0.19)  # a period of ~1.2 sizes: about two letters
        bounce = BOUNCE * min(size, STEADY) * math.sin(wave)  # points, bounded as a letter's own rise is
        return top(x) - r.y + bounce, math.degrees(math.atan(slope)) + 2.0 * math.cos(wave)

    n = max(8, int((x1 - x0) / 40))
    xs = [x0 + (x1 - x0) * i / n for i in range(n + 1)]
    upper = [(x, top(x)) for x in xs]
    lower = [(x, top(x) + band) for x in xs]
    prims: list[Primitive] = []
    # Tails behind the band's ends, lower, with a V cut in their ends, and a fold where the band turns under
    # into each: the classic sketchnote title ribbon, in a darker shade (hatched on a fill-free page).
    dark = min(pal.ink, pal.background, key=relative_luminance)  # a shadow darkens, on a dark board too
    shade = mix(pal.accent, dark, 0.45)
    fold = mix(pal.accent, dark, 0.7)
    for side, xe in ((-1, x0), (1, x1)):
        end_top, bottom = top(xe) + drop, top(xe) + band + drop  # bottom: r.bottom
        outer, inner = xe + side * tail, xe - side * drop
        notch = (outer - side * tail * 0.5, (end_top + bottom) / 2)
        pts = [(xe, end_top), (outer, end_top), notch, (outer, bottom), (inner, bottom)]
        if not filled:
            prims += pen.hatch(pts, f"banner:tail{side}", pal.muted, 3.2, 0.6)
        prims += _outline(pts, f"banner:tail{side}", pal.ink, shade if filled else None, stroke, pen)
        crease = [(xe, bottom - drop), (inner, bottom), (xe, bottom)]
        if filled:
            prims.append(Path(tuple(crease), fill=fold, closed=True))
        prims.append(pen.line(crease[0], crease[1], f"banner:fold{side}", pal.ink, stroke * 0.8))
    # The shadow: the band again, a little lower and to the right, in the shade (hatched on a fill-free page).
    off = min(3.5, b * 0.15, drop + sag)
    shadow = [(x + off, y + off) for x, y in [*upper, *reversed(lower)]]
    if filled:
        prims.append(Path(tuple(shadow), fill=shade, closed=True))
    else:
        prims += pen.hatch(shadow, "banner:shadow", pal.muted, 2.6, 0.55, angle=-math.pi / 4)
    # The fill, laid a little off the outline (a marker never quite meets the lines), then the outline, its
    # strokes running past the corners and gone over again.
    rng = pen.rng("banner:fill")
    rough = min(1.0, style.theme.sketch.roughness)
    miss = (rng.uniform(0.5, 1.3) * rough, rng.uniform(0.4, 1.0) * rough)
    body = [(x + miss[0], y + miss[1]) for x, y in [*upper, *reversed(lower)]]
    prims.append(Path(tuple(body), fill=pal.accent if filled else pal.background, closed=True))
    if filled and rough > 0:
        prims += _streaks(upper, band, miss, mix(pal.accent, dark, 0.14), pen)
    prims += _band(upper, lower, "banner", pal.ink, stroke * 1.3, pen)
    ink = pal.on_accent if filled else pal.ink
    top_at = r.y + max(b * 0.1, (band - lettered) / 2)  # centred in the band's middle
    if chrome.column:
        # The title on the left, the small lines in a column on the right, each centred in the band's height (on
        # a right-to-left page the title on the right, where reading starts, and the column on the left).
        width = r.w - 2 * b * 0.9
        left, right = r.x + (r.w - width) / 2, r.x + (r.w + width) / 2
        gap = b * 0.6
        if style.rtl:
            title_cx, column_cx = (left + chrome.column + gap + right) / 2, left + chrome.column / 2
        else:
            title_cx, column_cx = (left + right - chrome.column - gap) / 2, right - chrome.column / 2
        prims += centred_lettering(
            style, chrome.big, b, [], small_size, title_cx, top_at + (lettered - big_h) / 2, ink, bend if sag else None
        )
        prims += centred_lettering(
            style,
            [],
            b,
            chrome.small,
            small_size,
            column_cx,
            top_at + (lettered - small_h) / 2,
            ink,
            # The column stands where the arch is steepest: its lines are lowered with the ribbon there but not
            # turned letter by letter, so a reader (and pdftotext) still reads each line as one.
            (lambda _x, _size: (top(column_cx) - r.y, 0.0)) if sag else None,
        )
    else:
        prims += centred_lettering(
            style, chrome.big, b, chrome.small, small_size, (x0 + x1) / 2, top_at, ink, bend if sag else None
        )
    if recap.event and recap.event.url:
        prims.append(Link(Rect(x0, r.y, x1 - x0, band + sag), recap.event.url))
    return prims, [Container("banner", r, recap.event_name)]


def _streaks(upper: list[Point], band: float, miss: tuple[float, float], color: str, pen: Pen) -> list[Primitive]:
    """The marker's passes along the band, as colour laid in by hand shows where one stroke overlaps the next:
    a few long strokes a shade darker, following the arch, each at its own height inside the band."""
    rng = pen.rng("banner:streaks")
    out: list[Primitive] = []
    width = band * 0.07
    for n, at in enumerate((0.22, 0.5, 0.78)):
        down = band * (at + rng.uniform(-0.06, 0.06))
        start, end = rng.uniform(0.0, 0.12), rng.uniform(0.85, 1.0)
        k0, k1 = int(start * (len(upper) - 1)), max(int(end * (len(upper) - 1)), int(start * (len(upper) - 1)) + 1)
        pts = [(x + miss[0], y + miss[1] + down) for x, y in upper[k0 : k1 + 1]]
        line = pen.trace(pts, f"banner:streak{n}", band * 0.02)
        out.append(Path(tuple(line), stroke=color, width=width, pressure=pen.pressure(line, f"banner:streak{n}")))
    return out


def _band(upper: list[Point], lower: list[Point], key: str, color: str, width: float, pen: Pen) -> list[Primitive]:
    """A ribbon's outline as a hand draws it: its long edges as curves and its ends as lines, each running a
    little past the corners where it meets the next, then gone over again a hair off, thinner."""
    out: list[Primitive] = []
    rough = pen.roughness
    for again, w in (("", width), ("'", width * 0.5)):
        if again and rough <= 0:
            break
        for edge, pts in (("top", upper), ("bottom", lower)):
            rng = pen.rng(f"{key}:{edge}{again}:past")
            a = rng.uniform(0.5, 3.0) * rough
            b = rng.uniform(0.5, 3.0) * rough
            (ax, ay), (bx, by) = pts[0], pts[-1]
            through = [(ax - a, ay + rng.uniform(-0.5, 0.5) * rough), *pts[1:-1], (bx + b, by)]
            out.append(Path(tuple(pen.curve_points(through, f"{key}:{edge}{again}")), stroke=color, width=w))
        for side, (top, bottom) in (("left", (upper[0], lower[0])), ("right", (upper[-1], lower[-1]))):
            out.append(pen.line(top, bottom, f"{key}:{side}{again}", color, w))
    return out


def _outline(pts: list[Point], key: str, color: str, fill: str | None, width: float, pen: Pen) -> list[Primitive]:
    """A polygon filled (if `fill`) and stroked edge by edge with the pen: its strokes run past its corners."""
    out: list[Primitive] = []
    if fill:
        out.append(Path(tuple(pts), fill=fill, closed=True))
    ends = zip(pts, pts[1:] + pts[:1], strict=True)
    out += [pen.line(a, b, f"{key}:{n}", color, width) for n, (a, b) in enumerate(ends)]
    return out


def draw_footer(recap: Recap, chrome: Chrome, style: Style, area: Rect) -> tuple[list[Primitive], list[Container]]:
    pal = style.theme.palette
    top = area.bottom - chrome.footer_h
    r = Rect(area.x, top, area.w, chrome.footer_h)
    prims: list[Primitive] = []
    y = top + 2
    rtl = style.rtl

    def lettered(line: str, face: FontStack, size: float, pitch: float, color: str, around: Around) -> list[Primitive]:
        """A line of the footer from its reading side: flush left, or flush right on a right-to-left page."""
        x = area.right - face.width(line, size) if rtl else area.x
        return list(style.runs(line, face, x, baseline_in(y, size, pitch), size, color, rtl=rtl or None, around=around))

    size = closing_size(style)
    for line, around in zip(chrome.closing, arounds(chrome.closing), strict=True):
        prims += lettered(line, style.hand, size, size * 1.25, pal.ink, around)
        y += size * 1.25
    pitch = style.small * 1.25
    for line, around in zip(chrome.note, arounds(chrome.note), strict=True):
        prims += lettered(line, style.bold, style.small, pitch, pal.ink, around)
        y += pitch
    for line, around in zip(chrome.footer, arounds(chrome.footer), strict=True):
        prims += lettered(line, style.hand, style.small, pitch, pal.muted, around)
        y += pitch
    conts: list[Container] = []
    # The presenter and the QR code stand at the footer's end: its right, a right-to-left page's left.
    qr_room = _qr_side(chrome.note_url) + style.gap if chrome.note_url else 0.0
    if chrome.sign:
        start = area.x + qr_room if rtl else area.right - qr_room - chrome.sign_w
        prims += _presenter(chrome, style, start + chrome.sign_w / 2, top + 1)
        conts.append(Container("presenter", Rect(start, top, chrome.sign_w, chrome.footer_h), chrome.sign))
    if chrome.note_url:
        from decks.plan.sketch.qrmark import _qr

        side = _qr_side(chrome.note_url)
        qx, qy = (area.x if rtl else area.right - side), area.bottom - side
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
    size = chrome.sign_size
    y = top + h + 1
    for line in chrome.sign_lines:
        out += style.runs(line, style.hand, cx - style.hand.width(line, size) / 2, y + size * 0.9, size, pal.ink)
        y += size * 1.2
    return out
