"""The spotlight layout: an item whose list would leave most of its slide bare (sparse by the list's measured
height, not by its characters) gets its icon large on a panel beside the text, which fills the slide on purpose;
its title and text stay in their placeholders, its notes and links stay, and everything stays in its box."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from decks import plan
from decks.model import Recap
from decks.plan.deck import build_plan
from decks.plan.deck.measures import SPOT_ROOM
from decks.plan.deck.plan import Frame, Slide, TextBox, default_geometry
from decks.plan.deck.planner import Planner
from decks.plan.geometry import Rect
from decks.plan.keepout import overlaps
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH, content_dir
from tests.plan import templates

EXAMPLES = [
    EXAMPLE_EN,
    EXAMPLE_ZH,
    content_dir() / "ml-engineering-summit-tokyo-2025.ja.yaml",
    content_dir() / "frontend-conf-seoul-2025.ko.yaml",
]
CONTENT = default_geometry().frames["content"]
# The share of an item slide's content area (the title's top to the body's foot, across the body) that its boxes
# cover (`filled`). Measured on the four examples in the default and ink themes: a full list slide covers 0.82 to
# 0.85, the sparse items set as lists covered 0.42 to 0.55 (0.55 overstated: a text counts as wide as its box), and
# as spotlights they cover 0.68 to 0.80. A sparse slide must come within about 80% of a full one.
FILLED = 0.65


def _recap(items: list[dict], language: str = "en") -> Recap:
    return Recap.model_validate({"title": "T", "language": language, "items": items})


def _items(recap: Recap, theme: str = "default") -> list[Slide]:
    return [s for s in build_plan(recap, load_theme(theme)).slides if s.kind == "item"]


def _extent(t: TextBox) -> Rect:
    """Where a box's text is: its lines' height, placed by the box's anchor, as wide as the box."""
    h = min(t.height, t.box.h)
    y = t.box.y if t.anchor == "t" else t.box.y + (t.box.h - h) / 2 if t.anchor == "ctr" else t.box.bottom - h
    return Rect(t.box.x, y, t.box.w, h)


def filled(slide: Slide, frame: Frame = CONTENT, cell: float = 4.0) -> float:
    """The share of the slide's content area covered by its shapes, pictures and texts (not the footer)."""
    assert frame.body is not None
    x0, y0, x1, y1 = frame.body.x, frame.title.y, frame.body.right, frame.body.bottom
    boxes = [s.box for s in slide.shapes] + [p.box for p in slide.pictures]
    boxes += [_extent(t) for t in (slide.title, *slide.texts) if t.role not in ("footer", "number", "date")]
    cells = hit = 0
    y = y0 + cell / 2
    while y < y1:
        x = x0 + cell / 2
        while x < x1:
            cells += 1
            hit += any(b.x <= x < b.right and b.y <= y < b.bottom for b in boxes)
            x += cell
        y += cell
    return hit / cells


SPARSE = {
    "title": "ML GDE dinner",
    "summary": "Machine learning Google Developer Experts got together the night before the summit.",
    "takeaways": ["We had been testing the TensorFlow 2.0 preview", "For many of us it was the first time we met"],
    "links": [{"url": "https://developers.google.com/programs/experts/", "label": "GDE program"}],
    "notes": "Say who was there.",
}


def test_a_sparse_item_is_a_spotlight_with_its_icon_large_on_a_panel() -> None:
    (slide,) = _items(_recap([SPARSE]))
    assert slide.design == "spotlight"
    (icon,) = slide.pictures
    panel = next(s for s in slide.shapes if s.color == "surface")
    assert icon.icon is not None and icon.alt  # the item's icon, with its alt text
    assert icon.box.w >= 100 and panel.box.x <= icon.box.x and icon.box.right <= panel.box.right
    body = slide.body
    assert body is not None and not overlaps(body.box, panel.box) and body.box.right < panel.box.x


def test_the_example_decks_sparse_items_are_spotlights() -> None:
    """The items the lead saw as lists with the lower 60% of the slide bare (ML GDE dinner, Federated learning,
    Sonnet) are spotlights; the long lists stay lists."""
    deck = plan.deck_plan(load_content(EXAMPLE_EN), load_theme(None))
    design = {s.title.paras[0].text: s.design for s in deck.slides if s.kind == "item"}
    assert design["ML GDE dinner"] == design["Federated learning"] == design["Sonnet"] == "spotlight"
    assert design["TensorFlow Lite"] == design["TensorFlow.js 1.0"] == "bullets"


def test_sparse_is_measured_not_counted() -> None:
    """Eight one-letter takeaways are few characters but a tall list; one long takeaway is many characters in
    a few lines: the height decides."""
    tall = {"title": "Tall", "summary": "S", "takeaways": [c * 2 for c in "abcdefgh"]}
    wide = {"title": "Wide", "summary": "A summary.", "takeaways": ["word " * 24, "Another short one"]}
    first, second = _items(_recap([tall, {"title": "Gap", "quote": {"text": "Q"}}, wide]))[::2]
    assert first.design == "bullets"
    assert second.design == "spotlight"


