"""A day's tab drawn as a little flag (cards._flag): its fly end cut in a V past the lettering, inside its card."""

from __future__ import annotations

import sys

import pytest

from decks.plan.sketch import build
from decks.plan.sketch.primitives import Path
from decks.themes.loader import load_theme
from tests.conftest import FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_contents import recap


@pytest.mark.parametrize("layout", ["modular", "path", "vertical"])
def test_a_day_tab_is_a_flag_with_a_cut_end_inside_its_card(layout: str) -> None:
    sketch = build(recap(8, "en", "medium"), load_theme(None), layout=layout)
    cards = [c.rect for c in sketch.containers if c.kind in ("item", "key")]
    tabs = [c.rect for c in sketch.containers if c.kind == "day"]
    assert tabs
    cut = 0
    for tab in tabs:
        flags = [
            p
            for p in sketch.primitives
            if isinstance(p, Path)
            and p.fill
            and len(p.points) == 5
            and abs(p.points[0][0] - tab.x) < 1.5
            and abs(p.points[0][1] - tab.y) < 1.5
        ]
        assert len(flags) == 1, tab
        xs = [x for x, _ in flags[0].points]
        card = min(
            (c for c in cards if c.y >= tab.bottom - 1), key=lambda c: (c.y - tab.bottom) ** 2 + (c.x - tab.x) ** 2
        )
        assert max(xs) <= card.right + 1.0  # never past its card
        notch = flags[0].points[2][0]
        cut += notch < max(xs) - 1.0 and max(xs) > tab.right + 1.0  # a V cut in its end, past the lettering
    assert cut == len(tabs)  # every tab here has room for it
