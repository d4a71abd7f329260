"""Slides as SVG: well-formed for any text, fonts named per file and inlined as subsets or linked."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from decks.markup import xml_safe
from decks.paint.deck import Setter
from decks.paint.deck_svg import FontFaces, slide_svg
from decks.plan.deck.fit import Fitter, Src
from decks.plan.deck.plan import Deck, Run, Slide
from decks.plan.geometry import Rect
from decks.themes.loader import load_theme

THEME = load_theme(None)
SETTER = Setter(THEME)
FITTER = Fitter(THEME)  # the plan's text boxes the tests paint


def _slide(text: str, link: str | None = None) -> tuple[Deck, Slide]:
    box = FITTER.text_box("body", [Src((Run(text, link=link),), bullet=True)], Rect(48, 128, 600, 300), 28)
    title = FITTER.text_box("title", [Src((Run("Title"),), "heading")], Rect(48, 24, 600, 80), 40)
    from decks.plan.deck.faces import with_faces

    deck = with_faces(Deck(960, 540, (Slide("item", "content", title, (box,)),), "en"), THEME)
    return deck, deck.slides[0]


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120) | st.just("a<b & 'c' \"d\">"))
def test_any_text_gives_well_formed_svg_with_the_text_in_it(text: str) -> None:
    deck, slide = _slide(text, link="https://example.com/?a=1&b=<2>")
    fonts = FontFaces()
    svg = slide_svg(deck, slide, 1, SETTER, fonts, lambda pic: "data:,")
    root = etree.fromstring(svg.encode("utf-8"))
    # Arabic is drawn shaped, in its presentation forms (U+FE70...), which NFKD takes back to the letters.
    drawn = "".join(root.itertext())
    drawn_chars = set(drawn) | set(unicodedata.normalize("NFKD", drawn))
    kept = [c for c in xml_safe(text) if c.isprintable() and not c.isspace() and c != "\u200b"]
    assert all(c in drawn_chars or set(unicodedata.normalize("NFKD", c)) <= drawn_chars for c in kept)


def test_fonts_are_inlined_as_subsets_or_linked() -> None:
    deck, slide = _slide("Hello 你好")
    fonts = FontFaces()
    slide_svg(deck, slide, 1, SETTER, fonts, lambda pic: "data:,")
    inline = fonts.css()
    assert inline.count("@font-face") == len(fonts.chars) >= 2 and "base64," in inline
    linked = fonts.css(lambda path: f"/files/{path.name}")
    assert "base64" not in linked and "/files/" in linked
