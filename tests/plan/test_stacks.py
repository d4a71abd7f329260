"""A theme's font stacks: each role's own font first, then CJK, the fallbacks, then symbols."""

from __future__ import annotations

import pytest

from decks.plan.stacks import east_asian_face, language_matches, normalise_language, stacks_for
from decks.themes.loader import load_theme


def test_each_role_starts_with_its_own_font_and_falls_back_to_cjk_then_symbols() -> None:
    stacks = stacks_for(load_theme("default"))
    families = [face.family for face in stacks.body.faces]
    assert families[0] == "Calibri" and families[1] == "Recap Kai" and families[-2:] == ["DejaVu Sans", "Recap Emoji"]
    assert stacks.hand.primary.family == "Recap Hand"
    assert stacks.hand_bold.faces[1].path.name == "RecapKai-Bold.ttf"  # bold CJK for bold lettering


def test_stacks_are_built_once_per_theme_object() -> None:
    theme = load_theme("default")
    assert stacks_for(theme) is stacks_for(theme)


def test_kanji_beyond_the_chinese_subsets_fall_back_to_the_japanese_face_in_any_language() -> None:
    stacks = stacks_for(load_theme("default"), "en")
    face = stacks.hand_bold.face_for("両")  # a Japanese form, in neither GB2312 nor Big5 level 1
    assert face is not None and face.family == "Recap Klee"


def test_han_characters_take_the_face_of_the_content_language() -> None:
    theme = load_theme("default")
    assert stacks_for(theme, "ja").body.draws("話").family == "Recap Klee"
    assert stacks_for(theme, "ja-JP").hand.draws("話").family == "Recap Klee"
    assert stacks_for(theme, "zh-CN").hand.draws("话").family == "Recap Kai"
    assert stacks_for(theme, "zh-TW").hand.draws("話").family == "Recap Kai"
    assert stacks_for(theme, "en").body.draws("話").family == "Recap Kai"


def test_korean_is_hand_lettered_on_the_sketchnote_and_plain_on_slides() -> None:
    stacks = stacks_for(load_theme("default"), "ko")
    assert stacks.hand.draws("한").path.name == "RecapHandKR-Regular.ttf"
    assert stacks.hand_bold.draws("한").path.name == "RecapHandKR-Bold.ttf"  # a bold face for titles
    assert stacks.hand.draws("똠").family == "Recap Pen"  # a syllable beyond KS X 1001's 2,350
    assert stacks.body.draws("한").family == "Recap Gothic KR"
    assert stacks.heading.draws("한").family == "Recap Gothic KR"
    # Hangul in text of another language still finds a face.
    assert stacks_for(load_theme("default"), "en").body.missing("한국어") == set()


def test_emoji_come_from_the_bundled_emoji_face() -> None:
    stacks = stacks_for(load_theme("default"), "en")
    for stack in stacks.all():
        assert stack.draws("🎉").family == "Recap Emoji"
        assert stack.missing("🎉🚀😀🇯🇵") == set()


def test_traditional_chinese_is_recognised_by_script_or_region() -> None:
    assert normalise_language("zh-TW") == "zh-hant-tw"
    assert normalise_language("zh_Hant_HK") == "zh-hant-hk"
    assert language_matches("zh-Hant", "zh-HK") and not language_matches("zh-Hant", "zh-CN")
    assert language_matches("ja", "ja-JP") and not language_matches("ja", "jam")
    assert not language_matches(None, "ja")


def test_the_east_asian_face_of_a_language_is_the_one_its_text_is_drawn_in() -> None:
    theme = load_theme("default")
    assert east_asian_face(stacks_for(theme, "ja").body, "ja").family == "Recap Klee"
    assert east_asian_face(stacks_for(theme, "ko").body, "ko").family == "Recap Gothic KR"
    assert east_asian_face(stacks_for(theme, "en").body, "en").family == "Recap Kai"


