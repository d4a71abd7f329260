"""The deck plan's named layouts: chosen from the content's shape (decks.plan.deck.picking), overridable with an
item's `layout:`, no more than three slides in a row of one, each laid out inside the slide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.model import Recap
from decks.plan.deck import Planner, build_plan
from decks.plan.deck.images import KEEP, cover
from decks.plan.deck.picking import RUN, Holding, candidates, pick
from decks.plan.deck.plan import ITEM_LAYOUTS, ItemDesign, default_geometry
from decks.plan.geometry import Rect
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.budget import examples
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH, content_dir
from tests.fixtures.deck_contents import recap as generated

EXAMPLES = [
    EXAMPLE_EN,
    EXAMPLE_ZH,
    content_dir() / "ml-engineering-summit-tokyo-2025.ja.yaml",
    content_dir() / "frontend-conf-seoul-2025.ko.yaml",
]


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


def _item(**fields):
    return Recap.model_validate({"title": "T", "items": [{"title": "An item", **fields}]}).items[0]


def test_the_content_shape_picks_the_layout() -> None:
    assert candidates(_item(summary="Short."))[0] == "statement"
    assert candidates(_item())[0] == "statement"
    assert candidates(_item(quote={"text": "Make it easy.", "by": "Someone"}))[0] == "quote"
    assert candidates(_item(figure={"value": "30+", "label": "datasets"}))[0] == "fact"
    two = [{"text": "A", "points": ["a1", "a2"]}, {"text": "B", "points": ["b1"]}]
    assert candidates(_item(summary="S", takeaways=two))[0] == "two-columns"
    assert candidates(_item(summary="S", takeaways=["One", "Two", "Three"]))[0] == "cards"
    # A list is first tried as a spotlight, which holds only when the list is sparse (measured, not counted).
    assert candidates(_item(summary="S", takeaways=["One", "Two"]))[:2] == ["spotlight", "bullets"]
    assert candidates(_item(summary="S"), picture=(2400, 1200))[0] == "picture-full"
    assert candidates(_item(summary="S", takeaways=["t"]), picture=(2400, 1200))[0] == "picture-right"
    assert candidates(_item(summary="S"), picture=(600, 800))[0] == "picture-right"
    assert candidates(_item(summary="S", layout="sidebar")) == ["sidebar"]


def test_no_more_than_three_in_a_row_and_a_forced_layout_stays() -> None:
    chosen = pick([["bullets", "sidebar"]] * 9)
    assert all(len(set(chosen[n : n + RUN + 1])) > 1 for n in range(len(chosen) - RUN))
    # An item that has no other layout breaks the run by changing the one before it.
    chosen = pick([["bullets", "sidebar"]] * 3 + [["bullets"]])
    assert chosen.count("sidebar") == 1 and chosen[-1] == "bullets"
    assert pick([["bullets", "sidebar"]] * 5, fixed=lambda n: True) == ["bullets"] * 5


@pytest.mark.parametrize(
    ("fields", "design"),
    [
        ({"summary": "A short statement."}, "statement"),
        ({"summary": "S", "takeaways": ["One", "Two"], "layout": "sidebar"}, "sidebar"),
        ({"quote": {"text": "Make the easy things easy.", "by": "Someone"}}, "quote"),
        ({"figure": {"value": "30+", "label": "datasets"}, "summary": "Ready to load."}, "fact"),
        ({"takeaways": [{"text": "A", "points": ["a"]}, {"text": "B", "points": ["b"]}]}, "two-columns"),
        ({"takeaways": ["One", "Two", "Three"], "layout": "cards"}, "cards"),
        ({"takeaways": ["One", "Two", "Three"], "layout": "bullets"}, "bullets"),
    ],
)
def test_each_item_layout_is_drawn_inside_the_slide(theme, fields, design) -> None:
    deck = build_plan(Recap.model_validate({"title": "T", "items": [{"title": "An item", **fields}]}), theme)
    (slide,) = [s for s in deck.slides if s.kind == "item"]
    assert slide.design == design
    texts = [slide.title, *slide.texts]
    for box in texts:
        assert box.box.x >= 0 and box.box.right <= deck.width and box.box.y >= 0 and box.box.bottom <= deck.height
        assert box.height <= box.box.h + 0.5, (box.role, box.height, box.box.h)
    # No text box over another's text.
    for a in texts:
        for b in texts:
            if a is not b and a.paras and b.paras:
                assert not (
                    a.box.x < b.box.right - 1
                    and b.box.x < a.box.right - 1
                    and a.box.y < b.box.bottom - 1
                    and b.box.y < a.box.bottom - 1
                ), (a.role, b.role)


@pytest.mark.parametrize("name", ["40-en", "60-ja", *(p.name for p in EXAMPLES)])
def test_no_four_slides_in_a_row_share_a_layout(theme, name) -> None:
    recap = (
        load_content(next(p for p in EXAMPLES if p.name == name))
        if "." in name
        else generated(int(name.split("-")[0]), name.split("-")[1])
    )
    designs = [s.design for s in build_plan(recap, theme).slides]
    assert all(designs), designs
    # The resources' links are one list however long; every other run is broken.
    runs = [designs[n : n + RUN + 1] for n in range(len(designs) - RUN)]
    assert not [r for r in runs if len(set(r)) == 1 and r[0] not in ("links", "agenda")], designs


def test_the_generated_and_bundled_decks_use_at_least_eight_layouts(theme) -> None:
    used = set()
    for recap in (generated(40, "en"), generated(60, "en"), *(load_content(p) for p in EXAMPLES)):
        used |= {s.design for s in build_plan(recap, theme).slides}
    assert len(used) >= 8, used
    assert len(used & set(ITEM_LAYOUTS)) >= 4, used


def test_a_picture_credit_sits_right_under_the_picture(theme, tmp_path) -> None:
    image = Path(__file__).parents[2] / "golden" / "img" / "badge.png"
    recap = Recap.model_validate(
        {
            "title": "T",
            "items": [
                {
                    "title": f"Item {n}",
                    "summary": "S",
                    "takeaways": ["a", "b"],
                    "image": {"path": str(image), "alt": "A badge", "credit": "Photo by recap"},
                }
                for n in range(2)
            ],
        }
    )
    slides = [s for s in build_plan(recap, theme).slides if s.kind == "item"]
    assert [s.design for s in slides] == ["picture-right", "picture-left"]
    for slide in slides:
        pic = next(p for p in slide.pictures if p.path is not None)
        credit = next(t for t in slide.texts if t.role == "caption")
        assert 0 <= credit.box.y - pic.box.bottom <= 8
        body = slide.body
        assert body is not None and (body.box.right <= pic.box.x or pic.box.right <= body.box.x)


def test_the_closing_slide_shows_each_handle_with_an_address_as_a_qr_code(theme) -> None:
    recap = Recap.model_validate(
        {
            "title": "T",
            "items": [{"title": "x"}],
            "presenter": {
                "name": "P",
                "handles": [
                    {"network": "github", "handle": "p", "url": "https://github.com/p"},
                    {"network": "blog", "handle": "p.dev"},
                ],
            },
        }
    )
    closing = build_plan(recap, theme).slides[-1]
    codes = [p for p in closing.pictures if p.qr]
    assert len(codes) == 1 and codes[0].alt and len(codes[0].qr) >= 21
    assert all(len(row) == len(codes[0].qr) for row in codes[0].qr)
    body = closing.body
    assert body is not None and body.box.right <= codes[0].box.x


def test_chalkboard_names_the_face_its_titles_are_measured_and_drawn_with() -> None:
    from decks.plan import deck_plan
    from decks.text.metrics import load_face

    theme = load_theme("chalkboard")
    deck = deck_plan(load_content(EXAMPLE_EN), theme)
    heading = next(f for f in deck.fonts if f.bold and f.family != "Calibri")
    assert load_face(heading.path).family == heading.family == "Comic Neue"
    assert {r.face for s in deck.slides for r in s.title.paras[0].runs} == {"Comic Neue"}


def test_a_side_picture_fills_its_frame_cropped_evenly_and_stays_whole(theme) -> None:
    """picture-right and picture-left: the 3:2 badge fills the taller frame beside the text, as much cut off its
    left as off its right, the part shown in the picture's proportions (the file keeps it whole: `crop`)."""
    image = Path(__file__).parents[2] / "golden" / "img" / "badge.png"  # 1200 x 800
    item = {"summary": "S", "takeaways": ["a", "b"], "image": {"path": str(image), "alt": "A badge"}}
    recap = Recap.model_validate({"title": "T", "items": [{"title": f"Item {n}", **item} for n in range(2)]})
    frame = default_geometry().frames["picture"].aside
    assert frame is not None
    for slide in [s for s in build_plan(recap, theme).slides if s.kind == "item"]:
        pic = next(p for p in slide.pictures if p.path is not None)
        left, top, right, bottom = pic.crop
        assert left == pytest.approx(right) and left > 0.1 and top == bottom == 0.0
        assert pic.box.w == pytest.approx(frame.w, abs=0.5) and pic.box.h == pytest.approx(frame.h, abs=0.5)
        assert pic.box.w / pic.box.h == pytest.approx(1200 * (1 - left - right) / 800, rel=0.01)


