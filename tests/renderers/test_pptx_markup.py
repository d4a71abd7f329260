"""Inline markup in the deck: each paragraph written as runs with b/i, code in the monospace family it was measured
with, and the plan's line breaks those of the faces that draw the runs."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from decks.assets import fonts_dir
from decks.model import Recap
from decks.plan import deck_plan
from decks.renderers.base import render
from decks.renderers.pptx import PptxRenderer
from decks.text.metrics import load_face
from decks.text.runs import CODE_SCALE
from decks.themes.loader import load_theme

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def recap(takeaway: str) -> Recap:
    return Recap.model_validate(
        {
            "title": "Markup",
            "items": [{"title": "Install it", "takeaways": [takeaway, "second point"], "layout": "bullets"}],
        }
    )


def _item_body(markup: str):
    deck = deck_plan(recap(markup), load_theme(None))
    slide = next(s for s in deck.slides if s.kind == "item")
    assert slide.body is not None
    return deck, slide.body.paras[0]


def _code_that_fits_only_in_the_body_face() -> str:
    """Words whose plain width at the deck's body size fills most of the item's body, and whose monospace width
    is more than it: as code they take one more line."""
    carlito = load_face(fonts_dir() / "Carlito-Regular.ttf")
    mono = load_face(fonts_dir() / "LiberationMono-Regular.ttf")
    words = []
    while True:
        words.append(f"pkg{len(words)}")
        text = " ".join(words)
        # The default body is 864 pt wide less the bullet's indent; the body size is 28 pt, code's 0.9 of it.
        if mono.width(text, 28.0 * CODE_SCALE) > 840 and carlito.width(text, 28.0) < 760:
            return text


def test_a_code_run_is_named_monospace_and_breaks_as_liberation_mono_measures_it() -> None:
    words = _code_that_fits_only_in_the_body_face()
    _, plain = _item_body(words)
    _, code = _item_body(f"`{words}`")
    assert plain.lines == 1 and code.lines == 2
    assert {r.face for r in code.runs} == {"Courier New"} and all(r.style == 4 for r in code.runs)
    data = render(PptxRenderer, recap(f"`{words}`"), load_theme(None)).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        slides = [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("ppt/slides/slide")]
    runs = [r for s in slides for r in s.iter(f"{A}r") if (r.findtext(f"{A}t") or "").startswith("pkg0")]
    assert runs
    for r in runs:
        rpr = r.find(f"{A}rPr")
        assert rpr.find(f"{A}latin").get("typeface") == "Courier New"
        assert (rpr.get("b"), rpr.get("i")) == ("0", "0")


def test_a_code_run_is_written_at_nine_tenths_of_its_paragraphs_size() -> None:
    _, para = _item_body("Run `pip install` today")
    data = render(PptxRenderer, recap("Run `pip install` today"), load_theme(None)).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        slides = [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("ppt/slides/slide")]
    sizes = {
        r.findtext(f"{A}t"): int(r.find(f"{A}rPr").get("sz"))
        for s in slides
        for r in s.iter(f"{A}r")
        if r.findtext(f"{A}t") in ("Run ", "pip install", " today")
    }
    assert sizes["Run "] == sizes[" today"] == round(para.size * 100)
    assert sizes["pip install"] == round(para.size * CODE_SCALE * 100)


def test_bold_and_italic_runs_carry_their_attributes_and_plain_text_stays_one_run() -> None:
    data = render(PptxRenderer, recap("a **bold** and _slanted_ word"), load_theme(None)).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        slides = [etree.fromstring(z.read(n)) for n in z.namelist() if n.startswith("ppt/slides/slide")]
    attrs = {
        (r.findtext(f"{A}t"), r.find(f"{A}rPr").get("b"), r.find(f"{A}rPr").get("i"))
        for s in slides
        for r in s.iter(f"{A}r")
    }
    assert {("a ", "0", "0"), ("bold", "1", "0"), (" and ", "0", "0"), ("slanted", "0", "1")} <= attrs
    assert ("second point", "0", "0") in attrs
    assert not any("*" in t or "_" in t for t, _, _ in attrs if t)


def test_a_bold_paragraph_is_measured_wider_than_the_same_words_plain() -> None:
    regular = load_face(fonts_dir() / "Carlito-Regular.ttf")
    bold_face = load_face(fonts_dir() / "Carlito-Bold.ttf")
    deck = deck_plan(recap("word"), load_theme(None))
    body = next(s for s in deck.slides if s.kind == "item").body
    assert body is not None
    room = body.box.w - body.paras[0].indent
    # As many letters as fit the line in the regular face, in words of five.
    text = "w"
    while regular.width(text + "w", 28.0) < room * 0.995:
        text += " " if len(text) % 6 == 5 else "w"
    assert bold_face.width(text, 28.0) > room  # bold Carlito is wider: as bold, the words take two lines
    _, plain = _item_body(text)
    _, bold = _item_body(f"**{text}**")
    assert plain.lines == 1 and bold.lines == 2
