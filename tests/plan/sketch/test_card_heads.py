"""Card heads vary across a page as a sketchnoter varies them (decks.plan.sketch.cardspec.head_at): the icon in a
ring or alone beside the title, or after it, or the title on a highlighter band; no two cards in a row alike, the
same page every time, and whatever the head, the title never runs into its icon and every mark stays in the card."""

from __future__ import annotations

import itertools

import msgspec
import pytest

from decks.model import Recap
from decks.plan.sketch import specs_for
from decks.plan.sketch.cards import draw_card, plan_card
from decks.plan.sketch.cardspec import HEADS, head_at, item_head
from decks.plan.sketch.primitives import Path
from decks.plan.sketch.style import Style
from decks.themes.loader import load_theme

THEME = load_theme(None)


def _recap(n: int, emphasis: tuple[int, ...] = ()) -> Recap:
    items = [{"title": f"Item {i}", "emphasis": i in emphasis, "takeaways": ["A point"]} for i in range(n)]
    return Recap.model_validate({"title": "T", "items": items})


def test_no_two_cards_in_a_row_are_headed_alike_and_every_head_is_used() -> None:
    heads = [s.head for s in specs_for(_recap(40), THEME, None) if s.kind == "item"]
    assert all(a != b for a, b in itertools.pairwise(heads)), heads
    assert set(heads) == set(HEADS)


def test_the_heads_are_the_same_on_every_run() -> None:
    first = [s.head for s in specs_for(_recap(12), THEME, None)]
    assert first == [s.head for s in specs_for(_recap(12), THEME, None)]
    assert [head_at(i) for i in range(12)] == first[:12]


def test_an_emphasised_items_icon_leads_its_title() -> None:
    # Its title stands on a pennant: the icon goes before it, never after.
    for i in range(30):
        assert item_head(i, True) in ("ring", "bare")
    spec = specs_for(_recap(12, emphasis=tuple(range(12))), THEME, None)
    assert all(s.head in ("ring", "bare") for s in spec if s.kind == "item")


TITLES = ("Datasets", "TensorFlow Extended (TFX) in production", "شلال البيانات", "מאגרי נתונים מוכנים לשימוש מיד")


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("width", [150.0, 260.0])
def test_a_title_never_runs_into_its_icon_and_its_marks_stay_in_the_card(head, title, width) -> None:
    style = Style.make(THEME, 1.0, language="en")
    data = Recap.model_validate({"title": "T", "items": [{"title": title, "takeaways": ["A point to make"]}]})
    spec = msgspec.structs.replace(specs_for(data, THEME, None)[0], head=head)
    plan = plan_card(spec, width, style)
    cx, cy, d = plan.icon_circle
    assert style.pad - 1e-6 <= cx - d / 2 and cx + d / 2 <= width - style.pad + 1e-6
    for line in (x for x in plan.lines if x.block == 0):
        left, right = line.x, line.x + style.bold.width(line.text.rstrip(), line.size)
        top, bottom = line.baseline - line.size, line.baseline + line.size * 0.3
        beside = top < cy + d / 2 and bottom > cy - d / 2
        assert not beside or right <= cx - d / 2 + 0.5 or left >= cx + d / 2 - 0.5, (head, line.text)
    if head in ("after", "band"):  # the icon follows the title: at its end (a mirrored title's end is its left)
        assert (cx < plan.title_box.x) == plan.mirror and (cx > plan.title_box.right) != plan.mirror
    x0, x1, uy = plan.underline
    if uy < cy + d / 2:  # an underline level with the icon stops short of it
        assert x1 <= cx - d / 2 + 1e-6 or x0 >= cx + d / 2 - 1e-6
    prims, _ = draw_card(plan, 0.0, 0.0, plan.height, style)
    for p in prims:
        if isinstance(p, Path) and p.fill is not None and p.stroke is None:  # washes, bands
            assert all(-0.5 <= x <= width + 0.5 for x, _ in p.points)
    if head == "band":  # a band behind each title line, none under the icon
        # Not the card's wash (the surface colour) nor its bullets (the card's colour): the bands, in a pale one.
        plain = (None, THEME.palette.surface, style.part_color(spec.part))
        bands = [p for p in prims if isinstance(p, Path) and p.fill not in plain and p.stroke is None]
        assert len(bands) == len([x for x in plan.lines if x.block == 0])
        for p in bands:
            xs = [x for x, _ in p.points]
            assert (
                max(xs) <= cx - d / 2 + 1e-6 or min(xs) >= cx + d / 2 - 1e-6 or min(y for _, y in p.points) > cy + d / 2
            )
