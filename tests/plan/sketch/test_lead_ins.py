"""A takeaway's lead-in (who or what before a colon) is lettered in the card's colour, the rest of its line in
ink right after it, as one searchable line (decks.plan.sketch.cardplan._lead_in)."""

from __future__ import annotations

import pytest

from decks.colors import contrast_ratio
from decks.model import Recap
from decks.plan.sketch import specs_for
from decks.plan.sketch.cardplan import _lead_in
from decks.plan.sketch.cards import draw_card, lead_ink, plan_card
from decks.plan.sketch.primitives import TextRun
from decks.plan.sketch.style import Style
from decks.themes.loader import load_theme


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Talk 1: TF Lite on Android", "Talk 1: "),
        ("Pete Warden, 2018: the future of machine learning is tiny", "Pete Warden, 2018: "),
        ("发布会：TensorFlow 2.0 Alpha 版本", "发布会："),
        ("No colon here at all", ""),
        ("See https://example.com/a for more", ""),  # a link's colon is no lead-in
        ("A very long opening clause that runs on: then", ""),  # more than half the text
        ("Ends with a colon:", ""),
    ],
)
def test_a_lead_in_is_the_short_opening_before_a_colon(text, lead) -> None:
    assert text[: _lead_in(text)] == lead


@pytest.mark.parametrize("theme_name", [None, "chalkboard", "ink"])
def test_a_lead_in_is_drawn_in_a_readable_card_colour_and_the_line_runs_on_after_it(theme_name) -> None:
    theme = load_theme(theme_name)
    data = Recap.model_validate(
        {"title": "T", "items": [{"title": "Datasets", "takeaways": ["Talk 1: TF Lite on Android phones"]}]}
    )
    spec = specs_for(data, theme, None)[0]
    style = Style.make(theme, 1.0)
    plan = plan_card(spec, 260.0, style)
    prims, _ = draw_card(plan, 0.0, 0.0, plan.height, style)
    runs = [r for r in prims if isinstance(r, TextRun) and r.y > plan.title_box.bottom]
    lead = next(r for r in runs if r.text.startswith("Talk 1:"))
    rest = next(r for r in runs if r.text.startswith("TF Lite"))
    pal = theme.palette
    assert lead.color == lead_ink(spec, style)
    assert min(contrast_ratio(lead.color, pal.surface), contrast_ratio(lead.color, pal.background)) >= 4.5
    assert rest.color == pal.ink and (lead.color != pal.ink) == theme.sketch.fill
    assert lead.x + lead.width == pytest.approx(rest.x, abs=0.6) and lead.y == pytest.approx(rest.y)
