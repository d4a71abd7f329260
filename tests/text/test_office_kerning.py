"""The kerning shipped for the bundled fonts is what reading their GPOS gives, and stale or damaged copies are
not used."""

from __future__ import annotations

import gzip
import shutil

import pytest

from decks.assets import fonts_dir
from decks.text.office import _read_kerning, bundled_kerning

SHIPPED = sorted(p.name.removesuffix(".json.gz") for p in (fonts_dir() / "kerning").glob("*.json.gz"))


@pytest.mark.parametrize("name", SHIPPED)
def test_the_shipped_kerning_of_a_bundled_font_is_its_gpos_pairs(name: str) -> None:
    font = fonts_dir() / name
    assert bundled_kerning(font) == _read_kerning(font)


def test_the_default_themes_slide_fonts_ship_their_kerning() -> None:
    assert {"Carlito-Regular.ttf", "Carlito-Bold.ttf"} <= set(SHIPPED)


def test_a_font_other_than_the_shipped_one_is_read_afresh(tmp_path, monkeypatch) -> None:
    import decks.text.office as office

    # A copy elsewhere is not a bundled font; a bundled name with other bytes (a rebuilt font) fails the hash.
    copy = tmp_path / "Carlito-Regular.ttf"
    shutil.copy(fonts_dir() / "Carlito-Regular.ttf", copy)
    assert bundled_kerning(copy) is None
    fonts = tmp_path / "fonts"
    (fonts / "kerning").mkdir(parents=True)
    shutil.copy(fonts_dir() / "Carlito-Bold.ttf", fonts / "Carlito-Regular.ttf")
    shutil.copy(fonts_dir() / "kerning" / "Carlito-Regular.ttf.json.gz", fonts / "kerning")
    monkeypatch.setattr("decks.assets.fonts_dir", lambda: fonts)
    assert office.bundled_kerning(fonts / "Carlito-Regular.ttf") is None
    (fonts / "kerning" / "Carlito-Regular.ttf.json.gz").write_bytes(gzip.compress(b"{not json"))
    assert office.bundled_kerning(fonts / "Carlito-Regular.ttf") is None