@pytest.mark.parametrize(
    ("size", "keeps"),
    [
        ((1200, 800), (0.584, 1.0)),
        ((3000, 600), (0.5, 1.0)),
        ((600, 3000), (1.0, 0.5)),
        ((624, 712), (1.0, 1.0)),
        ((300, 356), (1.0, 0.962)),
    ],
)
def test_cover_cuts_evenly_and_keeps_at_least_its_share(size, keeps) -> None:
    area = Rect(600, 128, 312, 356)
    box, (sw, sh), (left, top, right, bottom) = cover(size, area, KEEP)
    assert left == pytest.approx(right) and top == pytest.approx(bottom)
    assert (1 - left - right, 1 - top - bottom) == pytest.approx(keeps, abs=0.01)
    assert box.w <= area.w + 0.01 and box.h <= area.h + 0.01 and box.y == area.y
    assert box.x + box.w / 2 == pytest.approx(area.x + area.w / 2, abs=0.01)  # centred across
    assert box.w == pytest.approx(sw * (1 - left - right), abs=0.02) and box.h == pytest.approx(
        sh * (1 - top - bottom), abs=0.02
    )


@pytest.mark.parametrize("language", ["ja", "zh", "ko", "en"])
def test_short_and_large_texts_end_their_lines_between_phrases(theme, language) -> None:
    """Cards and numbered cards hold short texts in narrow boxes, a quote and a figure's label are set large: each
    line of them ends between two phrases (BudouX's for Japanese and Chinese, words elsewhere), never inside a
    word as the engine's own breaks may (すぐに読み込めるデータ / セット, 難しいことは可能に / する。)."""
    from decks.text.headings import phrases
    from tests.fixtures.layout_contents import recap as layout_recap

    recap = layout_recap(language)
    designs = ("cards", "numbered", "quote", "fact")
    slides = [s for s in build_plan(recap, theme).slides if s.design in designs]
    originals = [t.text for i in recap.all_items for t in i.takeaways]
    originals += [i.quote.text for i in recap.all_items if i.quote] + [
        i.figure.label for i in recap.all_items if i.figure
    ]
    assert {s.design for s in slides} == set(designs)
    broken = set()
    for slide in slides:
        for para in [p for box in slide.texts if box.role in ("card", "body", "figure") for p in box.paras]:
            text = para.text
            if "\n" not in text:
                continue
            original = next(o for o in originals if re.sub(r"\s", "", o) == re.sub(r"\s", "", text))
            ends, at = {0}, 0
            for piece in phrases(original, recap.language):
                at += len(piece)
                ends.add(at)
            at = 0
            for line in text.split("\n")[:-1]:
                at += len(line)
                if original[at : at + 1] == " ":
                    at += 1  # the break took the space's place
                assert at in ends, (text, line)
            broken.add(slide.design)
    assert broken >= {"cards", "quote"}, broken