def test_two_sparse_items_in_a_row_vary_and_never_fall_to_a_bare_list() -> None:
    slides = _items(_recap([{**SPARSE, "title": f"Item {n}"} for n in range(4)]))
    designs = [s.design for s in slides]
    assert designs[0] == designs[2] == "spotlight" and "bullets" not in designs, designs
    assert all(a != b for a, b in pairwise(designs)), designs


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: Path(p).stem)
@pytest.mark.parametrize("theme", ["default", "ink", "chalkboard"])
def test_a_spotlight_fills_its_slide_and_keeps_its_text_in_placeholders(path: Path, theme: str) -> None:
    deck = plan.deck_plan(load_content(path), load_theme(theme))
    spots = [s for s in deck.slides if s.design == "spotlight"]
    assert spots, "every example has a sparse item"
    for slide in spots:
        assert filled(slide) >= FILLED, (slide.title.paras[0].text, filled(slide))
        assert slide.title.placeholder == "title" and slide.title.role == "title"
        (body,) = [t for t in slide.texts if t.role == "body"]
        assert body.placeholder == "body" and body.anchor == "ctr"
        # Room above and below, never crammed (within the fitter's rounding of sizes and pitches).
        assert body.height <= body.box.h * SPOT_ROOM + 2
        assert slide.notes
        panel = next(s.box for s in slide.shapes if s.kind == "round")
        for t in (slide.title, *slide.texts):
            assert t.box.x >= 0 and t.box.right <= deck.width and t.box.y >= 0 and t.box.bottom <= deck.height
            assert t.height <= t.box.h + 0.5, (t.role, t.height, t.box)
            assert not overlaps(t.box, panel) or t.role in ("footer", "number")
        for other in slide.texts:
            for t in slide.texts:
                assert t is other or not overlaps(t.box, other.box), (t.role, other.role)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: Path(p).stem)
def test_the_takeaways_are_at_one_of_the_decks_two_body_sizes(path: Path) -> None:
    """At the theme's body size or the deck's, never a size of their own: a deck has at most two body sizes."""
    recap, theme = load_content(path), load_theme(None)
    deck = plan.deck_plan(recap, theme)
    size = Planner(recap, theme, default_geometry()).body_size()
    spotted = {p.size for s in deck.slides if s.design == "spotlight" for t in s.texts if t.role == "body"
               for p in t.paras if p.bullet}  # fmt: skip
    assert spotted and spotted <= {size, theme.sizes.slides.body}, (spotted, size)


def test_a_spotlights_links_stay_a_line_under_its_text() -> None:
    (slide,) = _items(_recap([SPARSE]))
    (links,) = [t for t in slide.texts if t.role == "links"]
    body = slide.body
    assert body is not None and links.box.y >= body.box.bottom
    assert {r.link for p in links.paras for r in p.runs if r.link} == {SPARSE["links"][0]["url"]}
    assert slide.notes == "Say who was there."


def test_layout_spotlight_is_kept_for_an_item_that_is_not_sparse() -> None:
    item = {"title": "Asked for", "summary": "S", "takeaways": ["One", "Two", "Three", "Four"], "layout": "spotlight"}
    (slide,) = _items(_recap([item]))
    assert slide.design == "spotlight"


def test_in_a_company_template_the_spotlight_clears_the_logo_and_keeps_its_placeholders(tmp_path: Path) -> None:
    theme = load_theme(templates.theme_folder(tmp_path, templates.company(tmp_path / "co.pptx")))
    deck = plan.deck_plan(_recap([SPARSE]), theme)
    (slide,) = [s for s in deck.slides if s.kind == "item"]
    assert slide.design == "spotlight"
    logo = Rect(*templates.LOGO)
    assert not any(overlaps(p.box, logo) for p in slide.pictures)
    assert not any(overlaps(t.box, logo) for t in (slide.title, *slide.texts))
    assert slide.title.placeholder == "title" and slide.body is not None and slide.body.placeholder == "body"


@pytest.mark.parametrize("language", ["ar", "he"])
def test_a_right_to_left_spotlight_has_its_panel_on_the_left(language: str) -> None:
    item = {"title": "عنوان" if language == "ar" else "כותרת", "summary": "S s", "takeaways": ["a", "b"]}
    (slide,) = _items(_recap([item], language))
    panel = next(s.box for s in slide.shapes if s.kind == "round")
    body = slide.body
    assert slide.design == "spotlight" and body is not None and panel.right < body.box.x


def test_the_same_item_as_a_list_leaves_its_slide_bare_by_the_same_measure() -> None:
    """The measure tells the two apart: the sparse item as a bullets slide is under the bar its spotlight clears."""
    (listed,) = _items(_recap([{**SPARSE, "layout": "bullets"}]))
    (spot,) = _items(_recap([SPARSE]))
    assert listed.design == "bullets" and filled(listed) < FILLED - 0.05 <= filled(spot) - 0.05


def test_a_lone_takeaway_is_the_spotlights_statement_not_a_one_bullet_list() -> None:
    (slide,) = _items(_recap([{"title": "The big launch", "takeaways": ["Ready to try"]}]))
    body = slide.body
    assert slide.design == "spotlight" and body is not None
    (para,) = body.paras
    assert not para.bullet and para.text == "Ready to try"
    assert para.size > load_theme(None).sizes.slides.title  # as large as a statement's summary
