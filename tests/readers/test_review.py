"""What is left to review in a content file: warned by `recap check`, refused by `recap check --strict`."""

from __future__ import annotations

from pathlib import Path

import pytest

from decks.cli.main import main
from decks.readers.content import load_located
from decks.readers.review import review_problems

DONE = """title: T
event: {name: E, start: 2024-05-14}
presenter: {name: P}
items:
  - title: A
"""


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "talk.yaml"
    path.write_text(text, encoding="utf-8")
    recap, located = load_located(path)
    return [str(p) for p in review_problems(text, recap, located, str(path))]


def test_a_reviewed_file_has_nothing_left(tmp_path: Path) -> None:
    assert _problems(tmp_path, DONE) == []


def test_each_open_marker_is_located_at_its_comment(tmp_path: Path) -> None:
    text = DONE.replace("items:\n", "# check: the event name is a guess\nitems:\n  # TODO: add a picture\n")
    found = _problems(tmp_path, text)
    assert len(found) == 2
    assert found[0].endswith(
        "talk.yaml:4:1: a check note is still open: the event name is a guess; do what it says, then delete the comment"
    )
    assert ":6:3: a TODO note is still open: add a picture" in found[1]


def test_a_hash_inside_a_quoted_value_is_not_a_marker(tmp_path: Path) -> None:
    assert _problems(tmp_path, DONE.replace("title: A", 'title: "A # TODO later"')) == []


def test_missing_presenter_and_dates_are_named_with_their_field(tmp_path: Path) -> None:
    found = _problems(tmp_path, "title: T\nevent: {name: E}\nitems:\n  - title: A\n")
    assert any("presenter: nobody presents this recap" in line for line in found)
    assert any(":2:8: event.start: the event's dates are missing" in line for line in found)


@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 1)])
def test_check_warns_and_strict_check_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], strict: bool, code: int
) -> None:
    path = tmp_path / "talk.yaml"
    path.write_text(DONE + "# TODO: add the closing\n", encoding="utf-8")
    assert main(["check", *(["--strict"] if strict else []), str(path)]) == code
    err = capsys.readouterr().err
    assert ("error:" if strict else "warning:") in err and "a TODO note is still open: add the closing" in err
