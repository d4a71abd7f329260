"""The cache folder: where it is, and that a failure to keep something never fails a render."""

from __future__ import annotations

import os
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
    assert [p.name for p in (tmp_path / "metrics").iterdir()] == [cachedir.entry_path("metrics", name).name]


def test_an_unwritable_cache_is_only_slower(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("RECAP_CACHE_DIR", str(blocker))
    cachedir.write("icons", "x.png", b"png")  # no exception
    assert cachedir.read("icons", "x.png") is None


def test_keys_change_with_any_part() -> None:
    assert cachedir.key("a", 1) != cachedir.key("a", 2)
    assert cachedir.key("a", 1) == cachedir.key("a", 1)


# -- a damaged cache is a miss, rebuilt; never an error -------------------------------------------------------


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _damage(folder: Path, how: str) -> int:
    """Damage every entry under `folder` one way; returns how many there were."""
    entries = [p for p in folder.rglob("*") if p.is_file()]
    for entry in entries:
        raw = entry.read_bytes()
        if how == "empty":
            entry.write_bytes(b"")
        elif how == "garbage":
            entry.write_bytes(b"\x00garbage\xff" * 10)
        elif how == "cut":
            entry.write_bytes(raw[: len(raw) // 2])
        elif how == "flipped":
            entry.write_bytes(raw[:-1] + bytes([raw[-1] ^ 1]))
        elif how == "json-empty-list":  # a well-formed entry of the wrong content, without the header
            entry.write_bytes(b"[]")
        elif how == "folder":
            entry.unlink()
            entry.mkdir()
        elif how == "fifo":
            entry.unlink()
            os.mkfifo(entry)
    return len(entries)


DAMAGE = ["empty", "garbage", "cut", "flipped", "json-empty-list", "folder", "fifo"]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_entry_is_a_miss_and_is_replaced_by_the_next_write(cache: Path, how: str) -> None:
    cachedir.write("metrics", "x.bin", b"the data")
    assert _damage(cache, how) == 1
    assert cachedir.read("metrics", "x.bin") is None
    cachedir.write("metrics", "x.bin", b"the data")
    assert cachedir.read("metrics", "x.bin") == b"the data"


@pytest.mark.parametrize("how", DAMAGE)
def test_font_metrics_are_rebuilt_from_a_damaged_cache(cache: Path, tmp_path: Path, how: str) -> None:
    from decks.assets import fonts_dir
    from decks.text.fonts import load_face

    font = tmp_path / "user-fonts" / "Lato-Regular.ttf"  # a user's font (bundled ones ship their metrics)
    font.parent.mkdir()
    font.write_bytes((fonts_dir() / "Lato-Regular.ttf").read_bytes())
    load_face.cache_clear()
    first = load_face(font)
    assert _damage(cache / "metrics", how) == 1
    load_face.cache_clear()
    again = load_face(font)
    assert (again.family, again.advances) == (first.family, first.advances)
    load_face.cache_clear()


@pytest.mark.parametrize("how", DAMAGE)
def test_qr_codes_are_rebuilt_from_a_damaged_cache(cache: Path, how: str) -> None:
    from decks.plan.sketch import qr

    qr.matrix.cache_clear()
    first = qr.matrix("https://example.com/video")
    assert _damage(cache / "qr", how) == 1
    qr.matrix.cache_clear()
    assert qr.matrix("https://example.com/video") == first
    qr.matrix.cache_clear()


@pytest.mark.parametrize("how", DAMAGE)
def test_icons_are_redrawn_from_a_damaged_cache(cache: Path, how: str) -> None:
    import io

    from PIL import Image

    from decks.plan.icons import font_path
    from decks.renderers.pptx.images import icon_png

    font = font_path()
    icon_png.cache_clear()
    first = icon_png(font, "\uf135", "#123456", 64)
    assert _damage(cache / "icons", how) == 1
    icon_png.cache_clear()
    again = icon_png(font, "\uf135", "#123456", 64)
    assert again == first
    Image.open(io.BytesIO(again)).load()
    icon_png.cache_clear()


@pytest.mark.parametrize("how", [*DAMAGE, "valid-empty-list", "valid-no-built-in"])
def test_a_damaged_plugins_cache_never_hides_the_renderers(cache: Path, how: str) -> None:
    import json

    from decks.renderers import base

    assert {"pptx", "pdf"} <= set(base.discover())
    if how == "valid-empty-list":  # an answer taken while the metadata was half-installed
        (entry,) = (cache / "plugins").iterdir()
        cachedir.write("plugins", entry.name, b"[]")
    elif how == "valid-no-built-in":
        (entry,) = (cache / "plugins").iterdir()
        cachedir.write("plugins", entry.name, json.dumps([["x", "x:Y", None]]).encode())
    else:
        assert _damage(cache / "plugins", how) == 1
    assert {"pptx", "pdf", "png", "svg"} <= set(base.discover())


def test_a_run_after_every_cache_entry_is_damaged_makes_the_same_deck(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = dict(os.environ, RECAP_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("RECAP_DEBUG", None)

    def pptx(name: str) -> bytes:
        out = tmp_path / name
        done = subprocess.run(
            [sys.executable, "-m", "decks.cli.main", "pptx", "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return out.read_bytes()

    first = pptx("a.pptx")
    assert _damage(tmp_path / "cache", "garbage") >= 3  # metrics, icons and plugins at least
    assert pptx("b.pptx") == first


def test_an_entry_of_an_older_format_is_never_read_as_data(cache: Path) -> None:
    old = cachedir.folder("icons") / "x.png"  # what an older recap kept: the bare data, no header
    old.parent.mkdir(parents=True)
    old.write_bytes(b"\x89PNG old")
    assert cachedir.read("icons", "x.png") is None
    cachedir.write("icons", "x.png", b"\x89PNG new")
    assert old.read_bytes() == b"\x89PNG old"  # and an older recap never reads the new entry as its PNG
    assert cachedir.read("icons", "x.png") == b"\x89PNG new"
