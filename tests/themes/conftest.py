"""Fixtures for the theme tests: the CLI run in-process, and a clean current folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from decks.cli.main import main


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def recap(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """`recap(*args)` runs the command line in this process and returns its exit code and output."""

    def run(*args: str | Path) -> Run:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder, so ./assets/themes is the test's own."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
