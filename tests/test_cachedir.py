"""The cache folder: where it is, and that a failure to keep something never fails a render."""

from __future__ import annotations

from pathlib import Path

import pytest

from decks import cachedir


def test_recap_cache_dir_wins_then_xdg_then_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "own"))
    assert cachedir.folder("qr") == tmp_path / "own" / "qr"
    monkeypatch.delenv("RECAP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cachedir.folder("qr") == tmp_path / "xdg" / "recap" / "qr"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cachedir.folder("qr") == tmp_path / "home" / ".cache" / "recap" / "qr"


def test_written_bytes_are_read_back_and_leave_no_temporary_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path))
    name = cachedir.key("font.ttf", 123, "v2") + ".bin"
    assert cachedir.read("metrics", name) is None
    cachedir.write("metrics", name, b"data")
    assert cachedir.read("metrics", name) == b"data"
    assert [p.name for p in (tmp_path / "metrics").iterdir()] == [name]


def test_an_unwritable_cache_is_only_slower(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("RECAP_CACHE_DIR", str(blocker))
    cachedir.write("icons", "x.png", b"png")  # no exception
    assert cachedir.read("icons", "x.png") is None


def test_keys_change_with_any_part() -> None:
    assert cachedir.key("a", 1) != cachedir.key("a", 2)
    assert cachedir.key("a", 1) == cachedir.key("a", 1)
