"""A picture file's size in pixels as it shows: from its header, or with Pillow when EXIF may turn it."""

from __future__ import annotations

from pathlib import Path

from decks.imagefiles import open_image, orientation, probe, read_picture


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
