"""The popcorn layout fills its lanes: a wide card that would leave the lanes at the page's edge empty to the
bottom takes one lane less where that lands it higher."""

from __future__ import annotations

import sys

from decks.plan.sketch import build
from decks.themes.loader import load_theme
from tests.conftest import FIXTURES
from tests.plan.measures import largest_empty

sys.path.insert(0, str(FIXTURES))
from sketch_contents import recap


def test_no_lane_is_left_empty_down_the_page() -> None:
    # 40 Korean items abridged at the 9 pt reading floor: 10 cards left the right lanes empty under the first
    # (13.2% of the page in one empty region).
    sketch = build(recap(40, "ko", "medium"), load_theme("chalkboard"), layout="popcorn")
    share, rect = largest_empty(sketch)
    assert share <= 0.10, f"{share:.1%} empty at {rect}"
    cards = [c.rect for c in sketch.containers if c.kind in ("item", "key")]
    right = max(c.right for c in cards)
    assert sum(1 for c in cards if c.right > right - 2) >= 2  # the rightmost lane holds more than its first card
