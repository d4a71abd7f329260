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


# Letters of three scripts (Arabic without lam, whose ligature with alef makes two letters one), digits, spaces
# and separators; no brackets, which python-bidi's levels place otherwise than `visual` (no rule N0).
PIECES_ALPHABET = "abcXYZ" + "שלום" + "سمبكيه" + "0123" + "٠١٢" + "  " + ",.-+%/:"


@given(st.text(st.sampled_from(PIECES_ALPHABET), min_size=1, max_size=30))
@example("التنفيذ الفوري")
@example("ثبّتوا عبر pip install اليوم")
def test_a_line_in_one_piece_is_drawn_as_visual_draws_it(text: str) -> None:
    from decks.text.shaping import base_rtl, visual_pieces

    drawn = "".join(piece for _, _, piece in visual_pieces(text, [], base_rtl(text)))
    assert drawn == visual(text)


@given(
    st.text(st.sampled_from(PIECES_ALPHABET), min_size=1, max_size=30),
    st.lists(st.integers(0, 30), max_size=6),
    st.booleans(),
)
@example("سمبك", [2], True)  # a stretch inside a word: its letters keep the forms they take in the word
def test_cutting_a_line_into_styled_pieces_changes_no_drawn_character(text: str, cuts: list[int], rtl: bool) -> None:
    from decks.text.shaping import visual_pieces

    whole = visual_pieces(text, [], rtl)
    pieces = visual_pieces(text, cuts, rtl)
    assert "".join(p for _, _, p in pieces) == "".join(p for _, _, p in whole)
    # Every character once, and no piece across a cut (a piece is one style).
    covered = sorted((a, b) for a, b, _ in pieces)
    assert [a for a, _ in covered] == [0, *(b for _, b in covered[:-1])] and covered[-1][1] == len(text)
    assert not any(a < c < b for a, b, _ in pieces for c in cuts)


def test_a_left_to_right_stretch_in_a_right_to_left_line_keeps_its_order_and_brackets_face_right() -> None:
    from decks.text.shaping import visual_pieces

    text = "התקינו pip install היום"
    assert [p for _, _, p in visual_pieces(text, [7, 18], True)] == ["םויה ", "pip install", " וניקתה"]
    # Base direction from the paragraph, not the line: a line of an Arabic paragraph that opens with code.
    assert [p for _, _, p in visual_pieces("pip install היום", [11], True)] == ["םויה ", "pip install"]
    assert "".join(p for _, _, p in visual_pieces("מהירות (פי 3)", [], True)) == "(3 יפ) תוריהמ"


@given(
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.lists(st.integers(0, 40), max_size=6),
    st.booleans(),
)
@example("(שלום)", [1, 5], True)
@example("\u202eabc\u202c שלום", [2], False)
def test_any_line_cut_anywhere_is_drawn_once_each_piece_whole(text: str, cuts: list[int], rtl: bool) -> None:
    from decks.text.shaping import visual_pieces

    pieces = visual_pieces(text, cuts, rtl)
    if not text:
        assert pieces == []
        return
    covered = sorted((a, b) for a, b, _ in pieces)
    assert [a for a, _ in covered] == [0, *(b for _, b in covered[:-1])] and covered[-1][1] == len(text)
    for a, b, drawn in pieces:
        assert not any(a < c < b for c in cuts)
        if drawn == text[a:b] or not drawn:
            continue
        # A piece drawn right to left: its characters reversed (Arabic in its joined forms, brackets mirrored).
        assert len(drawn) <= b - a


def test_neutrals_at_a_lines_ends_follow_the_paragraphs_letters_around_it() -> None:
    """A line is reordered alone, but "--" starting it (code broken before "--pre") or "-" ending it (a link broken
    after a hyphen) sits between Latin letters in the paragraph, so stays with them, as the whole paragraph's bidi
    resolution puts it; without the letters around, it went to the far end of a right-to-left line."""
    from decks.text.shaping import arounds

    assert visual("--pre tensorflow", True) == "pre tensorflow--"  # alone: the line's own ends
    assert visual("--pre tensorflow", True, ("L", None)) == "--pre tensorflow"
    assert visual("https://example.org/a-", True, (None, "L")) == "https://example.org/a-"
    assert visual("https://example.org/a-", True, (None, "R")).startswith("-")  # Hebrew after: the hyphen too
    lines = ["נסו היום: pip install -U", "--pre tensorflow", "ואז שלום"]
    assert arounds(lines) == [(None, "L"), ("L", "R"), ("L", None)]
    assert arounds(["...", "!"]) == [(None, None), (None, None)]
