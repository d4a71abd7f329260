"""A right-to-left deck's slides are mirrored (decks.plan.deck.mirror): cards, columns and figures from the right,
a card's icon and the quotation mark at the right, the title row reflected when the title reads right to left;
other decks are left exactly as laid out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace

from decks.model import Recap
from decks.plan.deck import build_plan
from decks.plan.deck.mirror import mirrored
from decks.plan.deck.plan import default_geometry
from decks.plan.deck.planner import Planner
from decks.plan.geometry import Rect
from decks.themes.loader import load_theme

GEO = default_geometry()


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


def _recap(language: str, **fields) -> Recap:
    title = "عنوان" if language == "ar" else "A title"
    return Recap.model_validate({"title": "T", "language": language, "items": [{"title": title, **fields}]})


CARDS = {"summary": "ملخص", "takeaways": ["الأول **هنا**", "الثاني `code`", "الثالث"], "layout": "cards"}
QUOTE = {"quote": {"text": "اجعلوا الأشياء السهلة سهلة", "by": "راجات"}}


def _item_slide(theme, language: str, fields: dict):
    (slide,) = [s for s in build_plan(_recap(language, **fields), theme, GEO).slides if s.kind == "item"]
    return slide


def test_an_arabic_cards_slide_runs_from_the_right_each_icon_at_its_cards_right(theme) -> None:
    slide = _item_slide(theme, "ar", CARDS)
    assert slide.design == "cards"
    cards = [s.box for s in slide.shapes if s.kind == "round"]
    assert len(cards) == 3
    icons = [p.box for p in slide.pictures if p.icon is not None and p.box.y > GEO.frames["content"].title.bottom]
    assert len(icons) == 3
    # The first takeaway's card is the rightmost, its text box in it.
    first = next(t for t in slide.texts if "الأول" in "".join(p.text for p in t.paras))
    assert max(cards, key=lambda c: c.x).contains(first.box)
    for icon in icons:
        card = next(c for c in cards if c.contains(icon))
        assert card.right - icon.right < icon.x - card.x  # nearer the card's right edge than its left
    assert all(p.rtl and p.align == "r" for t in slide.texts if t.role in ("body", "card") for p in t.paras)


def test_an_arabic_quote_slide_has_its_mark_at_the_right_facing_the_quote(theme) -> None:
    slide = _item_slide(theme, "ar", QUOTE)
    assert slide.design == "quote"
    (mark,) = [p for p in slide.pictures if p.icon is not None and p.icon.name.startswith("quote")]
    assert mark.icon is not None and mark.icon.name == "quote-right"
    text = next(t for t in slide.texts if "اجعلوا" in "".join(p.text for p in t.paras))
    assert mark.box.x >= text.box.right
    english = _item_slide(theme, "en", {"quote": {"text": "Make it easy.", "by": "R"}})
    (mark,) = [p for p in english.pictures if p.icon is not None and p.icon.name.startswith("quote")]
    assert mark.icon is not None and mark.icon.name == "quote-left"


@pytest.mark.parametrize("fields", [CARDS, QUOTE, {"summary": "ملخص", "takeaways": ["أ", "ب"], "layout": "sidebar"}])
def test_every_body_box_is_reflected_across_the_body(theme, fields) -> None:
    recap = _recap("ar", **fields)
    (laid,) = [s for s in Planner(recap, theme, GEO).plan().slides if s.kind == "item"]
    done = mirrored(laid, GEO, "ar")
    body = GEO.frames[laid.layout].body
    assert body is not None
    pairs = [
        *((a.box, b.box) for a, b in zip(laid.texts, done.texts, strict=True)),
        *((a.box, b.box) for a, b in zip(laid.shapes, done.shapes, strict=True)),
        *((a.box, b.box) for a, b in zip(laid.pictures, done.pictures, strict=True)),
    ]
    inside = [(a, b) for a, b in pairs if body.contains(a, 0.5)]
    assert inside
    for before, after in inside:
        assert after.y == before.y and after.w == before.w and body.contains(after, 0.5)
        assert abs((before.x - body.x) - (body.right - after.right)) < 0.01
    # The title reads right to left: it and the icon beside it swap sides.
    assert (
        abs(
            (laid.title.box.x - GEO.frames[laid.layout].title.x)
            - (GEO.frames[laid.layout].title.right - done.title.box.right)
        )
        < 0.01
    )


def test_a_left_to_right_deck_is_left_as_laid_out(theme) -> None:
    recap = _recap("en", takeaways=["One", "Two", "Three"], layout="cards")
    for slide in Planner(recap, theme, GEO).plan().slides:
        assert mirrored(slide, GEO, "en") is slide
        assert mirrored(slide, GEO, "pa") is slide  # Punjabi in Gurmukhi reads left to right


def test_an_english_title_in_a_hebrew_deck_is_mirrored_like_the_rest_of_the_slide(theme) -> None:
    # Every paragraph of a right-to-left deck reads right to left (decks.plan.deck.faces), a Latin title too: its
    # row and the rule under it are reflected across the title's box, so the rule sits under its start.
    recap = Recap.model_validate(
        {"title": "T", "language": "he", "items": [{"title": "Keras", "takeaways": ["אחד", "שניים", "שלושה"]}]}
    )
    (laid,) = [s for s in Planner(recap, theme, GEO).plan().slides if s.kind == "item"]
    done = mirrored(laid, GEO, "he")
    frame = GEO.frames[laid.layout]
    assert done.title.box == laid.title.box.mirrored(frame.title)
    below = frame.body
    assert below is not None
    row = [(a.box, b.box) for a, b in zip(laid.shapes, done.shapes, strict=True) if a.box.bottom <= below.y]
    row += [(a.box, b.box) for a, b in zip(laid.pictures, done.pictures, strict=True) if a.box.bottom <= below.y]
    assert row and all(b == a.mirrored(frame.title) for a, b in row)
    assert any(a.x != b.x for a, b in row)


def test_a_slide_whose_reflection_would_cover_the_layouts_logo_is_kept(theme) -> None:
    (laid,) = [s for s in Planner(_recap("ar", **QUOTE), theme, GEO).plan().slides if s.kind == "item"]
    body = GEO.frames[laid.layout].body
    assert body is not None
    (mark,) = [p for p in laid.pictures if p.icon is not None and p.icon.name == "quote-left"]
    logo = mark.box.mirrored(body)  # where the mark would go: a logo the layout draws there
    frames = dict(GEO.frames)
    frames[laid.layout] = replace(frames[laid.layout], keepout=(logo,))
    assert mirrored(laid, replace(GEO, frames=frames), "ar") is laid
    assert mirrored(laid, GEO, "ar") is not laid


@given(st.floats(0, 500), st.floats(0, 400), st.floats(1, 300), st.floats(1, 100), st.floats(0, 200), st.floats(0, 300))
def test_reflecting_a_box_twice_gives_it_back_and_keeps_it_inside(x, w, rw, h, rx, y) -> None:
    region = Rect(rx, 0, w + rw, 500)
    box = Rect(rx + min(x, rw), y, w, h)
    once = box.mirrored(region)
    assert region.contains(once, 0.01) == region.contains(box, 0.01)
    again = once.mirrored(region)
    assert abs(again.x - box.x) < 0.01 and (again.y, again.w, again.h) == (box.y, box.w, box.h)
