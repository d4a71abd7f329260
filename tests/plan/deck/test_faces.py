"""The planner's last pass (decks.plan.deck.faces): runs cut by drawing face, everything else kept."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import fields, replace

from decks.plan.deck.faces import _box, _segments, segments, with_faces
from decks.plan.deck.plan import Deck, Para, Picture, Run, Shape, Slide, TextBox
from decks.plan.deck.text import ZWSP
from decks.plan.geometry import Rect
from decks.plan.stacks import stacks_for
from decks.text.fallback import FontStack
from decks.text.shaping import base_rtl
from decks.themes.loader import load_theme


def test_cutting_runs_by_face_keeps_every_other_field_of_the_box_its_paragraphs_and_runs() -> None:
    # faces.py builds boxes, paragraphs and runs with their constructors (faster than replace): a field added
    # to one of them must be copied there too, which this test notices (every field has a non-default value).
    run = Run("Hello 你好 world", "accent2", "https://example.com", None, "", 1)
    para = Para((run,), 20.0, 24.0, "heading", 1, True, 22.0, 6.0, "r", 2, False, (6, 15))
    box = TextBox("column", Rect(1, 2, 3, 4), (para,), "body", "ctr")
    assert {f.name for f in fields(Run)} == {"text", "color", "link", "field", "face", "style"}
    assert {f.name for f in fields(Para)} == {
        *("runs", "size", "pitch", "font", "level", "bullet", "indent", "space_before", "align", "lines", "rtl"),
        "ends",
    }  # rtl is not copied but found from the text (left to right here), as the next test shows
    assert {f.name for f in fields(TextBox)} == {"role", "box", "paras", "placeholder", "anchor"}
    assert [f.name for f in fields(Slide)] == [
        *("kind", "layout", "title", "texts", "pictures", "shapes", "notes", "section", "design"),
    ]  # with_faces makes each slide with its constructor, in this order
    stacks = stacks_for(load_theme(None), "en")
    out = _box(box, {"heading": stacks.heading, "body": stacks.body})
    (got,) = out.paras
    assert out == replace(box, paras=out.paras)
    assert got == replace(para, runs=got.runs)
    assert "".join(r.text for r in got.runs) == run.text
    assert all(r.face and replace(r, text=run.text, face="") == run for r in got.runs)


def test_a_right_to_left_paragraph_is_marked_and_set_flush_right() -> None:
    stacks = stacks_for(load_theme(None), "he")
    paras = (Para((Run("שלום עולם English"),), 20.0, 24.0), Para((Run("Hello שלום"),), 20.0, 24.0))
    hebrew, english = _box(TextBox("body", Rect(0, 0, 300, 100), paras), {"body": stacks.body}).paras
    assert (hebrew.rtl, hebrew.align) == (True, "r")
    assert (english.rtl, english.align) == (False, "l")


def test_a_field_run_keeps_its_field_and_is_set_in_the_primary_face() -> None:
    stacks = stacks_for(load_theme(None), "en")
    para = Para((Run("#", "muted", field="slidenum"),), 12.0, 14.0)
    (got,) = _box(TextBox("number", Rect(0, 0, 10, 10), (para,)), {"body": stacks.body}).paras
    assert got.runs == (Run("#", "muted", field="slidenum", face=stacks.body.primary.family),)


# The pass's shortcuts against the general path, over all of Unicode: printable ASCII that the primary face draws
# is one piece without a look-up per character, a run repeated in the deck is cut once, and a paragraph of ASCII
# is left to right without asking the bidi classes. The stacks look up no system font, so the test does not
# depend on the machine's fonts.
_ZH = stacks_for(load_theme(None), "zh")
_STACKS = {"heading": FontStack(_ZH.heading.faces, system=False), "body": FontStack(_ZH.body.faces, system=False)}
_texts = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.characters(max_codepoint=0x7F) | st.sampled_from([ZWSP, "你"]),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_printable_ascii_is_cut_as_the_general_path_cuts_it(text: str) -> None:
    for stack in _STACKS.values():
        got = segments(stack, text)
        assert got == _segments(stack, text)
        assert "".join(piece for _, piece in got) == text


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_texts, st.sampled_from([None, "https://example.com"])), min_size=1, max_size=6))
def test_a_run_cut_once_for_the_deck_is_cut_as_if_alone_and_the_direction_follows_the_bidi_rules(
    runs: list[tuple[str, str | None]],
) -> None:
    para = Para(tuple(Run(text, "ink", link) for text, link in runs), 20.0, 24.0)
    memos: dict = {}
    _box(TextBox("body", Rect(0, 0, 300, 100), (replace(para, runs=para.runs[::-1]),)), _STACKS, memos)
    shared = _box(TextBox("body", Rect(0, 0, 300, 100), (para, para)), _STACKS, memos).paras
    alone = [_box(TextBox("body", Rect(0, 0, 9, 9), (replace(para, runs=(r,)),)), _STACKS).paras[0] for r in para.runs]
    assert shared[0].runs == shared[1].runs == tuple(r for p in alone for r in p.runs)
    assert shared[0].rtl == base_rtl(para.text)


def test_the_pass_keeps_every_field_of_a_slide_but_its_text_boxes() -> None:
    box = TextBox("body", Rect(0, 0, 300, 100), (Para((Run("Hello"),), 20.0, 24.0),), "body")
    pic = Picture(Rect(1, 2, 3, 4), "alt", Path("x.png"), None, (3.0, 4.0))
    slide = Slide("item", "picture", box, (box,), (pic,), (Shape(Rect(0, 0, 5, 5), "accent"),), "notes", "Day 1")
    (got,) = with_faces(Deck(960, 540, (slide,), "en"), load_theme(None)).slides
    assert got == replace(slide, title=got.title, texts=got.texts)
    assert got.title.paras[0].runs[0].face and got.texts[0].paras[0].runs[0].face
