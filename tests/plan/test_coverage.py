"""Glyph coverage: characters no font of the theme has are found, and the deck plan reports them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.plan.coverage import describe_char, missing_glyphs
from decks.plan.deck import build_plan
from decks.readers.content import parse_content
from decks.themes.loader import load_theme


def test_a_character_no_font_has_is_found_once_with_its_field(tmp_path: Path) -> None:
    raw = "title: Mind 🥳\nitems:\n  - title: also 🥳 here\n    takeaways: [fine, 'ꙮ and 🫨']\n".encode()
    recap = parse_content(raw, "c.yaml", tmp_path)
    found = missing_glyphs(recap, load_theme("default"))
    assert [(where, ch) for where, ch in found] == [(("title",), "🥳"), (("items", 0, "takeaways", 1), "🫨")]


def test_a_quote_and_a_figure_are_checked_as_every_shown_field_is(tmp_path: Path) -> None:
    # Four characters no bundled font has (Unicode 15 emoji): each is named once, with the first field showing it.
    raw = (
        "title: T\nitems:\n  - title: x\n    quote: {text: 'said \U0001fae8', by: 'me \U0001faf7'}\n"
        "    figure: {value: '3\U0001faf8', label: 'of \U0001fa77'}\n"
    ).encode()
    found = missing_glyphs(parse_content(raw, "c.yaml", tmp_path), load_theme("default"))
    base = ("items", 0)
    assert [where for where, _ in found] == [
        (*base, "quote", "text"),
        (*base, "quote", "by"),
        (*base, "figure", "value"),
        (*base, "figure", "label"),
    ]


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


def _theme(tmp_path: Path, fonts_yaml: str) -> object:
    """A theme extending default with other fonts."""
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    (folder / "theme.yaml").write_text(f"name: mine\nextends: default\nfonts:\n{fonts_yaml}", encoding="utf-8")
    return load_theme(str(folder))


def test_words_are_runs_of_letters_of_one_script_with_their_marks() -> None:
    from decks.plan.coverage import words

    assert list(words("Tổng kết 2025: Việt Nam!")) == ["Tổng", "kết", "Việt", "Nam"]
    assert list(words("在移动设备和 Edge TPU")) == ["在移动设备和", "Edge", "TPU"]
    assert list(words("한국어(韓國語)와")) == ["한국어", "韓國語"]
    assert list(words("日本語のテキスト")) == ["日本語のテキスト"]  # kanji and kana make one word
    assert list(words("Москва и Αθήνα")) == ["Москва", "Αθήνα"]
    assert list(words("e\u0301te\u0301")) == ["e\u0301te\u0301"]  # a combining accent stays in its word


VI = "title: Tổng kết\nlanguage: vi\nitems:\n  - title: Học máy ở Việt Nam\n"


def test_a_word_a_hand_face_draws_only_in_part_is_named_with_a_face_that_has_it_all(tmp_path: Path) -> None:
    from decks.plan.coverage import mixed_words

    recap = parse_content(VI.encode(), "c.yaml", tmp_path)
    comic = _theme(tmp_path, "  hand: { file: ComicNeue-Regular.ttf }\n  hand_bold: { file: ComicNeue-Bold.ttf }\n")
    found = {(m.word, m.role): m for m in mixed_words(recap, comic, "sketch")}
    tong = found[("Tổng", "sketchnote lettering, sketchnote titles")]
    assert tong.where == ("title",) and tong.faces[0] == ("Comic Neue", "Tng")
    assert tong.faces[1][1] == "ổ" and tong.whole is not None and "Recap Hand" in tong.whole
    assert ("Việt", "sketchnote lettering, sketchnote titles") in found and not [w for w, _ in found if w == "Nam"]
    assert "ổ in" in tong.describe() and "Recap Hand" in tong.hint()


def test_the_default_hand_face_draws_vietnamese_greek_and_russian_words_whole(tmp_path: Path) -> None:
    from decks.plan.coverage import mixed_words

    for text in ("Tổng kết hội nghị ở Việt Nam: ệ ộ ư ầ ế ả ạ ở", "Ανασκόπηση συνεδρίου", "Итоги конференции"):
        recap = parse_content(f"title: '{text}'\nitems:\n  - title: x\n".encode(), "c.yaml", tmp_path)
        assert mixed_words(recap, load_theme("default"), "sketch") == [], text


def test_a_character_only_one_output_lacks_is_missing_for_that_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECAP_NO_SYSTEM_FONTS", "1")  # this machine's Korean fonts are not the theme's
    # Hangul only for the sketchnote: the slides' stacks have no face for it.
    theme = _theme(
        tmp_path, "  languages:\n    - { file: RecapHandKR-Regular.ttf, language: ko, use: sketch }\n  fallbacks: []\n"
    )
    recap = parse_content("title: 서울\nitems:\n  - title: x\n".encode(), "c.yaml", tmp_path)
    assert missing_glyphs(recap, theme, "sketch") == []
    assert {ch for _, ch in missing_glyphs(recap, theme, "slides")} == {"서", "울"}
    assert {ch for _, ch in missing_glyphs(recap, theme)} == {"서", "울"}  # recap check: every output


def test_hanja_in_korean_text_are_drawn_with_ink_by_the_default_theme(tmp_path: Path) -> None:
    from decks.plan.stacks import stacks_for

    recap = parse_content(
        "title: '在移动设备和 Edge TPU'\nlanguage: ko\nitems:\n  - title: x\n".encode(), "c.yaml", tmp_path
    )
    assert missing_glyphs(recap, load_theme("default")) == []
    stacks = stacks_for(load_theme("default"), "ko")
    for stack in stacks.all():
        for ch in "在移动设备和一三上下不世中":
            assert stack.draws(ch).family != "Recap Pen", ch  # its hanja were blank glyphs: never chosen


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_words_over_any_text_are_letter_runs_found_in_it_in_order(text: str) -> None:
    import unicodedata

    from decks.plan.coverage import words

    found = list(words(text))
    at = 0
    for word in found:
        assert len(word) > 1 and unicodedata.category(word[0])[0] == "L"
        assert all(unicodedata.category(c)[0] in "LM" for c in word)
        at = text.index(word, at) + len(word)  # each word is a piece of the text, in order


def test_the_intro_quote_and_figure_are_checked_for_glyphs_like_every_other_text(tmp_path: Path) -> None:
    raw = (
        "title: T\nintro: 'hello \U0001f973'\nitems:\n  - title: a\n"
        "    quote: {text: 'q \U0001fa7b', by: 'b \U0001fab7'}\n"
        "    figure: {value: '3\U0001fae0', label: 'l \U0001fae8'}\n"
    ).encode()
    recap = parse_content(raw, "c.yaml", tmp_path)
    assert missing_glyphs(recap, load_theme("default")) == [
        (("intro",), "\U0001f973"),
        (("items", 0, "quote", "text"), "\U0001fa7b"),
        (("items", 0, "quote", "by"), "\U0001fab7"),
        (("items", 0, "figure", "value"), "\U0001fae0"),
        (("items", 0, "figure", "label"), "\U0001fae8"),
    ]
