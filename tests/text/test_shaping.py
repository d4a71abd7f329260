"""Right-to-left lines in drawing order: Arabic joined, the bidi algorithm applied, brackets facing right."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from decks.text.shaping import has_rtl, joined, visual


def test_arabic_letters_take_their_joined_forms() -> None:
    assert joined("بكم") == "\ufe91\ufedc\ufee2"  # initial beh, medial kaf, final meem
    assert joined("plain text") == "plain text"


def test_a_right_to_left_line_is_reversed_with_its_numbers_and_brackets_reading_right() -> None:
    assert visual("שלום (x) 12") == "12 (x) םולש"
    assert visual("Hello עולם end") == "Hello םלוע end"
    assert visual("abc (def)") == "abc (def)"


def test_only_right_to_left_text_is_touched() -> None:
    assert not has_rtl("TensorFlow 2.0 发布 😀") and has_rtl("שלום") and has_rtl("مرحبا")


@pytest.mark.parametrize(
    ("text", "rtl"),
    [
        ("שלום world", True),
        ("world שלום", False),
        ("2024 مؤتمر", True),  # digits are weak: the first strong character is Arabic
        ("« 123 »", False),  # no strong character at all: left to right
        ("", False),
    ],
)
def test_a_paragraph_is_right_to_left_when_its_first_strong_character_is(text: str, rtl: bool) -> None:
    from decks.text.shaping import base_rtl

    assert base_rtl(text) is rtl


@given(st.text(st.characters(codec="utf-8"), max_size=40), st.booleans())
@example("𐭀\U00010d3a", True)  # bidi classes python-bidi's Python steps do not know
@example("\x1b𐭀", False)
def test_every_line_gets_a_level_per_character_and_right_to_left_letters_odd_ones(text: str, rtl: bool) -> None:
    from decks.text.shaping import bidi_levels

    levels = bidi_levels(text, rtl)
    assert len(levels) == len(text)
    if any("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069" for c in text):
        return  # explicit embeddings and overrides may set a letter's direction otherwise
    for ch, level in zip(text, levels, strict=True):
        if unicodedata.bidirectional(ch) in ("R", "AL"):
            assert level % 2 == 1, (ch, levels)
