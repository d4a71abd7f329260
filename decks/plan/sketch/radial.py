"""The radial layout: the event in a cloud at the centre, the items' cards in a ring around it.

The page is cut into columns. The outer two run the full height; the middle ones hold cards above and
below a band across the page's middle, where the event's cloud sits. Cards follow the ring clockwise
from the top-left corner: the left column's first card, along the top, down the right column, back
along the bottom, and up the left column. The key takeaways close the right column (the bottom-right
corner). Every item card is joined to the cloud by a hand-drawn connector: straight across the band
when the card faces it, otherwise down the gutter beside its column first, so no connector crosses a card.

A lone card (one item, no key takeaways) that runs over the page's height in a third-wide column takes a wider
column instead, the cloud the rest of the page (`LONE`): no card stands right of the cloud to keep a third for.

This takes the page the banner would: the cloud says what the banner says.
"""

from __future__ import annotations

import itertools
import math

import msgspec

from decks.plan.sketch.cards import CardPlan, CardSpec, plan_card
from decks.plan.sketch.chrome import bits_lines, centred_lettering
from decks.plan.sketch.modular import Placed
from decks.plan.sketch.primitives import Container, Link, Path, Point, Primitive, Rect
from decks.plan.sketch.rough import Pen
from decks.plan.sketch.style import Style
from decks.text.breaking import atoms, is_wide
from decks.text.fallback import FontStack
from decks.text.fitting import WIDTH_SAFETY
from decks.text.headings import heading_lines

SQRT2 = math.sqrt(2.0)
# A lone card (one item, no key takeaways) too long for a third-wide column on the page is not held to it: no card
# stands right of the cloud, so its column may take these shares of the page's width, the cloud the rest, and its
# type grows as on the other layouts, where a third-wide column would letter it small beside a blank third.
LONE = (0.45, 0.55, 0.65)


class Hub(msgspec.Struct, frozen=True):
    """What the centre says: the event (big) and dates, place and presenter (small), and a link."""

    big: str
    small: str
    url: str | None = None
    language: str | None = None  # the content's: headings break at its phrases


class _HubPlan(msgspec.Struct):
    big: list[str]
    small: list[str]
    big_size: float
    small_size: float
    text_w: float
    text_h: float
    rx_max: float = math.inf  # the widest the cloud may be (half the centre's width)

    @property
    def rx(self) -> float:
        # The ellipse of the text block's shape that holds it, plus a margin; a wide block in a narrow centre
        # gets a narrower, taller ellipse instead (the text still inside it).
        return min(self.text_w / SQRT2 + self.small_size * 1.2, self.rx_max)

    @property
    def ry(self) -> float:
        inner = self.rx - self.small_size * 1.2
        across = min(0.95, self.text_w / 2 / inner) if inner > 0 else 0.95
        return self.text_h / 2 / math.sqrt(1 - across * across) + self.small_size * 1.0


def _plan_hub(hub: Hub, style: Style, rx_max: float) -> _HubPlan | None:
    """The cloud's lettering, for a cloud at most `2 * rx_max` wide: lines break between words (or CJK
    characters), never inside a word; a word wider than the centre shrinks its lettering instead, down to the
    body size. Lines may run nearly as wide as the cloud: a short block sits in a taller ellipse."""
    max_text_w = 1.9 * (rx_max - style.heading * 0.95 * 1.2) * 0.92
    width = max_text_w * WIDTH_SAFETY
    big_size = min(style.banner * 0.8, _word_fit(hub.big, style.bold, width, style.banner * 0.8))
    small_size = min(style.heading * 0.95, _word_fit(hub.small, style.hand, width, style.heading * 0.95))
    if big_size < style.body or small_size < min(style.body, style.heading * 0.95) * 0.9:
        return None  # even shrunk, a word is wider than the centre: this column count cannot hold the cloud
    big = heading_lines(hub.big, lambda s: style.bold.width(s, big_size), width, hub.language)

    # A block much taller than wide makes a tower of a cloud: letter the name smaller, down to about the
    # heading size, until it is no taller than about its width.
    def tall(lines: list[str], size: float) -> bool:
        return len(lines) > 1 and len(lines) * size * 1.1 > 1.2 * max(style.bold.width(s, size) for s in lines)

    while tall(big, big_size) and big_size * 0.9 >= max(style.body, style.heading * 0.8):
        big_size *= 0.9

        def bold_width(s: str, z: float = big_size) -> float:
            return style.bold.width(s, z)

        big = heading_lines(hub.big, bold_width, width, hub.language)
    # The dates and place stay smaller than the name, but not below where their face reads.
    small_size = max(min(small_size, big_size * 0.62), style.least)
    small = bits_lines(hub.small, width, lambda s: style.hand.width(s, small_size), hub.language)
    widths = [style.bold.width(s, big_size) for s in big] + [style.hand.width(s, small_size) for s in small]
    if max(widths, default=0.0) > max_text_w:
        return None
    text_h = len(big) * big_size * 1.1 + len(small) * small_size * 1.25
    return _HubPlan(big, small, big_size, small_size, max(widths, default=0.0), text_h, rx_max)