def test_a_list_after_a_list_gives_way_to_the_items_other_layouts() -> None:
    # Every item suits a list, a sidebar and cards: no two lists in a row, the others taken in turn.
    chosen = pick([["bullets", "sidebar", "cards"]] * 6)
    assert chosen == ["bullets", "sidebar", "bullets", "cards", "bullets", "sidebar"]
    # An item with one layout keeps it; a list is no statement's alternative: two statements stay.
    assert pick([["bullets"]] * 2 + [["bullets", "cards"]]) == ["bullets", "bullets", "cards"]
    assert pick([["statement", "bullets"]] * 2) == ["statement", "statement"]


def test_a_layout_is_tested_only_when_the_picking_reads_that_far() -> None:
    tested: list[str] = []

    def holds(design: str) -> bool:
        tested.append(design)
        return design != "cards"

    opts = Holding(["cards", "bullets", "sidebar"], holds)
    assert opts[0] == "bullets"
    assert tested == ["cards", "bullets"]  # the sidebar is never built unless asked for
    assert list(opts) == ["bullets", "sidebar"] and len(opts) == 2
    assert tested == ["cards", "bullets", "sidebar"]  # each tested once
    assert list(Holding(["cards", "statement"], lambda d: False)) == ["bullets"]  # a list always holds
    assert Holding([], lambda d: True)[0] == "bullets"


def test_picking_reads_held_layouts_as_it_reads_lists() -> None:
    rows = [["bullets", "sidebar", "cards"], ["cards", "bullets"], ["bullets"], ["statement", "bullets"]] * 4
    holds = {"cards": False}
    lazy = [Holding(r, lambda d: holds.get(d, True)) for r in rows]
    eager = [[d for d in r if holds.get(d, True)] or ["bullets"] for r in rows]
    assert pick(lazy) == pick(eager)


