"""A card's body lines as a hand writes them: not at an exact pitch, never touching (cards.py DRIFT)."""

from __future__ import annotations

import itertools
from collections import Counter

from decks.plan.sketch import build
from decks.plan.sketch.primitives import Rect, TextRun
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN


def _box(run: TextRun) -> Rect:
    return Rect(run.x, run.y - 0.8 * run.size, run.width, 0.8 * run.size + min(run.descent, 0.3 * run.size))


def _full_page():
    # Every line of the example (the density rule would leave its detail out): many lines to measure.
    return build(load_content(EXAMPLE_EN), load_theme(None), layout="modular", abridge=False)


def test_body_lines_are_not_set_at_one_pitch_and_never_touch() -> None:
    sketch = _full_page()
    body = sketch.body_size
    steps: list[float] = []
    for card in (c for c in sketch.containers if c.kind == "item"):
        # One baseline per lettered line at the body size inside the card (a line may be several runs).
        runs = [r for r in sketch.runs() if abs(r.size - body) < 1e-6 and card.rect.contains(_box(r), 1.0)]
        lines = sorted({round(r.y, 3) for r in runs})
        here = [b - a for a, b in itertools.pairwise(lines)]
        assert min(here, default=body) >= body * 1.0, f"two lines of '{card.label}' nearly touch: {here}"
        steps += here
    assert len(steps) >= 20
    # Set by a machine, most steps are the one line pitch; written by hand, no pitch is most of them.
    _, most = Counter(round(s, 2) for s in steps).most_common(1)[0]
    assert most < len(steps) * 0.3, f"{most} of {len(steps)} line steps are the same"


def test_body_lines_start_off_the_margin_and_run_off_level_yet_stay_in_their_card() -> None:
    sketch = _full_page()
    body = sketch.body_size
    ragged = cards = slopes = 0
    for card in (c for c in sketch.containers if c.kind == "item"):
        runs = [r for r in sketch.runs() if abs(r.size - body) < 1e-6 and card.rect.contains(_box(r), 1.0)]
        assert all(card.rect.x < r.x and r.x + r.width < card.rect.right for r in runs), card.label
        starts = [r.x - card.rect.x for r in runs]
        if len(starts) >= 4:
            cards += 1
            ragged += max(starts) - min(starts) > 0.15 * body
        slopes += sum(1 for r in runs if len(r.glyphs) > 8 and r.glyphs[-1][1] != r.glyphs[0][1])
    # Set by a machine, a card's bullet lines start at one margin; written, each a little in from it.
    assert cards >= 8 and ragged >= cards * 0.8
    assert slopes > 20
