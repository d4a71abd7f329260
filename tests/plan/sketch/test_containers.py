"""Containers chosen by role: an item's quote sits in a speech bubble (its tail under it, who said it below the
tail), its figure large in a drawn ring with its label beside; both inside the item's card, in every layout."""

from __future__ import annotations

import pytest

from decks.model import Recap
from decks.plan.sketch import build
from decks.plan.sketch.primitives import Path, Rect
from decks.plan.sketch.style import Style
from decks.themes.loader import load_theme

LAYOUTS = ("modular", "path", "radial", "vertical", "popcorn")
QUOTE = "Make the easy things easy and the hard things possible"


def _recap(language: str = "en", emphasis: bool = False) -> Recap:
    quote = QUOTE if language == "en" else "让简单的事情变得简单，让困难的事情成为可能"
    return Recap.model_validate(
        {
            "title": "T",
            "language": language,
            "items": [
                {"title": "TensorFlow 2.0", "quote": {"text": quote, "by": "Rajat Monga"}, "takeaways": ["Eager"]},
                {"title": "Datasets", "figure": {"value": "30+", "label": "datasets ready to load"}},
                {"title": "Lite", "takeaways": ["On-device ML is booming"], "emphasis": emphasis},
            ],
        }
    )


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_quote_is_lettered_in_a_speech_bubble_inside_its_card(theme, layout, language) -> None:
    sketch = build(_recap(language), theme, layout=layout)
    bubble = next(c for c in sketch.containers if c.kind == "quote")
    card = next(c for c in sketch.containers if c.kind == "item" and c.label == "TensorFlow 2.0")
    assert card.rect.contains(bubble.rect, 1.0)
    said = [r for r in sketch.runs() if bubble.rect.contains(Rect(r.x, r.y - r.size * 0.7, r.width, r.size * 0.7), 1)]
    lettered = "".join(r.text for r in said).replace(" ", "")
    assert lettered.strip("\u201c\u201d") == bubble.label.replace(" ", "")
    # The bubble's outline is one closed stroke with a tail: a point well below the bubble's box, at its left.
    outline = next(
        p
        for p in sketch.primitives
        if isinstance(p, Path)
        and p.closed
        and p.points
        and min(x for x, _ in p.points) >= bubble.rect.x - 3
        and abs(min(y for _, y in p.points) - bubble.rect.y) < 3
        and abs(max(x for x, _ in p.points) - bubble.rect.right) < 3
    )
    tip = max(outline.points, key=lambda pt: pt[1])
    assert tip[1] > bubble.rect.bottom + sketch.body_size * 0.5 and tip[0] < bubble.rect.x + bubble.rect.w / 3
    who = next(r for r in sketch.runs() if "Rajat" in r.text)
    assert bubble.rect.bottom < who.y < card.rect.bottom


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_figure_is_lettered_large_in_a_ring_its_label_beside(theme, layout) -> None:
    sketch = build(_recap(), theme, layout=layout)
    ring = next(c for c in sketch.containers if c.kind == "figure")
    value = next(r for r in sketch.runs() if r.text == "30+")
    body = max(r.size for r in sketch.runs() if "booming" in r.text)
    assert value.size >= body * 1.5
    assert ring.rect.contains(Rect(value.x, value.y - value.ascent * 0.8, value.width, value.ascent * 0.8), 0.5)
    label = next(r for r in sketch.runs() if "datasets" in r.text)
    beside = label.x >= ring.rect.right and abs(label.y - ring.rect.y - ring.rect.h / 2) < ring.rect.h
    assert beside or label.y - label.ascent >= ring.rect.bottom - 1  # beside the ring, or under it in a narrow card
    assert "datasets" in label.text  # a word is never cut to fit beside the ring


