"""A card's takeaways hang from a drawn doodle chosen by its role (decks.plan.sketch.cardshapes.bullet_kind):
ticks for the key takeaways, arrows for an emphasised item's, a dot, dash or ring for the others; a doodle stays
in the room before its line and an arrow points the way its line reads."""

from __future__ import annotations

import pytest

from decks.model import Recap
from decks.plan.sketch import specs_for
from decks.plan.sketch.cards import draw_card, plan_card
from decks.plan.sketch.cardshapes import _bullet, bullet_kind
from decks.plan.sketch.primitives import Path, TextRun
from decks.plan.sketch.style import Style
from decks.themes.loader import load_theme

THEME = load_theme(None)


def _specs():
    items = [{"title": f"Item {i}", "emphasis": i == 0, "takeaways": ["A point to make here"]} for i in range(12)]
    data = Recap.model_validate({"title": "T", "items": items, "key_takeaways": ["What mattered"]})
    return specs_for(data, THEME, None)


def test_the_doodle_follows_the_cards_role_and_varies_between_plain_cards() -> None:
    style = Style.make(THEME, 1.0)
    specs = _specs()
    kinds = {s.key: bullet_kind(s.key, s.kind, s.emphasis, style) for s in specs}
    assert kinds["key"] == "check" and kinds["item0"] == "arrow"
    assert len({kinds[s.key] for s in specs[1:-1]}) >= 2  # plain items do not all hang from one doodle
    assert kinds == {s.key: bullet_kind(s.key, s.kind, s.emphasis, style) for s in specs}  # seeded


@pytest.mark.parametrize("shape", ["dot", "dash", "ring", "check", "arrow"])
@pytest.mark.parametrize("rtl", [False, True])
def test_a_doodle_stays_within_its_reach_and_an_arrow_points_the_lines_way(shape, rtl) -> None:
    style = Style.make(THEME, 1.0)
    r = 2.0
    prims = _bullet(shape, 50.0, 50.0, r, "k", "#000000", style, rtl)
    points = [pt for p in prims if isinstance(p, Path) for pt in p.points]
    assert points and all(abs(x - 50) <= r * 1.8 and abs(y - 50) <= r * 1.8 for x, y in points)
    if shape == "arrow":
        tip = max(points, key=lambda pt: -pt[0] if rtl else pt[0])
        assert (tip[0] < 50) == rtl


def test_every_doodle_on_a_card_sits_before_its_text() -> None:
    style = Style.make(THEME, 1.0)
    for spec in _specs():
        plan = plan_card(spec, 220.0, style)
        prims, _ = draw_card(plan, 0.0, 0.0, plan.height, style)
        starts = {round(said.baseline): said.x for said in plan.lines if said.block}
        for bx, by, _sub, _ in plan.bullets:
            line_x = min((x for b, x in starts.items() if abs(b - (by + style.body * 0.3)) < style.body), default=None)
            assert line_x is not None and bx + style.body * 0.16 * 1.8 < line_x, (spec.key, bx, line_x)
        assert any(isinstance(p, TextRun) for p in prims)
