"""The deck plan: slide order, fitting to the floor, continuation slides, notes and sections."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.model import Recap
from decks.plan.deck import ZWSP, build_plan, default_geometry, display_url
from decks.plan.stacks import stacks_for
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.budget import examples
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH
from tests.fixtures.dense import LONG_URL, dense_recap


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


@pytest.fixture(scope="module")
def plans(theme):
    return {
        "en": build_plan(load_content(EXAMPLE_EN), theme),
        "zh": build_plan(load_content(EXAMPLE_ZH), theme),
        "dense": build_plan(dense_recap(), theme),
    }


def test_slides_come_in_the_issue_order(plans):
    recap = load_content(EXAMPLE_EN)
    kinds = [s.kind for s in plans["en"].slides]
    assert kinds[:4] == ["title", "intro", "agenda", "section"]  # the example has an intro:
    assert kinds[-1] == "closing"
    assert kinds.count("section") == len(recap.all_parts)
    assert kinds.count("item") >= len(recap.all_items)
    assert kinds.index("takeaways") < kinds.index("resources") < kinds.index("closing")


def test_sections_are_intro_each_day_and_wrap_up(plans):
    names = [name for name, _ in plans["en"].sections]
    assert names == ["Introduction", "Day 0", "Day 1", "Day 2", "Wrap-up"]


def test_every_slide_has_notes_and_item_notes_come_from_the_content(plans):
    recap = load_content(EXAMPLE_EN)
    for plan in plans.values():
        assert all(s.notes.strip() for s in plan.slides)
    first = next(s for s in plans["en"].slides if s.kind == "item")
    assert first.notes == recap.all_items[0].notes
    mesh = next(s for s in plans["en"].slides if s.title.paras[0].text == "Mesh TensorFlow")
    assert "Mesh TensorFlow talk" in mesh.notes  # generated: no notes in the content


def test_text_fits_its_box_and_body_text_never_drops_below_the_floor(plans, theme):
    floor = theme.sizes.slides.floor
    for plan in plans.values():
        for slide in plan.slides:
            for box in [slide.title, *slide.texts]:
                assert box.height <= box.box.h + 0.01, (slide.title.paras[0].text, box.role)
                if box.placeholder:
                    assert all(p.size >= floor for p in box.paras)


def test_fifteen_takeaways_continue_on_a_cont_slide(plans):
    titles = [s.title.paras[0].text for s in plans["dense"].slides]
    assert any(t.endswith("（续）") for t in titles)


def test_long_urls_are_shortened_for_display_but_linked_in_full(plans):
    runs = [r for s in plans["dense"].slides for t in s.texts for p in t.paras for r in p.runs]
    assert any(r.link == LONG_URL for r in runs)
    assert all(len(r.text.replace(ZWSP, "")) < 120 for r in runs if r.link == LONG_URL)
    assert display_url("https://www.example.com/a/") == "example.com/a"


def test_a_word_broken_by_the_engine_gets_a_zero_width_space(theme):
    word = "Supercalifragilisticexpialidocious" * 4  # wider than the body at any size
    recap = Recap.model_validate({"title": "T", "items": [{"title": "A", "takeaways": ["One", word]}]})
    texts = [p.text for s in build_plan(recap, theme).slides for t in s.texts for p in t.paras]
    assert any(ZWSP in t and "Supercalifragilistic" in t for t in texts)


def test_pictures_keep_their_aspect_ratio_and_do_not_cover_text(plans):
    for slide in plans["en"].slides:
        for pic in slide.pictures:
            for box in slide.texts:
                b, t = pic.box, box.box
                overlap = b.x < t.right and t.x < b.right and b.y < t.bottom and t.y < b.bottom
                assert not overlap, (slide.title.paras[0].text, box.role)
    from PIL import Image

    image = next(p for s in plans["en"].slides for p in s.pictures if p.path)
    left, top, right, bottom = image.crop  # cropped to its frame: what is shown keeps the picture's proportions
    with Image.open(image.path) as img:
        shown = img.width * (1 - left - right) / (img.height * (1 - top - bottom))
        assert image.box.w / image.box.h == pytest.approx(shown, rel=0.01)
    assert image.alt


def test_geometry_is_16_by_9_and_plans_are_pure(theme):
    geo = default_geometry()
    assert geo.width / geo.height == pytest.approx(16 / 9)
    assert "pptx" not in " ".join(m for m in sys.modules if m.startswith("decks.plan"))
    assert stacks_for(theme).body.primary.family == "Calibri"


def test_resources_are_two_columns_of_links_grouped_by_item(plans):
    recap = load_content(EXAMPLE_EN)
    slides = [s for s in plans["en"].slides if s.kind == "resources"]
    assert len(slides) <= 3  # Calibri's line is 1.44 em (its line gap counts), Lato's was 1.2
    for n, slide in enumerate(slides, 1):
        left = next(t for t in slide.texts if t.role == "body")
        right = next((t for t in slide.texts if t.role == "column"), None)
        assert right is not None or n == len(slides)  # only the last slide may have one column
        if right is not None:
            assert left.placeholder == "body" and left.box.right < right.box.x
            assert {p.size for p in left.paras} == {p.size for p in right.paras}
    urls = {r.link for s in slides for t in s.texts for p in t.paras for r in p.runs if r.link}
    assert urls >= {link.url for item in recap.all_items for link in item.links}
    headings = [p.text for s in slides for t in s.texts if t.role in ("body", "column") for p in t.paras]
    titles = [i.title for i in recap.all_items if i.links]
    assert [h for h in headings if h in titles] == titles  # every item's links under its title, in order


_WORDS = st.sampled_from(
    [
        "model",
        "TensorFlow",
        "on-device",
        "quantization",
        "数据集",
        "训练模型",
        "，",
        "。",
        "https://x.io/" + "a" * 60,
        "2.0",
    ]
)
_TEXT = st.lists(_WORDS, min_size=1, max_size=25).map(" ".join)


@st.composite
def _recaps(draw: st.DrawFn) -> Recap:
    items = [
        {"title": draw(_TEXT), "summary": draw(_TEXT), "takeaways": draw(st.lists(_TEXT, max_size=18))}
        for _ in range(draw(st.integers(1, 4)))
    ]
    key = draw(st.lists(_TEXT, max_size=9))
    return Recap.model_validate({"title": draw(_TEXT), "items": items, "key_takeaways": key})


@settings(max_examples=examples(15, deep=40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recap=_recaps())
def test_any_content_fits_its_boxes_at_or_above_the_floor_and_loses_no_takeaway(recap: Recap) -> None:
    theme = load_theme(None)
    plan = build_plan(recap, theme)
    shown = ""
    for slide in plan.slides:
        for box in [slide.title, *slide.texts]:
            assert box.height <= box.box.h + 0.01
            if box.placeholder:
                assert all(p.size >= theme.sizes.slides.floor for p in box.paras)
            shown += "".join(p.text for p in box.paras)
    squash = str.maketrans("", "", " \u200b\n")  # a line the plan ended ("\n") is its text still
    for item in recap.items:
        for takeaway in item.takeaways:
            assert takeaway.text.translate(squash) in shown.translate(squash)


def test_paginating_into_a_box_lower_than_one_line_ends_and_keeps_every_character(theme):
    from decks.plan.deck.fit import Fitter, Src
    from decks.plan.deck.pages import paginate
    from decks.plan.deck.plan import Run
    from decks.plan.geometry import Rect

    srcs = [Src((Run("word " * 40),)), Src((Run(""),)), Src((Run("tail"),))]
    pages = paginate(Fitter(theme), srcs, Rect(0, 0, 300, 0), 28)
    text = "".join(s.text for page in pages for s in page)
    assert 1 < len(pages) < 60 and text.replace(" ", "") == ("word" * 40) + "tail"


def test_a_cjk_title_without_a_bold_cut_is_one_weight_all_along(tmp_path) -> None:
    import io

    from pptx import Presentation

    from decks.plan import deck_plan
    from decks.readers.content import parse_content
    from decks.renderers.base import render
    from decks.renderers.pptx import PptxRenderer
    from decks.themes.loader import load_theme

    def deck_of(language: str, title: str):
        raw = f"title: {title}\nlanguage: {language}\nitems:\n  - title: {title}\n".encode()
        return parse_content(raw, "c.yaml", tmp_path)

    theme = load_theme(None)
    # Japanese (Klee) and Korean (Gothic KR) have one weight: the Latin part is not bold beside them.
    for language, title in (("ja", "基調講演：Kotlin 2.0"), ("ko", "기조연설 Kotlin 2.0")):
        recap = deck_of(language, title)
        assert {p.font for s in deck_plan(recap, theme).slides for p in s.title.paras} == {"body"}
        prs = Presentation(io.BytesIO(render(PptxRenderer, recap, theme).data))
        runs = [
            r
            for s in prs.slides
            for sh in s.shapes
            if sh.has_text_frame
            for p in sh.text_frame.paragraphs
            for r in p.runs
            if "Kotlin" in r.text
        ]
        assert runs and all(r.font.bold is False for r in runs)
    # Chinese has Recap Kai Bold: the title stays bold.
    assert {p.font for p in deck_plan(deck_of("zh-CN", "回顾：Kotlin 2.0"), theme).slides[0].title.paras} == {"heading"}


def test_the_recaps_intro_is_its_own_slide_after_the_title_with_the_words_as_notes(theme, tmp_path) -> None:
    from decks.readers.content import parse_content

    intro = "I spent two days in Lisbon. Here is what stuck."
    raw = f"title: T\nintro: {intro}\nitems:\n  - title: A\n  - title: B\n".encode()
    deck = build_plan(parse_content(raw, "c.yaml", tmp_path), theme)
    assert [s.kind for s in deck.slides][:3] == ["title", "intro", "agenda"]
    slide = deck.slides[1]
    shown = " ".join(run.text for box in (slide.title, *slide.texts) for p in box.paras for run in p.runs)
    assert intro in " ".join(shown.replace("\u200b", "").split()) and slide.notes == intro
    without = build_plan(parse_content(b"title: T\nitems:\n  - title: A\n", "c.yaml", tmp_path), theme)
    assert "intro" not in [s.kind for s in without.slides]
