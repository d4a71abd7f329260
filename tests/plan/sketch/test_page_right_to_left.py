"""A right-to-left page's layout is mirrored (decks.plan.sketch.mirror): the first card at the right, and every
connector, arrow, road and spoke of the layout the left-to-right page's reflected, so the reading path runs right to
left; lettering moves whole and still reads."""

from __future__ import annotations

import math
from pathlib import Path as FilePath

import pytest

from decks.model import Recap
from decks.plan.icons import get
from decks.plan.sketch import build, path
from decks.plan.sketch.cards import CardSpec
from decks.plan.sketch.mirror import mirrored
from decks.plan.sketch.primitives import Container, Link, Path, Rect, TextRun
from decks.plan.sketch.style import Style
from decks.themes.loader import load_theme

THEME = load_theme(None)
FONT = FilePath("hand.ttf")  # mirroring moves a run; it never reads its font


def _content(language: str) -> Recap:
    """Five items over two days and the key takeaways, in Latin words: the pages in two languages differ only by
    their direction."""
    days = [("Day one", ["New release", "Phone tools", "Datasets"]), ("Day two", ["Federated", "Awards"])]
    parts = [
        {"title": t, "items": [{"title": i, "takeaways": ["Install it today"]} for i in items]} for t, items in days
    ]
    return Recap.model_validate(
        {"title": "Summit recap", "language": language, "parts": parts, "key_takeaways": ["One API", "Anywhere"]}
    )


def _shape(p: Path, axis: float | None = None) -> tuple[tuple[float, float], ...]:
    return tuple((round(axis - x if axis is not None else x, 3), round(y, 3)) for x, y in p.points)


@pytest.mark.parametrize("layout", ["path", "radial", "vertical"])
# Persian and Urdu: written right to left, and recap has no words in them, so the words it adds ("Key takeaways")
# are the English page's and the two pages differ only by their direction (Arabic and Hebrew have their own).
@pytest.mark.parametrize("language", ["fa", "ur"])
def test_a_right_to_left_page_is_the_left_to_right_page_reflected(layout: str, language: str) -> None:
    ltr = build(_content("en"), THEME, layout=layout)
    rtl = build(_content(language), THEME, layout=layout)
    assert rtl.body_size == ltr.body_size  # a reflection takes the same room
    axis = rtl.inner.x + rtl.inner.right
    frames = [(c.rect, c.label) for c in ltr.containers if c.kind in ("item", "key")]
    mirrored_frames = [(c.rect, c.label) for c in rtl.containers if c.kind in ("item", "key")]
    assert [label for _, label in mirrored_frames] == [label for _, label in frames]
    for (a, _), (b, _) in zip(frames, mirrored_frames, strict=True):
        assert b.x == pytest.approx(axis - a.right, abs=1e-3) and b.y == pytest.approx(a.y, abs=1e-3)
    # The first item reads first from the right: its card stands right of the page's middle.
    first = mirrored_frames[0][0]
    assert first.x + first.w / 2 > rtl.width / 2
    # The layout's lines (a card's own drawing is only moved): at least a road or spoke and an arrow or dot a card,
    # each the left-to-right page's reflected; a page drawn left to right holds almost none of them.
    drawn = {_shape(p) for p in ltr.primitives if isinstance(p, Path) and p.points}
    reflected = [p for p in rtl.primitives if isinstance(p, Path) and p.points and _shape(p, axis) in drawn]
    assert len(reflected) >= len(frames) + 1, len(reflected)
    not_mirrored = {_shape(p, axis) for p in ltr.primitives if isinstance(p, Path) and p.points}
    assert len(drawn & not_mirrored) < len(frames)


def test_the_path_layouts_arrows_point_left_on_a_right_to_left_page() -> None:
    rtl = build(_content("ar"), THEME, layout="path")
    frames = [c.rect for c in rtl.containers if c.kind == "item"]
    assert frames[0].x > frames[1].x  # the second card is left of the first on the first row
    # The arrow between them: a stroke across the gap in the road's arrows' colour (its head's strokes are short),
    # its tip (its last point) at its left end.
    gap = Rect(frames[1].right, frames[0].y, frames[0].x - frames[1].right, frames[0].h)
    shafts = [
        p
        for p in rtl.primitives
        if isinstance(p, Path)
        and p.stroke == THEME.palette.accent2
        and all(gap.x - 3 <= x <= gap.right + 3 and gap.y <= y <= gap.bottom for x, y in p.points)
        and max(x for x, _ in p.points) - min(x for x, _ in p.points) > gap.w / 2
    ]
    assert shafts and all(p.points[-1][0] < p.points[0][0] for p in shafts)


