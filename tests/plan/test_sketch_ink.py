"""The ink theme is fill-free: outlines and hatching only, nothing solid larger than text (QR codes aside)."""

from __future__ import annotations

import math
import sys

import pytest

from decks.plan.sketch import build
from decks.plan.sketch.primitives import Box, Path, Sketch
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_contents import recap


def solid_areas(sketch: Sketch) -> tuple[float, list[float]]:
    """The largest text run's box area, and the box area of every filled path in a colour other than paper."""
    largest = max(r.width * (r.ascent + r.descent) for r in sketch.runs())
    fills = []
    for p in sketch.primitives:
        if isinstance(p, Path) and p.fill and p.fill.upper() != sketch.background.upper() and p.points:
            xs, ys = [x for x, _ in p.points], [y for _, y in p.points]
            fills.append((max(xs) - min(xs)) * (max(ys) - min(ys)))
    return largest, fills


@pytest.mark.parametrize("layout", ["modular", "path", "radial"])
@pytest.mark.parametrize("content", ["example", "sparse", "dense"])
def test_nothing_solid_larger_than_text_on_an_ink_page(layout, content) -> None:
    theme = load_theme("ink")
    data = {
        "example": lambda: load_content(EXAMPLE_EN),
        "sparse": lambda: recap(3, "en", "sparse"),
        "dense": lambda: recap(40, "en", "medium"),
    }[content]()
    sketch = build(data, theme, layout=layout)
    largest, fills = solid_areas(sketch)
    assert all(area <= largest for area in fills), f"a fill of {max(fills):.0f} pt² (text: {largest:.0f} pt²)"
    # Boxes are QR codes only: modules and their light square.
    boxes = [p for p in sketch.primitives if isinstance(p, Box)]
    assert all(b.fill in (theme.palette.ink, theme.palette.background) for b in boxes)


def test_the_default_theme_still_fills_its_banner() -> None:
    sketch = build(load_content(EXAMPLE_EN), load_theme(None))
    largest, fills = solid_areas(sketch)
    assert any(area > largest for area in fills)


def test_ink_hatches_the_banners_tails() -> None:
    sketch = build(load_content(EXAMPLE_EN), load_theme("ink"))
    banner = next(c for c in sketch.containers if c.kind == "banner")
    thin = [
        p
        for p in sketch.primitives
        if isinstance(p, Path) and p.stroke and p.width <= 0.6 and not p.fill and banner.rect.contains(_bbox(p), 1)
    ]
    assert len(thin) >= 6


def _bbox(p: Path):
    from decks.plan.sketch.primitives import Rect

    xs, ys = [x for x, _ in p.points], [y for _, y in p.points]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


@pytest.mark.parametrize("name", ["ink", "default", "chalkboard"])
def test_icons_are_drawn_as_stroked_outlines_never_as_solid_glyphs(name) -> None:
    from decks.colors import contrast_ratio
    from decks.plan.icons import font_path

    theme = load_theme(name)
    big = []
    for layout in ("modular", "path", "radial"):
        sketch = build(recap(1, "en", "sparse"), theme, layout=layout)
        assert not [r for r in sketch.runs() if r.font == font_path()], "no icon is set in the icon font"
        # Closed strokes (a contour goes round): a cloud's hachure is open straight strokes, pale by design.
        outlines = [
            p
            for p in sketch.primitives
            if isinstance(p, Path)
            and p.stroke
            and not p.fill
            and len(p.points) > 20
            and math.dist(p.points[0], p.points[-1]) < 3
        ]
        assert outlines
        big += [p for p in outlines if _bbox(p).w > 40 and _bbox(p).h > 40 and p.width < 2.5]
    # A tall card draws its icon large in its own ink, never as a pale watermark: every stroke reads on the paper.
    assert big and all(contrast_ratio(p.stroke, theme.palette.background) >= 2.0 for p in big)


def test_ink_shades_a_cards_shadow_by_hatching_and_the_default_draws_it() -> None:
    from decks.plan.sketch.cards import _shadow
    from decks.plan.sketch.primitives import Rect
    from decks.plan.sketch.style import Style

    frame = Rect(100, 100, 180, 120)
    hatched = _shadow(frame, "card", Style.make(load_theme("ink"), 1.0))
    assert len(hatched) >= 20 and all(isinstance(p, Path) and p.width < 0.5 for p in hatched)
    # Along the right and bottom edges, outside the frame.
    assert all(x >= frame.right - 1 or y >= frame.bottom - 1 for p in hatched for x, y in p.points)
    drawn = _shadow(frame, "card", Style.make(load_theme(None), 1.0))
    assert len(drawn) == 2
