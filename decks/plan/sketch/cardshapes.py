"""The drawn shapes of a card, each as a pen draws it: the frame's shadow, the key takeaways' scroll, a day's
flag, the emphasis marker behind a title, a quote's speech bubble, a figure's ring, sparkles, and icons traced
from their outlines."""

from __future__ import annotations

import itertools
import math
from pathlib import Path as FilePath
from typing import Literal

from decks.colors import first_readable, mix
from decks.plan import icons
from decks.plan.sketch.cardspec import CardSpec
from decks.plan.sketch.primitives import Color, Path, Primitive, Rect
from decks.plan.sketch.style import Style
from decks.text.metrics import load_face


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


IconRole = Literal["big", "key", "ring", "bare", "mark"]
# An icon's place across, in heading sizes, by its role, as a sketchnoter varies doodles on a page: an emphasised
# item's eye-catcher big ("big": its glyph ~2.3 headings tall, over the card's frame), the key takeaways' star a
# little larger than the rest, an icon in a ring or alone beside a title, and after a title (or its band) a small
# mark about as tall as the lettering ("mark").
ICON_SIZES: dict[IconRole, float] = {"big": 3.3, "key": 2.0, "ring": 2.0, "bare": 2.2, "mark": 1.3}
# Of the card's width inside its padding, the most an icon's place takes: a narrow card's doodle is smaller.
ICON_ROOM: dict[IconRole, float] = {"big": 0.36, "key": 0.3, "ring": 0.26, "bare": 0.26, "mark": 0.2}
POKE = 0.5  # of the gap between cards, how far a big doodle stands out of its card's frame


def icon_role(spec: CardSpec) -> IconRole:
    """How large a card's icon is drawn, by the card's role and head (see ICON_SIZES)."""
    if spec.kind == "key":
        return "key"
    if spec.emphasis:
        return "big"
    return "ring" if spec.head == "ring" else "bare" if spec.head == "bare" else "mark"


def icon_diameter(spec: CardSpec, head: float, inner: float) -> float:
    """The icon's place across (its ring's diameter) at the title size `head` in a card `inner` wide inside its
    padding: by role, within the room the card has, never smaller than a title's letters."""
    role = icon_role(spec)
    return max(min(ICON_SIZES[role] * head, ICON_ROOM[role] * inner), head * 1.1)


def icon_poke(spec: CardSpec, style: Style, diameter: float) -> tuple[float, float]:
    """How far the icon's place moves out from the card's padding toward its side and its top: a big doodle
    past the frame into POKE of the gap (the air a neighbour leaves, which `decks.plan.sketch.loose` keeps), over
    its side and, unless a day's tab or intro stands there, its top; any other icon stays inside (0, 0)."""
    if icon_role(spec) != "big":
        return 0.0, 0.0
    out = min(style.gap * POKE, diameter * 0.25)
    up = 0.0 if spec.day_label or spec.intro else style.pad + out
    return style.pad + out, up


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


def _outline(font: FilePath, char: str, x: float, baseline: float, size: float) -> list[list[tuple[float, float]]]:
    """The contours of `char` in `font` as polylines (curves flattened), placed at (x, baseline), `size` pt."""
    from decks.plan.sketch import glyphs

    k = size / glyphs.units_per_em(font)
    return [[(x + px * k, baseline - py * k) for px, py in c] for c in glyphs.contours(font, char)]


def _swash(tab: Rect, right: float, key: str, color: Color, style: Style, left: float | None = None) -> list[Primitive]:
    """A day's tab as a marker stroke laid behind its label: a band a little wider than the lettering, its ends
    cut aslant as a chisel tip leaves them and its long edges a touch wavy, the ink pooled darker along them;
    never past `right` (nor, given `left`, a mirrored card's tab, past `left`). On a fill-free page (ink) the band
    is hatched, as a pen shades. The label is lettered over it in the ink."""
    pen = style.pen
    rng = pen.rng(key + ":swash")
    rough = min(1.0, style.theme.sketch.roughness)
    room = right - tab.right if left is None else tab.x - left
    run = max(0.0, min(tab.h * 0.5, 6.0, room - style.pad * 0.3))  # past the lettering, at the reader's end
    slant = tab.h * rng.uniform(0.15, 0.3)
    x0, x1 = tab.x, tab.right + run
    y0, y1 = tab.y + tab.h * 0.06, tab.bottom - tab.h * 0.04
    n = max(2, int((x1 - x0) / 10))

    def edge(y: float, a: float, b: float, seed: str) -> list[tuple[float, float]]:
        r = pen.rng(key + seed)
        return [(a + (b - a) * i / n, y + r.uniform(-0.5, 0.5) * rough * tab.h * 0.12) for i in range(n + 1)]

    top = edge(y0, x0 + slant * 0.4, x1, ":top")  # the chisel lands at the left, runs right and lifts aslant
    bottom = edge(y1, x1 - slant, x0, ":bottom")
    poly = [*top, *bottom]
    if left is not None:
        poly = _reflected(poly, tab.x + tab.right)
    pal = style.theme.palette
    # Lighter (on a dark board, darker) until the ink reads on it.
    steps = (0.58, 0.66, 0.74, 0.82, 0.9)
    band = first_readable(color, pal.background, steps, (pal.ink,), 4.5) or mix(color, pal.background, steps[-1])
    out: list[Primitive] = []
    if style.theme.sketch.fill:
        out.append(Path(tuple(poly), fill=band, closed=True))
    else:
        out += pen.hatch(poly, key + ":hatch", mix(color, pal.background, 0.45), max(1.6, tab.h * 0.16), 0.45)
    pooled = mix(color, pal.background, 0.3)
    for n_, (a, b) in enumerate(((0, len(top)), (len(top), len(poly)))):
        side = poly[a:b]
        out.append(Path(tuple(pen.trace(side, f"{key}:pool{n_}", 0.3 * rough)), stroke=pooled, width=0.5))
    return out


