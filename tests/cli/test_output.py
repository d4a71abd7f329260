"""Output files: atomic writes that leave no temp files, and output names that never hit the content file."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from decks.cli import output
from decks.cli.output import output_path, write_atomic
from decks.errors import ExitCode, OutputError


@pytest.fixture
def umask() -> Iterator[Any]:
    """Sets the process umask for one test, and puts the previous one back."""
    previous = os.umask(0o022)
    os.umask(previous)
    yield os.umask
    os.umask(previous)


def test_write_atomic_writes_the_bytes_and_leaves_only_the_target(tmp_path: Path, umask: Any) -> None:
    target = tmp_path / "deck.pptx"
    umask(0o022)
    write_atomic(target, b"new bytes")
    assert target.read_bytes() == b"new bytes"
    assert list(tmp_path.iterdir()) == [target]
    assert target.stat().st_mode & 0o777 == 0o644


def test_write_atomic_replaces_a_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"


def test_write_atomic_makes_missing_folders_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "nested" / "deck.pptx"
    write_atomic(target, b"x")
    assert target.read_bytes() == b"x"
    assert capsys.readouterr().err == f"note: made the folder {target.parent} for the output\n"
    write_atomic(target, b"y")
    assert capsys.readouterr().err == ""  # only when it was made


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


def test_a_new_file_respects_the_umask(tmp_path: Path, umask: Any) -> None:
    umask(0o077)
    write_atomic(tmp_path / "deck.pptx", b"x")
    assert (tmp_path / "deck.pptx").stat().st_mode & 0o777 == 0o600


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, umask: Any) -> None:
    umask(0o022)
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o640 and target.read_bytes() == b"new"


def test_sigterm_during_the_write_leaves_the_previous_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous")
    real_fsync = os.fsync

    def terminated(fd: int) -> None:
        real_fsync(fd)
        os.kill(os.getpid(), signal.SIGTERM)

    before = signal.getsignal(signal.SIGTERM)
    monkeypatch.setattr(output.os, "fsync", terminated)
    with pytest.raises(SystemExit) as info:
        write_atomic(target, b"new")
    assert info.value.code == 128 + signal.SIGTERM
    assert target.read_bytes() == b"previous"
    assert list(tmp_path.iterdir()) == [target]
    assert signal.getsignal(signal.SIGTERM) == before  # the handler is only there during the write


def test_a_name_too_long_for_the_file_system_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        output_path(Path("talk.yaml"), ".pdf", tmp_path / ("x" * 300 + ".pdf"))
    assert info.value.exit_code == ExitCode.OUTPUT
    assert str(info.value).endswith(": the name is too long for the file system; use a shorter name")


def test_a_long_name_that_fits_is_written_although_its_temp_name_would_not(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 250 + ".pdf")
    write_atomic(target, b"x")
    assert target.read_bytes() == b"x"


def test_a_deleted_working_folder_is_an_output_error_saying_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    with pytest.raises(OutputError) as info:
        output_path(Path("/x/talk.yaml"), ".pdf", None)
    assert str(info.value) == (
        "talk.pdf: the current folder no longer exists; cd into a folder that exists, or give -o with a full path"
    )
    with pytest.raises(OutputError, match="the current folder no longer exists"):
        write_atomic(Path("deck.pdf"), b"x")


@pytest.mark.parametrize(
    ("given", "expected"), [(".pdf", "talk.pdf"), ("deck.pdf.txt", "deck.pdf"), ("a.txt", "a.pdf")]
)
def test_the_suggested_name_never_doubles_the_suffix(tmp_path: Path, given: str, expected: str) -> None:
    with pytest.raises(OutputError) as info:
        output_path(Path("talk.yaml"), ".pdf", tmp_path / given)
    assert str(info.value).endswith(f"; name it like {expected}")


def test_a_nul_in_the_output_name_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="the name holds a NUL character"):
        output_path(Path("talk.yaml"), ".pdf", tmp_path / "a\0b.pdf")
