"""The machine's fonts as a last resort: found per character, TrueType only, the answer kept on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from decks.text import system


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RECAP_NO_SYSTEM_FONTS", raising=False)
    system._answers.cache_clear()
    yield tmp_path / "cache" / "system-fonts"
    system._answers.cache_clear()


def test_an_installed_font_with_the_character_is_found_and_remembered(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not shutil.which("fc-list"):
        pytest.skip("fontconfig is not installed")
    face = system.system_face("ก")
    if face is None:
        pytest.skip("no Thai font is installed (apt-get install fonts-noto-core); .ci/run installs it")
    assert face.has("ก") and face.path.suffix.lower() in (".ttf", ".ttc")
    assert list(fresh.iterdir())  # the answer is on disk
    system._answers.cache_clear()

    def no_fontconfig(ch: str) -> list[str]:
        raise AssertionError("fontconfig asked again")

    monkeypatch.setattr(system, "_fc_candidates", no_fontconfig)
    assert system.system_face("ก") == face


def test_cff_fonts_and_fonts_without_the_character_are_not_used(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cff = fresh.parent / "cff.otf"
    cff.parent.mkdir(parents=True, exist_ok=True)
    cff.write_bytes(b"OTTO" + b"\0" * 20)
    monkeypatch.setattr(system, "_fc_candidates", lambda ch: [str(cff)])
    assert system.system_face("\U000f0001") is None


def test_system_fonts_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAP_NO_SYSTEM_FONTS", "1")
    assert system.system_face("ก") is None
