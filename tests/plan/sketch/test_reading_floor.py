"""No lettering below the size at which its face reads: the default theme's Korean hand face (Gaegu, small thin
syllables) says `reads: 9`, so a Korean page letters no Hangul smaller, however dense; other pages keep the
theme's floor."""

from __future__ import annotations

import re
import sys
from dataclasses import replace

import pytest

from decks.plan.sketch import build
from decks.themes.loader import load_theme
from tests.conftest import FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_contents import recap

HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


def _reads(theme) -> float:
    return max(s.reads or 0.0 for s in theme.fonts.languages if s.language == "ko")


def test_the_default_theme_says_where_its_korean_hand_face_reads(theme) -> None:
    assert _reads(theme) > theme.sizes.sketch.floor


@pytest.mark.parametrize("layout", ["modular", "radial", "path"])
@pytest.mark.parametrize("items", [12, 40])
def test_no_hangul_is_lettered_below_where_its_face_reads(theme, layout, items) -> None:
    sketch = build(recap(items, "ko", "medium"), theme, layout=layout)
    sizes = [r.size for r in sketch.runs() if HANGUL.search(r.text)]
    assert sizes and min(sizes) >= _reads(theme) - 1e-6, f"Hangul at {min(sizes):.2f} pt"


def test_a_face_without_reads_keeps_the_floor_and_latin_pages_are_not_raised(theme) -> None:
    plain = replace(
        theme, fonts=replace(theme.fonts, languages=[replace(s, reads=None) for s in theme.fonts.languages])
    )
    sizes = [r.size for r in build(recap(40, "ko", "medium"), plain).runs() if HANGUL.search(r.text)]
    assert min(sizes) < _reads(theme)  # without it the dense page goes smaller: `reads` is what holds it
    latin = build(recap(40, "en", "medium"), theme)
    assert min(r.size for r in latin.runs()) < _reads(theme)
