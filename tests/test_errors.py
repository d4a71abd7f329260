"""User-facing problems read FILE:LINE:COL: field: what; what to do, with as much of that as is known."""

from __future__ import annotations

from decks.errors import ContentError, ExitCode, OutputError, Problem, RecapError


def test_a_located_problem_reads_file_line_col_field_message_and_hint() -> None:
    problem = Problem("talk.yaml", "unknown key 'titel'", "did you mean 'title'?", "items[0].titel", 4, 5)
    assert str(problem) == "talk.yaml:4:5: items[0].titel: unknown key 'titel'; did you mean 'title'?"


def test_a_problem_without_a_place_or_hint_says_what_it_knows() -> None:
    assert str(Problem("talk.yaml", "no such file", "check the path")) == "talk.yaml: no such file; check the path"
    assert str(Problem("talk.yaml", "the file is empty", line=1)) == "talk.yaml:1:1: the file is empty"


def test_each_error_kind_carries_its_documented_exit_code() -> None:
    assert ContentError("x").exit_code == ExitCode.CONTENT == 1
    assert OutputError("x").exit_code == ExitCode.OUTPUT == 3
    assert RecapError("x").exit_code == ExitCode.INTERNAL == 4
    assert RecapError("x", ExitCode.USAGE).exit_code == 2


def test_the_message_of_an_error_lists_its_problems_one_a_line() -> None:
    error = ContentError([Problem("a.yaml", "one"), Problem("a.yaml", "two")])
    assert str(error) == "a.yaml: one\na.yaml: two"


def test_control_characters_and_escape_sequences_are_shown_as_escapes() -> None:
    from decks.errors import for_terminal

    assert for_terminal("a\x1b]0;title\x07b\x1b[31mc\x85d\u202ee\ud800f\n") == (
        "a\\x1b]0;title\\x07b\\x1b[31mc\\x85d\\u202ee\\ud800f\\x0a"
    )
    assert for_terminal("中文 😀 tab-free") == "中文 😀 tab-free"


def test_a_problem_never_prints_an_escape_sequence_from_the_content() -> None:
    shown = str(Problem("t.yaml", "unknown key 'a\x1b]0;pwned\x07'", "remove it", "a\x1b[2J", 1, 1))
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown == "t.yaml:1:1: a\\x1b[2J: unknown key 'a\\x1b]0;pwned\\x07'; remove it"
