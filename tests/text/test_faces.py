"""The face model: advances and vertical metrics, a character drawn or not, advances read only when measured."""

from __future__ import annotations

from pathlib import Path

import pytest

from decks.assets import fonts_dir
from decks.text.faces import Face
from decks.text.fallback import FontStack
from decks.text.metrics import load_face

LATO = fonts_dir() / "Lato-Regular.ttf"
KAI = fonts_dir() / "RecapKai-Regular.ttf"


def read_uncached(path: Path) -> Face:
    """`load_face` without its in-process memo, so the disk cache is what is tested."""
    return load_face.__wrapped__(path)


def test_face_metrics_are_sane(cache_dir: Path) -> None:
    face = read_uncached(LATO)
    assert face.family == "Lato"
    assert face.has("A") and not face.has("我")
    assert 0.3 < face.advance("A") < 1
    assert face.width("AA", 10) == pytest.approx(2 * face.advance("A") * 10)
    assert face.line_height > 1


def test_the_stack_falls_back_to_the_cjk_face_per_character(cache_dir: Path) -> None:
    lato, kai = read_uncached(LATO), read_uncached(KAI)
    stack = FontStack((lato, kai), system=False)
    assert stack.face_for("A") is lato and stack.face_for("我") is kai
    assert stack.segments("AB我们C") == [(lato, "AB"), (kai, "我们"), (lato, "C")]
    assert stack.missing("A我\U0001f600") == {"\U0001f600"}
    assert stack.width("\u200b", 12) == 0


def test_a_face_reads_its_advances_only_when_a_character_is_measured(cache_dir: Path) -> None:
    read_uncached(KAI)  # fills the cache
    face = read_uncached(KAI)
    assert "advances" not in vars(face) and face.line_height > 1
    assert face.has("我") and not face.has("\U0001f600") and "advances" not in vars(face)  # from the code points
    assert face.advance("我") > 0.5 and "advances" in vars(face)
