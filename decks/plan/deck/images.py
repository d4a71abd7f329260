"""A picture file's size in pixels as it shows, and how a picture fills the frame a layout gives it."""

from __future__ import annotations

from pathlib import Path

from decks.imagefiles import open_image, orientation, probe, read_picture
from decks.plan.geometry import Rect

KEEP = 0.5  # a side picture keeps at least this share of its width and of its height when cropped to its frame


def picture_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels, swapped when the EXIF orientation turns the picture a quarter."""
    raw = read_picture(path)  # within the cap, and checked: the file may have changed since the content loaded
    header = probe(raw)
    if header is not None:  # a plain PNG/JPEG/GIF: no EXIF to turn it, no need for Pillow
        return header.width, header.height
    with open_image(raw) as img:
        w, h = img.size
        turn = orientation(img, raw)
    # EXIF orientations 5-8 turn the picture a quarter, so it shows with width and height swapped.
    return (h, w) if turn in (5, 6, 7, 8) else (w, h)


def cover(
    size: tuple[int, int], area: Rect, keep: float = 0.0
) -> tuple[Rect, tuple[float, float], tuple[float, float, float, float]]:
    """The picture of `size` (pixels) filling `area`, cut evenly off both sides of what overflows: its box, the
    whole picture's displayed size in points, and the fractions cut off its left, top, right and bottom (the file
    keeps the whole picture: PowerPoint's crop tool shows it and can move the cut).

    At most `1 - keep` of the picture's width or height is cut: a picture much wider or taller than `area`
    keeps that share, and its box is then narrower (or lower) than `area`, centred across and at the top."""
    pw, ph = size
    scale = max(area.w / pw, area.h / ph)
    if keep:  # cutting more would lose the picture's subject: shown smaller, only `1 - keep` is cut
        scale = min(scale, area.w / (pw * keep), area.h / (ph * keep))
    sw, sh = pw * scale, ph * scale
    w, h = min(sw, area.w), min(sh, area.h)
    cut_x, cut_y = (sw - w) / 2 / sw, (sh - h) / 2 / sh
    box = Rect(round(area.x + (area.w - w) / 2, 2), area.y, round(w, 2), round(h, 2))
    return box, (sw, sh), (cut_x, cut_y, cut_x, cut_y)
