"""`recap import` end to end: a post shaped like the seed becomes content that checks and renders to both outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

POST = Path(__file__).resolve().parents[1] / "fixtures" / "posts" / "faithful_zh.md"


def recap(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "decks.cli.main", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture()
def seed() -> Path:
    return POST


def test_imported_seed_checks_and_renders_to_deck_and_sketchnote(seed: Path, tmp_path: Path) -> None:
    content = tmp_path / "content" / "tfds.yaml"
    done = recap("import", str(seed), "-o", str(content), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.strip() == str(content)
    # It says how many review notes it left, and a strict check refuses the file until they are done.
    assert "TODO or check: comments left in" in done.stderr
    assert recap("check", str(content), cwd=tmp_path).returncode == 0
    assert recap("check", "--strict", str(content), cwd=tmp_path).returncode == 1
    for kind in ("pptx", "pdf"):
        out = tmp_path / f"seed.{kind}"
        made = recap(kind, str(content), "-o", str(out), cwd=tmp_path)
        assert made.returncode == 0, made.stderr
        assert out.stat().st_size > 1000


def test_import_refuses_to_replace_an_existing_file_without_force(seed: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("title: mine\n", encoding="utf-8")
    done = recap("import", str(seed), "-o", str(target), cwd=tmp_path)
    assert done.returncode == 3
    assert "already exists" in done.stderr
    assert target.read_text(encoding="utf-8") == "title: mine\n"


def test_import_of_a_binary_post_asks_for_a_markdown_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from decks.cli.main import main

    post = tmp_path / "post.md"
    post.write_bytes(b"# T\n\x00\x01\x02")
    assert main(["import", str(post), "-o", str(tmp_path / "c.yaml")]) == 1
    assert capsys.readouterr().err == (
        f"error: {post}:2:1: this is a binary file, not text; give a Markdown text file (.md)\n"
    )
    assert not (tmp_path / "c.yaml").exists()


def test_import_of_a_fifo_is_refused_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    from decks.cli.main import main

    post = tmp_path / "post.md"
    os.mkfifo(post)
    assert main(["import", str(post), "-o", str(tmp_path / "c.yaml")]) == 1
    assert "this is a pipe (FIFO), not a regular file" in capsys.readouterr().err


def test_import_writes_the_schema_comment_and_the_schema_beside_the_content(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("# My recap\n\n## Free-threaded Python\n\n- No GIL\n", encoding="utf-8")
    content = tmp_path / "out" / "talk.yaml"
    done = recap("import", str(post), "-o", str(content), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert content.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=recap.schema.json\n")
    assert json.loads((tmp_path / "out" / "recap.schema.json").read_text(encoding="utf-8"))["title"]
    assert recap("check", str(content), cwd=tmp_path).returncode == 0


def _piped(args: list[str], data: bytes, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "decks.cli.main", *args], cwd=cwd, input=data, capture_output=True, timeout=120
    )


def test_a_post_piped_in_becomes_content_on_standard_output(seed: Path, tmp_path: Path) -> None:
    done = _piped(["import", "-"], seed.read_bytes(), tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"# yaml-language-server:")
    assert list(tmp_path.iterdir()) == []  # nothing written beside: no file, no schema
    # The content checks and renders from a pipe, as `cat talk.yaml | recap pptx - -o - > talk.pptx`.
    deck = _piped(["pptx", "-", "-o", "-"], done.stdout, tmp_path)
    assert deck.returncode == 0, deck.stderr
    assert deck.stdout[:2] == b"PK"


def test_a_piped_post_goes_to_a_file_with_o_and_a_named_one_to_stdout_with_o_dash(seed: Path, tmp_path: Path) -> None:
    named = _piped(["import", str(seed), "-o", "-"], b"", tmp_path)
    assert named.returncode == 0, named.stderr
    assert b"title:" in named.stdout and list(tmp_path.iterdir()) == []
    to_file = _piped(["import", "-", "-o", "talk.yaml"], seed.read_bytes(), tmp_path)
    assert to_file.returncode == 0, to_file.stderr
    assert (tmp_path / "talk.yaml").read_bytes().endswith(named.stdout.split(b"\n", 3)[3])
    assert (tmp_path / "recap.schema.json").is_file()
