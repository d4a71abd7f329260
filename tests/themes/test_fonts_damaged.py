"""A font whose header is whole but whose tables are damaged is refused when the theme loads, at its key."""

from __future__ import annotations

from pathlib import Path

import pytest

from decks.assets import fonts_dir
from decks.errors import ContentError
from decks.themes.loader import load_theme

from .theme_helpers import write_theme


def test_a_font_with_damaged_tables_behind_a_valid_header_is_refused_at_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    raw = (fonts_dir() / "Lato-Regular.ttf").read_bytes()
    directory = 12 + 16 * int.from_bytes(raw[4:6], "big")
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "bad.ttf").write_bytes(raw[:directory] + bytes(len(raw) - directory))  # tables zeroed
    write_theme(folder, "extends: default\nfonts:\n  body: { file: bad.ttf }\n")
    with pytest.raises(ContentError) as info:
        load_theme(str(folder))
    (problem,) = info.value.problems
    assert str(problem).startswith(f"{folder / 'theme.yaml'}:3:17: fonts.body.file: cannot read the font bad.ttf (")
    assert str(problem).endswith("; use another copy of the font file")
