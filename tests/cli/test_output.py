"""Output files: atomic writes that leave no temp files, and output names that never hit the content file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from decks.cli import output
from decks.cli.output import output_path, write_atomic
from decks.errors import ExitCode, OutputError


def test_write_atomic_writes_the_bytes_and_leaves_only_the_target(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    write_atomic(target, b"new bytes")
    assert target.read_bytes() == b"new bytes"
    assert list(tmp_path.iterdir()) == [target]
    assert target.stat().st_mode & 0o777 == 0o644


def test_write_atomic_replaces_a_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"


def test_write_atomic_makes_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "out" / "nested" / "deck.pptx"
    write_atomic(target, b"x")
    assert target.read_bytes() == b"x"


def test_a_failed_rename_leaves_the_previous_file_and_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous")

    def failing_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", failing_replace)
    with pytest.raises(OutputError) as info:
        write_atomic(target, b"new")
    assert info.value.exit_code == ExitCode.OUTPUT
    assert str(info.value) == f"{target}: cannot write it (No space left on device); choose another place with -o"
    assert target.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [target]


def test_an_interrupted_write_removes_its_temp_file_and_reraises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [target]


def test_a_file_in_the_way_of_the_folder_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("a file, not a folder")
    with pytest.raises(OutputError, match="cannot write it"):
        write_atomic(tmp_path / "blocker" / "deck.pptx", b"x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write it"):
            write_atomic(folder / "deck.pptx", b"x")
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize(
    ("content", "expected"),
    [("talk.yaml", "talk.pptx"), ("talk.yml", "talk.pptx"), ("talk.zh.yaml", "talk.zh.pptx"), ("notes", "notes.pptx")],
)
def test_the_default_output_is_the_content_name_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert output_path(Path("/somewhere/else") / content, ".pptx", None) == tmp_path / expected


def test_an_output_folder_gets_the_content_name(tmp_path: Path) -> None:
    assert output_path(Path("talk.zh.yaml"), ".pdf", tmp_path) == tmp_path / "talk.zh.pdf"


def test_the_output_suffix_must_match_the_renderer(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        output_path(Path("talk.yaml"), ".pptx", tmp_path / "out.txt")
    assert info.value.exit_code == ExitCode.OUTPUT
    assert str(info.value) == f"{tmp_path / 'out.txt'}: the output must end in .pptx; name it like out.pptx"


def test_the_suffix_check_ignores_case(tmp_path: Path) -> None:
    assert output_path(Path("talk.yaml"), ".pptx", tmp_path / "OUT.PPTX") == tmp_path / "OUT.PPTX"


def test_the_output_is_never_the_content_file(tmp_path: Path) -> None:
    content = tmp_path / "notes.md"
    content.write_text("title: X\n")
    with pytest.raises(OutputError, match="that is the content file itself"):
        output_path(content, ".md", content)
    link = tmp_path / "link.md"
    link.symlink_to(content)
    with pytest.raises(OutputError, match="that is the content file itself"):
        output_path(content, ".md", link)
    assert content.read_text() == "title: X\n"
