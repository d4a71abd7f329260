"""The deck plan's named layouts: chosen from the content's shape (decks.plan.deck.picking), overridable with an
item's `layout:`, no more than three slides in a row of one, each laid out inside the slide."""

from __future__ import annotations

from pathlib import Path

import pytest

from decks.model import Recap
from decks.plan.deck import build_plan
from decks.plan.deck.picking import RUN, candidates, pick
from decks.plan.deck.plan import ITEM_LAYOUTS
from decks.readers.content import load_content
from decks.themes.loader import load_theme
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
    assert candidates(_item(summary="S", takeaways=["One", "Two"]))[0] == "bullets"
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
