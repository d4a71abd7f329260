"""Keeping clear of the pictures a template's master or layout draws on every slide (a logo): which pictures are
logos, whether two boxes overlap, and a box shrunk until it covers none of them."""

from __future__ import annotations

from decks.plan.geometry import Rect

BACKDROP = 0.25  # a picture over this share of the slide is art the template sets text on, not a logo


def logos(pictures: list[Rect], width: float, height: float) -> tuple[Rect, ...]:
    """The pictures recap keeps clear of: the small ones. A picture covering a quarter of the slide or more is a
    backdrop (LibreOffice's Metropolis fills the slide with one, Piano its lower half) whose placeholders were
    drawn over it by the template's designer; keeping clear of it would leave no room for any text."""
    return tuple(p for p in pictures if p.w * p.h < BACKDROP * width * height)


def overlaps(a: Rect, b: Rect) -> bool:
    """Whether two boxes share any area (touching edges do not count)."""
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def clear_of(box: Rect, keepout: tuple[Rect, ...]) -> Rect:
    """The largest part of `box` left, right, above or below each picture it overlaps: the box shrunk so that
    nothing placed in it covers a logo."""
    for pic in keepout:
        if not overlaps(box, pic):
            continue
        parts = [
            Rect(box.x, box.y, pic.x - box.x, box.h),
            Rect(pic.right, box.y, box.right - pic.right, box.h),
            Rect(box.x, box.y, box.w, pic.y - box.y),
            Rect(box.x, pic.bottom, box.w, box.bottom - pic.bottom),
        ]
        box = max((r for r in parts if r.w > 0 and r.h > 0), key=lambda r: r.w * r.h, default=Rect(box.x, box.y, 0, 0))
    return box
