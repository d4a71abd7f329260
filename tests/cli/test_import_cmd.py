"""`recap import` end to end: a post shaped like the seed becomes content that checks and renders to both outputs."""

from __future__ import annotations

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
    assert recap("check", str(content), cwd=tmp_path).returncode == 0
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