def _arrow_page() -> tuple[list, list, Rect]:
    style = Style.make(THEME, 1.0)
    specs = [CardSpec(f"c{i}", f"Card {i}", (), get("lightbulb"), 0) for i in range(3)]
    area = Rect(20.0, 30.0, 800.0, 500.0)
    placed, extra, _ = path.arrange(specs, style, area)
    return placed, list(extra), area


def test_mirroring_reflects_lines_and_places_and_twice_gives_the_page_back() -> None:
    placed, extra, area = _arrow_page()
    run = TextRun(100.0, 200.0, "Hub", FONT, 12.0, "#000000", 30.0, 9.0, 3.0, ((100.0, 200.0, 1.0, 1.0),))
    run2 = TextRun(130.0, 200.0, "name", FONT, 12.0, "#000000", 40.0, 9.0, 3.0)
    extra += [
        run,
        run2,
        Link(Rect(100.0, 190.0, 70.0, 12.0), "https://example.org"),
        Container("hub", Rect(90, 180, 90, 30), "x"),
    ]
    cards, lines = mirrored(placed, extra, area)
    axis = area.x + area.right
    for (plan, x, y, h), (plan2, x2, y2, h2) in zip(placed, cards, strict=True):
        assert plan2 is plan and (y2, h2) == (y, h) and x2 == pytest.approx(axis - x - plan.width)
    assert lines[extra.index(path._AFTER)] is path._AFTER  # the marker build() splits the drawing at
    for a, b in zip(extra, lines, strict=True):
        if isinstance(a, Path) and a.points:
            assert [(round(axis - x, 6), y) for x, y in a.points] == [(round(x, 6), y) for x, y in b.points]
            assert (b.stroke, b.width, b.fill, b.pressure) == (a.stroke, a.width, a.fill, a.pressure)
    # The line "Hub name" moves whole: its words keep their order and spacing, and its glyphs go with it.
    moved = [p for p in lines if isinstance(p, TextRun)]
    assert moved[1].x - moved[0].x == pytest.approx(30.0)
    assert moved[0].x == pytest.approx(axis - 170.0)
    assert moved[0].glyphs[0][0] == pytest.approx(moved[0].x)
    link = next(p for p in lines if isinstance(p, Link))
    assert link.rect.x == pytest.approx(axis - 170.0)
    hub = next(p for p in lines if isinstance(p, Container))
    assert hub.rect.x == pytest.approx(axis - 180.0)
    again_cards, again = mirrored(cards, lines, area)
    assert [c for _, *c in again_cards] == [pytest.approx(c) for _, *c in placed]
    for a, b in zip(extra, again, strict=True):
        if isinstance(a, Path):
            assert all(math.isclose(p[0], q[0], abs_tol=1e-9) for p, q in zip(a.points, b.points, strict=True))


def test_a_left_to_right_page_reads_from_the_left() -> None:
    for language in ("en", "fr", "zh"):
        frames = [c.rect for c in build(_content(language), THEME, layout="path").containers if c.kind == "item"]
        assert frames[0].x < frames[1].x, language


@pytest.mark.parametrize("layout", ["modular", "path", "radial", "vertical", "popcorn"])
def test_every_layout_starts_a_right_to_left_page_at_its_top_right(layout: str) -> None:
    sketch = build(_content("ar"), THEME, layout=layout)
    frames = [c.rect for c in sketch.containers if c.kind == "item"]
    first = frames[0]
    assert first.x + first.w / 2 > sketch.width / 2
    assert all(first.y <= f.y + 1e-6 for f in frames if f.x + f.w / 2 > sketch.width / 2)


@pytest.mark.parametrize("layout", ["modular", "path", "radial", "vertical", "popcorn"])
def test_a_one_item_right_to_left_page_grows_its_type_as_a_left_to_right_one(layout: str) -> None:
    """The same words on a page read right to left: the same body size (grown on a sparse page to its ceiling)."""
    item = {"title": "TensorFlow 2.0 launched", "summary": "Beta now", "takeaways": ["Install it", "Eager is on"]}
    pages = {
        lang: build(Recap.model_validate({"title": "Recap", "language": lang, "items": [item]}), THEME, layout=layout)
        for lang in ("en", "ar", "he")
    }
    assert pages["ar"].body_size == pages["he"].body_size == pages["en"].body_size > THEME.sizes.sketch.body * 1.5
