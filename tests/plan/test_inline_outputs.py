"""The content's inline markup never reaches an output as marks: the deck's slides (plan and PowerPoint text), its
notes and properties, and the sketchnote's searchable text show the words, every one of them."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from decks.errors import RecapError
from decks.model import Recap
from decks.model.inline import plain
from decks.plan import deck_plan
from decks.plan.plainwords import marked_texts, plain_recap
from decks.plan.sketch import build
from decks.renderers.base import render
from decks.renderers.pdf import PdfRenderer
from decks.renderers.pptx import PptxRenderer
from decks.themes.loader import load_theme
from tests.budget import examples

MARKS = "`*_"
_SPACE = re.compile(r"[\s\u200b]+")


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def content(title: str, item: str, takeaway: str, summary: str) -> Recap:
    return Recap.model_validate(
        {
            "title": title,
            "parts": [
                {"title": "Day **one**", "items": [{"title": item, "summary": summary, "takeaways": [takeaway]}]},
                {"title": "Day _two_", "items": [{"title": "`uv` **everywhere**", "takeaways": ["_fast_ `uv`"]}]},
            ],
            "key_takeaways": [takeaway, "Try `python3.13t` **today**"],
            "closing": "Thanks for **listening**",
        }
    )


def _unexplained_marks(shown: str, texts: list[str]) -> str:
    """The mark characters of `shown` (spaces dropped) left once every plain text of `texts` is taken out of it:
    a mark the content's plain words hold may show; any other is markup that leaked."""
    words = sorted({_squeeze(plain(t)) for t in texts} - {""}, key=len, reverse=True)
    # A line cut short with an ellipsis (the footer's title) is explained when a text starts with it.
    lines = shown.split("\n")
    cut = [line for line in lines if line.endswith("…") and any(w.startswith(_squeeze(line)[:-1]) for w in words)]
    # Line by line: squeezed together, the end of one line and the start of the next could read as a word.
    rest = "\0".join(_squeeze(line) for line in lines if line not in cut)
    for text in words:
        rest = rest.replace(text, "\0")
    return "".join(ch for ch in rest if ch in MARKS)


