"""Where the bundled assets and docs are found in a checkout (the wheel test covers an installed copy)."""

from __future__ import annotations

from decks.assets import doc_files, docs_dir
from tests.conftest import ROOT


def test_docs_are_the_checkouts_docs_folder_and_its_readme() -> None:
    assert docs_dir() == ROOT / "docs"
    docs = doc_files()
    assert docs["themes"] == ROOT / "docs" / "themes.md"
    assert docs["readme"] == ROOT / "README.md"
    assert list(docs) == sorted(docs)
