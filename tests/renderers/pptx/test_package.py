"""The package's zip (decks.renderers.pptx.package.zip_items): the bytes `zipfile` would write, read back whole."""

from __future__ import annotations

import io
import sys
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.renderers.pptx.package import Package, _put, zip_items

names = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/\\"), min_size=1, max_size=20)
parts = st.lists(
    st.tuples(st.one_of(names, names.map(lambda n: f"ppt/media/{n}.png")), st.binary(max_size=3000)),
    max_size=12,
    unique_by=lambda item: item[0],
)


def _by_zipfile(items: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, data in items:
            _put(dst, name, data)
    return out.getvalue()


@pytest.mark.skipif(sys.platform == "win32", reason="zipfile marks entries made on Windows as such")
@settings(max_examples=60, deadline=None)
@given(parts)
def test_the_zip_has_the_bytes_zipfile_writes_for_the_same_parts(items: list[tuple[str, bytes]]) -> None:
    assert zip_items(items) == _by_zipfile(items)


def test_the_zip_reads_back_every_part_in_order_images_stored_and_xml_deflated() -> None:
    xml = b"<p:sld>" + b"<a:p>text</a:p>" * 500 + b"</p:sld>"
    items = [("[Content_Types].xml", b"<Types/>"), ("ppt/slides/slide1.xml", xml), ("ppt/media/image1.png", b"\x89PNG")]
    with zipfile.ZipFile(io.BytesIO(zip_items(items))) as z:
        assert z.testzip() is None
        assert [(i.filename, z.read(i)) for i in z.infolist()] == items
        kinds = {i.filename: i.compress_type for i in z.infolist()}
        assert kinds["ppt/slides/slide1.xml"] == zipfile.ZIP_DEFLATED
        assert kinds["ppt/media/image1.png"] == zipfile.ZIP_STORED
        assert all(i.date_time == (2019, 1, 1, 0, 0, 0) for i in z.infolist())


def test_a_part_set_again_keeps_its_place_and_each_part_is_followed_by_its_rels() -> None:
    package = Package()
    package.add("/ppt/presentation.xml", "main", b"")  # written last, placed first
    package.add("/ppt/slides/slide1.xml", "slide", b"<p:sld/>", b"<Relationships/>")
    package.set("/ppt/presentation.xml", b"<p:presentation/>")
    package.set_rels("/", b"<Relationships root/>")
    assert "/ppt/slides/slide1.xml" in package and "/ppt/slides/slide2.xml" not in package
    with zipfile.ZipFile(io.BytesIO(package.zip_bytes())) as z:
        assert z.namelist() == [
            "[Content_Types].xml",
            "_rels/.rels",
            "ppt/presentation.xml",
            "ppt/slides/slide1.xml",
            "ppt/slides/_rels/slide1.xml.rels",
        ]
        assert z.read("ppt/presentation.xml") == b"<p:presentation/>"
        assert z.read("_rels/.rels") == b"<Relationships root/>"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from([b"", b"<p:notes/>", b"<a:p>same</a:p>" * 40, bytes(range(256))]), max_size=8))
def test_parts_deflated_once_for_all_that_repeat_zip_to_the_bytes_of_parts_deflated_each(blobs: list[bytes]) -> None:
    once, each = Package(), Package()
    for n, blob in enumerate(blobs):
        once.add(f"/ppt/notesSlides/notesSlide{n}.xml", "notes", blob, repeats=True)
        each.add(f"/ppt/notesSlides/notesSlide{n}.xml", "notes", blob)
    once.add("/ppt/media/image1.png", "image/png", b"<a:p>same</a:p>" * 40, repeats=True)  # stored, not deflated
    each.add("/ppt/media/image1.png", "image/png", b"<a:p>same</a:p>" * 40)
    assert once.zip_bytes() == each.zip_bytes()
