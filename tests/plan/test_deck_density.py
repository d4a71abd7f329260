"""The deck adapts to what a slide holds, from one item to sixty: sparse items as statements or spotlights, icons
of one size, no "(cont.)" slide with one bullet, no slide or column ending on a heading, agendas as lists (no "·"
walls), key takeaways only from what the content marks, no section slide for a one-part recap, and a full title
slide."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.i18n import messages
from decks.model import Recap
from decks.plan.deck import Deck, Slide, build_plan
from decks.plan.deck.measures import NEAR
from decks.plan.keepout import overlaps
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.budget import examples
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH, content_dir, to_pdfs
from tests.fixtures.deck_contents import recap as generated

EXAMPLE_JA = content_dir() / "ml-engineering-summit-tokyo-2025.ja.yaml"
SIZES = (1, 3, 8, 24, 60)
LANGUAGES = ("en", "zh", "ja")
CASES = [f"{n}-{lang}" for n in SIZES for lang in LANGUAGES] + ["example-en", "example-zh", "example-ja"]
LISTS = ("agenda", "takeaways", "resources")


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


def _recap(case: str) -> Recap:
    n, lang = case.split("-")
    if n == "example":
        return load_content({"en": EXAMPLE_EN, "zh": EXAMPLE_ZH, "ja": EXAMPLE_JA}[lang])
    return generated(int(n), lang)


@pytest.fixture(scope="module")
def decks(theme) -> dict[str, tuple[Recap, Deck]]:
    out = {}
    for case in CASES:
        recap = _recap(case)
        out[case] = (recap, build_plan(recap, theme))
    return out


def _boxes(slide: Slide):
    return [t for t in slide.texts if t.role in ("body", "column")]


def _continued(deck: Deck, slide: Slide) -> bool:
    mark = messages(deck.language).gettext("{title} (cont.)").format(title="")
    return slide.title.paras[0].text.endswith(mark)


@pytest.mark.parametrize("case", CASES)
def test_no_continuation_slide_holds_a_single_paragraph(decks, case) -> None:
    _, deck = decks[case]
    for slide in deck.slides:
        if _continued(deck, slide):
            paras = [p for box in _boxes(slide) for p in box.paras]
            assert len(paras) > 1, (slide.title.paras[0].text, [p.text for p in paras])


@pytest.mark.parametrize("case", CASES)
def test_no_slide_holds_only_a_heading_and_no_column_ends_on_one(decks, case) -> None:
    _, deck = decks[case]
    for slide in deck.slides:
        if slide.kind not in (*LISTS, "item"):
            continue
        paras = [p for box in _boxes(slide) for p in box.paras]
        assert not paras or any(p.font != "heading" for p in paras), slide.title.paras[0].text
        for box in _boxes(slide):
            assert not box.paras or box.paras[-1].font != "heading", (slide.title.paras[0].text, box.role)


@pytest.mark.parametrize("case", CASES)
def test_the_agenda_is_a_list_of_items_without_separator_walls(decks, case) -> None:
    """One line per item, in order, under its day's heading (a timeline's column or a list); no "·" walls."""
    recap, deck = decks[case]
    agenda = [s for s in deck.slides if s.kind == "agenda"]
    paras = [p for s in agenda for box in _boxes(s) for p in box.paras]
    assert not any("·" in p.text for p in paras)
    titles = [i.title for i in recap.all_items]
    listed = [p.text.replace("\u200b", "") for p in paras]
    if recap.parts:
        headings = [t for t in listed if any(t.startswith(part.title) for part in recap.all_parts) and t not in titles]
        assert len(headings) == len(recap.all_parts)
        listed = [t for t in listed if t not in headings]
    assert listed == titles


@pytest.mark.parametrize("case", CASES)
def test_key_takeaways_come_only_from_what_the_content_marks(decks, case) -> None:
    """No generated summary of item titles (a second agenda): the content's key_takeaways, else the takeaways it
    marks key, else no such slide."""
    recap, deck = decks[case]
    slides = [s for s in deck.slides if s.kind == "takeaways"]
    marked = recap.key_takeaways or [t for i in recap.all_items for t in i.takeaways if t.key]
    assert bool(slides) == bool(marked)
    # A card's text has its lines ended by the plan ("\n" for a space, or between two CJK characters).
    flat = re.compile(r"[\s\u200b]")
    texts = [flat.sub("", p.text) for s in slides for t in s.texts if t.role in ("body", "card") for p in t.paras]
    assert [t for t in texts if t in {flat.sub("", m.text) for m in marked}] == [flat.sub("", m.text) for m in marked]


def test_takeaways_marked_key_make_numbered_cards(theme) -> None:
    items = [{"title": f"Item {n}", "takeaways": [{"text": f"Point {n}", "key": True}, "Other"]} for n in range(4)]
    deck = build_plan(Recap.model_validate({"title": "T", "items": items}), theme)
    (slide,) = [s for s in deck.slides if s.kind == "takeaways"]
    assert slide.design == "numbered"
    numbers = [t.paras[0].text for t in slide.texts if t.role == "ordinal"]
    assert numbers == ["1", "2", "3", "4"]


@pytest.mark.parametrize("case", CASES)
def test_sections_only_for_recaps_with_parts(decks, case) -> None:
    recap, deck = decks[case]
    sections = [s for s in deck.slides if s.kind == "section"]
    assert len(sections) == (len(recap.all_parts) if recap.parts else 0)


@pytest.mark.parametrize("case", CASES)
def test_icons_are_one_size_and_no_item_body_is_set_above_the_deck_size(decks, case, theme) -> None:
    """No giant filler icon: every icon of an item slide is at most the title's height, but a spotlight's, which
    is the slide's one picture, on its panel beside the text, touching no text; the lists of items are set at one
    size (the deck's, or a little smaller) and never above the theme's body size."""
    _, deck = decks[case]
    sizes = set()
    for slide in deck.slides:
        if slide.kind != "item":
            continue
        icons = [p for p in slide.pictures if p.icon is not None]
        if slide.design == "spotlight":
            (icon,) = slide.pictures
            panel = next(s.box for s in slide.shapes if s.kind == "round")
            assert panel.x <= icon.box.x and icon.box.right <= panel.right
            assert not any(overlaps(t.box, icon.box) for t in (slide.title, *slide.texts))
            icons = []
        assert all(p.box.h <= 56.01 for p in icons)
        if slide.design in ("bullets", "picture-right", "picture-left") and slide.body is not None:
            sizes |= {p.size for p in slide.body.paras if p.level == 0}
    # One size, or near it where a list would otherwise continue on another slide.
    assert not sizes or min(sizes) >= max(theme.sizes.slides.floor, max(sizes) * NEAR - 0.5), sizes
    assert all(s <= theme.sizes.slides.body for s in sizes), sizes


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_short_item_is_a_statement_set_large_and_centred(theme, language) -> None:
    """A summary and at most one short takeaway: the summary large and centred, not a list beside a filler icon."""
    recap = generated(1, language)
    item = recap.items[0]
    short = item.model_copy(update={"summary": item.takeaways[0].text, "takeaways": item.takeaways[1:]})
    deck = build_plan(recap.model_copy(update={"items": [short]}), theme)
    item = next(s for s in deck.slides if s.kind == "item")
    assert item.design == "statement"
    if item.body is not None:
        assert item.body.anchor == "ctr" and all(p.align == "c" for p in item.body.paras)
        assert item.body.paras[0].size > theme.sizes.slides.body
    else:
        assert item.title.paras[0].size > theme.sizes.slides.title


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_title_slide_without_presenter_or_dates_is_set_larger(theme, language) -> None:
    sparse = build_plan(generated(3, language), theme).slides[0]
    full = build_plan(generated(8, language), theme).slides[0]
    assert sparse.title.paras[0].size > full.title.paras[0].size
    sub = next(t for t in sparse.texts if t.role == "subtitle")
    assert sub.anchor == "ctr" and sub.paras[0].size > theme.sizes.slides.subtitle


def test_pages_are_even_when_a_list_runs_over(theme) -> None:
    """Fifteen takeaways of two lines each: two pages of about the same length, not a full one and a stub."""
    text = "A takeaway that is long enough to wrap onto a second line of the slide at any size we set it"
    recap = Recap.model_validate({"title": "T", "items": [{"title": "x", "takeaways": [text] * 15}]})
    deck = build_plan(recap, theme)
    counts = [len(s.body.paras) for s in deck.slides if s.kind == "item" and s.body]
    assert len(counts) >= 2 and max(counts) - min(counts) <= 1, counts


def test_a_heading_before_a_long_paragraph_takes_its_first_lines_along(theme) -> None:
    """A group whose heading would end a page (the next paragraph too long for what is left) starts with it."""
    from decks.plan.deck.fit import Fitter, Src
    from decks.plan.deck.pages import paginate
    from decks.plan.deck.plan import Run
    from decks.plan.geometry import Rect

    fitter = Fitter(theme)
    long = " ".join(["word"] * 400)
    srcs = [Src((Run("line"),), bullet=True)] * 6 + [
        Src((Run("Heading"),), "heading", keep_with_next=True),
        Src((Run(long),)),
    ]
    pages = paginate(fitter, srcs, Rect(0, 0, 600, 300), 28)
    for page in pages:
        assert any(s.font != "heading" for s in page)
        assert not page[-1].keep_with_next
    assert "".join(s.text for p in pages for s in p).replace(" ", "") == "".join(s.text for s in srcs).replace(" ", "")


def test_libreoffice_draws_every_character_of_sparse_and_dense_decks_inside_its_box(
    theme, soffice, fonts_env, poppler, tmp_path
) -> None:
    """The larger type, centred text, columns and evened pages of generated decks (3 items in Japanese, 60 in
    Chinese) as LibreOffice draws them: each character inside the box of its own shape."""

    from decks.renderers.base import render
    from decks.renderers.pptx import PptxRenderer
    from tests.renderers.test_pptx import shape_problems

    cases = {"3-ja": generated(3, "ja"), "60-zh": generated(60, "zh")}
    for name, recap in cases.items():
        (tmp_path / f"{name}.pptx").write_bytes(render(PptxRenderer, recap, theme).data)
    to_pdfs(soffice, [tmp_path / f"{name}.pptx" for name in cases], tmp_path, fonts_env)
    problems = [
        (name, *p) for name in cases for p in shape_problems(tmp_path / f"{name}.pptx", tmp_path / f"{name}.pdf")
    ]
    assert not problems, f"{len(problems)} problems, e.g. {problems[:6]}"


def test_a_long_agenda_is_in_two_columns_a_slide_per_day(decks) -> None:
    recap, deck = decks["60-en"]
    agenda = [s for s in deck.slides if s.kind == "agenda"]
    assert len(agenda) == len(recap.all_parts)
    for slide, part in zip(agenda, recap.all_parts, strict=True):
        assert {t.role for t in slide.texts} >= {"body", "column"}
        assert slide.body is not None and slide.body.paras[0].text.startswith(part.title)


_PARA = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=160)


@settings(max_examples=examples(12, deep=40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(st.tuples(_PARA, st.booleans()), min_size=1, max_size=30),
    height=st.floats(120, 400),
)
def test_evened_pages_are_no_more_and_no_fuller_than_first_fit_and_lose_nothing(theme, texts, height) -> None:
    """Any list of paragraphs and headings: the evened pages keep every character in order, each fits its
    box at the floor, and there are no more of them, nor is the fullest one fuller, than the first-fit cut."""
    from decks.plan.deck import pages as paging
    from decks.plan.deck.fit import Fitter, Src
    from decks.plan.deck.pages import paginate
    from decks.plan.deck.plan import Run
    from decks.plan.geometry import Rect

    srcs = [Src((Run(t),), "heading" if head else "body", keep_with_next=head) for t, head in texts]
    box = Rect(0, 0, 500, height)
    fitter = Fitter(theme)
    even = paginate(fitter, srcs, box, 28)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(paging, "_even", lambda fitter, pages, box: pages)  # the first-fit cut, before evening
        first = paginate(fitter, srcs, box, 28)

    def tallest(pages: list[list[Src]]) -> float:
        return max(fitter.laid(p, box.w, fitter.floor).height for p in pages)

    squash = str.maketrans("", "", " \u200b\n\t\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
    assert "".join(s.text for p in even for s in p).translate(squash) == "".join(t for t, _ in texts).translate(squash)
    assert len(even) <= len(first)
    assert tallest(even) <= tallest(first) + 0.01
    assert all(fitter.laid(p, box.w, fitter.floor).height <= box.h + 0.01 for p in even)


def test_short_lines_that_would_need_a_cont_slide_fit_one_slide_in_two_columns(theme) -> None:
    lines = [f"Course number {n}" for n in range(22)]
    recap = Recap.model_validate({"title": "T", "items": [{"title": "Resources", "takeaways": lines}]})
    items = [s for s in build_plan(recap, theme).slides if s.kind == "item"]
    assert len(items) == 1
    assert [p.text for t in items[0].texts if t.role in ("body", "column") for p in t.paras] == lines