def test_a_language_face_for_one_weight_serves_only_that_weight(tmp_path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "theme.yaml").write_text(
        "name: mine\nextends: default\nfonts:\n  languages:\n"
        "    - { file: RecapHandKR-Bold.ttf, language: ko, use: sketch, weight: bold }\n"
        "    - { file: RecapGothicKR-Regular.ttf, language: ko, weight: regular }\n",
        encoding="utf-8",
    )
    stacks = stacks_for(load_theme(str(folder)), "ko")
    assert stacks.hand_bold.draws("한").path.name == "RecapHandKR-Bold.ttf"
    assert stacks.hand.draws("한").path.name == "RecapGothicKR-Regular.ttf"
    assert stacks.body.draws("한").path.name == "RecapGothicKR-Regular.ttf"
    assert "RecapHandKR-Bold.ttf" not in {f.path.name for f in (*stacks.body.faces, *stacks.heading.faces)}


def test_styled_runs_are_measured_in_the_bold_and_monospace_faces_the_deck_names() -> None:
    from decks.plan.stacks import CODE_FAMILY, run_faces

    faces = run_faces(load_theme(None), "en")
    body, heading = faces["body"], faces["heading"]
    assert body.bold.primary.path.name == "Carlito-Bold.ttf" and body.bold.primary.family == "Calibri"
    assert body.code.primary.path.name == "LiberationMono-Regular.ttf" and body.code.primary.family == CODE_FAMILY
    assert heading.bold is heading.plain  # a heading is bold already
    assert heading.code.primary.path.name == "LiberationMono-Bold.ttf"
    # Hanzi in a bold run fall back to the bold CJK face, in code to the regular one.
    assert body.bold.draws("字").path.name == "RecapKai-Bold.ttf"
    assert body.code.draws("字").path.name == "RecapKai-Regular.ttf"
    assert run_faces(load_theme(None), "en")["body"] is body  # made once per theme and language


def arabic_theme(tmp_path, bold: bool):
    """The default theme with its symbol face (the one that draws Arabic) a family with or without a bold cut."""
    from tests.fixtures.bold_family import bold_family

    folder = tmp_path / "theme"
    regular, _ = bold_family(folder, bold=bold)
    (folder / "theme.yaml").write_text(
        f"name: arabic\nextends: default\nfonts:\n  symbol: {{ file: {regular.name} }}\n", encoding="utf-8"
    )
    return load_theme(str(folder))


@pytest.mark.parametrize("bold", [True, False])
def test_a_bold_arabic_title_is_measured_in_its_fallback_familys_bold_cut(tmp_path, monkeypatch, bold) -> None:
    # LibreOffice draws a heading's Arabic in the bold cut of the family that draws it where the machine has one
    # (DejaVu Sans Bold, 18 % wider than the regular that measured it, wrapped titles); else it emboldens the
    # regular glyphs, which keeps their advances (measured on its PDF: Recap Klee's bold kana, within 0.1 %).
    from decks.plan.stacks import office_stacks, run_faces
    from decks.text import lookup
    from decks.text.metrics import load_face
    from decks.text.shaping import joined

    monkeypatch.setattr(lookup, "find_bold_font", lambda family: None)  # the machine's fonts play no part
    theme = arabic_theme(tmp_path, bold)
    title = "ملخص"
    folder = tmp_path / "theme"
    regular = load_face(folder / "TestSans-Regular.ttf")
    drawn = load_face(folder / "TestSans-Bold.ttf") if bold else regular
    stacks = office_stacks(theme, "ar")
    assert stacks.heading.ems(title) == sum(drawn.advance(c) for c in joined(title))
    assert stacks.body.ems(title) == sum(regular.advance(c) for c in joined(title))
    assert run_faces(theme, "ar")["body"].bold.ems(title) == stacks.heading.ems(title)  # a bold run in the body
    assert stacks.heading.draws("م").family == "Test Sans"  # the family the run names, bold or not
