"""`recap check` beyond validation: glyphs no font of the theme has, located in the content file."""

from __future__ import annotations

from pathlib import Path

from decks.checks import check_all
from decks.plan.coverage import describe_char, missing_glyphs, texts
from decks.readers.content import parse_content
from decks.readers.yamlpos import parse
from decks.themes.loader import load_theme

CONTENT = "title: Mind blown\nitems:\n  - title: Launch\n    takeaways:\n      - ok\n      - wow 🤯\n"


def test_every_shown_text_is_visited_with_its_field_path(tmp_path: Path) -> None:
    recap = parse_content(CONTENT.encode(), "c.yaml", tmp_path)
    assert dict(texts(recap)) == {
        ("title",): "Mind blown",
        ("items", 0, "title"): "Launch",
        ("items", 0, "takeaways", 0): "ok",
        ("items", 0, "takeaways", 1): "wow 🤯",
    }


def test_a_glyph_no_font_has_is_reported_once_at_its_content_line(tmp_path: Path) -> None:
    recap = parse_content(CONTENT.encode(), "c.yaml", tmp_path)
    theme = load_theme("default")
    assert missing_glyphs(recap, theme) == [(("items", 0, "takeaways", 1), "🤯")]
    report = check_all(recap, theme, Path("c.yaml"), parse(CONTENT, "c.yaml"))
    assert len(report.warnings) == 1
    assert report.warnings[0].startswith("c.yaml:6:9: items[0].takeaways[1]: no font of theme 'default'")
    assert describe_char("🤯") in report.warnings[0]
    assert report.problems == []  # the default theme's colours pass


def test_the_chinese_example_needs_no_glyph_beyond_the_bundled_fonts() -> None:
    from decks.assets import content_dir
    from decks.readers.content import load_content

    recap = load_content(content_dir() / "tf-dev-summit-2019.zh.yaml")
    assert missing_glyphs(recap, load_theme("default")) == []
