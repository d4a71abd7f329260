"""Temporary files are made new (O_EXCL) beside their target, never through a planted link, and a killed run's
leftovers are removed by the next write of the same target, and nothing else is."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from decks.cli.main import main
from decks.safewrite import STALE_AFTER, make_temp, replace_with, sweep_stale, write_atomic


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def test_a_temporary_file_is_new_private_and_beside_its_target(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    fd, name = make_temp(target)
    os.close(fd)
    tmp = Path(name)
    assert tmp.parent == tmp_path and tmp.name.startswith(".deck.pptx.") and tmp.name.endswith(".tmp")
    assert tmp.stat().st_mode & 0o777 == 0o600 and tmp.stat().st_size == 0
    fd2, name2 = make_temp(target)
    os.close(fd2)
    assert name2 != name  # never a fixed name


def test_a_link_planted_at_the_old_fixed_temporary_name_is_not_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep me")
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / ".deck.pptx.tmp").symlink_to(outside)
    write_atomic(dest / "deck.pptx", b"the deck")
    assert outside.read_bytes() == b"keep me"
    assert (dest / "deck.pptx").read_bytes() == b"the deck"


def test_a_link_at_the_target_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep me")
    target = tmp_path / "deck.pptx"
    target.symlink_to(outside)
    replace_with(target, b"new")
    assert not target.is_symlink() and target.read_bytes() == b"new"
    assert outside.read_bytes() == b"keep me"


def test_stale_temporaries_of_a_killed_run_are_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    stale = tmp_path / ".deck.pptx.ab12_xyz.tmp"
    fresh = tmp_path / ".deck.pptx.cd34efgh.tmp"  # another process may be writing it right now
    other_target = tmp_path / ".notes.pdf.ab12cdef.tmp"
    not_ours = tmp_path / ".deck.pptx.tmp"  # not a name recap makes
    users = tmp_path / ".deck.pptx.my-notes.tmp"
    for path in (stale, fresh, other_target, not_ours, users):
        path.write_bytes(b"half a file")
    for path in (stale, other_target, not_ours, users):
        _age(path, STALE_AFTER + 60)
    linked = tmp_path / ".deck.pptx.zz99zz99.tmp"
    linked.symlink_to(tmp_path / "somewhere")
    _age(linked, STALE_AFTER + 60)
    write_atomic(target, b"the deck")
    assert not stale.exists()
    for kept in (fresh, other_target, not_ours, users):
        assert kept.exists(), kept
    assert linked.is_symlink()  # only regular files are swept
    kept = {fresh, other_target, not_ours, users, linked, target}
    assert set(tmp_path.iterdir()) == kept  # and no temporary file of this write either


def test_sweeping_an_unreadable_folder_is_no_error(tmp_path: Path) -> None:
    assert sweep_stale(tmp_path / "missing" / "deck.pptx") == []


def test_a_long_target_name_still_gets_its_stale_temporaries_swept(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 200 + ".pdf")
    fd, name = make_temp(target)
    os.close(fd)
    _age(Path(name), STALE_AFTER + 1)
    assert sweep_stale(target) == [Path(name)]


def test_a_killed_render_leaves_nothing_the_next_run_keeps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from decks.assets import content_dir

    content = content_dir() / "tf-dev-summit-2019.yaml"
    out = tmp_path / "deck.pptx"
    left = tmp_path / ".deck.pptx.k1ll3d00.tmp"  # what a SIGKILL between write and rename leaves
    left.write_bytes(b"PK\x03\x04 half a deck")
    _age(left, STALE_AFTER + 5)
    assert main(["pptx", str(content), "-o", str(out)]) == 0
    assert out.exists() and not left.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_a_huge_file_named_like_the_schema_is_replaced_without_being_read(tmp_path: Path) -> None:
    import resource

    from decks.cli.editor import write_schema_beside

    content = tmp_path / "talk.yaml"
    with open(tmp_path / "recap.schema.json", "wb") as fh:
        fh.truncate(3 * 1024**3)  # sparse
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    target = write_schema_beside(content)
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 200
    assert target.stat().st_size < 1024**2 and target.read_bytes().startswith(b"{")


def test_a_missing_folder_is_made_and_reported_once_through_the_callback_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made: list[Path] = []
    target = tmp_path / "out" / "nested" / "deck.pptx"
    write_atomic(target, b"x", on_new_folder=made.append)
    write_atomic(target, b"y", on_new_folder=made.append)
    assert made == [target.parent] and target.read_bytes() == b"y"
    write_atomic(tmp_path / "other" / "deck.pptx", b"z")  # no callback: made without a word
    assert (tmp_path / "other" / "deck.pptx").read_bytes() == b"z"
    assert capsys.readouterr() == ("", "")  # safewrite itself never prints
