"""Small theme and content files for the theme tests."""

from __future__ import annotations

from pathlib import Path


def write_theme(folder: Path, text: str) -> Path:
    """A theme folder holding `text` as its theme.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.yaml").write_text(text, encoding="utf-8")
    return folder


def write_content(path: Path, title: str = "A recap", item: str = "An item") -> Path:
    """The smallest content file: a title and one item."""
    path.write_text(f'title: "{title}"\nitems:\n  - title: "{item}"\n', encoding="utf-8")
    return path
