"""Icon choice: the content's own icon, else a match from the item's words, never a bare digit or letter."""

from __future__ import annotations

import pytest

from decks.model import Item
from decks.plan import icons


def test_the_contents_icon_wins_when_the_set_has_it() -> None:
    assert icons.choose(Item(title="Datasets", icon="rocket")).name == "rocket"


def test_an_unknown_icon_name_falls_back_to_a_match_from_the_words() -> None:
    assert icons.choose(Item(title="TensorFlow Datasets", icon="no-such-icon")).name == "database"


@pytest.mark.parametrize("title", ["One", "Two things", "A", "7 ideas"])
def test_digit_and_letter_icons_are_never_chosen_from_words(title: str) -> None:
    assert len(icons.choose(Item(title=title)).name) >= 3


def test_the_icon_character_is_in_the_font_awesome_font() -> None:
    from decks.text.fonts import load_face

    icon = icons.choose(Item(title="Launch day", tags=["release"]))
    assert load_face(icon.font).has(icon.char)