def _hub_reach(style: Style, side_gap: float) -> float:
    """How far the cloud may reach into the gutters beside the middle: up to a few points short of the lanes
    down their middle, where spokes run (negative: air it must leave)."""
    return side_gap / 2 - max(8.0, style.body * 0.8)


def _word_fit(text: str, stack: FontStack, width: float, size: float) -> float:
    """The size at which the widest word of `text` fits `width` (at most `size`): a word is what lies between
    spaces ("2024-05-14" too), or one CJK character."""
    words = [a for w in text.split() for a in (atoms(w) if any(map(is_wide, w)) else (w,))]
    widest = max((stack.width(a.strip(), 1.0) for a in words), default=0.0)
    # A hair under the exact fit: the line breaker must not find the word a rounding error too wide.
    return size if widest * size <= width * 0.98 or widest == 0 else width * 0.98 / widest


class _Ring(msgspec.Struct):
    """Which cards go where, in reading order: bins of the ring and the columns' x positions."""

    first: list[int]  # the left column's top card (the ring's start)
    top: list[list[int]]  # per middle column, left to right
    right: list[int]
    bottom: list[list[int]]  # per middle column, left to right (filled right to left)
    left: list[int]  # the left column's cards below the first, top to bottom
    top_h: float
    bottom_h: float
    need: float


def _stack(heights: list[float], gap: float) -> float:
    return sum(heights) + gap * max(0, len(heights) - 1)


def _fill(h: list[float], key_h: float, m: int, height: float, band: float, gap: float, vgap: float) -> _Ring | None:
    """Cards into the ring's bins in order, each bin taking what fits in `height`; None if some are left.

    For bins filled in a fixed order, taking as much as fits as early as possible never makes a fit
    fail, so this decides whether `height` is enough. The middle columns split what the band leaves
    evenly above and below it.
    """
    n = len(h)
    half = (height - band) / 2 - vgap
    i = 0

    def take(limit: float) -> list[int]:
        nonlocal i
        out: list[int] = []
        used = 0.0
        while i < n and used + (gap if out else 0.0) + h[i] <= limit + 1e-6:
            used += (gap if out else 0.0) + h[i]
            out.append(i)
            i += 1
        return out

    first = take(min(height, h[0])) if n else []  # exactly one card opens the ring
    top = [take(half) for _ in range(m)]
    right = take(height - (key_h + gap if key_h else 0.0))
    bottom_rev = [take(half) for _ in range(m)]
    left = take(height - (_stack([h[j] for j in first], gap) + gap if first else 0.0))
    if i < n:
        return None
    top_h = max((_stack([h[j] for j in b], gap) for b in top), default=0.0)
    bottom_h = max((_stack([h[j] for j in b], gap) for b in bottom_rev), default=0.0)
    left_h = _stack([h[j] for j in first + left], gap)
    right_h = _stack([h[j] for j in right], gap) + (key_h + gap if key_h and right else key_h)
    need = max(left_h, right_h, top_h + bottom_h + band + 2 * vgap)
    return _Ring(first, top, right, bottom_rev[::-1], left[::-1], top_h, bottom_h, need)


