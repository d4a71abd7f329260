"""What an image file is, read from its header (format, pixel size, whether it needs turning), undecoded.

Reading a PNG, JPEG or GIF header takes microseconds, while importing Pillow takes a noticeable share of a
whole render; so the common case (a picture that goes into the deck as it is) never imports Pillow, and
everything unusual (other formats, EXIF data that may turn the picture, damaged files) is left to Pillow.
"""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from typing import Any

import msgspec

MAX_PIXELS = 50_000_000
"""The most pixels a picture may have (documented in docs/SECURITY.md): a 50-megapixel photo is 8,660 x 5,773."""
_GIVE = "give a whole PNG, JPEG, GIF or WebP file"
_SCALE_DOWN = "scale it down (a 2,000-pixel-wide picture is plenty)"

_PNG = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers carry the size; C4 (Huffman tables), C8 and CC (arithmetic) are not frames.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


class ImageHeader(msgspec.Struct, frozen=True):
    """A picture's format ("PNG", "JPEG", "GIF") and size in pixels, as stored (it needs no turning)."""

    format: str
    width: int
    height: int


def probe(raw: bytes) -> ImageHeader | None:
    """The header of a plain PNG, JPEG or GIF; None for anything Pillow should look at instead."""
    if raw.startswith(_PNG):
        return _png(raw)
    if raw.startswith(b"\xff\xd8"):
        return _jpeg(raw)
    if raw[:6] in (b"GIF87a", b"GIF89a") and len(raw) >= 10:
        width, height = struct.unpack("<HH", raw[6:10])
        return ImageHeader("GIF", width, height) if width and height else None
    return None


def _png(raw: bytes) -> ImageHeader | None:
    """A PNG whose every chunk is whole and checks out (CRC), ending in IEND, with no EXIF chunk."""
    pos, size, seen_end = 8, None, False
    while pos + 12 <= len(raw):
        (length,) = struct.unpack(">I", raw[pos : pos + 4])
        kind = raw[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(raw):
            return None  # cut short
        data = raw[pos + 8 : pos + 8 + length]
        if zlib.crc32(kind + data) != struct.unpack(">I", raw[end - 4 : end])[0]:
            return None
        if kind == b"IHDR" and length >= 8:
            size = struct.unpack(">II", data[:8])
        elif kind == b"eXIf":
            return None  # may ask to turn the picture: Pillow reads it
        elif kind == b"IEND":
            seen_end = True
            break
        pos = end
    if size is None or not seen_end or not all(size):
        return None
    return ImageHeader("PNG", size[0], size[1])


def _jpeg(raw: bytes) -> ImageHeader | None:
    """A JPEG's size from its frame header; None when it has EXIF data (which may turn it) or is damaged."""
    if not raw.rstrip(b"\0").endswith(b"\xff\xd9"):
        return None  # no end-of-image marker: cut short
    pos = 2
    while pos + 4 <= len(raw):
        if raw[pos] != 0xFF:
            return None
        marker = raw[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        (length,) = struct.unpack(">H", raw[pos + 2 : pos + 4])
        if marker == 0xE1 and raw[pos + 4 : pos + 10] == b"Exif\0\0":
            return None
        if marker in _SOF and pos + 9 <= len(raw):
            height, width = struct.unpack(">HH", raw[pos + 5 : pos + 9])
            return ImageHeader("JPEG", width, height) if width and height else None
        pos += 2 + length
    return None


def orientation(img: Any, raw: bytes) -> int:
    """The EXIF orientation of a picture Pillow has opened (`img`, from the bytes `raw`); 1 when absent."""
    # Pillow finds a PNG's eXIf chunk only by decoding the whole image: look for the chunk's name first, so a
    # PNG that needs no turning is never decoded.
    if img.format == "PNG" and "exif" not in img.info and b"eXIf" not in raw:
        return 1
    return int(img.getexif().get(0x0112, 1))


def picture_problem(raw: bytes, name: str = "the picture") -> tuple[str, str] | None:
    """(what, what to do) when the picture in `raw` cannot be put in a deck or a sketchnote, else None.

    A plain PNG, JPEG or GIF is judged from its header; anything else is opened with Pillow and decoded (a
    JPEG at an eighth of its size, which still reads all its data), so that a picture `recap check` passes
    also renders. Either way a picture over `MAX_PIXELS` is refused before it is decoded.
    """
    header = probe(raw)
    if header is not None:
        return _too_many(name, header.width, header.height)
    from PIL import Image

    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check warns (or raises) over 89 million pixels; ours is below, and says it plainly.
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(raw)) as img:
                too_many = _too_many(name, *img.size)
                if too_many:
                    return too_many
                if img.format == "PNG":
                    img.verify()  # every chunk's checksum, without decoding
                else:
                    if img.format == "JPEG":
                        img.draft("RGB", (max(1, img.size[0] // 8), max(1, img.size[1] // 8)))
                    img.load()
    except Image.DecompressionBombError:
        return f"{name} has more than {MAX_PIXELS:,} pixels", _SCALE_DOWN
    except Image.UnidentifiedImageError:
        return f"cannot read the image {name} (not a picture format recap knows)", _GIVE
    except Exception as exc:  # Pillow raises many kinds for a bad file; all mean "unreadable"
        reason = str(exc) or type(exc).__name__
        return f"cannot read the image {name} ({reason})", _GIVE
    return None


def _too_many(name: str, width: int, height: int) -> tuple[str, str] | None:
    if width * height > MAX_PIXELS:
        return (
            f"{name} is {width:,} x {height:,} pixels, over the {MAX_PIXELS:,} recap reads",
            _SCALE_DOWN,
        )
    return None
