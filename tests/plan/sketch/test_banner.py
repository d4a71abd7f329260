"""The title banner lettered as a sketchnoter draws one (chrome.draw_banner): a ribbon that arches, with notched
tails and a shadow, its lettering bouncing along the arch, and all of it inside the banner's box."""

from __future__ import annotations

import itertools

import pytest

from decks.plan.sketch.chrome import BOUNCE, arch, draw_banner, plan_chrome
from decks.plan.sketch.lettering import RISE
from decks.plan.sketch.primitives import Path, Rect, TextRun
from decks.plan.sketch.style import Style
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN


def _banner(theme: str, k: float = 1.0, width: float = 798):
    recap = load_content(EXAMPLE_EN)
    style = Style.make(load_theme(theme), k)
    page = Rect(22, 22, width, 551)
    chrome = plan_chrome(recap, style, page.w)
    prims, boxes = draw_banner(recap, chrome, style, page)
    return style, prims, boxes[0].rect, chrome


@pytest.mark.parametrize("theme", ["default", "ink", "chalkboard"])
@pytest.mark.parametrize("k", [0.7, 1.0, 1.6])
@pytest.mark.parametrize("width", [551.0, 798.0])
def test_the_ribbon_and_its_lettering_stay_inside_the_banner(theme: str, k: float, width: float) -> None:
    # Either way the small lines go: under the title, or in a column beside it (the example at k 0.7, 798 wide).
    style, prims, box, _ = _banner(theme, k, width)
    wobble = 1.5 * style.theme.sketch.roughness + 1.0  # a stroke's jitter and its run past a corner
    for p in prims:
        if isinstance(p, Path):
            assert all(box.contains(Rect(x, y, 0, 0), wobble) for x, y in p.points)
        elif isinstance(p, TextRun):
            for _x, gy, _, _ in p.glyphs or ((p.x, p.y, 0, 1),):
                # The letter's box: from the baseline up its ascent, down its descent, all inside.
                assert box.y - 0.5 <= gy - p.size * 0.75 and gy + p.descent * 0.5 <= box.bottom, (p.text, gy, box)


def test_the_title_bounces_along_an_arch_and_stays_near_its_line() -> None:
    style, prims, _, chrome = _banner("default")
    title = next(p for p in prims if isinstance(p, TextRun) and p.size == chrome.title_size)
    ys = [g[1] for g in title.glyphs]
    assert len({round(y, 1) for y in ys}) > len(ys) // 2  # not one baseline, as a hand letters
    assert max(abs(y - title.y) for y in ys) <= (BOUNCE + RISE) * title.size + arch(style, title.size) + 0.01
    tilts = [g[2] for g in title.glyphs]
    assert max(tilts) - min(tilts) > 2.0


def test_the_ribbon_is_no_rectangle() -> None:
    style, prims, box, chrome = _banner("default")
    fills = [p for p in prims if isinstance(p, Path) and p.fill == style.theme.palette.accent]
    assert len(fills) == 1
    tops = sorted(p[1] for p in fills[0].points if p[1] < box.y + box.h / 2)
    assert (
        tops[-1] - tops[0] >= arch(style, chrome.title_size) * 0.9
    )  # its top edge arches: the middle higher than the ends
    shade = [p for p in prims if isinstance(p, Path) and p.fill and p.fill != style.theme.palette.accent]
    assert len(shade) >= 3  # two tails and a shadow, in a darker shade


def test_a_theme_without_roughness_draws_a_flat_ribbon() -> None:
    from decks.themes.model import Theme

    theme = load_theme(None)
    flat = Theme.model_validate({**theme.model_dump(), "sketch": {**theme.sketch.model_dump(), "roughness": 0.0}})
    style = Style.make(flat, 1.0)
    assert arch(style) == 0.0


@pytest.mark.parametrize("k", [0.7, 1.0, 1.6])
def test_every_letter_stays_on_the_ribbon_where_it_arches(k: float) -> None:
    style, prims, _, _ = _banner("default", k)
    fill = next(p for p in prims if isinstance(p, Path) and p.fill == style.theme.palette.accent)
    half = len(fill.points) // 2
    upper, lower = fill.points[:half], fill.points[half:][::-1]

    def at(edge, x: float) -> float:
        (x0, y0), (x1, y1) = next((a, b) for a, b in itertools.pairwise(edge) if a[0] <= x <= b[0])
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0)

    miss = 1.5  # the fill is laid a little off the outline
    for run in (p for p in prims if isinstance(p, TextRun)):
        for gx, gy, _, _ in run.glyphs:
            assert gy - run.size * 0.75 >= at(upper, gx) - miss, (run.text, gx)  # cap height under the top edge
            assert gy + run.size * 0.25 <= at(lower, gx) + miss, (run.text, gx)  # descenders over the bottom edge


