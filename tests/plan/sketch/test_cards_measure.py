"""A card measures its lines with the text engine's one measuring path (`FontStack.ems`): right-to-left text
joined as it is drawn, so an Arabic line holds as many words as fit it drawn, no fewer."""

from __future__ import annotations

import itertools

import pytest

from decks.plan.sketch.cards import _flow, _measure
from decks.plan.sketch.style import Style
from decks.text.fitting import WIDTH_SAFETY
from decks.themes.loader import load_theme

STYLE = Style.make(load_theme(None), 1.0, language="ar")
ARABIC = "مرحبا بالعالم " * 12 + "التنفيذ الفوري افتراضي في الإصدار الجديد"


@pytest.mark.parametrize("text", ["مرحبا بالعالم", "שלום עולם", "Hello world", "TensorFlow 2.0 مع tf.function"])
def test_a_cards_measure_is_the_width_the_stack_draws(text) -> None:
    # Arabic drawn joined is narrower than its letters' isolated forms: 5.18 em against 7.36 em here.
    for stack in (STYLE.hand, STYLE.bold):
        assert _measure(stack, 10.0)(text) == pytest.approx(stack.width(text, 10.0))


@pytest.mark.parametrize("width", [90.0, 140.0, 220.0])
def test_an_arabic_line_holds_every_word_that_fits_it_drawn(width) -> None:
    lines, _ = _flow(ARABIC, STYLE.hand, 10.0, 0.0, 0.0, width, [], 12.0, rtl=True)
    assert len(lines) >= 2
    avail = width * WIDTH_SAFETY
    for (_, _, line, _), (_, _, after, _) in itertools.pairwise(lines):
        assert STYLE.hand.width(line.rstrip(), 10.0) <= avail + 1e-6
        longer = f"{line.rstrip()} {after.split()[0]}"
        assert STYLE.hand.width(longer, 10.0) > avail, (line, after)