def test_a_layout_passed_over_is_not_built_to_learn_it_holds() -> None:
    """A list after a list gives way to the other layout not seen for longest: only that one is built (tested),
    not every layout the item suits."""
    tested: list[list[str]] = []

    def holding(row: list[ItemDesign]) -> Holding:
        mine: list[str] = []
        tested.append(mine)
        return Holding(row, lambda d: mine.append(d) is None)

    chosen = pick([holding(["bullets", "sidebar", "cards"]) for _ in range(4)])
    assert chosen == ["bullets", "sidebar", "bullets", "cards"]
    assert tested == [["bullets"], ["bullets", "sidebar"], ["bullets"], ["bullets", "cards"]]


@settings(max_examples=examples(100, deep=500), deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["bullets", "sidebar", "cards", "statement", "quote"]), unique=True, max_size=4),
        max_size=12,
    ),
    st.sets(st.sampled_from(["sidebar", "cards", "statement", "quote"])),
)
def test_picking_tests_lazily_and_chooses_as_with_every_layout_tested(
    rows: list[list[ItemDesign]], failing: set[str]
) -> None:
    lazy = [Holding(r, lambda d: d not in failing) for r in rows]
    eager = [[d for d in r if d not in failing] or ["bullets"] for r in rows]
    assert pick(lazy) == pick(eager)


@pytest.mark.parametrize(("items", "language"), [(40, "en"), (60, "ja")])
def test_lists_are_not_most_of_a_dense_decks_item_slides(theme, items, language) -> None:
    """The generated dense decks (summaries and two to four short takeaways, mostly) were two thirds lists (30 of
    45 item slides at 40 items, 48 of 74 at 60): the items that suit a sidebar or cards take them in turn. The
    lists left are items that suit nothing else, the long ones on two or three slides each. A sparse item is a
    spotlight, which some sidebars became: together they are still a tenth."""
    designs = [s.design for s in build_plan(generated(items, language), theme).slides if s.kind == "item"]
    assert designs.count("bullets") / len(designs) < 0.6, designs
    assert designs.count("cards") >= len(designs) / 5, designs
    assert designs.count("sidebar") + designs.count("spotlight") >= len(designs) / 10, designs


@pytest.mark.parametrize("theme_name", ["default", "ink"])
def test_cards_are_as_tall_as_their_text_needs_and_centred(theme_name) -> None:
    """Cards and numbered cards were as tall as the body, two thirds of each empty under a line or two of text:
    a card is now as tall as its longest text needs (at least 0.6 of its width), the row centred in its space."""
    from tests.fixtures.layout_contents import recap as layout_recap

    theme = load_theme(None if theme_name == "default" else theme_name)
    slides = [s for s in build_plan(layout_recap("en"), theme).slides if s.design in ("cards", "numbered")]
    assert len(slides) == 2
    for slide in slides:
        cards = [s for s in slide.shapes if s.kind == "round"]
        assert len(cards) == 3
        needs = []
        for card in cards:
            box = card.box
            text = next(
                t
                for t in slide.texts
                if t.role in ("card", "body")
                and t.paras
                and box.x <= t.box.x < box.right
                and box.y < t.box.y < box.bottom
            )
            assert text.box.bottom <= box.bottom - 17  # the padding under the text box
            needs.append(text.box.y - box.y + text.height + 18 + 4)
        # One height for the row: the longest text's (or 0.6 of the width).
        assert {c.box.h for c in cards} == {cards[0].box.h}
        assert cards[0].box.h <= max(*needs, 0.6 * cards[0].box.w) + 0.5, (cards[0].box, needs)
        body = default_geometry().frames["content"].body
        assert body is not None
        # The row sits in the middle of the space under the lead line (or of the body): as much above as below.
        above = cards[0].box.y - max([t.box.bottom for t in slide.texts if t.box.bottom <= cards[0].box.y] + [body.y])
        below = body.bottom - cards[0].box.bottom
        assert abs(above - below) <= 17, (above, below)


def test_a_sidebar_is_refused_before_its_title_and_lead_are_set_when_its_takeaways_do_not_fit(theme) -> None:
    """The takeaways at the deck's body size are asked first: a sidebar that cannot hold them sets no heading."""

    def planned(takeaways: list[str]) -> tuple[object, list[str]]:
        recap = Recap.model_validate(
            {"title": "T", "items": [{"title": "An item", "summary": "The lead line.", "takeaways": takeaways}]}
        )
        planner = Planner(recap, theme, default_geometry())
        set_: list[str] = []
        real = planner.fitter.balanced

        def balanced(src, *args, **kwargs):
            set_.append(src.text)
            return real(src, *args, **kwargs)

        planner.fitter.balanced = balanced  # type: ignore[method-assign]
        return planner.item_layouts.sidebar_slide(recap.items[0], planner.sizes.body), set_

    slide, set_ = planned(["A takeaway of a great many words that runs on and on " * 6] * 4)
    assert slide is None and set_ == []
    slide, set_ = planned(["One short point", "Another one"])
    assert slide is not None and set_ == ["An item", "The lead line."]