def _cloud_outline(frame: Rect, depth: float, key: str, style: Style) -> list[tuple[float, float]]:
    """A cloud's outline inside `frame`: scallops bulging out from a box `depth` inside it, each reaching the
    frame, of seeded widths, so the lettering `depth` or more inside the frame stays clear of every cusp."""
    rng = style.pen.rng(key + ":cloud")
    inner = Rect(frame.x + depth, frame.y + depth, frame.w - 2 * depth, frame.h - 2 * depth)
    corners = [(inner.x, inner.y), (inner.right, inner.y), (inner.right, inner.bottom), (inner.x, inner.bottom)]
    pts: list[tuple[float, float]] = []
    for i in range(4):
        (ax, ay), (bx, by) = corners[i], corners[(i + 1) % 4]
        length = math.dist((ax, ay), (bx, by))
        ux, uy = (bx - ax) / (length or 1.0), (by - ay) / (length or 1.0)
        nx, ny = uy, -ux  # outward, the corners running clockwise on the page
        count = max(1, round(length / (depth * 4.2)))
        cuts = [0.0]
        for k in range(1, count):
            cuts.append((k + rng.uniform(-0.25, 0.25)) / count)
        cuts.append(1.0)
        for c0, c1 in itertools.pairwise(cuts):
            chord = (c1 - c0) * length
            h = min(depth, chord * 0.45) * rng.uniform(0.8, 1.0)
            for s in range(8):  # a half-ellipse over the chord, from its start (its end is the next one's start)
                t = s / 8
                along = (c0 + (c1 - c0) * t) * length
                out = h * math.sin(math.pi * t)
                pts.append((ax + ux * along + nx * out, ay + uy * along + ny * out))
    return pts


def _cloud(
    frame: Rect, depth: float, key: str, color: Color, style: Style, width: float, mirror: bool = False
) -> list[Primitive]:
    """An emphasised item drawn in a cloud, as a sketchnoter rings what stands out: its scalloped outline in one
    stroke gone over twice, its inside shaded with light hachure (never a flat fill) in the day's colour."""
    pts = _cloud_outline(frame, depth, key, style)
    if mirror:
        pts = _reflected(pts, frame.x + frame.right)
    pen = style.pen
    pal = style.theme.palette
    shade = mix(color, pal.background, 0.8 if style.theme.sketch.fill else 0.84)
    out: list[Primitive] = list(pen.hatch(pts, key + ":hachure", shade, max(4.5, style.body * 0.7), 0.5))
    amount = min(style.theme.sketch.roughness * 0.5, 1.0)
    loop = [*pts, pts[0], pts[1]]
    once = pen.trace(loop, key + ":outline", amount)
    out.append(Path(tuple(once), stroke=color, width=width, pressure=pen.pressure(once, key + ":outline", loop=True)))
    if style.theme.sketch.roughness > 0:
        again = pen.trace(loop, key + ":outline'", amount * 1.4)
        out.append(Path(tuple(again), stroke=color, width=width * 0.5))
    return out


def _wash(frame: Rect, key: str, fill: Color, style: Style) -> list[Primitive]:
    """A card's colour laid in as a marker lays it: short of the frame by its own seeded amount on each side (the
    paper shows between the colour and the line, more on one side than the other), its edges a little wavy, never
    past the frame."""
    rng = style.pen.rng(key + ":wash")
    rough = min(1.0, style.theme.sketch.roughness)
    most = min(4.5, 0.08 * min(frame.w, frame.h))
    if rough <= 0 or most <= 0.5:
        return [
            Path(
                ((frame.x, frame.y), (frame.right, frame.y), (frame.right, frame.bottom), (frame.x, frame.bottom)),
                fill=fill,
                closed=True,
            )
        ]
    left, top, right, bottom = (rng.uniform(0.3, 1.0) * most * rough for _ in range(4))
    x0, y0, x1, y1 = frame.x + left, frame.y + top, frame.right - right, frame.bottom - bottom
    pts: list[tuple[float, float]] = []
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    for (ax, ay), (bx, by) in zip(corners, corners[1:] + corners[:1], strict=True):
        n = max(2, int(math.dist((ax, ay), (bx, by)) / 18))
        length = math.dist((ax, ay), (bx, by)) or 1.0
        nx, ny = (by - ay) / length, -(bx - ax) / length  # outward for corners running clockwise on the page
        for i in range(n):
            t = i / n
            wave = rng.uniform(-0.45, 0.45) * most * rough if i else 0.0
            wave = min(wave, min(left, top, right, bottom) * 0.9)  # never out to the frame
            pts.append((ax + (bx - ax) * t + nx * wave, ay + (by - ay) * t + ny * wave))
    return [Path(tuple(pts), fill=fill, closed=True)]


