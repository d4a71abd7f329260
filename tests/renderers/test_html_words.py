"""The HTML page's own words (speaker notes, sketchnote, the keys line) come from the one catalogue, so every
language recap has words for reads its own; Traditional Chinese is no longer given the Simplified words."""

from __future__ import annotations

import pytest

from decks.i18n import messages
from decks.renderers.html import words_for


@pytest.mark.parametrize(
    ("language", "notes"),
    [
        ("en", "Speaker notes"),
        ("zh-CN", "演讲者备注"),
        ("zh-TW", "講者備忘稿"),
        ("ja", "発表者ノート"),
        ("fr", "Notes de l’orateur"),
        ("de", "Sprechernotizen"),
        ("vi", "Ghi chú của diễn giả"),
        ("tl", "Speaker notes"),
    ],
)
def test_the_pages_words_are_in_the_talks_language(language: str, notes: str) -> None:
    words = words_for(language)
    assert words["notes"] == notes
    assert words["sketch"] == messages(language).gettext("Sketchnote")
    assert "←" in words["keys"] and "→" in words["keys"]


def test_each_slide_of_the_page_is_labelled_in_the_talks_language(tmp_path) -> None:
    from decks.readers.content import parse_content
    from decks.renderers.base import render
    from decks.renderers.html import HtmlRenderer
    from decks.themes.loader import load_theme

    recap = parse_content(b"title: Bilan\nlanguage: fr\nitems:\n  - title: Atelier\n", "fr.yaml", tmp_path)
    page = render(HtmlRenderer, recap, load_theme(None)).data.decode("utf-8")
    assert 'aria-label="Diapositive 1"' in page and 'aria-label="Slide 1"' not in page
    assert "Notes de l’orateur" in page
