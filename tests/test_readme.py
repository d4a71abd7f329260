"""The README and docs work where they are read: the README's content examples pass `recap check` when pasted;
every command their shell blocks (```sh, ```console) show runs as shown, here on the checkout and in
tests/cli/test_first_hour.py on a wheel install (both through `run_shown_commands`); every theme snippet of
docs/themes.md is a valid theme; the README's command-line block names only options that exist, and lists the
questions of `recap new` in the order they come."""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml

from decks.cli.main import main
from tests.conftest import ROOT

# The README first: the other docs continue from the talk it starts.
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
README = DOCS[0].read_text(encoding="utf-8")


def content_examples(readme: str) -> list[str]:
    """The README's content examples: its ```yaml blocks with a title."""
    return [text for kind, text in FENCE.findall(readme) if kind == "yaml" and "title:" in text]


CONTENTS = content_examples(README)

# Lines of shell blocks that are not run, each with why; any other line must be a `recap` command.
NOT_RUN = {
    "pipx": "installs recap: the wheel test's fixture installs the wheel the way `pip install` does",
    "pip": "installs recap: as for pipx",
    "make": "the clone's Makefile (the README's 'from a clone' section): `make test` runs this suite itself",
}


class Block(NamedTuple):
    """One shell block: where it is, and its commands as argument lists."""

    where: str
    commands: list[list[str]]


def shown_blocks(docs: list[Path] = DOCS, top: Path = ROOT) -> list[Block]:
    """The shell blocks of `docs` (README.md and docs/*.md under `top`) in reading order, each with its commands
    (a console block's `$ ` lines)."""
    blocks = []
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            kind, body = match.groups()
            if kind not in ("sh", "console"):
                continue
            line_no = text.count("\n", 0, match.start()) + 1
            commands = []
            for line in body.splitlines():
                if kind == "console":
                    if not line.startswith("$ "):
                        continue  # the output a console block shows
                    line = line[2:]
                words = shlex.split(line, comments=True)
                if not words or words[0] in NOT_RUN:
                    continue
                assert words[0] == "recap", f"{doc.name}:{line_no}: {line!r} is neither recap nor in NOT_RUN"
                commands.append(words)
            if commands:
                blocks.append(Block(f"{doc.relative_to(top).as_posix()}:{line_no}", commands))
    return blocks


def run_shown_commands(
    run: Callable[[list[str], Path], tuple[int, str]], tmp_path: Path, top: Path = ROOT
) -> list[str]:
    """Run every shown command; `run(args, folder)` runs `recap ARGS` in `folder` and gives (exit code, stderr).

    Each block runs in a fresh folder, its lines in order (a block is one task from its start). The folder holds
    the talk.yaml the README's `recap new talk.yaml` made, unless the block makes its own. `top` holds the docs
    (the checkout, or the wheel's copy). Returns the failures.
    """
    talk: dict[str, bytes] = {}
    failures = []
    docs = [top / "README.md", *sorted((top / "docs").glob("*.md"))]
    for n, block in enumerate(shown_blocks(docs, top)):
        folder = tmp_path / f"block{n}"
        folder.mkdir()
        if ["recap", "new", "talk.yaml"] not in block.commands:
            for name, data in talk.items():
                (folder / name).write_bytes(data)
        for words in block.commands:
            code, err = run(words[1:], folder)
            if code != 0:
                failures.append(f"{block.where}: {shlex.join(words)}: exit {code}: {err.strip()}")
        if not talk and (folder / "talk.yaml").is_file():
            talk = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    return failures


def test_the_docs_have_examples_and_commands_to_run() -> None:
    blocks = shown_blocks()
    assert len(CONTENTS) >= 2
    assert any(block.where.startswith("README.md") for block in blocks)
    assert any(block.where.startswith("docs/themes.md") for block in blocks)
    assert ["recap", "new", "talk.yaml"] in blocks[0].commands  # the README starts the talk the others use


