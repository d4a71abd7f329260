"""`recap check` beyond validation: glyphs no font of the theme has, located in the content file."""

from __future__ import annotations

from pathlib import Path

from decks.checks import check_all
from decks.plan.coverage import describe_char, missing_glyphs, texts
from decks.readers.content import parse_content
from decks.readers.yamlpos import parse
from decks.themes.loader import load_theme

CONTENT = "title: Mind blown\nitems:\n  - title: Launch\n    takeaways:\n      - ok\n      - wow 🥳\n"


def test_every_shown_text_is_visited_with_its_field_path(tmp_path: Path) -> None:
    recap = parse_content(CONTENT.encode(), "c.yaml", tmp_path)
    assert dict(texts(recap)) == {
        ("title",): "Mind blown",
        ("items", 0, "title"): "Launch",
        ("items", 0, "takeaways", 0): "ok",
        ("items", 0, "takeaways", 1): "wow 🥳",
    }


def test_a_glyph_no_font_has_is_an_error_once_at_its_content_line_saying_what_to_install(tmp_path: Path) -> None:
    recap = parse_content(CONTENT.encode(), "c.yaml", tmp_path)
    theme = load_theme("default")
    assert missing_glyphs(recap, theme) == [(("items", 0, "takeaways", 1), "🥳")]
    report = check_all(recap, theme, Path("c.yaml"), parse(CONTENT, "c.yaml"))
    assert report.warnings == []
    (problem,) = report.problems  # the default theme's colours pass: this is the only one
    text = str(problem)
    assert text.startswith("c.yaml:6:9: items[0].takeaways[1]: no font of theme 'default'")
    assert "'🥳' (U+1F973 FACE WITH PARTY HORN AND PARTY HAT)" in text
    assert "Noto Emoji" in text and "fonts.fallbacks" in text


def test_allowing_missing_glyphs_turns_the_error_into_a_warning(tmp_path: Path) -> None:
    recap = parse_content(CONTENT.encode(), "c.yaml", tmp_path)
    report = check_all(recap, load_theme("default"), Path("c.yaml"), parse(CONTENT, "c.yaml"), True)
    assert report.problems == []
    assert len(report.warnings) == 1 and describe_char("🥳") in report.warnings[0]


def test_the_chinese_example_needs_no_glyph_beyond_the_bundled_fonts() -> None:
    from decks.assets import content_dir
    from decks.readers.content import load_content

    recap = load_content(content_dir() / "tf-dev-summit-2019.zh.yaml")
    assert missing_glyphs(recap, load_theme("default")) == []
