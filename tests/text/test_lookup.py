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


def test_the_bold_cut_is_fontconfigs_bold_of_the_family_never_an_emboldened_regular(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decks.text import fontconfig
    from tests.fixtures.bold_family import bold_family

    regular, bold = bold_family(tmp_path)
    answers = {
        "Test Sans": ["Test Sans", str(bold), ""],  # its own bold cut
        "Other": ["Test Sans", str(bold), ""],  # another family's: fc-match always answers something
        "Plain": ["Plain", str(regular), "True", "200"],  # no bold cut: the regular, to be emboldened
        "Light": ["Light", str(regular), "", "80"],  # no bold cut, and no synthetic bold configured
    }
    monkeypatch.setattr(fontconfig, "run", lambda tool, *args: answers[args[-1].split(":")[0]])
    assert lookup._ask_bold("/usr/bin/fc-match", "Test Sans") == bold
    assert lookup._ask_bold("/usr/bin/fc-match", "Other") is None
    assert lookup._ask_bold("/usr/bin/fc-match", "Plain") is None
    assert lookup._ask_bold("/usr/bin/fc-match", "Light") is None
    monkeypatch.setattr(fontconfig, "run", lambda tool, *args: None)
    assert lookup._ask_bold("/usr/bin/fc-match", "Test Sans") is False  # could not be asked: not remembered


def test_a_bold_cut_is_found_beside_a_font_fontconfig_does_not_know(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decks.text.metrics import load_face
    from tests.fixtures.bold_family import bold_family

    monkeypatch.setattr(lookup, "find_bold_font", lambda family: None)
    regular, bold = bold_family(tmp_path / "with")
    cut = lookup.bold_cut.__wrapped__(load_face(regular))
    assert cut is not None and cut.path == bold and cut.family == "Test Sans"
    assert cut.advance("م") > load_face(regular).advance("م")
    alone, _ = bold_family(tmp_path / "without", "Alone Sans", bold=False)
    assert lookup.bold_cut.__wrapped__(load_face(alone)) is None  # a client emboldens the regular
    carlito = lookup.bold_cut.__wrapped__(load_face(fonts_dir() / "Carlito-Regular.ttf"))
    assert carlito is not None and carlito.path.name == "Carlito-Bold.ttf"
