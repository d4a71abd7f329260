"""Draw the example content's picture, content/img/summit-badge.png: an illustrated conference badge.

Nothing is downloaded; the picture is made from polygons and text with Pillow, and the PNG carries no
timestamp or other metadata, so every run writes the same bytes.

    python tools/make_example_image.py [OUTPUT]
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 800
SCALE = 2  # drawn at twice the size, then scaled down, for smooth edges

BACKGROUND_TOP = (22, 33, 62)
BACKGROUND_BOTTOM = (44, 62, 102)
CARD = (255, 255, 255)
CARD_SHADOW = (12, 18, 36)
INK = (38, 50, 56)
MUTED = (96, 110, 122)
ORANGE_TOP = (255, 183, 77)
ORANGE_LEFT = (255, 143, 0)
ORANGE_RIGHT = (230, 81, 0)
STRAP = (255, 111, 0)
STRAP_DARK = (214, 86, 0)

FONT_DIR = Path("/usr/share/fonts/truetype/lato")

# The two letters as unit cubes (x to the right along the row, z up), one cube deep.
T_SHAPE = [(x, 0, 4) for x in range(3)] + [(1, 0, z) for z in range(4)]
F_SHAPE = [(x, 0, 4) for x in range(4, 7)] + [(4, 0, z) for z in range(4)] + [(5, 0, 2)]
VOXELS = set(T_SHAPE + F_SHAPE)


def font(name: str, size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    """Lato when it is installed, else Pillow's built-in font (same size where Pillow supports it)."""
    path = FONT_DIR / name
    if path.exists():
        return ImageFont.truetype(str(path), size)
    try:
        return ImageFont.load_default(size)
    except TypeError:  # Pillow < 10.1 has no sized default font
        return ImageFont.load_default()


def fitted_font(draw: ImageDraw.ImageDraw, text: str, name: str, size: int, max_width: int):
    """The largest size, at most `size`, at which `text` is no wider than `max_width`."""
    while size > 8:
        face = font(name, size)
        left, _, right, _ = draw.textbbox((0, 0), text, font=face)
        if right - left <= max_width:
            return face
        size -= 2
    return font(name, size)


def rounded_box(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], radius: int, fill) -> None:
    draw.rounded_rectangle(box, radius=radius, fill=fill)