def arrange(
    specs: list[CardSpec], style: Style, area: Rect, hub: Hub, draw: bool = True
) -> tuple[list[Placed], list[Primitive | Container], float]:
    """The best ring at this scale: placements, the cloud and connectors (when `draw`), and height needed /
    area."""
    gap = style.gap
    side_gap = max(gap, style.body * 2.4)  # gutters beside the outer columns carry connectors
    mid_gap = max(gap, style.body * 1.6)
    vgap = max(14.0, style.body * 2.4)  # between the band and the cards above and below: room for spokes
    items = [s for s in specs if s.kind != "key"]
    keys = [s for s in specs if s.kind == "key"]
    best: tuple[tuple[float, ...], int, float, float, list[CardPlan], CardPlan | None, _Ring, _HubPlan] | None = None
    guess = max(3, round((area.w + gap) / (style.body * 22 + gap)))
    tries: list[tuple[int, float, float | None]] = [
        (c, f, None) for c in range(max(3, guess - 1), guess + 2) for f in ((1.0, 1.8) if c == 3 else (1.0,))
    ]
    if len(items) == 1 and not keys:  # a lone card: nothing stands right of the cloud (see LONE)
        tries += [(3, 1.0, share) for share in LONE]
    lone: list[tuple[int, float, list[CardPlan], _Ring, _HubPlan]] = []  # those that fit
    tall = False  # a ring of third-wide columns too tall for the page (its type fits their width)
    for cols, grow, share in tries:
        if share is not None and (not tall or (best is not None and best[0][0] <= 1.0)):
            break  # a lone card widens only where the height stops it in a third of the page, not the width
        m = cols - 2
        # With one middle column it may be wider than the others: few cards leave it to the cloud, which then
        # letters the event on fewer, longer lines instead of a narrow blob.
        width = (area.w - 2 * side_gap - mid_gap * (m - 1)) / (2 + m * grow)
        mid_w = m * width * grow + (m - 1) * mid_gap
        if share is not None:  # the card's column and the cloud share the page (_place: the cloud to its edge)
            width = share * (area.w - side_gap)
            mid_w = area.w - width - side_gap * 1.5
        if width < style.body * 12:
            continue
        plan = _plan_hub(hub, style, (mid_w / 2 + _hub_reach(style, side_gap)) / 1.07)  # the scallops' overshoot
        if plan is None:
            continue
        band = 2 * plan.ry
        plans = [plan_card(s, width, style) for s in items]
        key = plan_card(keys[0], width, style) if keys else None
        heights = [p.height for p in plans]
        key_h = key.height if key else 0.0
        # The least height at which the ring holds every card, by bisection (each test is a quick fill).
        lo, hi = band + 2 * vgap, max(area.h, 1.0)
        while _fill(heights, key_h, m, hi, band, gap, vgap) is None and hi < area.h * 8:
            lo, hi = hi, hi * 1.5
        ring = _fill(heights, key_h, m, hi, band, gap, vgap)
        if ring is None:
            continue
        for _ in range(24):
            mid = (lo + hi) / 2
            tried = _fill(heights, key_h, m, mid, band, gap, vgap)
            if tried is None:
                lo = mid
            else:
                hi, ring = mid, tried
        ratio = ring.need / area.h
        tall = tall or ratio > 1.0
        # Least height first; among rings that fit, the cloud with the fewest lines (the widest) wins.
        score = (ratio, 0) if ratio > 1.0 else (0.0, len(plan.big) + len(plan.small), ratio)
        if best is None or score < best[0]:
            best = (score, cols, width, width * grow, plans, key, ring, plan)
        if share is not None and ratio <= 1.0:
            lone.append((cols, width, plans, ring, plan))
    if best is None:
        return [], [], float("inf")
    _, cols, width, mid_width, plans, key, ring, hub_plan = best
    ratio = ring.need / area.h
    if not draw:
        return [], [], ratio
    placed = _place(
        ring, plans, key, cols, (width, mid_width), style, area, hub, hub_plan, side_gap, mid_gap, vgap, ratio
    )
    # A lone card at several widths that fit: the one whose page leaves the least air in one piece (a wide card is
    # short, a narrow one leaves the cloud a wide middle where it letters the event on one line, a flat oval).
    for c, w, p, r, h in lone:
        other = _place(r, p, None, c, (w, w), style, area, hub, h, side_gap, mid_gap, vgap, r.need / area.h)
        if _air(other, area) < _air(placed, area) - 1e-6:
            placed = other
    return placed


