"""`recap fonts install --dest D` writes only inside D, through no planted link, compares what is there by size
and hash before replacing it, says what it replaced, and never reads a huge same-named file."""

from __future__ import annotations

import os
import resource
from pathlib import Path

import pytest

from decks.cli.fonts import bundled_fonts
from decks.cli.main import main


def _install(dest: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["fonts", "install", "--dest", str(dest)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_link_planted_at_a_fonts_name_or_its_old_temporary_name_is_not_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    font = bundled_fonts()[0]
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"a file outside --dest")
    dest = tmp_path / "fonts"
    dest.mkdir()
    (dest / f".{font.path.name}.tmp").symlink_to(victim)  # the fixed name the old install copied through
    (dest / font.path.name).symlink_to(victim)
    code, _, err = _install(dest, capsys)
    assert code == 0
    assert victim.read_bytes() == b"a file outside --dest"
    installed = dest / font.path.name
    assert not installed.is_symlink() and installed.read_bytes() == font.path.read_bytes()
    assert f"replaced {font.path.name} (a symbolic link; what it pointed to is untouched)" in err


def test_a_same_named_file_that_differs_is_replaced_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fonts = bundled_fonts()
    dest = tmp_path / "fonts"
    dest.mkdir()
    (dest / fonts[0].path.name).write_bytes(b"my own font")
    same_size = bytearray(fonts[1].path.read_bytes())
    same_size[-1] ^= 1
    (dest / fonts[1].path.name).write_bytes(bytes(same_size))
    code, out, err = _install(dest, capsys)
    assert code == 0
    assert f"replaced {fonts[0].path.name} (a different file of 11 bytes)" in err
    assert f"replaced {fonts[1].path.name} (a different file of the same size)" in err
    assert out == f"{dest}: {len(fonts)} fonts installed, 0 already there\n"
    code, out, err = _install(dest, capsys)
    assert out.endswith(f"0 fonts installed, {len(fonts)} already there (unchanged)\n") and "replaced" not in err
    assert not [p for p in dest.iterdir() if p.name.endswith(".tmp")]


def test_a_huge_same_named_file_is_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    font = bundled_fonts()[0]
    dest = tmp_path / "fonts"
    dest.mkdir()
    with open(dest / font.path.name, "wb") as fh:
        fh.truncate(3 * 1024**3)  # 3 GB, sparse: reading it whole would take gigabytes of memory
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code, _, err = _install(dest, capsys)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert code == 0 and grown_mb < 200
    assert f"replaced {font.path.name} (a different file of 3,221,225,472 bytes)" in err
    assert (dest / font.path.name).stat().st_size == font.path.stat().st_size


def test_a_folder_with_a_fonts_name_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    font = bundled_fonts()[0]
    dest = tmp_path / "fonts"
    (dest / font.path.name).mkdir(parents=True)
    code, _, err = _install(dest, capsys)
    assert code == 3
    assert f"error: {dest / font.path.name}: a folder has the font's name; move it away" in err


def test_installed_fonts_get_the_umask_permissions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "fonts"
    old = os.umask(0o022)
    try:
        assert _install(dest, capsys)[0] == 0
    finally:
        os.umask(old)
    assert {p.stat().st_mode & 0o777 for p in dest.iterdir()} == {0o644}
