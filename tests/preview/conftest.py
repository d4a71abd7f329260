"""A preview session on a copy of the example, served from a thread of the test process."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from decks.assets import content_dir
from decks.preview.server import PreviewServer, serve
from decks.preview.session import Session


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(content_dir(), tmp_path / "content")
    return tmp_path / "content" / "tf-dev-summit-2019.yaml"


@pytest.fixture
def served(content: Path) -> Iterator[PreviewServer]:
    session = Session(content, echo=lambda line: None)
    started = threading.Event()
    holder: list[PreviewServer] = []

    def ready(server: PreviewServer) -> None:
        holder.append(server)
        started.set()

    thread = threading.Thread(target=serve, args=(session,), kwargs={"ready": ready}, daemon=True)
    thread.start()
    assert started.wait(60), "the preview did not start"
    yield holder[0]
    holder[0].shutdown()
    thread.join(10)
    assert not thread.is_alive()
