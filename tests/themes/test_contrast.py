"""Tests for decks/themes/contrast.py: WCAG 2.1 luminance and ratios, and located problems for weak pairs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from decks.themes.contrast import (
    LARGE_TEXT,
    NORMAL_TEXT,
    PAIRS,
    contrast_problems,
)
from decks.themes.loader import load_theme
from decks.themes.model import Palette

from .theme_helpers import write_content, write_theme


def test_every_text_colour_is_checked_on_what_it_sits_on() -> None:
    texts = {pair.text for pair in PAIRS}
    assert texts == set(Palette.model_fields) - {"background", "surface"}
    rules = {(p.text, p.background): p.minimum for p in PAIRS}
    assert rules[("ink", "background")] == rules[("muted", "surface")] == NORMAL_TEXT
    assert rules[("accent2", "background")] == rules[("accent2", "surface")] == NORMAL_TEXT  # links: body size
    assert rules[("accent", "background")] == rules[("on_accent", "accent")] == LARGE_TEXT  # titles: large


def test_a_weak_colour_is_reported_at_its_key_with_the_ratio(tmp_path: Path) -> None:
    folder = write_theme(tmp_path / "t", 'extends: default\npalette:\n  muted: "#777777"\n')
    problems = contrast_problems(load_theme(str(folder)))
    on_background = [p for p in problems if "on background" in p.message]
    assert len(on_background) == 1
    assert str(on_background[0]) == (
        f"{folder / 'theme.yaml'}:3:10: palette.muted: contrast 4.47:1 on background #FFFFFF is below 4.5:1 "
        "(dates, captions, slide numbers); darken muted or lighten background"
    )


def test_on_a_dark_background_the_hint_says_lighten(tmp_path: Path) -> None:
    folder = write_theme(tmp_path / "t", 'extends: chalkboard\npalette:\n  muted: "#4A5A52"\n')
    problems = contrast_problems(load_theme(str(folder)))
    assert problems
    assert all(p.hint and p.hint.startswith("lighten muted or darken") for p in problems)


def test_titles_need_3_to_1_but_links_need_4_5_to_1(tmp_path: Path) -> None:
    grey = "#8A8A8A"  # 3.45:1 on white: enough for large titles, not for links set at body size
    white = 'background: "#FFFFFF"\n  surface: "#FFFFFF"'
    folder = write_theme(tmp_path / "t", f'extends: default\npalette:\n  {white}\n  accent: "{grey}"\n')
    assert contrast_problems(load_theme(str(folder))) == []
    folder = write_theme(tmp_path / "u", f'extends: default\npalette:\n  {white}\n  accent2: "{grey}"\n')
    fields = [p.field for p in contrast_problems(load_theme(str(folder)))]
    assert fields == ["palette.accent2", "palette.accent2"]


def test_banner_text_on_the_accent_fill_is_checked(tmp_path: Path) -> None:
    folder = write_theme(tmp_path / "t", 'extends: default\npalette:\n  on_accent: "#F97316"\n')
    (problem,) = contrast_problems(load_theme(str(folder)))
    assert problem.field == "palette.on_accent"
    assert "on accent #C2410C is below 3:1" in problem.message


def test_an_inherited_colour_is_located_in_the_file_that_says_it(tmp_path: Path) -> None:
    # The child darkens the background; ink fails against it but is written in the default theme.
    folder = write_theme(tmp_path / "t", 'extends: default\npalette:\n  background: "#333333"\n')
    ink = next(p for p in contrast_problems(load_theme(str(folder))) if p.field == "palette.ink")
    assert ink.file.endswith("default/theme.yaml")
    assert ink.line is not None
    assert Path(ink.file).read_text(encoding="utf-8").splitlines()[ink.line - 1].strip().startswith("ink:")


def test_a_theme_made_in_code_is_still_checked() -> None:
    theme = load_theme("default")
    palette = theme.palette.model_copy(update={"ink": "#DDDDDD"})
    loose = theme.model_copy(update={"palette": palette, "folder": None})
    problems = contrast_problems(loose)
    assert problems and problems[0].line is None
    assert problems[0].file == "theme 'default'"


def test_recap_check_fails_on_unreadable_colours(tmp_path: Path, recap: Any) -> None:
    folder = write_theme(tmp_path / "t", 'extends: default\npalette:\n  ink: "#BBBBBB"\n')
    run = recap("check", "--theme", folder, write_content(tmp_path / "c.yaml"))
    assert run.code == 1
    assert f"{folder / 'theme.yaml'}:3:8: palette.ink: contrast 1.91:1 on background #FFFFFF" in run.err
