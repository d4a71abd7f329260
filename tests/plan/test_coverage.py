"""Glyph coverage: characters no font of the theme has are found, and the deck plan reports them."""

from __future__ import annotations

from pathlib import Path

from decks.plan.coverage import describe_char, missing_glyphs
from decks.plan.deck import build_plan
from decks.readers.content import parse_content
from decks.themes.loader import load_theme


def test_a_character_no_font_has_is_found_once_with_its_field(tmp_path: Path) -> None:
    raw = "title: Mind 🥳\nitems:\n  - title: also 🥳 here\n    takeaways: [fine, 'ꙮ and 🫨']\n".encode()
    recap = parse_content(raw, "c.yaml", tmp_path)
    found = missing_glyphs(recap, load_theme("default"))
    assert [(where, ch) for where, ch in found] == [(("title",), "🥳"), (("items", 0, "takeaways", 1), "🫨")]


def test_the_deck_plan_warns_about_characters_that_would_show_as_boxes(tmp_path: Path) -> None:
    recap = parse_content(b"title: T\nitems:\n  - title: launch \xf0\x9f\xab\xa8\n", "c.yaml", tmp_path)
    deck = build_plan(recap, load_theme("default"))
    assert list(deck.warnings) == [
        f"items[0].title: no font of theme 'default' has {describe_char('🫨')}; it shows as a box on the slide"
    ]


def test_the_examples_need_no_character_beyond_the_bundled_fonts() -> None:
    from decks.assets import content_dir
    from decks.readers.content import load_content

    for name in ("tf-dev-summit-2019.yaml", "tf-dev-summit-2019.zh.yaml"):
        assert missing_glyphs(load_content(content_dir() / name), load_theme("default")) == []
