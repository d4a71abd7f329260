"""The popcorn layout fills its page as a hand does: cards fill the lowest free stretch and grow into the room
beside them, so no lane is left empty down the page and no hole opens among the cards; they never overlap and stay
inside the page."""

from __future__ import annotations

import sys

import pytest

from decks.assets import content_dir
from decks.plan.sketch import build
from decks.plan.sketch.primitives import Box, Container, Rect, Sketch
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH, FIXTURES
from tests.plan.measures import largest_empty

sys.path.insert(0, str(FIXTURES))
from sketch_contents import recap

CARDS = ("item", "key", "day", "caption")  # what stands among the cards: the cards, their day tabs and intros


def hole_among_cards(sketch: Sketch) -> tuple[float, Rect]:
    """The largest empty rectangle among the page's containers (cards, day tabs, intros), from the top of the
    highest to the bottom of the lowest, as a share of the page: the air a reader sees between cards, not the
    margin above the first or under the last, and not what a card's text leaves blank inside its frame."""
    rects = [c.rect for c in sketch.containers if c.kind in CARDS]
    top, bottom = min(r.y for r in rects), max(r.bottom for r in rects)
    ink = "#000000"
    above = Box(Rect(0, 0, sketch.width, top), ink)
    below = Box(Rect(0, bottom, sketch.width, sketch.height - bottom), ink)
    held = (*(Box(r, ink) for r in rects), above, below)
    return largest_empty(Sketch(sketch.width, sketch.height, sketch.margin, sketch.background, "popcorn", 10, held))


def test_the_measure_sees_a_hole_between_two_cards() -> None:
    cards = (Rect(20, 100, 300, 100), Rect(20, 400, 300, 100), Rect(400, 100, 300, 400))
    boxes = tuple(Container("item", r, "") for r in cards)
    share, rect = hole_among_cards(Sketch(800, 600, 20, "#FFFFFF", "popcorn", 10, containers=boxes))
    # Between the two left cards and on across the gap to the third: 380 x 200 of the 800 x 600 page.
    assert share == pytest.approx(380 * 200 / (800 * 600), abs=0.01)
    assert rect.y >= 200 - 3 and rect.bottom <= 400 + 3


def test_the_measure_sees_no_hole_between_cards_that_touch() -> None:
    cards = (Rect(20, 100, 380, 400), Rect(400, 100, 380, 400))
    boxes = tuple(Container("item", r, "") for r in cards)
    share, _ = hole_among_cards(Sketch(800, 600, 20, "#FFFFFF", "popcorn", 10, containers=boxes))
    assert share < 0.01


def _cards_apart_and_inside(sketch: Sketch) -> None:
    cards = [c.rect for c in sketch.containers if c.kind in ("item", "key")]
    for n, a in enumerate(cards):
        for b in cards[n + 1 :]:
            assert not a.overlaps(b), f"{a} overlaps {b}"
        assert sketch.inner.contains(a, 0.5), f"{a} outside the page"


@pytest.mark.parametrize(
    "example, most",
    # Main left 3.2%, 2.0%, 4.2% and 4.5%; evened out they leave 1.3%, 1.0%, 1.7% and 2.3%.
    [
        (EXAMPLE_EN, 0.02),
        (EXAMPLE_ZH, 0.016),
        ("ml-engineering-summit-tokyo-2025.ja.yaml", 0.03),
        ("frontend-conf-seoul-2025.ko.yaml", 0.034),
    ],
)
def test_the_examples_leave_no_hole_among_their_cards(example, most) -> None:
    # Cards took two or three wide lanes by a seeded draw, so the lanes ended a card apart and the air shared out
    # opened holes beside "Other announcements" and under "Sonnet": 3.2% of the English page, 4.2% of the Japanese.
    path = example if not isinstance(example, str) else content_dir() / example
    sketch = build(load_content(path), load_theme(None), layout="popcorn")
    share, rect = hole_among_cards(sketch)
    assert share <= most, f"{share:.1%} empty among the cards at {rect}"
    _cards_apart_and_inside(sketch)


@pytest.mark.parametrize(
    "items, language, most",
    # Main left 3.2%, 3.3%, 2.4%, 2.3% (en), 3.3% (ko) and 2.5% (ja); evened out 2.4%, 1.5%, 0.8%, 0.5%, 0.9% and
    # 0.7% (three cards leave a sparse page's air between two stacks).
    [(3, "en", 0.028), (8, "en", 0.024), (12, "en", 0.016), (20, "en", 0.014), (8, "ko", 0.02), (20, "ja", 0.016)],
)
def test_generated_pages_leave_no_hole_among_their_cards(items, language, most) -> None:
    sketch = build(recap(items, language, "medium"), load_theme(None), layout="popcorn")
    share, rect = hole_among_cards(sketch)
    assert share <= most, f"{items} {language}: {share:.1%} empty among the cards at {rect}"
    _cards_apart_and_inside(sketch)


def test_no_lane_is_left_empty_down_the_page() -> None:
    # 40 Korean items abridged at the 9 pt reading floor: 10 cards left the right lanes empty under the first
    # (13.2% of the page in one empty region).
    sketch = build(recap(40, "ko", "medium"), load_theme("chalkboard"), layout="popcorn")
    share, rect = largest_empty(sketch)
    assert share <= 0.10, f"{share:.1%} empty at {rect}"
    cards = [c.rect for c in sketch.containers if c.kind in ("item", "key")]
    right = max(c.right for c in cards)
    assert sum(1 for c in cards if c.right > right - 2) >= 2  # the rightmost lane holds more than its first card
