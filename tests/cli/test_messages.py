"""What every command says when its input is wrong: the documented exit code, the user's words (no Python repr,
class name or library hint), echoed input cut short, many errors summed up, and the right command named."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from decks.cli import console
from decks.cli.main import main

RENDERS = ["check", "pptx", "pdf", "png", "svg", "slides", "html", "watch"]
_PYTHON = re.compile(r"Error\b|Exception|repr|sys\.|<\w+ object|0x[0-9a-f]{6,}|\de[+-]\d\d|Traceback")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _content(path: Path, extra: str = "") -> Path:
    path.write_text(f"schema_version: 1\ntitle: T\nlanguage: en\n{extra}items:\n  - title: a\n", encoding="utf-8")
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("command", [*RENDERS, "import"])
@pytest.mark.parametrize("kind", ["fifo", "folder", "missing"])
def test_a_fifo_folder_or_missing_content_is_exit_1_with_what_it_is_on_every_command(
    here: Path, capsys: pytest.CaptureFixture[str], command: str, kind: str
) -> None:
    name = "c.md" if command == "import" else "c.yaml"
    if kind == "fifo":
        os.mkfifo(here / name)
    elif kind == "folder":
        (here / name).mkdir()
    args = [command, name] + (["-o", str(here / "out" / "x.yaml")] if command == "import" else [])
    assert main(args) == 1
    err = capsys.readouterr().err
    said = {"fifo": "not a regular file", "folder": "this is a folder", "missing": "no such file"}[kind]
    assert err.startswith(f"error: {name}: ") and said in err, err


def test_fifty_thousand_unknown_keys_are_twenty_lines_and_a_count(here: Path, capsys: pytest.CaptureFixture) -> None:
    keys = "".join(f"    k{n}: 1\n" for n in range(50_000))
    (here / "c.yaml").write_text(f"schema_version: 1\ntitle: T\nlanguage: en\nitems:\n  - title: a\n{keys}")
    assert main(["check", "c.yaml"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == console.SHOWN_ERRORS + 1
    assert lines[-1] == "error: c.yaml: … and 49,980 more unknown keys (fix these and run again to see them)"


def test_a_huge_unknown_key_is_echoed_as_a_short_excerpt(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _content(here / "c.yaml", extra="? " + "k" * 100_000 + "\n: 1\n")  # an explicit key: any length
    assert main(["check", "c.yaml"]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert "unknown key 'kkkk" in line and "…" in line and len(line) < 400


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        ("True: 1\n", "the key 'True' reads as true or false, not as a word"),
        ("1: 1\n", "the key '1' reads as a number, not as a word"),
        ("x: " + "9" * 5000 + "\n", "a whole number of 5,000 digits is too long to read"),
    ],
)
def test_yaml_that_python_reads_oddly_is_told_in_the_users_words(
    here: Path, capsys: pytest.CaptureFixture[str], extra: str, said: str
) -> None:
    _content(here / "c.yaml", extra=extra)
    assert main(["check", "c.yaml"]) == 1
    err = capsys.readouterr().err
    assert said in err and not _PYTHON.search(err), err


def test_a_theme_bound_is_written_as_people_write_numbers(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _content(here / "c.yaml")
    (here / "th").mkdir()
    (here / "th" / "theme.yaml").write_text("extends: default\nsketch:\n  seed: 4294967296\n", encoding="utf-8")
    assert main(["check", "c.yaml", "--theme", str(here / "th")]) == 1
    err = capsys.readouterr().err
    assert "write a number from 0 to 4,294,967,295" in err and "e+09" not in err


@pytest.mark.parametrize("value", ["#C2410C\n", "#C2410C\n\n", "\n#C2410C"])
def test_a_colour_with_a_line_feed_is_refused(here: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    _content(here / "c.yaml")
    (here / "th").mkdir()
    quoted = value.replace("\n", "\\n")
    (here / "th" / "theme.yaml").write_text(f'extends: default\npalette:\n  accent: "{quoted}"\n', encoding="utf-8")
    assert main(["check", "c.yaml", "--theme", str(here / "th")]) == 1
    assert "is not a colour" in capsys.readouterr().err


def test_a_user_theme_extending_its_own_missing_name_names_no_installed_path(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _content(here / "c.yaml")
    (here / "assets" / "themes" / "mine").mkdir(parents=True)
    (here / "assets" / "themes" / "mine" / "theme.yaml").write_text("extends: mine\n", encoding="utf-8")
    assert main(["check", "c.yaml", "--theme", "mine"]) == 1
    err = capsys.readouterr().err
    assert "this theme extends itself ('mine'), and no built-in theme has that name" in err
    assert "site-packages" not in err and "decks/" not in err.replace(str(here), "")


def test_themes_lists_a_broken_themes_folder_name_escaped(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = here / "assets" / "themes" / "bad\x1b]0;pwned\x07"
    folder.mkdir(parents=True)
    (folder / "theme.yaml").write_text("extends: [nope\n", encoding="utf-8")
    assert main(["themes"]) == 0
    out = capsys.readouterr().out
    assert "bad\\x1b]0;pwned\\x07" in out and "\x1b" not in out and "\x07" not in out


@pytest.mark.parametrize("name", ["a" * 300, "x\n", "../x", "a b"])
def test_theme_new_refuses_a_name_that_is_no_folder_name_and_makes_no_folder(
    here: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert main(["theme", "new", name]) == 2
    err = capsys.readouterr().err
    assert "a theme name is a folder name" in err and len(err) < 300
    assert not (here / "assets").exists()


def test_new_with_a_closed_stdin_writes_the_talk(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # what Python makes of `recap new <&-`
    assert main(["new"]) == 0
    assert main(["check", "talk.yaml"]) == 0


@pytest.mark.parametrize("option", ["--title", "--event", "--presenter"])
@pytest.mark.parametrize("value", ["a\x1bb", "\x85", "\u200b", "a\x00"])
def test_new_never_writes_a_field_check_refuses(here: Path, capsys: pytest.CaptureFixture, option, value) -> None:
    assert main(["new", "--no-input", option, value]) == 2
    assert capsys.readouterr().err.startswith(f"error: {option}: ")
    assert not (here / "talk.yaml").exists()


@pytest.mark.parametrize("theme", ["../../etc", "..", "a/../../b", "/etc"])
def test_new_refuses_a_theme_that_escapes_or_is_no_theme(here: Path, capsys: pytest.CaptureFixture, theme) -> None:
    assert main(["new", "--no-input", "--theme", theme]) == 2
    assert not (here / "talk.yaml").exists()


def test_deck_errors_of_slides_and_html_do_not_name_recap_pptx(
    here: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decks.plan.deck import pages

    monkeypatch.setattr(pages, "MAX_PAGES", 2)  # a paragraph over two slides is "too long": quick to reach
    words = " ".join(["word"] * 3000)
    (here / "c.yaml").write_text(
        f"schema_version: 1\ntitle: T\nlanguage: en\nitems:\n  - title: a\n    takeaways:\n      - {words}\n",
        encoding="utf-8",
    )
    for command, suffix in (("pptx", "pptx"), ("slides", "pdf"), ("html", "html")):
        assert main([command, "c.yaml", "-o", f"o.{suffix}"]) == 3
        err = capsys.readouterr().err
        assert "recap pptx" not in err and err.startswith("error: the deck: one paragraph would need"), err