def _air(laid: tuple[list[Placed], list[Primitive | Container], float], area: Rect) -> float:
    """The largest empty rectangle of `area` round a laid-out page's cards and cloud (a few boxes: every
    rectangle between their edges is tried)."""
    placed, extra, _ = laid
    boxes = [Rect(x, y, plan.width, h) for plan, x, y, h in placed]
    boxes += [c.rect for c in extra if isinstance(c, Container) and c.kind == "hub"]
    xs = sorted({area.x, area.right, *(min(max(v, area.x), area.right) for b in boxes for v in (b.x, b.right))})
    ys = sorted({area.y, area.bottom, *(min(max(v, area.y), area.bottom) for b in boxes for v in (b.y, b.bottom))})
    most = 0.0
    for i, x0 in enumerate(xs):
        for x1 in xs[i + 1 :]:
            for j, y0 in enumerate(ys):
                for y1 in ys[j + 1 :]:
                    if (x1 - x0) * (y1 - y0) > most and not any(
                        b.x < x1 and x0 < b.right and b.y < y1 and y0 < b.bottom for b in boxes
                    ):
                        most = (x1 - x0) * (y1 - y0)
    return most


def _place(
    ring: _Ring,
    plans: list[CardPlan],
    key: CardPlan | None,
    cols: int,
    widths: tuple[float, float],
    style: Style,
    area: Rect,
    hub: Hub,
    hub_plan: _HubPlan,
    side_gap: float,
    mid_gap: float,
    vgap: float,
    ratio: float,
) -> tuple[list[Placed], list[Primitive | Container], float]:
    gap = style.gap
    m = cols - 2
    width, mid_width = widths  # the outer columns' and the middle ones' (cards there are centred in them)
    xs = [area.x] + [area.x + width + side_gap + j * (mid_width + mid_gap) + (mid_width - width) / 2 for j in range(m)]
    xs.append(area.right - width)
    where: dict[int, tuple[float, float, float]] = {}  # card index -> x, y, height (the whole element)
    facing: dict[int, str] = {}  # which way each card's connector leaves: "down", "up", "right", "left"
    # Spare height goes to the band (the cloud gets air) up to a point, then to the outer columns' cards.
    spare = max(0.0, area.h - ring.need)
    band_top = area.y + ring.top_h + vgap + spare / 2
    band_bottom = area.bottom - ring.bottom_h - vgap - spare / 2
    if not any(ring.top) and not any(ring.bottom):  # nothing above or below the cloud: it has the whole middle
        band_top, band_bottom = area.y + vgap, area.bottom - vgap

    key_at: list[tuple[float, float]] = []  # the key takeaways' y and height, when the right column holds them

    def column(idx: list[int], x: float, top: float, bottom: float, tail: CardPlan | None = None) -> None:
        """An outer column's cards (and the key takeaways under them), each the height of its content; the air
        left is spread evenly around them, so a column of few cards stands beside the cloud rather than in its
        top corner."""
        cards = [plans[i] for i in idx] + ([tail] if tail else [])
        if not cards:
            return
        air = max(0.0, bottom - top - _stack([c.height for c in cards], gap)) / (len(cards) + 1)
        y = top + air
        for n, c in enumerate(cards):
            if n < len(idx):
                where[idx[n]] = (x, y, c.height)
            else:
                key_at.append((y, c.height))
            y += c.height + gap + air

    column(ring.first + ring.left, xs[0], area.y, area.bottom)
    column(ring.right, xs[-1], area.y, area.bottom, key)
    # Above and under the cloud, the cards keep to the band (their connectors stay short) and the air is spread
    # between them and toward the page's edge.
    for j, idx in enumerate(ring.top):
        cards = [plans[i] for i in idx]
        air = max(0.0, band_top - vgap - area.y - _stack([c.height for c in cards], gap)) / max(1, len(cards))
        y = area.y + air
        for i in idx:
            where[i] = (xs[1 + j], y, plans[i].height)
            y += plans[i].height + gap + air
    for j, idx in enumerate(ring.bottom):
        cards = [plans[i] for i in idx]
        air = max(0.0, area.bottom - band_bottom - vgap - _stack([c.height for c in cards], gap)) / max(1, len(cards))
        y = band_bottom + vgap
        for i in idx:
            where[i] = (xs[1 + j], y, plans[i].height)
            y += plans[i].height + gap + air
    for i in ring.first + ring.left:
        facing[i] = "right"
    for i in ring.right:
        facing[i] = "left"
    for idx in ring.top:
        for i in idx:
            facing[i] = "down"
    for idx in ring.bottom:
        for i in idx:
            facing[i] = "up"
    placed: list[Placed] = [(plans[i], *where[i]) for i in range(len(plans))]
    if key:
        placed.append((key, xs[-1], *key_at[0]))
    mid_x0, mid_x1 = area.x + width + side_gap, area.right - width - side_gap
    if not ring.right and key is None:  # nothing on the right (one or two cards): the cloud takes that third too
        mid_x1 = area.right - side_gap / 2
    cx, cy = (mid_x0 + mid_x1) / 2, (band_top + band_bottom) / 2
    room = min(
        (band_bottom - band_top) / (2 * hub_plan.ry),
        (mid_x1 - mid_x0 + 2 * _hub_reach(style, side_gap)) / (2 * 1.07 * hub_plan.rx),
    )
    # A roomy centre letters the event larger (the lines stay as broken: every width scales alike), up to the
    # banner's own size; then the cloud itself takes a little more air.
    letters = max(1.0, min(room, 1.6, style.banner * 0.8 / hub_plan.big_size))
    if letters > 1.0:
        hub_plan = _HubPlan(
            hub_plan.big,
            hub_plan.small,
            hub_plan.big_size * letters,
            hub_plan.small_size * letters,
            hub_plan.text_w * letters,
            hub_plan.text_h * letters,
            hub_plan.rx_max * letters,
        )
    across = (mid_x1 - mid_x0 + 2 * _hub_reach(style, side_gap)) / (2 * 1.07 * hub_plan.rx)
    down = (band_bottom - band_top) / (2 * hub_plan.ry)
    rx = hub_plan.rx * max(1.0, min(1.25, across))
    ry = hub_plan.ry * max(1.0, min(1.8, down, rx / hub_plan.rx * 1.6))  # taller, but never a tower
    extra: list[Primitive | Container] = []
    extra += _connectors(placed, facing, style, area, xs, width, side_gap, mid_gap, (cx, cy, rx, ry), band_top)
    extra += _cloud(hub, hub_plan, style, cx, cy, rx, ry)
    return placed, extra, ratio


