"""Asking fontconfig: an answer as lines, and None (never an exception) when the tool cannot be asked."""

from __future__ import annotations

import sys

from decks.text import fontconfig


def test_a_tool_that_cannot_start_gives_no_answer_rather_than_an_error(tmp_path) -> None:
    assert fontconfig.run(str(tmp_path / "no-such-fc-list"), "--version") is None


def test_a_tool_too_slow_to_answer_gives_no_answer(monkeypatch) -> None:
    monkeypatch.setattr(fontconfig, "TIMEOUT", 0.2)
    assert fontconfig.run(sys.executable, "-c", "import time; time.sleep(5)") is None


def test_an_answer_is_its_lines() -> None:
    assert fontconfig.run(sys.executable, "-c", "print('a.ttf'); print('b.ttf')") == ["a.ttf", "b.ttf"]


def test_a_missing_tool_is_none(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert fontconfig.tool("fc-list") is None
