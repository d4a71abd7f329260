"""The presenter signs the page as a sketchnoter does: a small drawn figure at the footer's right, their handle
(or name, without one) lettered under it, in every layout; a recap without a presenter has no figure."""

from __future__ import annotations

import pytest

from decks.model import Recap
from decks.plan.sketch import build
from decks.plan.sketch.primitives import Path, Rect
from decks.themes.loader import load_theme

LAYOUTS = ("modular", "path", "radial", "vertical", "popcorn")


def _recap(presenter: dict | None) -> Recap:
    data: dict = {"title": "T", "items": [{"title": f"Talk {n}", "takeaways": ["One thing"]} for n in range(3)]}
    if presenter:
        data["presenter"] = presenter
    return Recap.model_validate(data)


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_presenter_signs_with_a_drawn_figure_and_their_handle(theme, layout) -> None:
    who = {"name": "Margaret Maynard-Reid", "handles": [{"network": "twitter", "handle": "@margaretmz"}]}
    sketch = build(_recap(who), theme, layout=layout)
    sign = next(c for c in sketch.containers if c.kind == "presenter")
    footer = next(c for c in sketch.containers if c.kind == "footer")
    assert sign.label == "@margaretmz" and footer.rect.contains(sign.rect, 1.0)
    assert sign.rect.x > footer.rect.x + footer.rect.w / 2  # at the footer's right
    strokes = [
        p
        for p in sketch.primitives
        if isinstance(p, Path) and p.stroke and p.points and sign.rect.contains(_box(p), 0.5)
    ]
    head = [p for p in strokes if len(p.points) > 8 and _box(p).h > sketch.body_size * 0.4]
    assert head and len(strokes) >= 6  # a head, a body, two arms, two legs
    handle = next(r for r in sketch.runs() if r.text == "@margaretmz")
    assert sign.rect.contains(Rect(handle.x, handle.y - handle.ascent, handle.width, handle.ascent), 1.0)
    assert handle.y - handle.size * 0.75 >= max(_box(p).bottom for p in strokes) - 1  # lettered under the figure


def test_without_a_handle_the_figure_signs_with_the_name_and_without_a_presenter_there_is_none(theme) -> None:
    sketch = build(_recap({"name": "Ada Lovelace"}), theme)
    assert next(c for c in sketch.containers if c.kind == "presenter").label == "Ada Lovelace"
    assert not [c for c in build(_recap(None), theme).containers if c.kind == "presenter"]


def _box(p: Path) -> Rect:
    xs, ys = [x for x, _ in p.points], [y for _, y in p.points]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
