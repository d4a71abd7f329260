"""`recap docs`: the docs that ship with recap are listed, printed and found by name."""

from __future__ import annotations

import pytest

from decks.assets import doc_files, docs_dir
from decks.cli.main import main
from decks.errors import ExitCode


def test_docs_lists_each_doc_with_its_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["docs"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"folder: {docs_dir()}"
    names = [line.split("\t")[0] for line in lines[1:]]
    assert {"themes", "design", "readme"} <= set(names)
    assert "themes\tThemes" in lines


@pytest.mark.parametrize("name", ["themes", "THEMES", "themes.md"])
def test_docs_prints_the_named_doc_whatever_its_case(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["docs", name]) == 0
    assert capsys.readouterr().out == doc_files()["themes"].read_text(encoding="utf-8")


def test_docs_path_prints_where_the_doc_is(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["docs", "design", "--path"]) == 0
    assert capsys.readouterr().out == f"{doc_files()['design']}\n"


def test_an_unknown_doc_is_a_usage_error_naming_the_docs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["docs", "nope"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.startswith("error: nope: no such doc; use one of: ") and "themes" in err


def test_docs_open_hands_the_file_to_the_system_viewer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("click.launch", lambda url, **kwargs: opened.append(url) or 0)
    assert main(["docs", "themes", "--open"]) == 0
    assert opened == [str(doc_files()["themes"])]
    assert capsys.readouterr().out == f"{doc_files()['themes']}\n"
