"""Kerning pairs: the rows shipped for the bundled fonts are what reading their GPOS gives, stale or damaged copies
are not used."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest

from decks.assets import fonts_dir
from decks.text import kerning as store
from decks.text.kerning import _by_first, _read_kerning, _shipped_rows

SHIPPED = sorted(p.name.removesuffix(".marshal.z") for p in (fonts_dir() / "kerning").glob("*.marshal.z"))


def _gpos_pairs(font: Path) -> dict[str, float]:
    """The kerning of a font file as reading its GPOS gives it, read once for this module (several tests compare
    the shipped rows with it); callers do not change it."""
    return _read_once(font.resolve())


_read_once = cache(_read_kerning)


@pytest.mark.parametrize("name", SHIPPED)
def test_the_shipped_kerning_of_a_bundled_font_is_its_gpos_pairs(name: str) -> None:
    font = (fonts_dir() / name).resolve()
    assert _shipped_rows(font) == _by_first(_gpos_pairs(font))


def test_the_default_themes_slide_fonts_ship_their_kerning() -> None:
    assert {"Carlito-Regular.ttf", "Carlito-Bold.ttf"} <= set(SHIPPED)


def test_every_bundled_font_with_pairs_ships_them() -> None:
    assert {f.name for f in fonts_dir().glob("*.ttf") if _gpos_pairs(f)} == set(SHIPPED)


def test_a_bundled_font_is_kerned_from_its_rows_without_fonttools(monkeypatch: pytest.MonkeyPatch) -> None:
    font = (fonts_dir() / "Carlito-Regular.ttf").resolve()
    expected = _gpos_pairs(font)

    def no_reading(path: Path) -> dict[str, float]:
        raise AssertionError("GPOS was read")

    monkeypatch.setattr(store, "_read_kerning", no_reading)
    assert store.kerning_rows.__wrapped__(font) == _by_first(expected)


@pytest.mark.parametrize("change", ["elsewhere", "other bytes", "damaged record"])
def test_a_font_other_than_the_shipped_one_is_read_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    record = fonts_dir() / "kerning" / "Carlito-Regular.ttf.marshal.z"
    if change == "elsewhere":  # a copy outside recap's fonts is not a bundled font
        copy = tmp_path / "Carlito-Regular.ttf"
        shutil.copy(fonts_dir() / "Carlito-Regular.ttf", copy)
        assert _shipped_rows(copy.resolve()) is None
        return
    fonts = tmp_path / "fonts"
    (fonts / "kerning").mkdir(parents=True)
    (fonts / "kerning-more").mkdir(parents=True)
    monkeypatch.setattr("decks.text.records.fonts_dir", lambda: fonts)
    shutil.copy(fonts_dir() / "Carlito-Regular.ttf", fonts / "Carlito-Regular.ttf")
    shutil.copy(record, fonts / "kerning")
    shutil.copy(fonts_dir() / "kerning-more" / record.name, fonts / "kerning-more")
    font = (fonts / "Carlito-Regular.ttf").resolve()
    assert _shipped_rows(font) is not None  # the same bytes, in a fonts folder: served
    if change == "other bytes":  # a bundled name with another font's tables (a rebuilt font)
        shutil.copy(fonts_dir() / "Carlito-Bold.ttf", font)
    else:
        (fonts / "kerning" / record.name).write_bytes(record.read_bytes()[:100])
    assert _shipped_rows(font) is None


@pytest.mark.parametrize("name", SHIPPED)
def test_the_rows_of_ascii_first_characters_ship_apart_from_the_rest(name: str) -> None:
    font = (fonts_dir() / name).resolve()
    rows = _by_first(_gpos_pairs(font))
    assert _shipped_rows(font, True) == {a: row for a, row in rows.items() if a.isascii()}
    assert _shipped_rows(font, False) == {a: row for a, row in rows.items() if not a.isascii()}


def test_ascii_text_is_measured_without_reading_the_other_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    # Most of a deck is ASCII: its kerning is read from the small record of ASCII first characters (Carlito's 53
    # rows: 0.13 ms), the 1,162 others (Greek, Cyrillic, accented Latin: 3 ms) only for text that has them.
    from decks.text import records
    from decks.text.metrics import load_face
    from decks.text.office import OfficeStack

    read: list[str] = []
    real = records.shipped

    def shipped(kind: str, path: Path) -> object:
        read.append(kind)
        return real(kind, path)

    monkeypatch.setattr(store, "shipped", shipped)
    store.kerning_rows.cache_clear()
    store.ascii_kerning_rows.cache_clear()
    face = load_face((fonts_dir() / "Carlito-Regular.ttf").resolve())
    s = OfficeStack((face,), system=False)
    assert s.ems("To Tom, AV") < sum(map(face.advance, "To Tom, AV"))
    assert read == ["kerning"]
    assert s.ems("Tó Та") < sum(map(face.advance, "Tó Та"))
    assert "kerning-more" in read
    store.kerning_rows.cache_clear()
    store.ascii_kerning_rows.cache_clear()