@pytest.mark.parametrize("example", ["tf-dev-summit-2019.yaml", "tf-dev-summit-2019.zh.yaml"])
def test_the_title_is_lettered_a_level_above_the_cards_on_a_full_page(example: str) -> None:
    # The example page is full (the density rule letters its key points a little over the floor): the title grows
    # into the banner's room (the small lines beside it), not with the body, and every summary and intro stays on
    # the page (no warning of them).
    from decks.assets import content_dir
    from decks.plan.sketch import build

    sketch = build(load_content(content_dir() / example), load_theme(None))
    banner = next(c.rect for c in sketch.containers if c.kind == "banner")
    cards = [c.rect for c in sketch.containers if c.kind in ("item", "key")]
    title = max(r.size for r in sketch.runs() if banner.contains(Rect(r.x, r.y, r.width, 0), 1.0))
    card_titles = max(r.size for r in sketch.runs() if any(c.contains(Rect(r.x, r.y, r.width, 0), 1.0) for c in cards))
    assert title >= 2.25 * card_titles and title >= 2.75 * sketch.body_size, (title, card_titles)
    assert not any("summar" in w or "intro" in w for w in sketch.warnings)
    lettered = [r for r in sketch.runs() if banner.contains(Rect(r.x, r.y, r.width, 0), 1.0)]
    for n, a in enumerate(lettered):  # the small lines beside the title never run into it
        for b in lettered[n + 1 :]:
            if a.size != b.size:
                assert a.x + a.width <= b.x or b.x + b.width <= a.x or abs(a.y - b.y) > max(a.size, b.size)


def test_the_banner_never_takes_more_height_than_its_room() -> None:
    # The cards keep the room the page's fitting gave them: the banner with a larger title is no taller than the
    # banner at the style's size with its small lines under the title.
    from decks.text.fitting import WIDTH_SAFETY

    recap = load_content(EXAMPLE_EN)
    for k in (0.7, 1.0, 1.4, 2.0):
        style = Style.make(load_theme(None), k)
        for width in (551.0, 798.0, 1146.0):
            chrome = plan_chrome(recap, style, width)
            b, inner = style.banner, (width - 2 * style.banner * 0.9) * WIDTH_SAFETY
            from decks.plan.sketch.chrome import banner_lines, bits_lines
            from decks.text.headings import heading_lines

            big, small = banner_lines(recap)
            n_big = len(heading_lines(big, lambda s, b=b, st=style: st.bold.width(s, b), inner, recap.language))
            n_small = len(bits_lines(small, inner, lambda s, st=style: st.hand.width(s, st.heading), recap.language))
            room = b * 0.8 + n_big * b * 1.1 + n_small * style.heading * 1.25
            assert chrome.banner_h <= room + 1e-6 and chrome.title_size >= b


def test_the_small_lines_beside_the_title_keep_one_baseline_each() -> None:
    # The column stands where the ribbon's arch is steepest: letters turned and lowered one by one along it there
    # read (and pdftotext reads) "Sunnyvale C" / ", A"; each of its lines keeps one baseline.
    _, prims, _, chrome = _banner("default", 0.7)
    assert chrome.column > 0
    runs = [p for p in prims if isinstance(p, TextRun) and p.size == chrome.small_size and p.glyphs]
    lines: dict[float, list[float]] = {}
    for run in runs:
        lines.setdefault(round(run.y, 0), []).extend(g[1] for g in run.glyphs)
    assert len(lines) == len(chrome.small)
    for ys in lines.values():
        assert max(ys) - min(ys) <= 2 * (BOUNCE + RISE) * chrome.small_size + 0.01, ys


def test_the_banners_colour_shows_the_markers_passes_along_it() -> None:
    from decks.plan.sketch import build

    theme = load_theme(None)
    sketch = build(load_content(EXAMPLE_EN), theme)
    banner = next(c.rect for c in sketch.containers if c.kind == "banner")
    streaks = [
        p
        for p in sketch.primitives
        if isinstance(p, Path)
        and p.stroke
        and p.stroke not in (theme.palette.ink, theme.palette.accent)
        and p.pressure
        and banner.contains(Rect(min(x for x, _ in p.points), min(y for _, y in p.points), 0, 0), 0.0)
        and max(x for x, _ in p.points) - min(x for x, _ in p.points) > banner.w * 0.6
    ]
    assert len(streaks) == 3
