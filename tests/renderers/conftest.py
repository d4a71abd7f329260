"""Fixtures shared by the renderer tests: the example decks rendered once in the default theme, and LibreOffice's
PDFs of them made by one LibreOffice start for every test file that compares with them (test_pptx.py reads the
decks and their PDFs, test_slides.py compares its own PDF with LibreOffice's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from decks.model import Recap
from decks.readers.content import load_content
from decks.renderers.base import Rendered, render
from decks.renderers.pptx import PptxRenderer
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH, to_pdfs
from tests.fixtures.dense import dense_recap
from tests.fixtures.marked import marked_recap


@pytest.fixture(scope="session")
def example_recaps() -> dict[str, Recap]:
    """The examples in English, Chinese, Japanese and Korean, a dense generated recap, and recaps whose titles,
    summaries and takeaways are heavy with inline markup (code in the monospace face, bold runs)."""
    return {
        "en": load_content(EXAMPLE_EN),
        "zh": load_content(EXAMPLE_ZH),
        "dense": dense_recap(),
        "ja": load_content(EXAMPLE_EN.parent / "ml-engineering-summit-tokyo-2025.ja.yaml"),
        "ko": load_content(EXAMPLE_EN.parent / "frontend-conf-seoul-2025.ko.yaml"),
        **{f"marks-{lang}": marked_recap(lang) for lang in ("en", "zh", "ja")},
    }


@pytest.fixture(scope="session")
def example_renders(example_recaps: dict[str, Recap]) -> dict[str, Rendered]:
    """Each example rendered as a PPTX in the default theme (bytes and warnings)."""
    theme = load_theme(None)
    return {name: render(PptxRenderer, recap, theme) for name, recap in example_recaps.items()}


@pytest.fixture(scope="session")
def example_decks(example_renders: dict[str, Rendered], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example decks written to files, by name."""
    folder = tmp_path_factory.mktemp("example-decks")
    out = {}
    for name, result in example_renders.items():
        out[name] = folder / f"{name}.pptx"
        out[name].write_bytes(result.data)
    return out


@pytest.fixture(scope="session")
def example_deck_pdfs(
    example_decks: dict[str, Path], soffice: str, fonts_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """LibreOffice's PDF of each example deck, drawn with recap's bundled fonts: one LibreOffice start for all
    (starting it is most of the cost)."""
    return to_pdfs(soffice, list(example_decks.values()), tmp_path_factory.mktemp("example-pdf"), fonts_env)