def test_an_item_without_quote_or_figure_has_neither_container(theme) -> None:
    data = _recap().model_dump()
    for item in data["items"]:
        item.pop("quote", None)
        item.pop("figure", None)
    sketch = build(Recap.model_validate(data), theme)
    assert not [c for c in sketch.containers if c.kind in ("quote", "figure")]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_key_takeaways_are_on_a_scroll_their_lettering_clear_of_its_rolls(theme, layout) -> None:
    data = _recap().model_dump()
    data["key_takeaways"] = ["TF 2.0 is easier", "Datasets are one line away"]
    sketch = build(Recap.model_validate(data), theme, layout=layout)
    key = next(c.rect for c in sketch.containers if c.kind == "key")
    from decks.plan.sketch.style import Style

    style = Style.make(theme, sketch.body_size / theme.sizes.sketch.body)
    roll = min(style.body * 0.9, style.pad * 1.2, style.gap * 0.9)
    ends = {"top": 0, "bottom": 0}
    for p in sketch.primitives:
        if not (isinstance(p, Path) and p.stroke and p.points):
            continue
        xs, ys = [x for x, _ in p.points], [y for _, y in p.points]
        w, h, cx, cy = max(xs) - min(xs), max(ys) - min(ys), (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        at_side = min(abs(cx - key.x), abs(cx - key.right)) < roll and w < roll and roll * 0.6 < h < roll * 1.4
        if at_side and abs(cy - key.y) < roll * 0.3:
            ends["top"] += 1
        elif at_side and abs(cy - key.bottom) < roll * 0.3:
            ends["bottom"] += 1
    assert ends["top"] >= 2 and ends["bottom"] >= 2, ends  # a roll's two ends, at the top and at the bottom
    inside = [r for r in sketch.runs() if key.contains(Rect(r.x, r.y - r.size * 0.7, r.width, r.size * 0.7), 1)]
    # The lettering clears the rolls, which cost the card no height (half of each is outside the frame).
    assert inside and all(key.y + roll / 2 <= r.y - r.size * 0.75 and r.y <= key.bottom - roll / 2 for r in inside)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_an_item_card_in_a_box_casts_a_drawn_shadow_along_its_right_and_bottom_edges(theme, layout) -> None:
    from decks.plan.sketch.cards import container

    sketch = build(_recap(), theme, layout=layout)
    style = Style.make(theme, sketch.body_size / theme.sizes.sketch.body)  # the page's scale
    boxed = {
        s.title for s in _specs() if container(s, style) == "box"
    }  # the others: a rounded box, a cloud or no frame at all, none with a shadow
    assert boxed
    for card in (c for c in sketch.containers if c.kind == "item"):
        right = bottom = False
        for p in sketch.primitives:
            if not (isinstance(p, Path) and p.stroke and p.points) or p.stroke == theme.palette.ink:
                continue
            xs, ys = [x for x, _ in p.points], [y for _, y in p.points]
            if max(xs) - min(xs) < 4 and card.rect.right < min(xs) < card.rect.right + 4 and max(ys) > card.rect.bottom:
                right = True  # down the right edge, a little off it, to the corner
            if (
                max(ys) - min(ys) < 4
                and card.rect.bottom < min(ys) < card.rect.bottom + 4
                and max(xs) > card.rect.right
            ):
                bottom = True
        assert (right and bottom) == (card.label in boxed), card.label


def _specs():
    from decks.plan.sketch.cards import item_spec

    return [item_spec(item, n, 0, "lightbulb", False, None) for n, item in enumerate(_recap().items)]


def test_containers_follow_the_role_emphasis_in_a_cloud_key_on_a_scroll_and_some_items_unframed(theme) -> None:
    from decks.plan.icons import get
    from decks.plan.sketch.cards import container
    from decks.plan.sketch.cardspec import CardSpec

    style = Style.make(theme, 1.0)
    plain = [CardSpec(f"item{n}", "T", (), get("lightbulb"), 0) for n in range(40)]
    roles = [container(s, style) for s in plain]
    assert {"open", "rounded", "box"} <= set(roles) and "cloud" not in roles and "scroll" not in roles
    assert container(CardSpec("item1", "T", (), get("lightbulb"), 0, emphasis=True), style) == "cloud"
    assert container(CardSpec("key", "T", (), get("lightbulb"), -1, kind="key"), style) == "scroll"


def test_an_emphasised_item_is_drawn_in_a_hatched_cloud_inside_its_card(theme) -> None:
    sketch = build(_recap(emphasis=True), theme, layout="modular")
    card = next(c.rect for c in sketch.containers if c.kind == "item" and c.label == "Lite")
    inside = [
        p for p in sketch.primitives if isinstance(p, Path) and p.stroke and p.points and card.contains(_bounds(p), 1.5)
    ]
    # The cloud: one long stroke round the card whose distance from the frame's edge rises and falls (scallops).
    loops = [p for p in inside if _bounds(p).w > card.w * 0.9 and _bounds(p).h > card.h * 0.9]
    assert loops
    dips = [
        min(abs(x - card.x), abs(x - card.right), abs(y - card.y), abs(y - card.bottom)) for x, y in loops[0].points
    ]
    assert max(dips) > 1.5 and min(dips) < 1.0
    # Its inside shaded with many short pale strokes, none of them a flat fill.
    hatch = [p for p in inside if len(p.points) >= 2 and _bounds(p).w < card.w * 0.9 and p.width <= 0.6]
    assert len(hatch) >= 10
    assert not [
        p
        for p in sketch.primitives
        if isinstance(p, Path) and p.fill and card.contains(_bounds(p), 1.5) and _bounds(p).w > card.w * 0.8
    ]


def _bounds(p: Path) -> Rect:
    xs, ys = [x for x, _ in p.points], [y for _, y in p.points]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


@pytest.mark.parametrize("name", [None, "ink"])
def test_a_summary_is_lettered_in_a_second_pen_the_cards_colour_on_a_coloured_page(name) -> None:
    from decks.colors import contrast_ratio
    from decks.readers.content import load_content
    from tests.conftest import EXAMPLE_EN

    theme = load_theme(name)
    recap = load_content(EXAMPLE_EN)
    sketch = build(recap, theme, layout="modular")
    summaries = {i.summary for p in recap.parts for i in p.items if i.summary}
    caption = sketch.body_size * 0.95  # a summary's size (cardplan)
    runs = [r for r in sketch.runs() if abs(r.size - caption) < 1e-6 and any(r.text.strip() in s for s in summaries)]
    colours = {r.color for r in runs if len(r.text.strip()) > 12}
    assert colours
    pal = theme.palette
    if name == "ink":
        assert colours == {pal.muted}
    else:
        assert pal.muted not in colours and pal.ink not in colours and len(colours) == 2  # one per day's colour
        assert all(contrast_ratio(c, pal.surface) >= 4.5 for c in colours)
