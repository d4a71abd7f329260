"""Tests for decks/preview/page.py: the live head, and the page that paints again only the slides that changed."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from decks.preview import page as live
from decks.preview.page import LIVE_HEAD, VERSION_MARK, LivePage
from decks.preview.warm import WarmPlanner
from decks.readers.content import load_content
from decks.renderers.html import Page
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN


def test_the_live_head_carries_the_packages_script_and_style_and_the_version_mark() -> None:
    assert f'<meta name="recap-version" content="{VERSION_MARK}">' in LIVE_HEAD
    assert "new EventSource('/events')" in LIVE_HEAD and ".live-errors {" in LIVE_HEAD
    assert LIVE_HEAD.count("<script>") == LIVE_HEAD.count("</script>") == 1


def test_only_changed_slides_are_painted_again_and_the_page_equals_a_fresh_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    painted: list[Any] = []
    real = live.slide_svg

    def counting(deck: Any, slide: Any, *args: Any) -> str:
        painted.append(slide)
        return real(deck, slide, *args)

    monkeypatch.setattr(live, "slide_svg", counting)
    theme, recap, warm, page = load_theme(None), load_content(EXAMPLE_EN), WarmPlanner(), LivePage()
    deck = warm.deck(recap, theme)
    page.html(recap, theme, deck, None)
    assert len(painted) == len(deck.slides)
    part = recap.all_parts[1]
    parts = list(recap.all_parts)
    parts[1] = replace(part, items=[replace(part.items[0], summary="Changed"), *part.items[1:]])
    edited = replace(recap, parts=parts)
    painted.clear()
    deck = warm.deck(edited, theme)
    html = page.html(edited, theme, deck, None)
    assert 1 <= len(painted) < len(deck.slides) // 2
    assert html == Page().html(edited, theme, deck, None)
    other = load_theme("chalkboard")
    painted.clear()
    deck = warm.deck(edited, other)
    page.html(edited, other, deck, None)
    assert len(painted) == len(deck.slides)  # a new theme paints every slide again
