"""What a picture file is, read from its bytes without Pillow: its format by signature (`sniff`), the format and
pixel size of a plain PNG, JPEG or GIF (`probe`), a JPEG's coding process, and whether a plain PNG decodes in full.

Reading a header takes microseconds and never imports Pillow: renderers use `probe` to put a plain picture in as
it is. `png_decodes` is the speed trick of this module and of decks/imagefiles.py, which asks Pillow about every
other picture: a deck whose pictures are plain PNGs renders without importing Pillow.
"""

from __future__ import annotations

import struct
import zlib

import msgspec

_PNG = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers carry the size; C4 (Huffman tables), C8 and CC (arithmetic) are not frames.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Baseline, extended sequential and progressive Huffman JPEG: what PowerPoint, LibreOffice, PDF readers and
# browsers all decode. Lossless (C3), hierarchical (C5-C7) and arithmetic-coded (C9-CF) JPEGs are refused.
SOF_EVERYWHERE = frozenset({0xC0, 0xC1, 0xC2})


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


# Bit depths each PNG colour type allows, and its samples per pixel.
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
_PNG_SAMPLES = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
# Chunks a plain PNG may hold and still be judged here; any other (compressed text, colour profiles, animation
# frames, EXIF) sends the picture to Pillow.
_PNG_PLAIN = frozenset({b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"pHYs", b"tEXt",
                        b"bKGD", b"tIME", b"sBIT", b"hIST", b"sPLT"})  # fmt: skip


def png_decodes(raw: bytes) -> bool:
    """Whether a plain PNG (one `probe` read: whole chunks, checksums, IEND) decodes in full, without Pillow.

    The image data is inflated in bounded pieces and thrown away as it comes: it must be one whole zlib stream
    holding exactly the rows the header promises, each starting with a valid filter type. That is everything
    decoding can find wrong in a non-interlaced PNG of the plain chunks; anything else (interlacing, compressed
    text, a colour profile, animation) returns False, which means "ask Pillow", not "broken". This is the
    speed trick of this module: a deck whose pictures are plain PNGs renders without importing Pillow.
    """
    pos, header, palette, data, idat_ended = 8, b"", False, [], False
    while pos + 12 <= len(raw):
        (length,) = struct.unpack(">I", raw[pos : pos + 4])
        kind = raw[pos + 4 : pos + 8]
        body = raw[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind not in _PNG_PLAIN:
            return False
        if kind == b"IHDR":
            header = body
        elif kind == b"PLTE":
            palette = True
        elif kind == b"IDAT":
            if idat_ended:
                return False  # IDAT chunks must follow each other
            data.append(body)
        elif data:
            idat_ended = True
        if kind == b"IEND":
            break
    if len(header) != 13 or not data:
        return False
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(">IIBBBBB", header)
    if depth not in _PNG_DEPTHS.get(colour, ()) or (compression, filtering, interlace) != (0, 0, 0):
        return False
    if colour == 3 and not palette:
        return False
    row = 1 + (width * _PNG_SAMPLES[colour] * depth + 7) // 8
    return _inflates_to(data, height * row, row)


def _inflates_to(parts: list[bytes], expected: int, row: int) -> bool:
    """Whether the zlib stream in `parts` inflates to exactly `expected` bytes, rows of `row` bytes each starting
    with a filter type from 0 to 4 (inflated a megabyte at a time, and never past `expected`)."""
    inflater = zlib.decompressobj()
    total = 0

    def take(out: bytes) -> bool:
        nonlocal total
        if total + len(out) > expected or max(out[(-total) % row :: row], default=0) > 4:
            return False
        total += len(out)
        return True

    try:
        for part in parts:
            pending = part
            while pending and not inflater.eof:
                if not take(inflater.decompress(pending, 1 << 20)):
                    return False
                pending = inflater.unconsumed_tail
        while not inflater.eof:  # output zlib still holds for input it has taken
            out = inflater.decompress(b"", 1 << 20)
            if not out:
                break
            if not take(out):
                return False
    except zlib.error:
        return False
    return inflater.eof and total == expected


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


def sniff(raw: bytes) -> str | None:
    """The picture format the bytes' signature names ("PNG", "JPEG", "GIF", "WEBP"), or None for anything else."""
    if raw.startswith(_PNG):
        return "PNG"
    if raw.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if raw[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if raw[:4] == b"RIFF" and raw[8:12] == b"WEBP":
        return "WEBP"
    return None


def jpeg_process(raw: bytes) -> int | None:
    """The start-of-frame marker (0xC0-0xCF) of a JPEG's first frame, or None when none is found."""
    pos = 2
    while pos + 4 <= len(raw):
        if raw[pos] != 0xFF:
            return None
        marker = raw[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # markers without a length
            pos += 2
            continue
        if marker in _SOF:
            return marker
        if marker in (0xD9, 0xDA):  # end of image, or the scan data before any frame header
            return None
        (length,) = struct.unpack(">H", raw[pos + 2 : pos + 4])
        pos += 2 + length
    return None
