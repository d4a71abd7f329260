"""`recap NAME --watch` writes the output file again on each save, the same bytes as a fresh render of that
version; a broken save prints located problems and keeps the last good file; Ctrl-C ends it with exit 0."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from decks.assets import content_dir
from decks.cli.main import main
from decks.cli.rewrite import rewrite_on_save
from decks.renderers.base import discover, load


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the example, free to edit."""
    shutil.copytree(content_dir(), tmp_path / "content")
    return tmp_path / "content" / "tf-dev-summit-2019.yaml"


TAKEAWAY = "We had been testing the TensorFlow 2.0 preview and sending feedback"


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # a new time even within one clock tick


def _until(test: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not test():
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def _slides_text(pptx: Path) -> str:
    with zipfile.ZipFile(pptx) as z:
        return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("ppt/slides/slide"))


def test_pptx_watch_rewrites_on_save_keeps_the_last_good_file_on_a_broken_one_and_ends_with_0(
    content: Path, tmp_path: Path
) -> None:
    out, log = tmp_path / "out.pptx", tmp_path / "stderr.txt"
    command = [sys.executable, "-m", "decks.cli.main", "pptx", str(content), "-o", str(out), "--watch"]
    with log.open("wb") as stderr:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env={**os.environ, "NO_COLOR": "1"})
    try:
        _until(lambda: "watching" in log.read_text(encoding="utf-8"), 60, "the watch did not start")
        first = out.read_bytes()
        assert TAKEAWAY in _slides_text(out)
        text = content.read_text(encoding="utf-8")
        _touch(content, text.replace(TAKEAWAY, "We tried the preview for weeks", 1))
        _until(lambda: out.read_bytes() != first, 30, "the file was not written again after the save")
        second = out.read_bytes()
        assert "We tried the preview for weeks" in _slides_text(out) and TAKEAWAY not in _slides_text(out)
        _touch(content, text.replace("kind: other", "kind: podcast", 1))
        _until(lambda: "kept the last good" in log.read_text(encoding="utf-8"), 30, "the broken save was not reported")
        errors = [line for line in log.read_text(encoding="utf-8").splitlines() if line.startswith("error:")]
        assert errors and all(re.match(r"error: .*tf-dev-summit-2019\.yaml:\d+:\d+: ", e) for e in errors)
        assert out.read_bytes() == second
        assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]  # no temporary file left
    finally:
        proc.send_signal(signal.SIGINT)
        code = proc.wait(30)
    assert code == 0 and log.read_text(encoding="utf-8").rstrip().endswith("stopped")


def test_a_watched_pdf_is_the_same_file_a_fresh_render_of_each_version_gives(content: Path, tmp_path: Path) -> None:
    out, fresh = tmp_path / "watched.pdf", tmp_path / "fresh.pdf"
    stop = threading.Event()
    watch = threading.Thread(target=rewrite_on_save, args=(content, None, out, load(discover()["pdf"]), {}, stop))
    watch.start()
    try:
        _until(out.exists, 60, "the watch did not write the file")
        assert main(["-q", "pdf", str(content), "-o", str(fresh)]) == 0
        assert out.read_bytes() == fresh.read_bytes()
        first = out.read_bytes()
        _touch(content, content.read_text(encoding="utf-8").replace(TAKEAWAY, "We tried the preview", 1))
        _until(lambda: out.read_bytes() != first, 30, "the file was not written again after the save")
        assert main(["-q", "pdf", str(content), "-o", str(fresh)]) == 0
        assert out.read_bytes() == fresh.read_bytes()
    finally:
        stop.set()
        watch.join(30)
    assert not watch.is_alive()
