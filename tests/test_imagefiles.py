"""Image headers read without Pillow must agree with Pillow, and leave anything unusual to it."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from decks.imagefiles import MAX_PIXELS, picture_problem
from decks.imageheaders import ImageHeader, probe


def encoded(fmt: str, size: tuple[int, int] = (37, 21), **save: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, fmt, **save)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF"])
def test_plain_pictures_are_read_from_their_headers(fmt: str) -> None:
    assert probe(encoded(fmt)) == ImageHeader(fmt, 37, 21)


def test_pictures_with_exif_are_left_to_pillow() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6
    assert probe(encoded("JPEG", exif=exif.tobytes())) is None
    assert probe(encoded("PNG", exif=exif.tobytes())) is None


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_cut_short_or_damaged_file_is_left_to_pillow(fmt: str) -> None:
    raw = encoded(fmt, (64, 64))
    assert probe(raw[: len(raw) // 2]) is None
    if fmt == "PNG":
        damaged = bytearray(raw)
        damaged[40] ^= 0xFF
        assert probe(bytes(damaged)) is None


def test_other_formats_are_left_to_pillow() -> None:
    assert probe(encoded("WEBP")) is None
    assert probe(encoded("BMP")) is None
    assert probe(b"not an image") is None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    probe(raw)
    probe(b"\x89PNG\r\n\x1a\n" + raw)
    probe(b"\xff\xd8" + raw)


# -- what a picture may be, judged at load time ---------------------------------------------------------------


def _png_header_claiming(width: int, height: int, extra: bytes = b"") -> bytes:
    """A PNG whose chunks all check out, whose header claims `width` x `height`, with one tiny IDAT."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    head = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + (chunk(b"eXIf", extra) if extra else b"")
    return head + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_a_whole_picture_within_the_pixel_budget_is_accepted(fmt: str) -> None:
    assert picture_problem(encoded(fmt)) is None


@pytest.mark.parametrize("fmt", ["BMP", "TIFF", "ICO", "PCX", "TGA", "PPM"])
def test_formats_other_than_png_jpeg_gif_and_webp_are_refused(fmt: str) -> None:
    problem = picture_problem(encoded(fmt), "x.png")
    assert problem is not None
    assert problem[0].startswith("cannot read the image x.png: it is ")
    assert "PNG, JPEG, GIF or WebP" in problem[1]


@pytest.mark.parametrize(("width", "height"), [(65535, 65535), (10_000, 5_001), (50_000_001, 1)])
def test_a_header_claiming_more_than_the_pixel_budget_is_refused_before_decoding(width: int, height: int) -> None:
    problem = picture_problem(_png_header_claiming(width, height), "bomb.png")
    assert problem is not None
    assert problem[0] == f"bomb.png is {width:,} x {height:,} pixels, over the {MAX_PIXELS:,} recap reads"


def test_a_bomb_pillow_would_warn_about_prints_no_python_warning(recwarn: pytest.WarningsRecorder) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # an eXIf chunk: the header is left to Pillow, whose own check warns past 89 megapixels
    bomb = _png_header_claiming(65535, 65535, extra=exif.tobytes())
    assert probe(bomb) is None
    problem = picture_problem(bomb, "b.png")
    assert problem == ("b.png has more than 50,000,000 pixels", "scale it down (a 2,000-pixel-wide picture is plenty)")
    assert not [w for w in recwarn if "DecompressionBomb" in type(w.message).__name__]


def test_a_truncated_jpeg_is_refused_at_load_not_embedded() -> None:
    from random import Random

    noise = Image.frombytes("RGB", (256, 256), Random(1).randbytes(256 * 256 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "JPEG", quality=95)
    raw = buffer.getvalue()
    problem = picture_problem(raw[: len(raw) * 2 // 3], "cut.jpg")
    assert problem is not None and problem[0] == "cannot read the image cut.jpg: its JPEG data is damaged or cut short"


@settings(max_examples=60, deadline=None)
@given(raw=st.binary(max_size=300), fmt=st.sampled_from(["PNG", "JPEG", "GIF"]), cut=st.integers(0, 2000))
def test_any_damaged_picture_gives_a_problem_or_none_never_an_exception(raw: bytes, fmt: str, cut: int) -> None:
    whole = encoded(fmt, (40, 30))
    for candidate in (raw, whole[:cut], whole[:cut] + raw):
        problem = picture_problem(candidate)
        assert problem is None or (problem[0] and problem[1])


def test_pillow_opens_pictures_only_through_imagefiles() -> None:
    """Every other module opens a picture with `open_image`/`open_picture`, which ask Pillow for one format: a
    bare `Image.open` elsewhere would let any plugin (EPS and its Ghostscript) run again."""
    from pathlib import Path

    import decks

    root = Path(decks.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "imagefiles.py" and "Image.open(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
