"""The README works where it is read: its content examples pass `recap check` when pasted, and the commands its
shell blocks show run as shown, in a fresh folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from decks.cli.main import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```(\w*)\n(.*?)^```", README, re.MULTILINE | re.DOTALL)
CONTENTS = [text for kind, text in BLOCKS if kind == "yaml" and "title:" in text]
COMMANDS = [
    line.split("#", 1)[0].split()
    for kind, text in BLOCKS
    if kind in ("sh", "console")
    for line in text.splitlines()
    if line.startswith("recap ")
]


def test_the_readme_has_examples_to_check() -> None:
    assert len(CONTENTS) >= 2 and len(COMMANDS) >= 2


@pytest.mark.parametrize("text", CONTENTS, ids=[f"example{n}" for n in range(len(CONTENTS))])
def test_a_pasted_content_example_checks(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    yaml.safe_load(text)  # plain YAML, as pasted
    shutil.copytree(ROOT / "content" / "img", tmp_path / "img")  # what the example's comment says to copy
    (tmp_path / "talk.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "talk.yaml"]) == 0, capsys.readouterr().err


def test_the_readmes_commands_run_as_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for words in COMMANDS:
        assert main(words[1:]) == 0, (words, capsys.readouterr().err)
    assert (tmp_path / "talk.yaml").is_file() and (tmp_path / "talk.pptx").is_file()
