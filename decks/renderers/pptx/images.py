"""Pictures for slides: image files made safe to embed, and Font Awesome icons drawn to PNG."""

from __future__ import annotations

import io
import math
import struct
import zlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from decks import cachedir
from decks.imagefiles import open_image, png_ready, read_picture
from decks.imagefiles import orientation as exif_orientation
from decks.imageheaders import probe

if TYPE_CHECKING:  # Pillow is imported only when a picture or an uncached icon needs it
    from PIL import ImageFont  # lazy: Pillow only for pictures and icons

KEEP = {"PNG", "JPEG", "GIF"}
ICON_PX = 256


def prepare(path: Path, display_pt: tuple[float, float]) -> tuple[bytes, str]:
    """The bytes to embed for an image shown `display_pt` large, and its extension.

    PNG, JPEG and GIF go in unchanged unless they need turning (EXIF orientation) or are more than 1.5 times
    twice the displayed size at 96 dpi (then they are brought down to twice); WebP (the one other format
    recap reads) becomes PNG. Pillow's decompression-bomb limit stays on.
    """
    raw = read_picture(path)  # within the cap, and checked: only bytes that decode go into the deck
    max_w = max(1, int(display_pt[0] * 96 / 72 * 2))
    max_h = max(1, int(display_pt[1] * 96 / 72 * 2))
    header = probe(raw)
    if header is not None and not (header.width > max_w * 1.5 and header.height > max_h * 1.5):
        # A plain PNG/JPEG/GIF that needs no turning and no shrinking goes in as it is, without Pillow.
        return raw, header.format.lower().replace("jpeg", "jpg")
    from PIL import Image, ImageOps  # lazy: Pillow only for pictures and icons

    with open_image(raw) as img:
        fmt = img.format or ""
        orientation = exif_orientation(img, raw)
        # Some slack before re-encoding: shrinking a picture less than 1.5 times saves about a quarter of its
        # bytes, and decoding, resampling and encoding it took more time than the rest of the deck's pictures.
        too_big = img.width > max_w * 1.5 and img.height > max_h * 1.5
        if fmt in KEEP and orientation in (0, 1) and not too_big:
            return raw, fmt.lower().replace("jpeg", "jpg")
        if fmt == "GIF" and not too_big:  # keep animation; orientation tags are rare on GIFs
            return raw, "gif"
        if fmt == "JPEG" and too_big:
            # Decode at a fraction of the size (JPEG's DCT scaling), never below the size kept.
            img.draft("RGB", (max_w, max_h) if orientation < 5 else (max_h, max_w))
        out = ImageOps.exif_transpose(img) if orientation not in (0, 1) else img
        out = png_ready(out)  # 16-bit and other modes cannot be resampled, nor written as PNG
        if out.width > max_w and out.height > max_h:
            # Bicubic: at most a few times smaller, it looks as good as Lanczos and takes half the time.
            out.thumbnail((max_w, max_h), Image.Resampling.BICUBIC)
        buffer = io.BytesIO()
        if fmt == "JPEG":
            out.convert("RGB").save(buffer, "JPEG", quality=90, optimize=False)
            return buffer.getvalue(), "jpg"
        if out.mode == "1":
            out = out.convert("RGBA")  # as the deck has always written a bilevel picture
        out.save(buffer, "PNG", optimize=False)
        return buffer.getvalue(), "png"


@lru_cache(maxsize=8)
def _icon_face(font: Path, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont  # lazy: Pillow only for pictures and icons

    # Loading the face is most of the cost of drawing one icon; a deck draws a dozen from the same font.
    return ImageFont.truetype(str(font), size)


def icon_px(display_pt: float) -> int:
    """Pixels across for an icon shown `display_pt` wide: twice 96 dpi, as for images, and never tiny."""
    return max(64, math.ceil(display_pt * 96 / 72 * 2))


@lru_cache(maxsize=64)
def icon_png(font: Path, char: str, color: str, px: int = ICON_PX) -> bytes:
    """`char` from the icon font, centred on a transparent square, in `color` (#RRGGBB); same bytes each time.

    The icon is one colour at varying opacity, so it is written as a palette PNG whose entry n is the colour at
    opacity n: a quarter of the pixel data of RGBA, which is what encoding time goes on. The PNG is put
    together here (`palette_png`): Pillow's palette and PNG encoder paths cost more, cold, than the drawing.
    """
    stat = font.stat()
    name = cachedir.key(font.resolve(), stat.st_size, stat.st_mtime_ns, ord(char), color, px) + ".png"
    data = cachedir.load("icons", name, lambda d: d if _is_png_of(d, px) else None)
    if data is None:
        data = _draw_icon(font, char, color, px)
        cachedir.write("icons", name, data)  # the next deck with this icon skips Pillow altogether
    return data


def _is_png_of(data: bytes, px: int) -> bool:
    """Whether `data` is a PNG of `px` x `px` pixels whose first chunk is a sound IHDR (what `icon_png` makes)."""
    if len(data) < 33 or data[:16] != b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR":
        return False
    width, height = struct.unpack(">II", data[16:24])
    return width == height == px and zlib.crc32(data[12:29]) == struct.unpack(">I", data[29:33])[0]


def _draw_icon(font: Path, char: str, color: str, px: int) -> bytes:
    from PIL import Image, ImageDraw  # lazy: Pillow only for pictures and icons

    face = _icon_face(font, int(px * 0.8))
    mask = Image.new("L", (px, px), 0)
    draw = ImageDraw.Draw(mask)
    left, top, right, bottom = draw.textbbox((0, 0), char, font=face)
    x = (px - (right - left)) / 2 - left
    y = (px - (bottom - top)) / 2 - top
    draw.text((x, y), char, font=face, fill=255)
    return palette_png(px, px, mask.tobytes(), bytes.fromhex(color.lstrip("#")) * 256, bytes(range(256)))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def palette_png(width: int, height: int, pixels: bytes, palette: bytes, alpha: bytes) -> bytes:
    """A PNG file (signature, `IHDR`, `PLTE`, `tRNS`, `IDAT`, `IEND`) of 8-bit palette indexes, row by row, each
    row unfiltered; `palette` is RGB triples and `alpha` the opacity of each entry."""
    rows = b"".join(b"\x00" + pixels[y * width : (y + 1) * width] for y in range(height))
    return b"".join(
        (
            b"\x89PNG\r\n\x1a\n",
            _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)),
            _chunk(b"PLTE", palette),
            _chunk(b"tRNS", alpha),
            _chunk(b"IDAT", zlib.compress(rows, 6)),
            _chunk(b"IEND", b""),
        )
    )


def qr_png(rows: tuple[str, ...], ink: str, paper: str, scale: int = 8) -> bytes:
    """A QR code's modules (rows of "1" dark) as a two-colour PNG, `scale` pixels a module, with a two-module
    quiet zone in `paper`, so a phone reads it off the screen whatever the slide's background (no Pillow)."""
    n = len(rows) + 4
    lines = []
    blank = b"\x00" * (n * scale)
    for row in ("0" * (n - 4),) * 2 + rows + ("0" * (n - 4),) * 2:
        line = b"".join((b"\x01" if c == "1" else b"\x00") * scale for c in "00" + row + "00")
        lines += [line] * scale
    assert all(len(line) == len(blank) for line in lines)
    palette = bytes.fromhex(paper.lstrip("#")) + bytes.fromhex(ink.lstrip("#"))
    return palette_png(n * scale, n * scale, b"".join(lines), palette, b"\xff\xff")
