"""Picture files: what one is (format, pixel size, whether it needs turning), whether it decodes, and opening one.

Only PNG, JPEG, GIF and WebP are pictures here. Their signature is checked before Pillow sees a byte, and Pillow
is only ever asked for that one format (`Image.open(..., formats=[...])`), so no other plugin runs: PostScript
(which Pillow hands to Ghostscript), TIFF, BMP, ICO and the rest are refused whatever their extension.

`picture_problem` decodes a picture in full (bounded by `MAX_PIXELS`), so a picture `recap check` passes also
decodes in every output; its verdict is kept by the bytes' hash, so a render (or `recap watch` on every save)
asks again for free. Renderers read pictures through `read_picture`, which reads within the cap and checks the
bytes it read, so what goes into an output is always bytes that were checked. Reading a PNG, JPEG or GIF header
(`probe`) takes microseconds and never imports Pillow: renderers use it to put a plain picture in as it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import struct
import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from decks.errors import ContentError, Problem
from decks.safeio import ReadRefused, read_bounded

MAX_PIXELS = 50_000_000
"""The most pixels a picture may have (documented in docs/SECURITY.md): a 50-megapixel photo is 8,660 x 5,773."""
MAX_FRAME_PIXELS = 2 * MAX_PIXELS
"""The most pixels all the frames of an animated GIF or WebP may hold together (each is decoded at check time)."""
MAX_FRAMES = 2_000
"""The most frames an animation may have: a GIF's frames are read one by one, so a 50 MB file of tiny frames would
take minutes (2,000 take about half a second)."""
FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
"""The picture formats recap reads: Pillow is never asked to open any other."""
_GIVE = "give a whole PNG, JPEG, GIF or WebP file"
_SCALE_DOWN = "scale it down (a 2,000-pixel-wide picture is plenty)"

_PNG = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers carry the size; C4 (Huffman tables), C8 and CC (arithmetic) are not frames.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Baseline, extended sequential and progressive Huffman JPEG: what PowerPoint, LibreOffice, PDF readers and
# browsers all decode. Lossless (C3), hierarchical (C5-C7) and arithmetic-coded (C9-CF) JPEGs are refused.
_SOF_EVERYWHERE = frozenset({0xC0, 0xC1, 0xC2})
# What a file that is not a picture most often is, by its first bytes, to say so in the message.
_OTHER_KINDS = (
    (b"%!PS", "PostScript (which recap never runs)"),
    (b"\xc5\xd0\xd3\xc6", "PostScript (which recap never runs)"),
    (b"%PDF", "a PDF document"),
    (b"II*\0", "a TIFF image"),
    (b"MM\0*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"\0\0\1\0", "an icon (.ico)"),
    (b"<?xml", "an XML file (SVG pictures are not read)"),
    (b"<svg", "an SVG file (SVG pictures are not read)"),
)


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


def orientation(img: Any, raw: bytes) -> int:
    """The EXIF orientation of a picture Pillow has opened (`img`, from the bytes `raw`); 1 when absent."""
    # Pillow finds a PNG's eXIf chunk only by decoding the whole image: look for the chunk's name first, so a
    # PNG that needs no turning is never decoded.
    if img.format == "PNG" and "exif" not in img.info and b"eXIf" not in raw:
        return 1
    return int(img.getexif().get(0x0112, 1))


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


class NotAPicture(Exception):
    """Bytes that are not a PNG, JPEG, GIF or WebP file: Pillow is not asked to open them."""


def open_picture(raw: bytes) -> Any:
    """The picture in `raw` opened with Pillow, which is asked for its one format only (never an interpreter).

    Raises `NotAPicture` for bytes of any other format (before Pillow is imported) and whatever Pillow raises
    for a damaged file; `picture_problem` turns both into a message.
    """
    kind = sniff(raw)
    if kind is None:
        raise NotAPicture
    from PIL import Image  # lazy: Pillow only for a picture; every command loads this module

    with warnings.catch_warnings():
        # Pillow's own bomb check warns over 89 million pixels; ours is below, and says it plainly.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(raw), formats=[kind])


# The modes Pillow resamples and writes as PNG as they are.
PNG_MODES = ("1", "L", "LA", "P", "RGB", "RGBA")


def png_ready(img: Any) -> Any:
    """`img` in a mode PNG holds: as it is, or (CMYK, YCbCr, 16-bit …) converted to RGBA."""
    return img if img.mode in PNG_MODES else img.convert("RGBA")


@contextlib.contextmanager
def open_image(raw: bytes) -> Iterator[Any]:
    """`open_picture` as a context manager: the image is closed when the block ends."""
    with open_picture(raw) as img:
        yield img


def _what_it_is(raw: bytes) -> str:
    for start, what in _OTHER_KINDS:
        if raw.startswith(start):
            return what
    return "not a PNG, JPEG, GIF or WebP file"


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


_VERDICTS: dict[tuple[int, bytes], tuple[str, str] | None] = {}
_KEPT_VERDICTS = 512


def picture_problem(raw: bytes, name: str = "the picture") -> tuple[str, str] | None:
    """(what, what to do) when the picture in `raw` cannot be put in a deck or a sketchnote, else None.

    Only PNG, JPEG, GIF and WebP are read, each by its own Pillow plugin. The picture is decoded in full (a
    JPEG at an eighth of its size, which still reads all its data; every frame of an animation), so that a
    picture `recap check` passes also renders; one over `MAX_PIXELS` is refused from its header before it is
    decoded. The verdict is kept by the bytes' hash: the same bytes are decoded once per process.
    """
    key = (len(raw), hashlib.sha256(raw).digest())
    if key not in _VERDICTS:
        if len(_VERDICTS) >= _KEPT_VERDICTS:
            _VERDICTS.clear()
        _VERDICTS[key] = _decode_problem(raw)
    found = _VERDICTS[key]
    return None if found is None else (found[0].replace("\0", name), found[1])


def _decode_problem(raw: bytes) -> tuple[str, str] | None:
    """`picture_problem` for one picture, with NUL standing for its name."""
    name = "\0"
    kind = sniff(raw)
    if kind is None:
        return f"cannot read the image {name}: it is {_what_it_is(raw)}", _GIVE
    header = probe(raw)
    if header is not None:
        too_many = _too_many(name, header.width, header.height)
        if too_many:
            return too_many
        if header.format == "PNG" and png_decodes(raw):
            return None
    if kind == "JPEG":
        process = jpeg_process(raw)
        if process is not None and process not in _SOF_EVERYWHERE:
            return (
                f"the image {name} is a lossless, hierarchical or arithmetic-coded JPEG, which slides and PDF "
                "readers cannot show",
                "save it as an ordinary (baseline or progressive) JPEG, or as PNG",
            )
    from PIL import Image  # lazy: Pillow only for a picture; every command loads this module

    try:
        if kind == "PNG":
            with open_image(raw) as img:
                img.verify()  # every chunk's checksum, which decoding alone does not read
        with open_image(raw) as img:
            too_many = _too_many(name, *img.size)
            if too_many:
                return too_many
            return _decode_all(img, name)
    except Image.DecompressionBombError:
        return f"{name} has more than {MAX_PIXELS:,} pixels", _SCALE_DOWN
    except ValueError as exc:
        if "too large" in str(exc):  # Pillow's cap on a PNG's compressed text and colour profile chunks
            return (
                f"the image {name} holds a text or colour-profile chunk that unpacks to more than recap reads",
                "save it again without metadata (most editors have an option for it)",
            )
        return f"cannot read the image {name}: its {_NAMES[kind]} data is damaged or cut short", _GIVE
    except Exception:  # Pillow raises many kinds for a bad file; all mean "does not decode"
        # Pillow's own words name its internals (plugins, buffers, object reprs): say it plainly instead.
        return f"cannot read the image {name}: its {_NAMES[kind]} data is damaged or cut short", _GIVE


_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WebP"}


def _decode_all(img: Any, name: str) -> tuple[str, str] | None:
    """Decode every frame of an opened picture, one after the other (never counting them first: a GIF's count
    is found by reading it all); a problem when there are too many frames, or too many pixels in them."""
    if img.format == "JPEG":
        img.draft("RGB", (max(1, img.size[0] // 8), max(1, img.size[1] // 8)))
    frame = 0
    while True:
        img.load()
        frame += 1
        if frame > MAX_FRAMES or frame * img.size[0] * img.size[1] > MAX_FRAME_PIXELS:
            return (
                f"{name} is an animation of more than {min(frame - 1, MAX_FRAMES):,} frames of "
                f"{img.size[0]:,} x {img.size[1]:,} pixels, over the {MAX_FRAMES:,} frames or "
                f"{MAX_FRAME_PIXELS:,} pixels recap decodes for one picture",
                "use fewer or smaller frames",
            )
        try:
            img.seek(frame)
        except EOFError:
            return None


def _too_many(name: str, width: int, height: int) -> tuple[str, str] | None:
    if width * height > MAX_PIXELS:
        return (
            f"{name} is {width:,} x {height:,} pixels, over the {MAX_PIXELS:,} recap reads",
            _SCALE_DOWN,
        )
    return None


def read_picture(path: Path) -> bytes:
    """The bytes of the picture file at `path`, read within the cap and checked (`picture_problem`).

    Raises `ContentError` naming the file when it cannot be read or is not a picture that decodes: a symlink
    loop, a folder, a FIFO or device, a missing file and every other error of the file system included.
    """

    try:
        raw = read_bounded(path, "image")
    except ReadRefused as exc:
        if exc.message.startswith("no such file"):
            raise ContentError([Problem(str(path), "image not found", "check the path")]) from None
        message, hint = f"cannot read the image {path.name}: {exc.message}", exc.hint
        raise ContentError([Problem(str(path), message, hint)]) from None
    trouble = picture_problem(raw, path.name)
    if trouble:
        raise ContentError([Problem(str(path), trouble[0], trouble[1])])
    return raw
