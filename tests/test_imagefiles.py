"""Image headers read without Pillow must agree with Pillow, and leave anything unusual to it."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from decks.imagefiles import ImageHeader, probe


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