def _on_ellipse(cx: float, cy: float, rx: float, ry: float, toward: Point) -> Point:
    t = math.atan2((toward[1] - cy) / ry, (toward[0] - cx) / rx)
    return cx + rx * math.cos(t), cy + ry * math.sin(t)


def _connectors(
    placed: list[Placed],
    facing: dict[int, str],
    style: Style,
    area: Rect,
    xs: list[float],
    width: float,
    side_gap: float,
    mid_gap: float,
    hub: tuple[float, float, float, float],
    band_top: float,
) -> list[Primitive]:
    """A line from every item card to the cloud, in its day's colour, drawn under the cards and cloud.

    A card facing the band gets a straight line. Others leave by the side into the gutter and run along
    it to the band; in one gutter the card farther from the band takes the lane nearer the middle and
    turns into the band first, so lines sharing a gutter never cross.
    """
    pen = style.pen
    cx, cy, rx, ry = hub
    band_bottom = 2 * cy - band_top
    lane = 3.0  # points between lines sharing a gutter
    routes: list[tuple[int, list[Point]]] = []
    gutters: dict[tuple[float, bool], list[tuple[float, int, Point, float]]] = {}  # (x, above) -> far, card
    for i, (plan, x, y, h) in enumerate(placed):
        if plan.spec.kind == "key":
            continue
        frame = Rect(x, y + plan.tab, plan.width, h - plan.tab)
        way = facing[i]
        if way in ("down", "up"):
            start = (frame.x + frame.w / 2, frame.bottom if way == "down" else frame.y)
            near = (way == "down" and frame.bottom >= band_top - style.gap * 4 - 14) or (
                way == "up" and frame.y <= band_bottom + style.gap * 4 + 14
            )
            if near:
                routes.append((i, [start, _on_ellipse(cx, cy, rx, ry, start)]))
                continue
            side = 1 if frame.x + frame.w / 2 < cx else -1
            edge = frame.right if side > 0 else frame.x
            gx = edge + side * mid_gap / 2
        else:
            side = 1 if way == "right" else -1
            edge = frame.right if side > 0 else frame.x
            lo, hi = max(frame.y + 8, band_top + 8), min(frame.bottom - 8, band_bottom - 8)
            if lo <= hi:  # the card reaches into the band: straight across it
                start = (edge, min(max(cy, lo), hi))
                routes.append((i, [start, _on_ellipse(cx, cy, rx, ry, start)]))
                continue
            gx = edge + side * side_gap / 2
        above = frame.bottom < cy
        sy = frame.y + min(frame.h / 2, 24.0)
        far = band_top - sy if above else sy - band_bottom
        gutters.setdefault((round(gx, 1), above), []).append((far, i, (edge, sy), float(side)))
    for (gx, above), users in gutters.items():
        users.sort()  # nearest to the band first
        for r, (_, i, start, toward) in enumerate(users):
            x = gx + toward * (r - (len(users) - 1) / 2) * lane  # the farther, the nearer the middle
            ey = band_top + 7 + lane * (len(users) - 1 - r) if above else band_bottom - 7 - lane * (len(users) - 1 - r)
            pts = [start, (x, start[1]), (x, ey)]
            pts.append(_on_ellipse(cx, cy, rx, ry, (x + toward * 30, ey)))
            routes.append((i, pts))
    out: list[Primitive] = []
    for i, pts in sorted(routes, key=lambda r: r[0]):
        color = style.part_color(placed[i][0].spec.part)
        key = f"spoke{i}"
        out.append(Path(tuple(_polyline(pts, pen, key)), stroke=color, width=style.theme.sketch.stroke * 1.1))
        out.append(pen.dot(pts[-1][0], pts[-1][1], 1.8, key + ":end", color))
    return out


