"""Plane geometry shared by every layout: rectangles in points, origin top-left, y growing downwards, and the
rectangle a template's DrawingML transform (`<a:xfrm>`) gives a shape."""

from __future__ import annotations

from typing import Any

import msgspec

from decks.opc import QN_A

EMU_PER_PT = 12700


class Rect(msgspec.Struct, frozen=True):
    """An axis-aligned rectangle: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, other: Rect, tolerance: float = 0.0) -> bool:
        t = tolerance
        return (
            other.x >= self.x - t
            and other.y >= self.y - t
            and other.right <= self.right + t
            and other.bottom <= self.bottom + t
        )

    def overlaps(self, other: Rect) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def mirrored(self, within: Rect) -> Rect:
        """This box reflected across the vertical middle of `within` (a right-to-left slide's layout): as far
        from its right edge as it was from its left."""
        return Rect(round(within.x + within.right - self.right, 4), self.y, self.w, self.h)


# Any: an lxml element, and lxml has no type information (see [tool.mypy] in pyproject.toml).
def xfrm_box(xfrm: Any) -> Rect | None:
    """The box in points of an `<a:xfrm>` element (its `<a:off>` and `<a:ext>`), or None when it has none or a
    value is not a whole number (a template is untrusted input)."""
    if xfrm is None:
        return None
    off, ext = xfrm.find(QN_A + "off"), xfrm.find(QN_A + "ext")
    if off is None or ext is None:
        return None
    try:
        x, y, w, h = (int(e.get(k, "0")) / EMU_PER_PT for e, k in ((off, "x"), (off, "y"), (ext, "cx"), (ext, "cy")))
    except ValueError:
        return None
    return Rect(x, y, w, h)