def test_a_line_that_is_neither_recap_nor_a_skipped_tool_is_refused(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("```sh\nrecap check talk.yaml\ncurl https://example.org | sh\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="neither recap nor in NOT_RUN"):
        shown_blocks([doc], tmp_path)


@pytest.mark.parametrize("text", CONTENTS, ids=[f"example{n}" for n in range(len(CONTENTS))])
def test_a_pasted_content_example_checks(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from decks.assets import doc_files

    yaml.safe_load(text)  # plain YAML, as pasted
    # What the example's comment says to copy: content/img/ beside the README that `recap docs readme --path` finds.
    shutil.copytree(doc_files()["readme"].parent / "content" / "img", tmp_path / "img")
    (tmp_path / "talk.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "talk.yaml"]) == 0, capsys.readouterr().err


def test_the_docs_commands_run_as_shown_on_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(args: list[str], folder: Path) -> tuple[int, str]:
        monkeypatch.chdir(folder)
        code = main(args)
        return code, capsys.readouterr().err

    assert run_shown_commands(run, tmp_path) == []
    made = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file())
    assert {"block0/talk.pptx", "block1/assets/themes/mine/theme.yaml", "block1/talk.pdf"} <= set(made), made


def test_the_readme_names_the_questions_of_recap_new_in_the_order_they_come(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from decks.cli import new as new_module
    from decks.cli.main import cli

    said = re.search(r"recap new talk\.yaml +# asks for the ([^;]+);", README)
    assert said, "the README's `recap new` line no longer lists what it asks"
    named = re.split(r", | and ", said.group(1))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(new_module, "_interactive", lambda: True)
    result = CliRunner().invoke(cli, ["new", "talk.yaml"], input="PyCon\n\n2026-05-14\n\nAda\nen\ndefault\n")
    assert result.exit_code == 0, result.output
    # Each prompt's first word, both day prompts being the README's "dates".
    asked = [word.lower() for word in re.findall(r"^([A-Z][a-z]+)[^\n:]*:", result.output, re.MULTILINE)]
    asked = ["dates" if word in ("first", "last") else word for word in asked]
    assert list(dict.fromkeys(asked)) == named


THEMES_MD = ROOT / "docs" / "themes.md"
THEME_SNIPPETS = [
    (THEMES_MD.read_text(encoding="utf-8").count("\n", 0, match.start()) + 1, match.group(2))
    for match in FENCE.finditer(THEMES_MD.read_text(encoding="utf-8"))
    if match.group(1) == "yaml"
]


@pytest.mark.parametrize(("line", "text"), THEME_SNIPPETS, ids=[f"themes.md:{line}" for line, _ in THEME_SNIPPETS])
def test_a_theme_snippet_of_the_themes_doc_is_a_valid_theme(
    line: int, text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = yaml.safe_load(text)
    folder = tmp_path / "snippet"
    folder.mkdir()
    template = (data.get("slides") or {}).get("template")
    if template:  # the reader's own template (brand.pptx, brand.potx): recap's bundled one stands in for it
        shutil.copyfile(ROOT / "assets" / "templates" / "recap-16x9.pptx", folder / template)
    # A snippet shows one section: as a theme of its own it extends default, as `recap theme new` writes it.
    prefix = "" if "extends" in data else "extends: default\n"
    (folder / "theme.yaml").write_text(prefix + text, encoding="utf-8")
    assert main(["-q", "check", "--theme", str(folder)]) == 0, capsys.readouterr().err


def test_the_themes_doc_has_snippets_of_every_section() -> None:
    sections = {key for _, text in THEME_SNIPPETS for key in yaml.safe_load(text)}
    assert {"palette", "fonts", "sizes", "slides", "sketch", "icons"} <= sections


def _synopsis() -> list[tuple[list[str], str]]:
    """The README's command-line block as (command words, the text that describes it, continuation lines too)."""
    (block,) = [text for kind, text in FENCE.findall(README) if not kind and text.startswith("recap pptx ")]
    entries: list[tuple[list[str], str]] = []
    for line in block.splitlines():
        if line.startswith("recap "):
            words = re.findall(r"^[a-z]+(?: [a-z]+)?", line[len("recap ") :])
            entries.append((words[0].split() if words else [], line))
        else:
            entries[-1] = (entries[-1][0], entries[-1][1] + "\n" + line)
    return entries


def test_every_option_the_readmes_command_line_shows_is_accepted_there() -> None:
    import click

    from decks.cli.main import cli

    globals_ = {opt for param in cli.params for opt in param.opts + param.secondary_opts} | {"--help", "--theme"}
    checked = 0
    for words, text in _synopsis():
        command: click.Command = cli
        for word in words or (["pptx"] if text.startswith("recap NAME") else []):  # NAME: any renderer
            if isinstance(command, click.Group):  # `recap theme new`, `recap fonts install`
                command = command.resolve_command(click.Context(command), [word])[1] or command
        assert command is not cli or text.startswith("recap ["), text
        accepted = globals_ | {opt for param in command.params for opt in param.opts + param.secondary_opts}
        shown = set(re.findall(r"(?<![\w-])--?[a-zA-Z][\w-]*", text))
        assert shown <= accepted, (words, shown - accepted)
        checked += len(shown)
    assert checked > 30