def _polyline(pts: list[Point], pen: Pen, key: str) -> list[Point]:
    """A hand-drawn line through `pts`, with rounded elbows (a sharp corner looks machine-made)."""
    if len(pts) == 2:
        return pen.line_points(pts[0], pts[1], key, overshoot=False)
    through: list[Point] = [pts[0]]
    for a, b, c in zip(pts, pts[1:], pts[2:], strict=False):
        r = min(6.0, math.dist(a, b) / 2, math.dist(b, c) / 2)
        ab, bc = math.dist(a, b) or 1.0, math.dist(b, c) or 1.0
        through.append((b[0] - (b[0] - a[0]) / ab * r, b[1] - (b[1] - a[1]) / ab * r))
        through.append((b[0] + (c[0] - b[0]) / bc * r, b[1] + (c[1] - b[1]) / bc * r))
    through.append(pts[-1])
    out: list[Point] = []
    for n, (a, b) in enumerate(itertools.pairwise(through)):
        seg = pen.line_points(a, b, f"{key}.{n}", overshoot=False)
        out += seg if not out else seg[1:]
    return out


def _cloud(
    hub: Hub, plan: _HubPlan, style: Style, cx: float, cy: float, rx: float, ry: float
) -> list[Primitive | Container]:
    """The event in a scalloped cloud: an accent fill, an ink outline, the lines centred inside."""
    pal = style.theme.palette
    rng = style.pen.rng("hub")
    bumps = max(9, round(2 * math.pi * math.sqrt((rx * rx + ry * ry) / 2) / 38))
    phase = rng.uniform(0, math.tau)
    depth = min(rx, ry) * 0.07
    pts: list[Point] = []
    steps = bumps * 10
    for s in range(steps + 1):
        t = phase + math.tau * s / steps
        bump = abs(math.sin(bumps * (t - phase) / 2))  # one arch per bump, meeting in a notch
        r = 1.0 + (bump - 0.64) * depth / min(rx, ry) * 2
        pts.append((cx + rx * r * math.cos(t), cy + ry * r * math.sin(t)))
    stroke = style.theme.sketch.stroke * 1.3
    filled = style.theme.sketch.fill  # a fill-free theme draws the cloud as an outline, lettered in ink
    out: list[Primitive | Container] = [
        Path(tuple(pts), stroke=pal.ink, width=stroke, fill=pal.accent if filled else pal.background, closed=True),
    ]
    out += centred_lettering(
        style,
        plan.big,
        plan.big_size,
        plan.small,
        plan.small_size,
        cx,
        cy - plan.text_h / 2,
        pal.on_accent if filled else pal.ink,
    )
    outer = Rect(cx - rx * 1.07, cy - ry * 1.07, rx * 2.14, ry * 2.14)
    if hub.url:
        inner = Rect(cx - plan.text_w / 2, cy - plan.text_h / 2, plan.text_w, plan.text_h)
        out.append(Link(inner, hub.url))
    out.append(Container("hub", outer, hub.big))
    return out