def _band(box: Rect, lo: float, hi: float, key: str, color: Color, style: Style) -> list[Primitive]:
    """A highlighter's band behind a title (`box`): the card's colour, pale enough that the ink on it reads
    (at least 4.5:1), laid in one sweep a little past the lettering at each end, its ends cut on a slant and its
    edges a little uneven, never past `lo` or `hi` (clear of the card's edge and of an icon beside the title)."""
    pal = style.theme.palette
    paper = pal.surface if style.theme.sketch.fill else pal.background
    shares = [0.62]
    while shares[-1] < 0.95:  # summed as the steps are taken, so each share is the same float as ever
        shares.append(shares[-1] + 0.05)
    shade = first_readable(color, paper, shares, (pal.ink,), 4.5) or mix(color, paper, shares[-1])
    rng = style.pen.rng(key + ":band")
    rough = min(1.0, style.theme.sketch.roughness)
    over = style.heading * 0.3
    x0, x1 = max(lo, box.x - over * rng.uniform(0.5, 1.0)), min(hi, box.right + over * rng.uniform(0.6, 1.0))
    y0, y1 = box.y + box.h * 0.1, box.bottom - box.h * 0.02
    slant = style.heading * 0.2 * rough
    n = max(2, int((x1 - x0) / 14))
    top = [(x0 + (x1 - x0) * i / n, y0 + rng.uniform(-0.5, 0.5) * rough) for i in range(n + 1)]
    bottom = [(x0 + (x1 - x0) * i / n, y1 + rng.uniform(-0.5, 0.5) * rough) for i in range(n, -1, -1)]
    # The ends cut on a slant, as a chisel tip leaves them: inward at the top left and the bottom right.
    top[0] = (min(x0 + slant, x1), top[0][1])
    bottom[0] = (max(x1 - slant, x0), bottom[0][1])
    return [Path(tuple(top + bottom), fill=shade, closed=True)]


Bullet = str  # "dot", "dash", "check", "arrow" or "ring"


def bullet_kind(key: str, kind: str, emphasis: bool, style: Style) -> Bullet:
    """The doodle a card's takeaways hang from, by its role, one per card as a hand keeps to one within a list:
    ticks for the key takeaways, arrows for an emphasised item's, and for the others a dot, a dash or a small
    ring, seeded by the card's key."""
    if kind == "key":
        return "check"
    if emphasis:
        return "arrow"
    return style.pen.rng(key + ":bullet").choice(("dot", "dot", "dash", "ring"))


def _bullet(
    shape: Bullet, cx: float, cy: float, r: float, key: str, color: Color, style: Style, rtl: bool = False
) -> list[Primitive]:
    """One bullet drawn as `shape` around (cx, cy), within `r` * 1.6 of it (a dot's radius is `r`); an arrow
    points along the line's direction (to the left for a right-to-left one)."""
    pen = style.pen
    side = -1.0 if rtl else 1.0
    width = max(0.8, r * 0.7)

    def stroke(a: tuple[float, float], b: tuple[float, float], k: str) -> Path:
        # Ends where it is aimed (no overshoot): a doodle keeps clear of the line it marks.
        pts = pen.line_points(a, b, k, overshoot=False)
        return Path(tuple(pts), stroke=color, width=width, pressure=pen.pressure(pts, k))

    if shape == "dash":
        return [stroke((cx - side * r * 1.3, cy + r * 0.1), (cx + side * r * 1.3, cy - r * 0.1), key)]
    if shape == "ring":
        return list(pen.ellipse(cx, cy, r * 1.2, r * 1.2, key, color, None, width * 0.8))
    if shape == "check":
        knee = (cx - side * r * 0.2, cy + r * 0.9)
        return [
            stroke((cx - side * r * 1.0, cy - r * 0.1), knee, key + ":a"),
            stroke(knee, (cx + side * r * 1.1, cy - r * 1.3), key + ":b"),
        ]
    if shape == "arrow":
        tip = (cx + side * r * 1.5, cy)
        return [
            stroke((cx - side * r * 1.5, cy), tip, key + ":a"),
            stroke((tip[0] - side * r * 0.9, cy - r * 0.8), tip, key + ":b"),
            stroke((tip[0] - side * r * 0.9, cy + r * 0.8), tip, key + ":c"),
        ]
    return [pen.dot(cx, cy, r, key, color)]
