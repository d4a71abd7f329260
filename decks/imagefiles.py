"""Picture files opened with Pillow: whether one decodes (within bounds), which way it turns, and opening one.

Only PNG, JPEG, GIF and WebP are pictures here. Their signature is checked before Pillow sees a byte, and Pillow
is only ever asked for that one format (`Image.open(..., formats=[...])`), so no other plugin runs: PostScript
(which Pillow hands to Ghostscript), TIFF, BMP, ICO and the rest are refused whatever their extension.

`picture_problem` decodes a picture in full (bounded by `MAX_PIXELS`), so a picture `recap check` passes also
decodes in every output; its verdict is kept by the bytes' hash, so a render (or `recap watch` on every save)
asks again for free. Renderers read pictures through `read_picture`, which reads within the cap and checks the
bytes it read, so what goes into an output is always bytes that were checked. What a picture is, read from its
bytes without Pillow (its format, size, a plain PNG that decodes), is decks/imageheaders.py; `probe`, `sniff` and
`png_decodes` are named here too for the callers that import them from here.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from decks.errors import ContentError, Problem
from decks.imageheaders import SOF_EVERYWHERE, ImageHeader, jpeg_process, png_decodes, probe, sniff
from decks.safeio import ReadRefused, read_bounded

if TYPE_CHECKING:  # Pillow is imported when a picture is opened, not with this module
    from PIL.Image import Image
    from PIL.ImageFile import ImageFile

__all__ = [  # the header readers too, for the callers that import them from here
    "FORMATS",
    "MAX_FRAMES",
    "MAX_FRAME_PIXELS",
    "MAX_PIXELS",
    "PNG_MODES",
    "ImageHeader",
    "NotAPicture",
    "open_image",
    "open_picture",
    "orientation",
    "picture_problem",
    "png_decodes",
    "png_ready",
    "probe",
    "read_picture",
    "sniff",
]

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


def orientation(img: Image, raw: bytes) -> int:
    """The EXIF orientation of a picture Pillow has opened (`img`, from the bytes `raw`); 1 when absent."""
    # Pillow finds a PNG's eXIf chunk only by decoding the whole image: look for the chunk's name first, so a
    # PNG that needs no turning is never decoded.
    if img.format == "PNG" and "exif" not in img.info and b"eXIf" not in raw:
        return 1
    return int(img.getexif().get(0x0112, 1))


class NotAPicture(Exception):
    """Bytes that are not a PNG, JPEG, GIF or WebP file: Pillow is not asked to open them."""


def open_picture(raw: bytes) -> ImageFile:
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


def png_ready(img: Image) -> Image:
    """`img` in a mode PNG holds: as it is, or (CMYK, YCbCr, 16-bit …) converted to RGBA."""
    return img if img.mode in PNG_MODES else img.convert("RGBA")


@contextlib.contextmanager
def open_image(raw: bytes) -> Iterator[ImageFile]:
    """`open_picture` as a context manager: the image is closed when the block ends."""
    with open_picture(raw) as img:
        yield img


def _what_it_is(raw: bytes) -> str:
    for start, what in _OTHER_KINDS:
        if raw.startswith(start):
            return what
    return "not a PNG, JPEG, GIF or WebP file"


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
        if process is not None and process not in SOF_EVERYWHERE:
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


def _decode_all(img: ImageFile, name: str) -> tuple[str, str] | None:
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
