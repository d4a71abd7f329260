"""A right-to-left page's layout mirrored: its reading path starts at the right, as the reader's eye does.

The layouts (modular, path, radial, vertical, popcorn) place cards and draw what joins them left to right: the
first card at the left, the path's arrows pointing right, the radial ring clockwise from the top left, the
vertical path down the left edge. On a page whose language is written right to left (`decks.i18n.right_to_left`:
Arabic, Hebrew, Persian, Urdu ...), as on such a deck's slides (decks.plan.deck.mirror), all of it is reflected
across the card area's vertical middle once the layout is chosen: each card moves to where its reflection stands
(its inside is mirrored by its own title's direction, decks.plan.sketch.cards), every connector, arrow, road
and spoke is reflected point by point, so an arrow's head points left, and what a layout letters (the radial
cloud's lines) moves with its place but is not reflected, so it still reads. Fitting is unchanged: a reflection
takes the same room.
"""

from __future__ import annotations

from collections.abc import Sequence

from msgspec.structs import replace

from decks.plan.sketch.modular import Placed
from decks.plan.sketch.primitives import Box, Container, Link, Path, Primitive, Rect, TextRun, Turn


def mirrored(
    placed: list[Placed], extra: Sequence[Primitive | Container], area: Rect
) -> tuple[list[Placed], list[Primitive | Container]]:
    """`placed` and a layout's `extra` drawing reflected across the vertical middle of `area` (see the module)."""
    cards = [(plan, area.x + area.right - x - plan.width, y, h) for plan, x, y, h in placed]
    out: list[Primitive | Container] = []
    line: list[TextRun] = []  # consecutive runs on one baseline: a line, moved whole so its words keep their order
    for p in extra:
        if line and not (isinstance(p, TextRun) and p.y == line[0].y):
            out += _moved(line, area)
            line = []
        if isinstance(p, TextRun):
            line.append(p)
        else:
            out.append(_reflected(p, area))
    return cards, out + _moved(line, area)


def _moved(line: list[TextRun], area: Rect) -> list[TextRun]:
    """A line of lettering where its reflection stands, not reflected itself: it still reads."""
    if not line:
        return []
    left, right = min(r.x for r in line), max(r.x + r.width for r in line)
    dx = area.x + area.right - right - left
    return [
        replace(r, x=r.x + dx, glyphs=tuple((gx + dx, gy, tilt, grow) for gx, gy, tilt, grow in r.glyphs)) for r in line
    ]


def _reflected(p: Primitive | Container, area: Rect) -> Primitive | Container:
    axis = area.x + area.right  # x goes to axis - x
    if isinstance(p, Path):
        if not p.points:  # a marker (decks.plan.sketch.path._AFTER) is found by identity: it stays itself
            return p
        return replace(p, points=tuple((axis - x, y) for x, y in p.points))
    if isinstance(p, Turn):
        return replace(p, angle=-p.angle, about=(axis - p.about[0], p.about[1]))
    if isinstance(p, (Box, Link, Container)):
        return replace(p, rect=p.rect.mirrored(area))
    raise TypeError(f"cannot mirror {type(p).__name__}")  # a new primitive must say how it reflects
