"""A picture file's size in pixels as it shows: from its header, or with Pillow when EXIF may turn it."""

from __future__ import annotations

import io
from pathlib import Path

from decks.imagefiles import orientation, probe


def picture_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels, swapped when the EXIF orientation turns the picture a quarter."""
    raw = path.read_bytes()
    header = probe(raw)
    if header is not None:  # a plain PNG/JPEG/GIF: no EXIF to turn it, no need for Pillow
        return header.width, header.height
    from PIL import Image

    with Image.open(io.BytesIO(raw)) as img:
        w, h = img.size
        turn = orientation(img, raw)
    # EXIF orientations 5-8 turn the picture a quarter, so it shows with width and height swapped.
    return (h, w) if turn in (5, 6, 7, 8) else (w, h)
