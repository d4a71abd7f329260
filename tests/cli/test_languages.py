"""A talk in a language recap has words for renders in it silently; one it has none for is warned about once,
by `recap check` and by every render command."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from decks.cli.main import main

VI = Path(__file__).resolve().parents[1] / "fixtures" / "languages" / "vi.yaml"


def _content(tmp_path: Path, language: str) -> Path:
    text = VI.read_text(encoding="utf-8").replace("language: vi", f"language: {language}")
    path = tmp_path / f"talk.{language}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _slide_texts(pptx: Path) -> list[str]:
    return [
        shape.text_frame.text
        for slide in Presentation(str(pptx)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]


def test_a_vietnamese_talk_warns_nothing_and_has_vietnamese_words_and_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "talk.pptx"
    assert main(["check", str(VI)]) == 0
    assert main(["pptx", str(VI), "-o", str(out)]) == 0
    assert "language" not in capsys.readouterr().err
    texts = "\n".join(_slide_texts(out))
    assert "14 – 15 thg 6, 2025" in texts  # Babel's Vietnamese span, not "Jun 14 – 15, 2025"
    for word in ("Chương trình", "5 mục", "Xin cảm ơn!"):
        assert word in texts
    for english in ("Agenda", "items", "Thank you"):
        assert english not in texts


@pytest.mark.parametrize("command", ["check", "pptx", "pdf"])
def test_a_language_without_words_is_warned_about_once_naming_it_and_the_english_words(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = _content(tmp_path, "tl")
    args = [command, str(content)] + ([] if command == "check" else ["-o", str(tmp_path / f"out.{command}")])
    assert main(args) == 0
    err = capsys.readouterr().err
    warnings = [line for line in err.splitlines() if "recap has no words" in line]
    assert len(warnings) == 1, err
    assert "Tagalog" in warnings[0] and "'Agenda'" in warnings[0] and "recap docs languages" in warnings[0]


def test_a_watched_deck_warns_about_the_language_on_each_rewrite(tmp_path: Path) -> None:
    from decks.cli.rewrite import OutputWatch
    from decks.readers.content import load_content
    from decks.renderers.pptx import PptxRenderer
    from decks.themes.loader import load_theme

    content = _content(tmp_path, "tl")
    watch = OutputWatch(content, None, tmp_path / "out.pptx", PptxRenderer, {})
    _, warnings = watch.make(load_content(content), load_theme(None))
    assert len([w for w in warnings if "recap has no words in Tagalog" in w]) == 1
