"""Drawing primitives for the one-page sketchnote: what the layout hands to the PDF and PNG backends.

Coordinates are in points (1/72 in) with the origin at the TOP-LEFT corner of the page and y growing
downwards, as a reader scans the page; the PDF backend flips y, the PNG backend multiplies by its scale.
Nothing here knows reportlab or Pillow, so both backends paint exactly the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Literal

import msgspec

from decks.plan.geometry import Rect as Rect  # part of the sketch plan's types, re-exported
from decks.themes.model import SketchLayout

Point = tuple[float, float]
Color = str  # "#RRGGBB"
# What a framed region of the page is (`Container.kind`): the banner, an item's card or a key takeaways' card, a
# day's tab and its intro caption, the footer and the presenter's signature in it, a quote's or a figure's
# bubble, the radial layout's hub.
ContainerKind = Literal["banner", "item", "key", "day", "caption", "footer", "presenter", "quote", "figure", "hub"]


class Path(msgspec.Struct, frozen=True):
    """A polyline (already jittered, densely sampled), stroked and/or filled."""

    points: tuple[Point, ...]
    stroke: Color | None = None
    width: float = 1.0
    fill: Color | None = None
    closed: bool = False
    # How hard the pen pressed at each point, as a share of `width` (one per point): a pen stroke swells and
    # tapers (decks.plan.sketch.rough.Pen.pressure). Empty: one width all along. Renderers fill the area the
    # stroke covers (`stroke_area`), which no stroke operator of PDF, SVG or Pillow can vary.
    pressure: tuple[float, ...] = ()


def stroke_area(path: Path) -> list[Point]:
    """The outline of the area a stroke of varying width covers (`Path.pressure`): down its left side and back up
    its right, each end rounded off; a polygon to fill with the stroke's colour by the nonzero rule (a stroke
    that crosses itself, a circle's ends running past each other, is covered twice there)."""
    left, right, end, start = _sides(path)
    return [*left, *end, *reversed(right), *start]


def stroke_pieces(path: Path) -> list[list[Point]]:
    """The same area as `stroke_area` as pieces, one a step of the stroke and one an end, for a painter that fills
    by the even-odd rule (Pillow), where a stroke crossing itself would leave a hole: each piece is filled alone."""
    left, right, end, start = _sides(path)
    pieces = [[left[i], left[i + 1], right[i + 1], right[i]] for i in range(len(left) - 1)]
    return [*pieces, [left[-1], *end, right[-1]], [right[0], *start, left[0]]]


def _sides(path: Path) -> tuple[list[Point], list[Point], list[Point], list[Point]]:
    """A pressed stroke's left and right sides (at each point, half its width there either side), and the rounded
    caps round its end and its start (each from the side the outline comes from to the other)."""
    pts, press = path.points, path.pressure
    n = len(pts)
    left: list[Point] = []
    right: list[Point] = []
    for i, (x, y) in enumerate(pts):
        ax, ay = pts[max(0, i - 1)]
        bx, by = pts[min(n - 1, i + 1)]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy) or 1.0
        half = path.width * press[i] / 2
        nx, ny = -dy / norm * half, dx / norm * half
        left.append((x + nx, y + ny))
        right.append((x - nx, y - ny))
    caps: list[list[Point]] = []
    for i, toward in ((n - 1, n - 2), (0, 1)):  # the end, then the start: half a circle round each
        (x, y), (px, py) = pts[i], pts[toward]
        half = path.width * press[i] / 2
        back = math.atan2(py - y, px - x)  # pointing into the stroke
        caps.append([(x + half * math.cos(back + a), y + half * math.sin(back + a)) for a in _CAP])
    return left, right, caps[0], caps[1]


# Angles (from the direction into the stroke) round an end's cap, from the side the outline comes from to the
# other, by way of the tip.
_CAP = tuple(-math.pi / 2 - math.pi * k / 6 for k in range(1, 6))


class TextRun(msgspec.Struct, frozen=True):
    """Text in one font file at one size, starting at (x, baseline y)."""

    x: float
    y: float  # the baseline
    text: str
    font: FilePath
    size: float
    color: Color
    width: float  # the advance, as measured by the text engine
    ascent: float  # points above the baseline
    descent: float  # points below the baseline, positive
    # Lettering drawn by hand: per character, its origin (x, baseline y), a tilt in degrees (clockwise) and a
    # size factor, so no two letters are alike; empty: set as one string at (x, y). The text stays one run:
    # renderers keep it one word for search and selection (decks.plan.sketch.lettering).
    glyphs: tuple[tuple[float, float, float, float], ...] = ()
    # Italic (the content's _italic_): each glyph leans right by this much of its height above the baseline
    # (a skew about the baseline), the hand faces having no italic cut. A skew keeps every advance, so the run
    # is as wide as measured. 0: upright.
    slant: float = 0.0
    # Bold (the content's **bold**) in a face with no bold cut (the theme's bold stack draws these characters in
    # the regular face, as Japanese in the default theme): the glyphs are also stroked this wide, in points, in
    # their colour, as a client emboldens a regular face. The advances are kept. 0: drawn as the face is.
    embolden: float = 0.0


class Box(msgspec.Struct, frozen=True):
    """A filled axis-aligned rectangle without a stroke (QR code modules)."""

    rect: Rect
    fill: Color


class Link(msgspec.Struct, frozen=True):
    """A clickable area pointing at a URL (PDF only; a PNG cannot link)."""

    rect: Rect
    url: str


class Turn(msgspec.Struct, frozen=True):
    """What follows, up to the next Turn, is drawn turned by `angle` degrees (clockwise on the page) about
    `about`: a card sitting a little askew, as a hand places it, its frame, lettering and drawing turned together.
    The primitives in between keep their upright coordinates (a layout's measures hold for them); the renderers
    apply the turn as one transform, so text stays text. Turns do not nest: a Turn of `angle` 0 ends one."""

    angle: float
    about: Point


Primitive = Path | TextRun | Box | Link | Turn


def turner(turn: Turn | None) -> Callable[[Point], Point]:
    """Where a point of the primitives under `turn` is drawn on the page (the identity for None or angle 0)."""
    if turn is None or not turn.angle:
        return lambda p: p
    a = math.radians(turn.angle)
    co, si = math.cos(a), math.sin(a)
    cx, cy = turn.about

    def place(p: Point) -> Point:
        dx, dy = p[0] - cx, p[1] - cy
        return (cx + dx * co - dy * si, cy + dx * si + dy * co)

    return place


class Container(msgspec.Struct, frozen=True):
    """A framed region of the page and what it holds: a card, the banner, a day tab, the footer."""

    kind: ContainerKind
    rect: Rect
    label: str
    part: int | None = None


class Sketch(msgspec.Struct, frozen=True):
    """A laid-out page: its size, what to paint in order, and where every container is."""

    width: float
    height: float
    margin: float
    background: Color
    layout: SketchLayout
    body_size: float  # the fitted body type size, points
    primitives: tuple[Primitive, ...] = ()
    containers: tuple[Container, ...] = ()
    warnings: tuple[str, ...] = ()
    title: str = ""
    author: str = ""

    @property
    def inner(self) -> Rect:
        """The area inside the page margin."""
        return Rect(self.margin, self.margin, self.width - 2 * self.margin, self.height - 2 * self.margin)

    def runs(self) -> list[TextRun]:
        return [p for p in self.primitives if isinstance(p, TextRun)]

    def fonts(self) -> list[FilePath]:
        """Font files the page uses, in first-use order (register only these)."""
        seen: dict[FilePath, None] = {}
        for run in self.runs():
            seen.setdefault(run.font, None)
        return list(seen)
