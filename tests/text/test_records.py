"""The metrics records shipped beside the bundled fonts: equal to a fresh read, served only for the very font."""

from __future__ import annotations

from pathlib import Path

import pytest

from decks.assets import fonts_dir
from decks.text import records
from decks.text.sfnt import read_metrics

LATO = fonts_dir() / "Lato-Regular.ttf"


def test_every_bundled_font_ships_the_metrics_a_fresh_read_gives() -> None:
    fonts = [path for folder in records.bundled_font_folders() for path in sorted(folder.glob("*.ttf"))]
    assert {"Lato-Regular.ttf", "fa-solid-900.ttf", "fa-brands-400.ttf"} <= {path.name for path in fonts}
    for path in fonts:
        shipped = records.bundled_metrics(path.resolve())
        assert shipped is not None, f"{path.name}: run tools/build_font_records.py"
        family, upm, ascent, descent, gap, advances, notdef = read_metrics(path)
        assert shipped[:6] == (family, upm, ascent, descent, gap, notdef), path.name
        assert shipped[6].as_dict() == advances, path.name


@pytest.mark.parametrize("change", ["a metric table", "the size", "the record"])
def test_a_record_is_not_used_for_a_font_that_changed_or_a_damaged_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    import struct

    folder = tmp_path / "fonts"
    (folder / "metrics").mkdir(parents=True)
    font = folder / LATO.name
    record = fonts_dir() / "metrics" / (LATO.name + ".marshal.z")
    data, kept = bytearray(LATO.read_bytes()), record.read_bytes()
    monkeypatch.setattr("decks.text.records.fonts_dir", lambda: folder)
    font.write_bytes(data)
    (folder / "metrics" / record.name).write_bytes(kept)
    assert records.bundled_metrics(font.resolve()) is not None  # the copy, unchanged, is served
    if change == "a metric table":  # the cmap's checksum in the table directory, as a rebuilt font has
        count = int.from_bytes(data[4:6], "big")
        i = next(12 + 16 * k for k in range(count) if data[12 + 16 * k : 16 + 16 * k] == b"cmap")
        struct.pack_into(">L", data, i + 4, (struct.unpack_from(">L", data, i + 4)[0] + 1) % 2**32)
        font.write_bytes(data)
    elif change == "the size":
        font.write_bytes(bytes(data) + b"\0\0\0\0")
    else:
        (folder / "metrics" / record.name).write_bytes(kept[: len(kept) // 2])
    assert records.bundled_metrics(font.resolve()) is None


def test_an_icon_font_is_measured_from_its_record_without_fonttools(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decks.plan.icons import font_path
    from decks.text import metrics

    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))

    def no_parsing(path: Path) -> None:
        raise AssertionError("the font was parsed")

    monkeypatch.setattr(metrics, "read_metrics", no_parsing)
    face = metrics.load_face.__wrapped__(font_path())  # a first run: nothing cached
    assert face.units_per_em == 512 and face.has("\uf135")  # the rocket
