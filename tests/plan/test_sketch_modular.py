"""The modular layout: the column count it picks is the one laying out every count in full would pick, and a
layout asked only whether the page is over says so rightly."""

from __future__ import annotations

import sys

import pytest

from decks.plan.sketch import MARGIN, page_size, specs_for
from decks.plan.sketch.cards import plan_card
from decks.plan.sketch.modular import _placed, arrange
from decks.plan.sketch.primitives import Rect
from decks.plan.sketch.style import Style
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_contents import recap as generated


def _every_count(specs, style, area):
    """The arrangement as it was chosen before counts were given up: every count laid out in full, in order."""
    gap = style.gap
    best = None
    guess = max(1, round((area.w + gap) / (style.body * 22 + gap)))
    most = max(1, min(len(specs), guess + 1))
    for cols in range(max(1, min(guess - 1, most)), most + 1):
        width = (area.w - gap * (cols - 1)) / cols
        if width < style.body * 12:
            continue
        found = _placed([plan_card(s, width, style) for s in specs], cols, width, gap, area, style)
        if best is None or found[2] < best[2]:
            best = found
    return best or ([], [], float("inf"))


def _shape(result):
    placed, extra, ratio = result
    return ratio, extra, [(p.spec.key, p.width, p.height, x, y, h) for p, x, y, h in placed]


CONTENTS = [
    ("example", lambda: load_content(EXAMPLE_EN)),
    *[
        (f"{n}-{lang}-{density}", lambda n=n, lang=lang, density=density: generated(n, lang, density))
        for n, lang, density in [(1, "en", "sparse"), (3, "ja", "medium"), (7, "zh", "dense"), (16, "en", "medium")]
    ],
]


@pytest.mark.parametrize("name,make", CONTENTS, ids=[c[0] for c in CONTENTS])
def test_modular_picks_the_count_laying_out_every_count_picks(name, make) -> None:
    theme = load_theme(None)
    recap = make()
    specs = specs_for(recap, theme, None)
    width, height = page_size("a4", "portrait")
    for paper_w in (width, height):  # portrait and landscape widths
        for body in (5.0, 8.5, 10.0, 22.0):
            for area_h in (300.0, 780.0):
                area = Rect(MARGIN, MARGIN, paper_w - 2 * MARGIN, area_h)
                k = body / theme.sizes.sketch.body
                fast = arrange(specs, Style.make(theme, k, language=recap.language), area, draw=False)
                full = _every_count(specs, Style.make(theme, k, language=recap.language), area)
                assert _shape(fast) == _shape(full), (name, paper_w, body, area_h)
                # Asked only whether it is over: the same page when it fits, some ratio over 1 when not.
                probe = arrange(specs, Style.make(theme, k, language=recap.language), area, draw=False, over=1.0)
                if full[2] <= 1.0:
                    assert _shape(probe) == _shape(full), (name, paper_w, body, area_h)
                else:
                    assert probe[2] > 1.0


def test_modular_gives_up_a_count_that_cannot_win() -> None:
    # The example's fifteen cards at the theme's size: one long column is given up part way.
    theme = load_theme(None)
    recap = load_content(EXAMPLE_EN)
    specs = specs_for(recap, theme, None)
    style = Style.make(theme, 1.0, language=recap.language)
    width, _ = page_size("a4", "portrait")
    arrange(specs, style, Rect(MARGIN, MARGIN, width - 2 * MARGIN, 700.0), draw=False)
    assert len(style.plans) < 3 * len(specs)
