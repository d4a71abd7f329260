"""The HTML recap: one self-contained, accessible page with the slides, their notes and the sketchnote."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from itertools import pairwise

import pytest
from lxml import etree

from decks.markup import esc
from decks.plan import deck_plan
from decks.readers.content import load_content
from decks.renderers.base import render
from decks.renderers.html import HtmlRenderer, Page
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


@pytest.fixture(scope="module")
def recaps():
    return {"en": load_content(EXAMPLE_EN), "zh": load_content(EXAMPLE_ZH)}


@pytest.fixture(scope="module")
def pages(recaps, theme) -> dict[str, str]:
    return {name: render(HtmlRenderer, recap, theme).data.decode("utf-8") for name, recap in recaps.items()}


class _Outline(HTMLParser):
    """Headings, the html element's lang, and every URL the page would load or link to."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.lang = ""
        self.loads: list[str] = []
        self.links: list[str] = []
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag == "a":
            self.links.append(a.get("href") or "")
        if tag == "image":
            self.images.append(a)
        for key in ("src", "href"):
            if tag != "a" and a.get(key):
                self.loads.append(a[key] or "")


def _outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


@pytest.mark.parametrize("name", ["en", "zh"])
def test_the_page_loads_nothing_from_anywhere(name, pages):
    page = pages[name]
    outline = _outline(page)
    assert outline.loads and all(url.startswith("data:") or url.startswith("#") for url in outline.loads)
    # An in-page reference names a picture the page holds once (a <symbol>), never a file or an address.
    symbols = set(re.findall(r'<symbol id="([^"]+)"', page))
    assert all(url[1:] in symbols for url in outline.loads if url.startswith("#"))
    fonts = re.findall(r"@font-face \{[^}]*\}", page)
    assert fonts and all("url(data:font/ttf;base64," in rule for rule in fonts)
    assert "<link" not in page and "<script src" not in page and "@import" not in page


def test_headings_go_in_order_and_the_language_comes_from_the_content(pages, recaps):
    for name, page in pages.items():
        outline = _outline(page)
        assert outline.lang == recaps[name].language
        levels = outline.headings
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in pairwise(levels))


def test_every_slide_is_there_with_its_notes_links_and_alt_text(pages, recaps, theme):
    page = pages["en"]
    deck = deck_plan(recaps["en"], theme)
    sections = re.findall(r'<section class="slide".*?</section>', page, flags=re.S)
    assert len(sections) == len(deck.slides)
    for slide, section in zip(deck.slides, sections, strict=True):
        assert esc(slide.notes.split("\n")[0]) in section
        for box in (slide.title, *slide.texts):
            for para in box.paras:
                for run in para.runs:
                    if run.link:
                        assert f'<a href="{esc(run.link)}">' in section
        for pic in slide.pictures:
            if pic.path is not None:
                assert f'aria-label="{esc(pic.alt)}"' in section
    links = set(_outline(page).links)
    sketch_links = {link.url for item in recaps["en"].all_items for link in item.links}
    assert sketch_links <= links


def test_slides_and_sketch_are_well_formed_svg_with_real_text(pages):
    page = pages["zh"]
    svgs = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert len(svgs) >= 2
    for svg in svgs:
        etree.fromstring(svg.encode("utf-8"))
    assert "峰会" in re.sub(r"<[^>]+>", "", svgs[0] + svgs[-1])


def test_keyboard_navigation_and_a_print_stylesheet_are_included(pages):
    page = pages["en"]
    assert "ArrowRight" in page and "ArrowLeft" in page
    assert "@media print" in page and "break-after: page" in page


def test_same_bytes_every_time(recaps, theme, pages):
    assert render(HtmlRenderer, recaps["en"], theme).data.decode("utf-8") == pages["en"]


def test_a_kept_page_repaints_only_what_changed(recaps, theme):
    page = Page()
    first, _ = page.build(recaps["en"], theme)
    item = recaps["en"].all_parts[1].items[0]
    changed_item = replace(item, summary="A brand new summary line")
    part = replace(recaps["en"].all_parts[1], items=(changed_item, *recaps["en"].all_parts[1].items[1:]))
    parts = list(recaps["en"].all_parts)
    parts[1] = part
    changed = replace(recaps["en"], parts=tuple(parts))
    second, _ = page.build(changed, theme)
    assert "A brand new summary line" in second and "A brand new summary line" not in first
    third, _ = Page().build(changed, theme)
    assert third == second  # kept slides give the same page as painting everything afresh


def test_a_turned_cmyk_jpeg_goes_into_the_page_as_an_upright_png(tmp_path) -> None:
    """Found by the picture fuzzer: a CMYK JPEG whose EXIF turns it was re-encoded as PNG, which has no CMYK."""
    import io

    from PIL import Image

    from decks.renderers.html import _picture_data

    picture = Image.new("CMYK", (3, 2), (0, 128, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # turned a quarter: 3 x 2 shows as 2 x 3
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", exif=exif.tobytes())
    path = tmp_path / "cmyk.jpg"
    path.write_bytes(buffer.getvalue())
    uri, width, height = _picture_data(path)
    assert uri.startswith("data:image/png;base64,") and (width, height) == (2, 3)
