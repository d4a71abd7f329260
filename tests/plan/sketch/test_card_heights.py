"""Cards take the size of their content: a frame ends under what it holds, never stretched to its column, row or
ring, and no card fills spare room by drawing its icon again, large (issue 24); the rest is air between cards."""

from __future__ import annotations

import sys

import pytest

from decks.model import Recap
from decks.plan.sketch import build
from decks.plan.sketch.primitives import Box, Path, Rect, Sketch, TextRun
from decks.themes.loader import load_theme
from tests.conftest import FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_contents import recap

LAYOUTS = ("modular", "path", "radial", "vertical", "popcorn")


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


def _ink_bottom(sketch: Sketch, frame: Rect, drawings: bool = True) -> float:
    """The lowest mark inside `frame` other than the frame's own strokes: text, bullets, a QR code, drawings (only
    lettering and codes when not `drawings`)."""
    lowest = frame.y
    for p in sketch.primitives:
        if isinstance(p, TextRun):
            box = Rect(p.x, p.y - p.ascent, p.width, p.ascent + p.descent)
        elif isinstance(p, Box):  # a QR code
            box = p.rect
        elif isinstance(p, Path) and p.points and drawings:
            xs, ys = [x for x, _ in p.points], [y for _, y in p.points]
            box = Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
            edge = (box.h < 4 and box.w > frame.w * 0.5) or (box.w < 4 and box.h > frame.h * 0.5)
            if edge or (box.w > frame.w * 0.9 and box.h > frame.h * 0.9):
                continue  # the frame's own strokes (and the key takeaways' scroll)
        else:
            continue
        if frame.contains(box, 0.5):  # inside: not the box's shadow, a little off its edges
            lowest = max(lowest, box.bottom)
    return lowest


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(("items", "language"), [(1, "en"), (2, "en"), (2, "zh"), (3, "ja"), (5, "ko"), (12, "en")])
def test_a_card_frame_ends_under_what_it_holds(theme, layout, items, language) -> None:
    sketch = build(recap(items, language, "sparse" if items <= 3 else "medium"), theme, layout=layout)
    cards = [c for c in sketch.containers if c.kind in ("item", "key")]
    assert cards
    for card in cards:
        blank = card.rect.bottom - _ink_bottom(sketch, card.rect)
        assert blank <= 1.5 * sketch.body_size, f"{card.label!r}: {blank:.0f} pt blank at the bottom of its frame"


def test_two_cards_side_by_side_keep_their_own_heights(theme) -> None:
    data = {
        "title": "T",
        "items": [
            {"title": "Short", "takeaways": ["One line"]},
            {"title": "Long", "takeaways": [f"Takeaway number {n} says a few more words than that" for n in range(6)]},
        ],
    }
    for layout in ("modular", "path", "popcorn"):
        sketch = build(Recap.model_validate(data), theme, layout=layout)
        short, long_ = (next(c.rect for c in sketch.containers if c.label == t) for t in ("Short", "Long"))
        assert short.h < long_.h * 0.8, f"{layout}: {short.h:.0f} against {long_.h:.0f}"


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(("items", "language"), [(1, "en"), (2, "zh"), (3, "en")])
def test_a_sparse_card_draws_nothing_under_its_lettering(theme, layout, items, language) -> None:
    # Spare room was once filled by the card's own icon drawn again, large, under its text: a repeat that says
    # nothing new. Now the lettering (or a code) is the last thing in every card; under it is only the padding.
    sketch = build(recap(items, language, "sparse"), theme, layout=layout)
    for card in [c for c in sketch.containers if c.kind in ("item", "key")]:
        blank = card.rect.bottom - _ink_bottom(sketch, card.rect, drawings=False)
        assert blank <= 1.5 * sketch.body_size, f"{card.label!r}: {blank:.0f} pt under its lettering"
