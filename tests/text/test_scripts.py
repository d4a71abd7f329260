"""Scripts of characters, and what to install for one no font has."""

from __future__ import annotations

import pytest

from decks.text.scripts import DECK_EMOJI_FAMILY, install_hint, is_emoji, script_of


@pytest.mark.parametrize(
    ("ch", "script"),
    [("ก", "Thai"), ("क", "Devanagari"), ("ش", "Arabic"), ("ש", "Hebrew"), ("한", "Korean"), ("か", "Japanese")],
)
def test_the_script_of_a_character_comes_from_its_name(ch: str, script: str) -> None:
    assert script_of(ch) == script


def test_emoji_are_their_own_script_and_the_deck_names_a_colour_emoji_family() -> None:
    assert is_emoji("🎉") and is_emoji("☕") and not is_emoji("A")
    assert script_of("🥳") == "Emoji"
    assert DECK_EMOJI_FAMILY == "Segoe UI Emoji"


def test_the_hint_names_a_package_and_the_theme_setting() -> None:
    hint = install_hint("ก")
    assert "apt-get install fonts-thai-tlwg" in hint and "fonts.fallbacks" in hint
    assert "fonts-noto-core" in install_hint("ሀ")  # Ethiopic: a Noto face by the script's name
    assert "fonts.fallbacks" in install_hint("\U000f0001")  # a private-use character: no script to name
