"""Finding the file that measures a family name: bundled twins for the universal faces, bundled fonts, the
theme's folder, installed fonts (only an exact family), else a stand-in measured 10% wider."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from decks.assets import fonts_dir
from decks.plan.fontfiles import MARGIN, embeddable, find_font, is_universal


def test_calibri_and_arial_are_measured_with_their_bundled_metric_compatible_twins() -> None:
    calibri, arial_bold = find_font("Calibri"), find_font("Arial", bold=True)
    assert calibri.path.name == "Carlito-Regular.ttf" and calibri.how == "bundled twin" and calibri.margin == 0
    assert arial_bold.path.name == "LiberationSans-Bold.ttf"
    assert is_universal("calibri ") and is_universal("Times New Roman") and not is_universal("Recap Kai")


def test_a_bundled_family_and_a_font_in_the_theme_folder_are_found_by_their_family_name(tmp_path: Path) -> None:
    assert find_font("Comic Neue", bold=True).path.name == "ComicNeue-Bold.ttf"
    font = TTFont(fonts_dir() / "DejaVuSans.ttf")
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = "Brand Sans"
    font.save(str(tmp_path / "BrandSans-Regular.ttf"))
    found = find_font("Brand Sans", folder=tmp_path)
    assert found.how == "theme folder" and found.path.name == "BrandSans-Regular.ttf"
    assert "measured with BrandSans-Regular.ttf" in found.describe()


def test_an_unknown_family_gets_a_stand_in_measured_ten_percent_wider() -> None:
    found = find_font("No Such Family Anywhere 12345")
    assert found.how == "stand-in" and found.margin == MARGIN == 0.1 and "10% wider" in found.describe()


@pytest.mark.skipif(not shutil.which("fc-match"), reason="fontconfig is not installed")
def test_fontconfig_answers_count_only_when_they_name_the_family_asked_for() -> None:
    # fc-match always answers with something; a different family is not the font asked for.
    assert find_font("Zzz Not A Font").how == "stand-in"


def test_embeddable_follows_the_os2_fstype_bits(tmp_path: Path) -> None:
    assert embeddable(fonts_dir() / "DejaVuSans.ttf") is None
    font = TTFont(fonts_dir() / "ComicNeue-Regular.ttf")
    font["OS/2"].fsType = 0x0002
    font.save(str(tmp_path / "Restricted.ttf"))
    assert "forbids embedding" in (embeddable(tmp_path / "Restricted.ttf") or "")
