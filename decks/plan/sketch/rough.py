"""Hand-drawn strokes: lines, boxes, circles and arrows with seeded jitter, as plain point lists.

An xkcd-style wobble (a bow plus two slow sine waves, each with a random phase) is added perpendicular to
the stroke, and, as rough.js draws, strokes run past a box's corners and go over it a second time; a stroke
also carries the pen's pressure along it (`Pen.pressure`), so it swells and tapers. Every shape takes a key;
the key and the theme's seed seed its own random generator, so a shape looks the same on every run and does
not change when another shape is added before it.
"""

from __future__ import annotations

import itertools
import math
import random

from decks.plan.sketch.primitives import Color, Path, Point, Rect

_STEP = 6.0  # points between samples: smooth at 2x PNG resolution, few enough to draw fast
_CURVE = 0.8  # a curve's wobble, of the roughness


class Pen:
    """Draws jittered shapes with one seed, roughness and stroke width."""

    def __init__(self, seed: int, roughness: float, stroke: float) -> None:
        self.seed = seed
        self.roughness = roughness
        self.stroke = stroke

    def rng(self, key: str) -> random.Random:
        # A string seed is hashed with SHA-512 by random.seed, so it does not depend on PYTHONHASHSEED.
        return random.Random(f"{self.seed}:{key}")

    def _wobble(self, points: list[Point], rng: random.Random, amount: float) -> list[Point]:
        """`points` (a densely sampled polyline) moved perpendicular to itself by a smooth random amount."""
        if amount <= 0 or len(points) < 2:
            return points
        last = len(points) - 1
        # Each step's length is measured once (a page draws ~7,000 points); the sums are the ones a generator
        # made, in the same order, so no point moves by a rounding.
        steps = [math.dist(points[i], points[i + 1]) for i in range(last)]
        total = sum(steps) or 1.0
        bow = rng.uniform(-1, 1) * amount * min(1.0, total / 80)
        (p1, a1, w1), (p2, a2, w2) = [
            (rng.uniform(0, 6.28), rng.uniform(0.15, 0.45) * amount, total / rng.uniform(25, 60)) for _ in "ab"
        ]
        sin, pi, hypot = math.sin, math.pi, math.hypot
        out: list[Point] = []
        # Each point with the one before it and the one after it (an end with itself) and the length run to it:
        # the same sums and products, in the same order, as a loop indexing them (a page draws ~20,000 points).
        runs = itertools.accumulate(steps, initial=0.0)
        before, after = points[:1] + points[:-1], points[1:] + points[-1:]
        for (x, y), (ax, ay), (bx, by), run in zip(points, before, after, runs, strict=True):
            dx, dy = bx - ax, by - ay
            norm = hypot(dx, dy) or 1.0
            arch = sin(pi * (run / total))
            off = bow * arch
            off += (0.0 + a1 * sin(p1 + run / w1) + a2 * sin(p2 + run / w2)) * arch
            out.append((x + -dy / norm * off, y + dx / norm * off))
        return out

    def trace(self, points: list[Point], key: str, amount: float) -> list[Point]:
        """`points` (a polyline, e.g. a glyph's contour) as a pen traces it: resampled every few points and moved
        perpendicular to itself by up to `amount`, so no two traces are the same."""
        dense: list[Point] = [points[0]]
        step = max(1.5, min(_STEP, amount * 6))
        for a, b in itertools.pairwise(points):
            n = max(1, int(math.dist(a, b) / step))
            if n == 1:  # most steps of an outline are short: its end, as the sum below gives it for i = n = 1
                dense.append((a[0] + (b[0] - a[0]), a[1] + (b[1] - a[1])))
            else:
                dense += [(a[0] + (b[0] - a[0]) * i / n, a[1] + (b[1] - a[1]) * i / n) for i in range(1, n + 1)]
        return self._wobble(dense, self.rng(key), amount)

    def line_points(
        self, a: Point, b: Point, key: str, overshoot: bool = True, past: tuple[float, float] = (0.0, 0.0)
    ) -> list[Point]:
        """A jittered stroke from `a` to `b`; with `overshoot`, its ends run a little past them (and by `past`
        more at the start and at the end: a corner where the pen did not stop)."""
        rng = self.rng(key)
        r = self.roughness
        length = math.dist(a, b)
        if length == 0:
            return [a, b]
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        if overshoot and r > 0:
            # Hand-drawn boxes have corners where the strokes run a little past each other.
            s0, s1 = rng.uniform(-0.5, 1.5) * r + past[0], rng.uniform(-0.5, 1.5) * r + past[1]
            a = (a[0] - ux * s0, a[1] - uy * s0)
            b = (b[0] + ux * s1, b[1] + uy * s1)
            length = math.dist(a, b)
        n = max(1, int(length / _STEP))
        pts = [(a[0] + (b[0] - a[0]) * i / n, a[1] + (b[1] - a[1]) * i / n) for i in range(n + 1)]
        return self._wobble(pts, rng, 0.9 * r)

    def pressure(self, points: list[Point], key: str, loop: bool = False) -> tuple[float, ...]:
        """How hard the pen presses along a stroke through `points` (sampled evenly), as a share of its width
        (Path.pressure): it lands lighter, presses in, swells a little and lifts off thinner still, each stroke
        its own way (seeded); () for a pen without roughness, which draws one width. A `loop` (a circle, a
        rounded box: its ends meet) lands and lifts at no less than 0.7, so no gap shows where they do."""
        if self.roughness <= 0 or len(points) < 2:
            return ()
        rng = self.rng(key + ":pressure")
        land, lift = rng.uniform(0.5, 0.75), rng.uniform(0.3, 0.55)
        if loop:
            land, lift = max(land, 0.7), max(lift, 0.7)
        phase, swell = rng.uniform(0, 2 * math.pi), rng.uniform(0.04, 0.12)
        last = len(points) - 1
        rise, fall, sin, turns = 1 - land, 1 - lift, math.sin, 3 * math.pi
        out: list[float] = []
        for i in range(last + 1):
            t = i / last
            # Eased in over the first 18% and out over the last 30% (smoothstep, held at 1 past its end).
            v, w = t / 0.18, (1 - t) / 0.3
            v, w = v if v < 1.0 else 1.0, w if w < 1.0 else 1.0
            out.append(
                round(
                    (land + rise * (v * v * (3 - 2 * v)))
                    * (lift + fall * (w * w * (3 - 2 * w)))
                    * (1 + swell * sin(phase + turns * t)),
                    3,
                )
            )
        return tuple(out)

    def line(self, a: Point, b: Point, key: str, color: Color, width: float | None = None) -> Path:
        pts = self.line_points(a, b, key)
        return Path(tuple(pts), stroke=color, width=width or self.stroke, pressure=self.pressure(pts, key))

    def rect(
        self, r: Rect, key: str, stroke: Color | None, fill: Color | None = None, width: float | None = None
    ) -> list[Path]:
        """A box as a hand draws one: a slightly crooked fill, then four strokes that overshoot at the corners.

        No corner is a right angle: each is pulled in from the rectangle's corner by its own seeded amount (never
        out, so the box stays inside `r` and off its neighbours), which tilts every edge a little; and most
        boxes have one corner where the pen ran on past the turn."""
        out: list[Path] = []
        rng = self.rng(key + ":corners")
        rough = self.roughness
        j = min(2.0 * rough, 3.0, 0.05 * min(r.w, r.h))  # small boxes (a day tab) stay nearly square
        inward = ((1, 1), (-1, 1), (-1, -1), (1, -1))
        corners = [
            (x + sx * rng.uniform(0, j), y + sy * rng.uniform(0, j))
            for (x, y), (sx, sy) in zip(
                [(r.x, r.y), (r.right, r.y), (r.right, r.bottom), (r.x, r.bottom)], inward, strict=True
            )
        ]
        # The corner the pen overshot (if any) and by how much: at most a few points, less on a small box.
        ran_on = rng.randrange(6)  # 4 and 5: none
        far = min(rough * rng.uniform(1.5, 3.0), 0.12 * min(r.w, r.h)) if rough > 0 else 0.0
        if fill:
            rng = self.rng(key + ":fill")
            jf = 0.6 * rough
            poly = [(x + rng.uniform(-jf, jf), y + rng.uniform(-jf, jf)) for x, y in corners]
            out.append(Path(tuple(poly), fill=fill, closed=True))
        if stroke:
            press = self.rng(key + ":press")
            for i in range(4):
                a, b = corners[i], corners[(i + 1) % 4]
                # Edge i runs from corner i to corner i + 1: the overshot corner extends the edges meeting at it.
                past = (far if ran_on == i else 0.0, far if ran_on == (i + 1) % 4 else 0.0)
                # A pen presses harder on some strokes than on others: each edge a little heavier or lighter.
                weight = press.uniform(0.85, 1.2) if rough > 0 else 1.0
                pts = self.line_points(a, b, f"{key}:{i}", past=past)
                out.append(
                    Path(
                        tuple(pts),
                        stroke=stroke,
                        width=(width or self.stroke) * weight,
                        pressure=self.pressure(pts, f"{key}:{i}"),
                    )
                )
                if rough > 0:  # rough.js's second pass: the hand goes over the line again, a hair off
                    out.append(self.line(a, b, f"{key}:{i}'", stroke, (width or self.stroke) * 0.5))
        return out

    def rounded(
        self,
        r: Rect,
        radius: float,
        key: str,
        stroke: Color | None,
        fill: Color | None = None,
        width: float | None = None,
    ) -> list[Path]:
        """A box with rounded corners drawn in one stroke, as a pen goes round it: each corner's radius its own
        (seeded, 0.6 to 1.3 times `radius`), the stroke starting somewhere on the top edge and ending a little
        past where it began; inside `r` but for the wobble."""
        rng = self.rng(key + ":round")
        most = min(r.w, r.h) / 2
        radii = [min(most, radius * rng.uniform(0.6, 1.3)) for _ in range(4)]
        x0, y0, x1, y1 = r.x, r.y, r.right, r.bottom
        pts: list[Point] = []

        def arc(cx: float, cy: float, rad: float, a0: float) -> None:
            n = max(3, int(rad * math.pi / 2 / 2.0))  # a point every 2 pt or so along the quarter circle
            pts.extend(
                (cx + rad * math.cos(a0 + k * math.pi / 2 / n), cy + rad * math.sin(a0 + k * math.pi / 2 / n))
                for k in range(n + 1)
            )

        arc(x1 - radii[1], y0 + radii[1], radii[1], -math.pi / 2)  # top right
        arc(x1 - radii[2], y1 - radii[2], radii[2], 0.0)  # bottom right
        arc(x0 + radii[3], y1 - radii[3], radii[3], math.pi / 2)  # bottom left
        arc(x0 + radii[0], y0 + radii[0], radii[0], math.pi)  # top left
        # From a seeded point on the top edge round to it again, and on a little past it.
        top_left, top_right = x0 + radii[0], x1 - radii[1]
        start = top_left + (top_right - top_left) * rng.uniform(0.15, 0.85)
        past = min(self.roughness * rng.uniform(2.0, 5.0), (top_right - start) * 0.5)
        loop = [(start, y0), *pts, (start + past, y0)]  # pts run from the top right round to the top left
        out: list[Path] = []
        if fill:
            out.append(Path(tuple(pts), fill=fill, closed=True))
        if stroke:
            amount = min(self.roughness * 0.6, 1.2)
            once = self.trace(loop, key, amount)
            w = width or self.stroke
            out.append(Path(tuple(once), stroke=stroke, width=w, pressure=self.pressure(once, key, loop=True)))
            if self.roughness > 0:
                again = self.trace(loop, key + "'", amount * 1.3)
                press = self.pressure(again, key + "'", loop=True)
                out.append(Path(tuple(again), stroke=stroke, width=w * 0.5, pressure=press))
        return out

    def ellipse_points(self, cx: float, cy: float, rx: float, ry: float, key: str) -> list[Point]:
        rng = self.rng(key)
        r = self.roughness
        n = max(12, int(2 * math.pi * max(rx, ry) / _STEP))
        start = rng.uniform(0, 2 * math.pi)
        turn = 2 * math.pi * (1.06 if r > 0 else 1.0)  # a pen circle ends a little past where it began
        phase = rng.uniform(0, 6.28)
        amp = 0.35 * r
        pts = []
        for i in range(n + 1):
            t = start + turn * i / n
            wob = amp * math.sin(phase + 3 * t) + amp * 0.6 * (i / n)
            pts.append((cx + (rx + wob) * math.cos(t), cy + (ry + wob) * math.sin(t)))
        return pts

    def ellipse(
        self,
        cx: float,
        cy: float,
        rx: float,
        ry: float,
        key: str,
        stroke: Color | None,
        fill: Color | None = None,
        width: float | None = None,
    ) -> list[Path]:
        out: list[Path] = []
        if fill:
            pts = self.ellipse_points(cx, cy, rx, ry, key + ":fill")
            out.append(Path(tuple(pts), fill=fill, closed=True))
        if stroke:
            w = width or self.stroke
            once = self.ellipse_points(cx, cy, rx, ry, key)
            out.append(Path(tuple(once), stroke=stroke, width=w, pressure=self.pressure(once, key, loop=True)))
            if self.roughness > 0:
                again = self.ellipse_points(cx, cy, rx, ry, key + "'")
                press = self.pressure(again, key + "'", loop=True)
                out.append(Path(tuple(again), stroke=stroke, width=w * 0.5, pressure=press))
        return out

    def curve_points(self, through: list[Point], key: str) -> list[Point]:
        """A smooth (Catmull-Rom) curve through `through`, sampled and jittered."""
        if len(through) == 2:
            return self.line_points(through[0], through[1], key, overshoot=False)
        ext = [through[0], *through, through[-1]]
        pts: list[Point] = []
        for i in range(1, len(ext) - 2):
            p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
            n = max(2, int(math.dist(p1, p2) / _STEP))
            # The cubic's coefficients on each axis, the same for every sample of the segment.
            (a, b, c, d), (e, f, g, h) = (
                (
                    2 * p1[k],
                    -p0[k] + p2[k],
                    2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k],
                    -p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k],
                )
                for k in (0, 1)
            )
            for s in range(n):
                t = s / n
                t2, t3 = t * t, t * t * t
                pts.append((0.5 * (a + b * t + c * t2 + d * t3), 0.5 * (e + f * t + g * t2 + h * t3)))
        pts.append(through[-1])
        return self._wobble(pts, self.rng(key), _CURVE * self.roughness)

    def curve_reach(self) -> float:
        """The farthest a point of `curve_points` strays from the smooth curve: `_wobble` moves a point by its
        bow (at most the amount) and two waves (at most 0.45 of it each), along a unit normal."""
        return (1 + 2 * 0.45) * _CURVE * self.roughness

    def arrow(
        self,
        through: list[Point],
        key: str,
        color: Color,
        head: float = 5.0,
        width: float | None = None,
        kind: str = "v",
    ) -> list[Path]:
        """A curved arrow through `through`, with a head at the end: two strokes (`kind` "v"), a drawn triangle
        ("closed") or one barb flicked back ("half")."""
        w = width or self.stroke
        pts = self.curve_points(through, key)
        # The shaft lifts off at the tip no thinner than the head's strokes start.
        press = tuple(max(p, 0.8) if i > len(pts) * 0.7 else p for i, p in enumerate(self.pressure(pts, key)))
        out = [Path(tuple(pts), stroke=color, width=w, pressure=press)]
        tip = pts[-1]
        back = next((p for p in reversed(pts) if math.dist(p, tip) >= head * 0.8), pts[0])
        ang = math.atan2(tip[1] - back[1], tip[0] - back[0])
        rng = self.rng(key + ":head")
        ends = []
        for side in (-1, 1):
            a = ang + math.pi - side * (0.45 + rng.uniform(-0.08, 0.08))
            ends.append((tip[0] + head * math.cos(a), tip[1] + head * math.sin(a)))
        if kind == "closed":
            out.append(Path((tip, ends[0], ends[1], tip), stroke=color, width=w))
        elif kind == "half":
            a = ang + math.pi - 0.5
            out.append(Path((tip, (tip[0] + head * 1.3 * math.cos(a), tip[1] + head * 1.3 * math.sin(a))), color, w))
        else:
            out += [Path((tip, end), stroke=color, width=w) for end in ends]
        return out

    def dot(self, cx: float, cy: float, r: float, key: str, color: Color) -> Path:
        rng = self.rng(key)
        pts = tuple(
            (
                cx + r * (1 + rng.uniform(-0.15, 0.15) * self.roughness) * math.cos(t),
                cy + r * (1 + rng.uniform(-0.15, 0.15) * self.roughness) * math.sin(t),
            )
            for t in (2 * math.pi * i / 10 for i in range(10))
        )
        return Path(pts, fill=color, closed=True)

    def hatch(
        self,
        polygon: list[Point],
        key: str,
        color: Color,
        spacing: float = 4.0,
        width: float = 0.6,
        angle: float = math.pi / 4,
    ) -> list[Path]:
        """Parallel strokes at `angle` filling `polygon` (any simple one), as a pen shades without a solid fill
        (rough.js's hachure); a second call at another angle cross-hatches."""
        rng = self.rng(key)
        if len(polygon) < 3:
            return []
        # Rotate by `angle` so the strokes are horizontal lines; cut each by the polygon's edges (even-odd).
        c, s = math.cos(angle), math.sin(angle)
        rot = [(x * c + y * s, -x * s + y * c) for x, y in polygon]
        ys = [p[1] for p in rot]
        out: list[Path] = []
        y = min(ys) + spacing * rng.uniform(0.3, 0.7)
        top = max(ys)
        # A line meets the edges whose span holds it (from the lower end, not the upper; a level edge never):
        # the edges are taken in order of their lower end and dropped past their upper one, so each line looks
        # at the few it crosses, not at all of them (a cloud's outline has ~400), in the outline's order.
        edges = sorted(
            (min(y0, y1), max(y0, y1), i, x0, y0, x1 - x0, y1 - y0)
            for i, ((x0, y0), (x1, y1)) in enumerate(zip(rot, rot[1:] + rot[:1], strict=True))
            if y0 != y1
        )
        waiting, active = 0, []
        n = 0
        while y < top:
            while waiting < len(edges) and edges[waiting][0] <= y:
                active.append(edges[waiting])
                waiting += 1
            active = sorted((e for e in active if y < e[1]), key=lambda e: e[2])
            xs = [x0 + (y - y0) * dx / dy for _, _, _, x0, y0, dx, dy in active]
            xs.sort()
            for a, b in zip(xs[::2], xs[1::2], strict=False):
                if b - a < 1.0:
                    continue
                pa = (a * c - y * s, a * s + y * c)
                pb = (b * c - y * s, b * s + y * c)
                out.append(
                    Path(tuple(self.line_points(pa, pb, f"{key}.{n}", overshoot=False)), stroke=color, width=width)
                )
                n += 1
            y += spacing
        return out
