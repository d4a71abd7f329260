"""Right-to-left lines in drawing order: Arabic joined, the bidi algorithm applied, brackets facing right."""

from __future__ import annotations

import pytest

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
