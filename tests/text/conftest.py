"""Fixtures shared by the text engine's tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh metrics cache folder for the test (RECAP_CACHE_DIR points at its parent)."""
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "metrics"
