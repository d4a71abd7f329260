"""`recap watch` serves only bytes it read and checked at a render: whatever is put at a picture's path later (a
symbolic link to another file, /dev/zero, a FIFO, a loop) is never served, read unbounded or waited on.

The property test swaps what is at a picture's path through random states between refreshes of the served-file
table; its budget is `RECAP_FUZZ_EXAMPLES` (default 20), as in tests/test_fuzz.py.
"""

from __future__ import annotations

import io
import os
import re
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from decks.imagefiles import picture_problem
from decks.preview.files import Files
from decks.preview.session import Session

_BUDGET = settings(
    max_examples=int(os.environ.get("RECAP_FUZZ_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SECRET = b"the user's private notes, readable only by them\n"


def _png(colour: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), (colour, 255 - colour, 7)).save(buffer, "PNG")
    return buffer.getvalue()


def _bump(path: Path) -> None:
    """Give the file a new modification time, even within one clock tick (so a change is seen as one)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def _put(path: Path, state: str, tmp_path: Path, colour: int = 0) -> None:
    """Make `path` one of the things a picture's path may turn into while the preview runs."""
    if path.is_dir() and not path.is_symlink():
        path.rmdir()
    elif path.is_symlink() or path.exists():
        path.unlink()
    if state == "picture":
        path.write_bytes(_png(colour))
        _bump(path)
    elif state == "secret":
        path.symlink_to(tmp_path / "secret.txt")
    elif state == "secret png":  # the secret under a picture's name, as a file of its own
        path.write_bytes(SECRET)
        _bump(path)
    elif state == "zero":
        path.symlink_to("/dev/zero")
    elif state == "fifo":
        os.mkfifo(path)
    elif state == "loop":
        (tmp_path / "other.png").unlink(missing_ok=True)
        (tmp_path / "other.png").symlink_to(path)
        path.symlink_to(tmp_path / "other.png")
    elif state == "folder":
        path.mkdir()
    # "gone": nothing at all


def _no_file_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, opening or reading any file fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"a file was opened at request time: {args!r}")

    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setattr("builtins.open", refuse)


def test_a_request_is_answered_from_memory_without_opening_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    picture = tmp_path / "p.png"
    picture.write_bytes(_png(1))
    files = Files()
    url = files.url(picture)
    _no_file_opened(monkeypatch)
    assert files.get(url) == (_png(1), "image/png")


def test_a_symlink_swapped_in_after_the_render_is_not_served(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_bytes(SECRET)
    picture = tmp_path / "p.png"
    picture.write_bytes(_png(2))
    files = Files()
    url = files.url(picture)
    picture.unlink()
    picture.symlink_to(tmp_path / "secret.txt")
    assert files.get(url) == (_png(2), "image/png")  # the checked bytes, not the link's target
    files.refresh()  # after the next render: the secret is no picture, so nothing is served
    assert files.get(url) is None


@pytest.mark.parametrize("state", ["zero", "fifo", "loop", "folder", "gone", "secret png"])
def test_what_is_not_a_picture_at_a_pictures_path_is_not_served_and_does_not_hang(tmp_path: Path, state: str) -> None:
    picture = tmp_path / "p.png"
    picture.write_bytes(_png(3))
    files = Files()
    url = files.url(picture)
    _put(picture, state, tmp_path)
    done = threading.Event()

    def refresh() -> None:
        files.refresh()
        done.set()

    threading.Thread(target=refresh, daemon=True).start()
    assert done.wait(10), "refreshing the served files hung"
    assert files.get(url) is None


def test_a_font_is_served_only_while_it_starts_as_a_font(tmp_path: Path) -> None:
    from decks.assets import fonts_dir

    font = tmp_path / "f.ttf"
    font.write_bytes(next(fonts_dir().glob("*.ttf")).read_bytes())
    files = Files()
    url = files.url(font)
    held = files.get(url)
    assert held is not None and held[1] == "font/ttf"
    font.unlink()
    font.symlink_to(tmp_path / "secret.txt")
    (tmp_path / "secret.txt").write_bytes(SECRET)
    files.refresh()
    assert files.get(url) is None


@_BUDGET
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(["picture", "secret", "secret png", "zero", "fifo", "loop", "folder", "gone"]),
            st.integers(0, 255),
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_whatever_the_path_turns_into_only_checked_picture_bytes_are_served(
    tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int, bool]]
) -> None:
    tmp_path = tmp_path_factory.mktemp("watch")
    (tmp_path / "secret.txt").write_bytes(SECRET)
    picture = tmp_path / "p.png"
    picture.write_bytes(_png(0))
    written = {_png(0)}
    files = Files()
    url = files.url(picture)
    for state, colour, render in steps:
        _put(picture, state, tmp_path, colour)
        if state == "picture":
            written.add(_png(colour))
        if render:
            files.refresh()
        served = files.get(url)
        if served is not None:
            assert served[0] in written and served[1] == "image/png"
            assert picture_problem(served[0]) is None
            assert SECRET not in served[0]


def test_a_session_serves_the_picture_it_rendered_not_what_replaced_it(content: Path) -> None:
    session = Session(content, echo=lambda line: None)
    assert session.render()
    page = session.page_html()
    urls = [u for u in re.findall(r"(/files/\d+/[^)\"']+)", page) if u.endswith(".png")]
    assert urls
    before = {u: session.files.get(u) for u in urls}
    picture = session.files.by_token[urls[0]]
    secret = content.parent / "secret.txt"
    secret.write_bytes(SECRET)
    picture.unlink()
    picture.symlink_to(secret)
    session.poll()  # the content now names a file that is no picture: an error, and the last good page stays
    assert session.errors and "cannot read the image" in session.errors[0]
    for url in urls:
        served = session.files.get(url)
        assert served == before[url] and SECRET not in served[0]
