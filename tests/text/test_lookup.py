"""Installed fonts found by family name through fontconfig, each answer kept until a font folder changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from decks.assets import fonts_dir
from decks.text import lookup

LATO = fonts_dir() / "Lato-Regular.ttf"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "metrics"


def test_fontconfig_is_asked_once_until_a_font_folder_changes(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lookup.shutil, "which", lambda name: "/usr/bin/fc-list")
    asked: list[str] = []

    def ask(fc_list: str, family: str) -> Path | None:
        asked.append(family)
        return LATO if family == "Lato" else None

    monkeypatch.setattr(lookup, "_ask_fontconfig", ask)
    monkeypatch.setattr(lookup, "font_folders_stamp", lambda: ["/usr/share/fonts:1"])
    find = lookup.find_system_font.__wrapped__  # without the in-process memo
    assert [find("Lato"), find("Lato"), find("Nothing"), find("Nothing")] == [LATO, LATO, None, None]
    assert asked == ["Lato", "Nothing"]  # the second answers, a file and none, came from the cache
    monkeypatch.setattr(lookup, "font_folders_stamp", lambda: ["/usr/share/fonts:2"])  # a font was installed
    assert find("Nothing") is None and asked == ["Lato", "Nothing", "Nothing"]


def test_fontconfig_that_cannot_be_asked_is_not_remembered(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lookup.shutil, "which", lambda name: "/usr/bin/fc-list")
    answers: list[Path | bool | None] = [False, LATO]
    monkeypatch.setattr(lookup, "_ask_fontconfig", lambda fc_list, family: answers.pop(0))
    find = lookup.find_system_font.__wrapped__
    assert find("Lato") is None  # fc-list failed (a timeout): no font this time
    assert find("Lato") == LATO  # and the failure was not kept
