"""Plane geometry shared by every layout: rectangles in points, origin top-left, y growing downwards."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
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