# Words with marks among them, and any character of Unicode.
_piece = st.one_of(
    st.sampled_from(["**bold**", "_it_", "`co de`", "*x*", "**", "`", "_", "\\*", "snake_case", " ", "中文", "word"]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn")), min_size=1, max_size=4),
)
_field = st.lists(_piece, min_size=1, max_size=5).map("".join)


def _recap(title: str, item: str, takeaway: str, summary: str) -> Recap:
    try:
        recap = content(title, item, takeaway, summary)
    except Exception:  # a field hypothesis made that the model refuses (blank, only marks, bad characters)
        assume(False)
        raise
    return recap


@settings(max_examples=examples(10, deep=30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_field, _field, _field, _field)
def test_slides_show_the_words_of_marked_text_and_no_mark(title: str, item: str, takeaway: str, summary: str) -> None:
    recap = _recap(title, item, takeaway, summary)
    theme = load_theme(None)
    try:
        deck = deck_plan(recap, theme)
        data = render(PptxRenderer, recap, theme).data
    except RecapError:
        assume(False)
        return
    titles = {s.kind: s.title for s in deck.slides}
    item_slide = next(s for s in deck.slides if s.kind == "item")
    assert _squeeze("".join(p.text for p in item_slide.title.paras)) == _squeeze(plain(recap.all_items[0].title))
    assert _squeeze("".join(p.text for p in titles["title"].paras)) == _squeeze(plain(recap.title))
    assert deck.title == plain(recap.title)
    # The PowerPoint file: each slide's text holds no more marks than the plain words, and every title's words.
    prs = Presentation(io.BytesIO(data))
    shown = "\n".join(sh.text_frame.text for slide in prs.slides for sh in slide.shapes if sh.has_text_frame)
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides if s.has_notes_slide)
    texts = marked_texts(recap)
    assert not _unexplained_marks(shown, texts), shown
    assert not _unexplained_marks(notes, texts), notes
    squeezed = _squeeze(shown)
    for text in (recap.title, recap.all_items[0].title, *(p.title for p in recap.parts)):
        assert _squeeze(plain(text)) in squeezed


def _marks(text: str) -> Counter[str]:
    return Counter(ch for ch in text if ch in MARKS)


def _marks_of_words(recap: Recap) -> Counter[str]:
    """The mark characters the content's plain words hold, each field as often as the content gives it (a takeaway
    that is also a key takeaway twice): no page shows a field twice, so it shows at most these marks. A mark that
    found no partner is one of them (CommonMark: "**-", "5 * 3", a lone backtick are text, on slides and sketch)."""
    return sum((_marks(plain(t)) for t in marked_texts(recap)), Counter())


def _sketch_unexplained(shown: str, recap: Recap) -> Counter[str]:
    return _marks(shown) - _marks_of_words(recap)


# Any of the sketch's layouts: each letters the banner (or the radial cloud), the cards and the footer its own way.
_layout = st.sampled_from(["modular", "path", "radial", "vertical", "popcorn"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_field, _field, _field, _layout)
@example("**-", "x", "y", "modular")  # an unpaired mark is the title's text; pdftotext once joined it as "**Day"
@example("**bold**", "**bold**", "` *x*", "path")  # a literal backtick, then italic: pdftotext once read "`x"
@example("_x_ `y`", "**a** _", "\\*z\\*", "radial")
def test_the_sketch_letters_no_mark_beyond_the_plain_words(title: str, item: str, takeaway: str, layout: str) -> None:
    """Over any characters: the marks the page letters (every text run: banner, cards, tabs, footer) are at most
    those of the content's plain words; a mark that is markup never shows."""
    recap = _recap(title, item, takeaway, "A **short** summary")
    try:
        sketch = build(recap, load_theme(None), layout=layout)
    except RecapError:
        assume(False)
        return
    shown = "".join(run.text for run in sketch.runs())
    assert not _sketch_unexplained(shown, recap), (shown, [plain(t) for t in marked_texts(recap)])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@settings(max_examples=examples(4, deep=8), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_field, _field, _field)
@example("**-", "x", "y")
@example("**bold**", "**bold**", "` *x*")
@example("**bold**", "**bold**", "**bold****bold**0-")  # a line broken after "-"
def test_the_sketchnote_text_shows_the_words_of_marked_titles_and_no_mark(title: str, item: str, takeaway: str) -> None:
    """The PDF's text as a reader's tool gets it: no mark beyond the plain words', and the item title's words
    searchable. Read with `pdftotext -raw` (the page's own order): the default layout mode rejoins a line ending
    in "-" with the next one and drops the hyphen ("**-" over "Day two" read "**Day"), which is no leak."""
    recap = _recap(title, item, takeaway, "A **short** summary")
    theme = load_theme(None)
    try:
        data = render(PdfRenderer, recap, theme).data
    except RecapError:
        assume(False)
        return
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "sketch.pdf"
        pdf.write_bytes(data)
        text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert not _sketch_unexplained(text, recap), text
    squeezed = _squeeze(text)
    for word in plain(recap.all_items[0].title).split():
        if word.isascii() and word.isalnum():  # searchable as a word (other scripts may be drawn by shape)
            assert word in squeezed


def test_the_sketch_plans_from_plain_words_and_keeps_text_without_markup_as_it_is() -> None:
    marked = content("**Bold** _it_ `code`", "A `cmd` **x**", "**t**", "s")
    flat = plain_recap(marked)
    assert flat.title == "Bold it code"
    assert flat.all_items[0].title == "A cmd x"
    assert flat.key_takeaways[0].text == "t"
    assert flat.closing == "Thanks for listening"
    unmarked = content("Plain", "Item", "t", "s").model_copy(update={"parts": [], "items": [], "key_takeaways": []})
    unmarked = unmarked.model_copy(update={"closing": None})
    assert plain_recap(unmarked) is unmarked
