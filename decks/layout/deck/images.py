"""A picture file's size in pixels as it shows: from its header, or with Pillow when EXIF may turn it."""

from __future__ import annotations

from pathlib import Path

from decks.imagefiles import probe


def picture_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels, swapped when the EXIF orientation turns the picture a quarter."""
    header = probe(path.read_bytes())
    if header is not None:  # a plain PNG/JPEG/GIF: no EXIF to turn it, no need for Pillow
        return header.width, header.height
    from PIL import Image

    with Image.open(path) as img:
        w, h = img.size
        # Pillow finds a PNG's eXIf chunk only by decoding the whole image: look for the chunk's name first.
        if img.format == "PNG" and "exif" not in img.info and b"eXIf" not in path.read_bytes():
            orientation = 1
        else:
            orientation = img.getexif().get(0x0112, 1)
    # EXIF orientations 5-8 turn the picture a quarter, so it shows with width and height swapped.
    return (h, w) if orientation in (5, 6, 7, 8) else (w, h)
