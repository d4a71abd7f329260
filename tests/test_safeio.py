"""Bounded reads: only regular files, never more than the cap of their kind, refused before a byte is read."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from decks.safeio import LIMITS, ReadRefused, check_file, read_bounded


def test_a_regular_file_within_its_cap_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"title: x\n")
    assert read_bounded(path, "content") == b"title: x\n"


@pytest.mark.parametrize("kind", sorted(LIMITS))
def test_a_file_over_the_cap_of_its_kind_is_refused_without_reading_it(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "big"
    with path.open("wb") as fh:
        fh.truncate(LIMITS[kind] + 1)  # sparse: costs no disk
    with pytest.raises(ReadRefused, match=r"the file is .* MB, over the .* MB recap reads") as info:
        read_bounded(path, kind)
    assert info.value.hint == "use a smaller file"


def test_a_fifo_is_refused_at_once_instead_of_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    done: list[str] = []

    def read() -> None:
        try:
            read_bounded(fifo, "content")
        except ReadRefused as exc:
            done.append(exc.message)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(5)
    assert done == ["this is a pipe (FIFO), not a regular file"]


def test_a_device_such_as_dev_zero_is_refused() -> None:
    with pytest.raises(ReadRefused, match="a device or socket, not a regular file"):
        read_bounded(Path("/dev/zero"), "theme")


def test_a_folder_is_refused_saying_what_to_give(tmp_path: Path) -> None:
    with pytest.raises(ReadRefused) as info:
        check_file(tmp_path, "post")
    assert (info.value.message, info.value.hint) == ("this is a folder", "give a Markdown post (.md)")


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.yaml", "no such file"), ("x" * 300, "the file name is too long for the file system")],
)
def test_a_missing_file_or_too_long_name_is_refused_plainly(tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(ReadRefused) as info:
        read_bounded(tmp_path / name, "content")
    assert info.value.message == message
