"""A recap in a language written right to left reads right to left in every output: each paragraph of the deck
(one that opens with a Latin name, or is all Latin, too) is written `rtl="1"` and flush right, its speaker notes
too, and the web page is `dir="rtl"` while its drawings keep their own order."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from decks.renderers.base import render
from decks.renderers.html import HtmlRenderer
from decks.renderers.pptx import PptxRenderer
from decks.themes.loader import load_theme

LATIN_FIRST = {"ar": "TensorFlow 2.0 هو أسهل إصدار حتى الآن", "he": "TensorFlow 2.0 היא הגרסה הקלה ביותר עד היום"}
OWN = {"ar": "ثبتوا الحزمة اليوم", "he": "התקינו את החבילה היום"}


def _recap(language: str, tmp_path):
    from decks.readers.content import parse_content

    raw = (
        f"title: T\nlanguage: {language}\nitems:\n  - title: {OWN[language]}\n    notes: Keras {OWN[language]}\n"
        f"    takeaways:\n      - {LATIN_FIRST[language]}\n      - pip install tensorflow\n      - {OWN[language]}\n"
    )
    return parse_content(raw.encode("utf-8"), "c.yaml", tmp_path)


def _parts(data: bytes, prefix: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8") for n in sorted(z.namelist()) if n.startswith(prefix))


def _paragraph_props(xml: str, text: str) -> list[str]:
    """The `<a:pPr>` attributes of each paragraph whose runs hold `text`."""
    found = re.findall(r"<a:p><a:pPr ?([^>]*?)/?>(?:(?!</a:p>).)*?" + re.escape(text), xml)
    assert found, text
    return found


@pytest.mark.parametrize("language", ["ar", "he"])
def test_every_paragraph_of_a_right_to_left_deck_is_right_to_left(language: str, tmp_path) -> None:
    data = render(PptxRenderer, _recap(language, tmp_path), load_theme(None)).data
    slides = _parts(data, "ppt/slides/slide")
    for text in ("TensorFlow", ">pip", OWN[language].split()[0]):
        for props in _paragraph_props(slides, text):
            assert 'rtl="1"' in props and 'algn="r"' in props, (text, props)
    # The speaker notes recap writes and the content's, which opens with a Latin word.
    notes = _parts(data, "ppt/notesSlides/")
    for props in _paragraph_props(notes, "Keras"):
        assert 'rtl="1"' in props and 'algn="r"' in props, props


def test_a_latin_first_paragraph_in_an_english_deck_stays_left_to_right(tmp_path) -> None:
    from decks.readers.content import parse_content

    raw = f"title: T\nitems:\n  - title: x\n    notes: Keras\n    takeaways:\n      - {LATIN_FIRST['ar']}\n"
    data = render(PptxRenderer, parse_content(raw.encode("utf-8"), "c.yaml", tmp_path), load_theme(None)).data
    for props in _paragraph_props(_parts(data, "ppt/slides/slide"), "TensorFlow"):
        assert 'rtl="1"' not in props and 'algn="l"' in props, props
    assert 'rtl="1"' not in _parts(data, "ppt/notesSlides/")


@pytest.mark.parametrize(("language", "rtl"), [("ar", True), ("he", True), ("en", False)])
def test_the_web_page_of_a_right_to_left_recap_reads_right_to_left(language: str, rtl: bool, tmp_path) -> None:
    recap = _recap(language if language != "en" else "ar", tmp_path).model_copy(update={"language": language})
    page = render(HtmlRenderer, recap, load_theme(None)).data.decode("utf-8")
    html = re.search(r"<html [^>]*>", page)
    assert html is not None
    assert ('dir="rtl"' in html.group(0)) == rtl, html.group(0)
    # The slides and the sketch are drawn in visual order: their SVG is kept left to right on either page.
    assert re.search(r"\bsvg \{ direction: ltr; \}", page)
