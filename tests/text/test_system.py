"""The machine's fonts as a last resort: found per character, TrueType only, the answer kept on disk."""

from __future__ import annotations

import os
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


def test_fonts_that_are_not_fonts_are_not_used(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cff = fresh.parent / "cff.otf"
    cff.parent.mkdir(parents=True, exist_ok=True)
    cff.write_bytes(b"OTTO" + b"\0" * 20)
    monkeypatch.setattr(system, "_fc_candidates", lambda ch: [str(cff)])
    assert system.system_face("\U000f0001") is None


def test_system_fonts_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAP_NO_SYSTEM_FONTS", "1")
    assert system.system_face("ก") is None


def _cff_font(path: Path) -> Path:
    """A one-glyph font with PostScript (CFF) outlines, which reportlab cannot embed as it is."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    def box(width: int, height: int) -> object:
        pen = T2CharStringPen(width, None)
        pen.moveTo((50, 0))
        pen.curveTo((50, height), (width - 50, height), (width - 50, 0))
        pen.closePath()
        return pen.getCharString()

    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder([".notdef", "mo"])
    fb.setupCharacterMap({0xA66E: "mo"})
    fb.setupCFF("TestCFF-Regular", {"FullName": "Test CFF"}, {".notdef": box(500, 600), "mo": box(700, 700)}, {})
    fb.setupHorizontalMetrics({".notdef": (500, 50), "mo": (700, 50)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": "Test CFF", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    fb.setupPost()
    fb.save(str(path))
    return path


def test_a_cff_font_is_used_through_a_cached_truetype_copy_reportlab_embeds(
    fresh: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    cff = _cff_font(tmp_path / "test.otf")
    monkeypatch.setattr(system, "_fc_candidates", lambda ch: [str(cff)])
    face = system.system_face("ꙮ")
    assert face is not None and face.has("ꙮ") and face.family == "Test CFF"
    assert face.path.suffix == ".ttf" and face.path != cff
    pdfmetrics.registerFont(TTFont("test-converted", str(face.path)))  # raises for CFF outlines
    assert pdfmetrics.stringWidth("ꙮ", "test-converted", 10) == pytest.approx(face.width("ꙮ", 10)) == 7


def test_a_font_installed_into_a_sub_folder_changes_the_answers_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decks.text import lookup, system

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    nested = tmp_path / "fonts" / "truetype" / "noto"
    nested.mkdir(parents=True)
    lookup.font_folders_stamp.cache_clear()
    before = system._stamp()
    # A package puts its file into a sub-folder: only that folder's time changes, not the top one's.
    top = (tmp_path / "fonts").stat().st_mtime_ns
    os.utime(nested, ns=(1, 1))
    (nested / "NewFace.ttf").write_bytes(b"")
    os.utime(tmp_path / "fonts", ns=(top, top))
    lookup.font_folders_stamp.cache_clear()
    assert system._stamp() != before
    lookup.font_folders_stamp.cache_clear()
