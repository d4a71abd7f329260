"""A day's tab drawn as a marker stroke behind its label (cardshapes._swash): a pale band, its edges wavy, past the
lettering at the reader's end but inside its card, the label lettered over it in the ink; hatched on an ink page."""

from __future__ import annotations

import sys

import pytest

from decks.colors import contrast_ratio
from decks.plan.sketch import build
from decks.plan.sketch.primitives import Path, Rect
from decks.themes.loader import load_theme
from tests.conftest import FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_contents import recap


def _bounds(p: Path) -> Rect:
    xs, ys = [x for x, _ in p.points], [y for _, y in p.points]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


@pytest.mark.parametrize(("layout", "name"), [("modular", None), ("path", "chalkboard"), ("vertical", None)])
def test_a_day_tab_is_a_marker_band_behind_its_label_inside_its_card(layout: str, name: str | None) -> None:
    theme = load_theme(name)
    sketch = build(recap(8, "en", "medium"), theme, layout=layout)
    cards = [c.rect for c in sketch.containers if c.kind in ("item", "key")]
    tabs = [c for c in sketch.containers if c.kind == "day"]
    assert tabs
    for tab in (c.rect for c in tabs):
        bands = [
            p
            for p in sketch.primitives
            if isinstance(p, Path)
            and p.fill
            and len(p.points) > 5
            and _bounds(p).contains(tab, tab.h * 0.2)
            and tab.contains(_bounds(p), tab.h * 0.6 + 7)
        ]
        assert len(bands) == 1, tab
        band = bands[0]
        # Not a solid bar: a tint the ink reads on, and edges a hand drew (not one straight line).
        assert contrast_ratio(theme.palette.ink, band.fill) >= 4.5
        top = [y for _, y in band.points[: len(band.points) // 2]]
        assert max(top) - min(top) > 0.05
        card = min(
            (c for c in cards if c.y >= tab.bottom - 1), key=lambda c: (c.y - tab.bottom) ** 2 + (c.x - tab.x) ** 2
        )
        assert _bounds(band).right <= card.right + 1.0  # never past its card
        # The label over it is lettered in the ink.
        over = [r for r in sketch.runs() if tab.contains(Rect(r.x, r.y - r.size * 0.7, r.width, r.size * 0.7), 1.0)]
        assert over and all(r.color == theme.palette.ink for r in over)


def test_an_ink_page_hatches_its_day_tabs() -> None:
    theme = load_theme("ink")
    sketch = build(recap(8, "en", "medium"), theme, layout="modular")
    for tab in (c.rect for c in sketch.containers if c.kind == "day"):
        strokes = [
            p
            for p in sketch.primitives
            if isinstance(p, Path) and p.stroke and p.width < 0.5 and tab.contains(_bounds(p), 7.5)
        ]
        assert len(strokes) >= 5
        assert not [p for p in sketch.primitives if isinstance(p, Path) and p.fill and tab.contains(_bounds(p), 7.5)]
