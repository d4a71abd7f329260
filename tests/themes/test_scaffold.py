"""Tests for decks/themes/scaffold.py and `recap theme new`: a starting theme that changes only what is uncommented."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from decks.themes.loader import load_theme
from decks.themes.model import Theme

_OWN = {"name", "description", "extends", "folder"}


def _look(theme: Theme) -> dict[str, Any]:
    return {k: v for k, v in theme.model_dump().items() if k not in _OWN}


def _uncomment(text: str, pattern: str) -> str:
    """Uncomment the lines matching `pattern` (a regex on the line after '# ')."""
    return "\n".join(
        line[2:] if line.startswith("# ") and re.match(pattern, line[2:]) else line for line in text.splitlines()
    )


@pytest.mark.parametrize("base", ["default", "chalkboard", "ink"])
def test_new_theme_extends_its_base_and_looks_the_same(workdir: Path, recap: Any, base: str) -> None:
    run = recap("theme", "new", "mine", "--from", base)
    assert run.code == 0, run.err
    target = workdir / "assets" / "themes" / "mine" / "theme.yaml"
    assert run.out.strip() == str(target)
    text = target.read_text(encoding="utf-8")
    assert f"extends: {base}\n" in text
    mine = load_theme("mine")
    assert mine.extends == base
    assert _look(mine) == _look(load_theme(base))


@pytest.mark.parametrize("base", ["default", "chalkboard", "ink"])
def test_every_field_is_there_commented_with_the_base_value(workdir: Path, recap: Any, base: str) -> None:
    assert recap("theme", "new", "full", "--from", base).code == 0
    target = workdir / "assets" / "themes" / "full" / "theme.yaml"
    text = target.read_text(encoding="utf-8")
    # Uncommenting every field at once must give back exactly the base: every field, every value.
    target.write_text(_uncomment(text, r"\s*[a-z_0-9]+:|\s*- "), encoding="utf-8")
    theme = load_theme(str(target.parent))
    assert _look(theme) == _look(load_theme(base))
    for section in ("palette", "fonts", "sizes", "slides", "sketch", "icons"):
        for key in type(getattr(theme, section)).model_fields:
            assert re.search(rf"^{key}:|^\s+{key}:", target.read_text(encoding="utf-8"), re.M), f"{section}.{key}"


def test_changing_one_colour_changes_only_that(workdir: Path, recap: Any) -> None:
    assert recap("theme", "new", "mine", "--from", "default").code == 0
    target = workdir / "assets" / "themes" / "mine" / "theme.yaml"
    text = _uncomment(target.read_text(encoding="utf-8"), r"palette:|\s+accent:")
    target.write_text(text.replace('accent: "#C2410C"', 'accent: "#9A3412"'), encoding="utf-8")
    mine, base = load_theme("mine"), load_theme("default")
    expected = _look(base)
    expected["palette"]["accent"] = "#9A3412"
    assert _look(mine) == expected
    run = recap("check", "--theme", "mine")
    assert run.code == 0, run.err


def test_it_refuses_to_overwrite_a_theme(workdir: Path, recap: Any) -> None:
    assert recap("theme", "new", "mine").code == 0
    target = workdir / "assets" / "themes" / "mine" / "theme.yaml"
    target.write_text("extends: ink\n", encoding="utf-8")
    run = recap("theme", "new", "mine", "--from", "chalkboard")
    assert run.code == 3
    assert f"{target}: this theme already exists" in run.err
    assert target.read_text(encoding="utf-8") == "extends: ink\n"


def test_an_unknown_base_writes_nothing(workdir: Path, recap: Any) -> None:
    run = recap("theme", "new", "mine", "--from", "nope")
    assert run.code == 1
    assert "no such theme" in run.err
    assert not (workdir / "assets").exists()


@pytest.mark.parametrize("name", ["bad name", "../escape", ".hidden", ""])
def test_a_name_must_be_a_plain_folder_name(workdir: Path, recap: Any, name: str) -> None:
    run = recap("theme", "new", name)
    assert run.code == 2
    assert not (workdir / "assets").exists()


def test_base_may_be_a_folder(workdir: Path, tmp_path_factory: pytest.TempPathFactory, recap: Any) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "talk"
    elsewhere.mkdir()
    (elsewhere / "theme.yaml").write_text('extends: chalkboard\npalette:\n  accent: "#F4A6C0"\n', encoding="utf-8")
    assert recap("theme", "new", "mine", "--from", elsewhere).code == 0
    mine = load_theme("mine")
    assert mine.palette.accent == "#F4A6C0"
    assert mine.extends == str(elsewhere.resolve())


def test_new_theme_is_listed_as_a_user_theme(workdir: Path, recap: Any) -> None:
    recap("theme", "new", "mine", "--from", "ink")
    assert "mine\tBased on ink.\t(user)" in recap("themes").out.splitlines()