def draw_background(draw: ImageDraw.ImageDraw, width: int, height: int) -> None:
    # A vertical gradient, one line per row.
    for y in range(height):
        t = y / (height - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(BACKGROUND_TOP, BACKGROUND_BOTTOM, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    # A few faint dots for texture, on a fixed grid so the picture is the same every run.
    step = 40 * SCALE
    for gy in range(step // 2, height, step):
        for gx in range(step // 2, width, step):
            r = 2 * SCALE
            draw.ellipse((gx - r, gy - r, gx + r, gy + r), fill=(60, 80, 124))


def draw_logo(draw: ImageDraw.ImageDraw, origin: tuple[float, float], unit: float) -> None:
    """The block letters T and F in isometric view, painted back to front."""
    ox, oy = origin
    cos30, sin30 = math.cos(math.radians(30)), math.sin(math.radians(30))

    def project(x: float, y: float, z: float) -> tuple[float, float]:
        return ox + (x - y) * cos30 * unit, oy + (x + y) * sin30 * unit - z * unit

    for x, y, z in sorted(VOXELS, key=lambda v: (v[0] + v[1] + v[2], v[2])):
        faces = []
        if (x, y, z + 1) not in VOXELS:  # top
            faces.append(([(x, y, z + 1), (x + 1, y, z + 1), (x + 1, y + 1, z + 1), (x, y + 1, z + 1)], ORANGE_TOP))
        if (x, y + 1, z) not in VOXELS:  # front, facing left
            faces.append(([(x, y + 1, z), (x + 1, y + 1, z), (x + 1, y + 1, z + 1), (x, y + 1, z + 1)], ORANGE_LEFT))
        if (x + 1, y, z) not in VOXELS:  # side, facing right
            faces.append(([(x + 1, y, z), (x + 1, y + 1, z), (x + 1, y + 1, z + 1), (x + 1, y, z + 1)], ORANGE_RIGHT))
        for corners, colour in faces:
            draw.polygon([project(*c) for c in corners], fill=colour)


def draw_badge(size: tuple[int, int] = (WIDTH, HEIGHT)) -> Image.Image:
    width, height = size[0] * SCALE, size[1] * SCALE
    s = SCALE
    image = Image.new("RGB", (width, height), BACKGROUND_TOP)
    draw = ImageDraw.Draw(image)
    draw_background(draw, width, height)

    card = (110 * s, 190 * s, 1090 * s, 740 * s)
    cx = (card[0] + card[2]) // 2

    # Lanyard: two straps from the top edge meeting at the clip.
    draw.polygon([(cx - 230 * s, 0), (cx - 150 * s, 0), (cx - 10 * s, 150 * s), (cx - 60 * s, 150 * s)], fill=STRAP)
    draw.polygon(
        [(cx + 150 * s, 0), (cx + 230 * s, 0), (cx + 60 * s, 150 * s), (cx + 10 * s, 150 * s)],
        fill=STRAP_DARK,
    )
    rounded_box(draw, (cx - 70 * s, 140 * s, cx + 70 * s, 215 * s), 14 * s, (176, 190, 197))
    rounded_box(draw, (cx - 50 * s, 160 * s, cx + 50 * s, 196 * s), 10 * s, (120, 134, 141))

    # Card with a soft offset shadow, a slot for the clip, and a coloured footer band.
    rounded_box(draw, (card[0] + 14 * s, card[1] + 18 * s, card[2] + 14 * s, card[3] + 18 * s), 36 * s, CARD_SHADOW)
    rounded_box(draw, card, 36 * s, CARD)
    rounded_box(draw, (cx - 70 * s, 205 * s, cx + 70 * s, 225 * s), 10 * s, (207, 216, 220))
    footer_top = card[3] - 110 * s
    draw.rounded_rectangle(
        (card[0], footer_top, card[2], card[3]), radius=36 * s, fill=STRAP, corners=(False, False, True, True)
    )

    # Logo on the left half of the card.
    draw_logo(draw, origin=(215 * s, 470 * s), unit=38 * s)

    # Text on the right half.
    text_left = 560 * s
    text_width = card[2] - 50 * s - text_left
    title = "TF Dev Summit 2019"
    title_font = fitted_font(draw, title, "Lato-Bold.ttf", 60 * s, text_width)
    draw.text((text_left, 300 * s), "ATTENDEE", font=font("Lato-Bold.ttf", 26 * s), fill=ORANGE_RIGHT)
    draw.text((text_left, 345 * s), title, font=title_font, fill=INK)
    draw.line([(text_left, 440 * s), (text_left + 120 * s, 440 * s)], fill=ORANGE_LEFT, width=6 * s)
    details = font("Lato-Regular.ttf", 30 * s)
    draw.text((text_left, 470 * s), "March 6\u20137, 2019", font=details, fill=MUTED)
    draw.text((text_left, 515 * s), "Sunnyvale, CA", font=details, fill=MUTED)

    hashtag = "#TFDevSummit"
    tag_font = font("Lato-Bold.ttf", 40 * s)
    left, top, right, bottom = draw.textbbox((0, 0), hashtag, font=tag_font)
    draw.text(
        (cx - (right - left) // 2 - left, footer_top + (110 * s - (bottom - top)) // 2 - top),
        hashtag,
        font=tag_font,
        fill=CARD,
    )

    return image.resize(size, Image.Resampling.LANCZOS)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "content/img/summit-badge.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    # No pnginfo, no exif, fixed compression: the same bytes on every run.
    draw_badge().save(out, format="PNG", optimize=False, compress_level=9)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
