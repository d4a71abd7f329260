"""Pictures for slides: image files made safe to embed, and Font Awesome icons drawn to PNG."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

KEEP = {"PNG", "JPEG", "GIF"}
ICON_PX = 256


def prepare(path: Path, display_pt: tuple[float, float]) -> tuple[bytes, str]:
    """The bytes to embed for an image shown `display_pt` large, and its extension.

    PNG, JPEG and GIF go in unchanged unless they need turning (EXIF orientation) or are more than twice
    the displayed size at 96 dpi; other formats (WebP, BMP, TIFF...) become PNG. Pillow's decompression-bomb
    limit stays on.
    """
    raw = path.read_bytes()
    with Image.open(io.BytesIO(raw)) as img:
        fmt = img.format or ""
        orientation = img.getexif().get(0x0112, 1)
        max_w = max(1, int(display_pt[0] * 96 / 72 * 2))
        max_h = max(1, int(display_pt[1] * 96 / 72 * 2))
        too_big = img.width > max_w * 1.05 and img.height > max_h * 1.05
        if fmt in KEEP and orientation in (0, 1) and not too_big:
            return raw, fmt.lower().replace("jpeg", "jpg")
        if fmt == "GIF" and not too_big:  # keep animation; orientation tags are rare on GIFs
            return raw, "gif"
        out = ImageOps.exif_transpose(img)
        if out.width > max_w and out.height > max_h:
            out.thumbnail((max_w, max_h), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        if fmt == "JPEG":
            out.convert("RGB").save(buffer, "JPEG", quality=90, optimize=False)
            return buffer.getvalue(), "jpg"
        if out.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            out = out.convert("RGBA")
        out.save(buffer, "PNG", optimize=False)
        return buffer.getvalue(), "png"


@lru_cache(maxsize=64)
def icon_png(font: Path, char: str, color: str, px: int = ICON_PX) -> bytes:
    """`char` from the icon font, centred on a transparent square, in `color` (#RRGGBB); same bytes each time."""
    face = ImageFont.truetype(str(font), int(px * 0.8))
    img = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    left, top, right, bottom = draw.textbbox((0, 0), char, font=face)
    x = (px - (right - left)) / 2 - left
    y = (px - (bottom - top)) / 2 - top
    rgb = tuple(int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    draw.text((x, y), char, font=face, fill=(*rgb, 255))
    buffer = io.BytesIO()
    img.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()
