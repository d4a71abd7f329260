"""`recap completion`: the scripts for bash, zsh and fish, and what they complete (commands, themes, layouts)."""

from __future__ import annotations

import pytest
from click.shell_completion import ShellComplete

from decks.cli.completion import COMPLETE_VAR
from decks.cli.main import cli, main


def completions(args: list[str], incomplete: str) -> list[str]:
    return [c.value for c in ShellComplete(cli, {}, "recap", COMPLETE_VAR).get_completions(args, incomplete)]


@pytest.mark.parametrize(
    ("shell", "marker"), [("bash", "complete -o nosort"), ("zsh", "#compdef recap"), ("FISH", "complete")]
)
def test_completion_prints_the_script_for_each_shell(
    shell: str, marker: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert marker in script and COMPLETE_VAR in script


def test_command_names_complete() -> None:
    assert {"new", "pptx", "pdf", "fonts", "completion"} <= set(completions([], ""))
    assert completions([], "pd") == ["pdf"]


@pytest.mark.parametrize("command", [["pdf"], ["pptx"], ["check"], ["new"]])
def test_theme_names_complete_after_theme(command: list[str]) -> None:
    assert {"default", "chalkboard", "ink"} <= set(completions([*command, "--theme"], ""))
    assert completions([*command, "--theme"], "cha") == ["chalkboard"]


def test_the_base_of_a_new_theme_completes() -> None:
    assert completions(["theme", "new", "mine", "--from"], "i") == ["ink"]


def test_layout_and_paper_choices_complete() -> None:
    assert completions(["pdf", "--layout"], "") == ["modular", "path", "radial", "vertical", "popcorn"]
    assert completions(["png", "--paper"], "a") == ["a4", "a3"]


def test_doc_names_complete() -> None:
    assert completions(["docs"], "th") == ["themes"]
