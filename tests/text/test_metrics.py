"""Where a face comes from: a bundled font's shipped record, the metrics cache (RECAP_CACHE_DIR), or fontTools."""

from __future__ import annotations

from pathlib import Path

import pytest

from decks.assets import fonts_dir
from decks.text import metrics
from decks.text.faces import Face
from decks.text.metrics import load_face

LATO = fonts_dir() / "Lato-Regular.ttf"
KAI = fonts_dir() / "RecapKai-Regular.ttf"


@pytest.fixture
def user_font(tmp_path: Path) -> Path:
    """A font outside recap's own folder (bundled fonts ship their metrics and need no cache entry)."""
    copy = tmp_path / "fonts" / "UserLato.ttf"
    copy.parent.mkdir()
    copy.write_bytes(LATO.read_bytes())
    return copy


def read_uncached(path: Path) -> Face:
    """`load_face` without its in-process memo, so the disk cache is what is tested."""
    return load_face.__wrapped__(path)


def test_recap_cache_dir_redirects_the_metrics_cache(cache_dir: Path, user_font: Path) -> None:
    read_uncached(user_font)
    assert [p.suffix for p in cache_dir.iterdir()] == [".marshal"]


def test_the_second_load_reads_the_cache_file_not_the_font(
    cache_dir: Path, user_font: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read_uncached(user_font)

    def no_parsing(path: Path) -> None:
        raise AssertionError("the font was parsed again")

    monkeypatch.setattr(metrics, "read_metrics", no_parsing)
    second = read_uncached(user_font)
    assert second.advances == first.advances
    assert (second.family, second.units_per_em, second.ascent) == (first.family, first.units_per_em, first.ascent)


def test_a_damaged_cache_file_is_read_again_from_the_font(cache_dir: Path, user_font: Path) -> None:
    first = read_uncached(user_font)
    (cache_file,) = cache_dir.iterdir()
    cache_file.write_bytes(b"\0garbage")
    assert read_uncached(user_font).advances == first.advances


def test_a_changed_font_file_gets_a_new_cache_entry(cache_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "Copy.ttf"
    copy.write_bytes(LATO.read_bytes())
    read_uncached(copy)
    copy.write_bytes(LATO.read_bytes() + b"\0\0\0\0")
    read_uncached(copy)
    assert len(list(cache_dir.iterdir())) == 2


def test_an_unwritable_cache_still_loads_the_face(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("RECAP_CACHE_DIR", str(blocker))
    assert read_uncached(LATO).has("A")


def test_a_bundled_font_is_measured_from_its_record_without_parsing(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_parsing(path: Path) -> None:
        raise AssertionError("the font was parsed")

    monkeypatch.setattr(metrics, "read_metrics", no_parsing)
    face = read_uncached(KAI)
    assert face.family and face.advance("我") > 0.5 and face.has("我")
    assert not cache_dir.exists() or not list(cache_dir.iterdir())  # the record is its cache
