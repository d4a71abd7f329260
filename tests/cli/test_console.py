"""What the command line says on stderr: grouped warnings, right plurals, -q/-v, colour only when wanted, progress."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decks.cli import console


@pytest.fixture(autouse=True)
def normal() -> Iterator[None]:
    console.reset()
    yield
    console.reset()


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


MAX = [
    f"--max-takeaways 1: {n} takeaway(s) of '{name}' are not on the page"
    for n, name in [(2, "A"), (1, "B"), (3, "C"), (4, "D")]
]


def test_many_per_item_counts_become_one_line_with_the_total() -> None:
    assert console.grouped(MAX) == [
        "--max-takeaways 1: 10 takeaways of 4 items are not on the page: 'A', 'B', 'C' and 1 more (-v lists each)"
    ]


def test_two_of_a_kind_are_not_folded() -> None:
    assert console.grouped(MAX[:2]) == MAX[:2]


def test_other_kinds_fold_to_the_first_and_the_names_of_the_rest() -> None:
    lines = [f"post.md:{n}: picture '{name}.png' has no alt text" for n, name in [(3, "a"), (9, "b"), (12, "c")]]
    lines.insert(1, "post.md:5: the title heading is empty; add a title")
    assert console.grouped(lines) == [
        "post.md:3: picture 'a.png' has no alt text; and 2 more like it: 'b.png', 'c.png' (-v lists each)",
        "post.md:5: the title heading is empty; add a title",
    ]


def test_warnings_are_grouped_normally_listed_with_verbose_and_silent_with_quiet(
    capsys: pytest.CaptureFixture[str],
) -> None:
    console.warnings(MAX)
    assert capsys.readouterr().err.count("\n") == 1
    console.settings.level = console.VERBOSE
    console.warnings(MAX)
    err = capsys.readouterr().err.splitlines()
    assert err[1] == "warning: --max-takeaways 1: 1 takeaway of 'B' is not on the page"
    assert err[0] == "warning: --max-takeaways 1: 2 takeaways of 'A' are not on the page"
    console.settings.level = console.QUIET
    console.warnings(MAX)
    console.result("out.pdf")
    console.note("a note")
    assert capsys.readouterr() == ("", "")
    console.error("it broke")
    assert capsys.readouterr().err == "error: it broke\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1 takeaway(s)", "1 takeaway"), ("0 link(s)", "0 links"), ("12 item(s) and 1 part(s)", "12 items and 1 part")],
)
def test_plurals_agree_with_the_count(text: str, expected: str) -> None:
    assert console.plurals(text) == expected


@given(st.integers(min_value=0, max_value=10**6))
def test_count_is_singular_only_for_one(n: int) -> None:
    assert console.count(n, "part") == (f"{n} part" if n == 1 else f"{n} parts")


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert console.colour(Terminal()) is True
    assert console.colour(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert console.colour(Terminal()) is False


def test_errors_are_coloured_on_a_terminal_unless_no_color(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(console, "colour", lambda stream=None: True)
    console.error("x")
    assert capsys.readouterr().err.startswith("\x1b[")
    monkeypatch.undo()
    monkeypatch.setenv("NO_COLOR", "1")
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    console.error("x")
    assert terminal.getvalue() == "error: x\n"


def test_progress_speaks_only_when_the_work_is_slow_and_on_a_terminal() -> None:
    fast, slow, piped = Terminal(), Terminal(), io.StringIO()
    with console.progress("making talk.pdf", after=0.5, stream=fast):
        pass
    with console.progress("making talk.pdf", after=0.01, stream=slow):
        time.sleep(0.2)
    with console.progress("making talk.pdf", after=0.01, stream=piped):
        time.sleep(0.2)
    assert (fast.getvalue(), slow.getvalue(), piped.getvalue()) == ("", "making talk.pdf …\n", "")


def test_quiet_progress_says_nothing_and_verbose_tells_the_time() -> None:
    console.settings.level = console.QUIET
    quiet = Terminal()
    with console.progress("making talk.pdf", after=0.01, stream=quiet):
        time.sleep(0.1)
    assert quiet.getvalue() == ""
    console.settings.level = console.VERBOSE
    verbose = io.StringIO()
    with console.progress("making talk.pdf", stream=verbose):
        pass
    assert verbose.getvalue().startswith("making talk.pdf: 0.0")
