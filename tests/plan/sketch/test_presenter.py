"""The presenter signs the page as a sketchnoter does: a small drawn figure at the footer's right, their handle
(or name, without one) lettered under it, in every layout; a recap without a presenter has no figure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


SIGNS = ["@margaretmz", "Margaret Maynard-Reid", "https://example.com/people/margaret-maynard-reid", "王小明"]


@pytest.mark.parametrize("sign", SIGNS)
@pytest.mark.parametrize(("k", "width"), [(1.0, 798.0), (2.2, 551.0), (2.2, 300.0), (3.0, 200.0)])
def test_a_signature_breaks_only_at_its_spaces(theme, sign, k, width) -> None:
    from decks.plan.sketch.chrome import draw_footer, figure_height, plan_chrome
    from decks.plan.sketch.primitives import TextRun
    from decks.plan.sketch.style import Style

    # A handle, a link or a name cut inside a word ("@margaretm" / "z") no longer says who signed the page.
    handle = {"network": "twitter", "handle": sign}
    who = {"name": "M", "handles": [handle]} if sign.startswith("@") else {"name": sign}
    recap = _recap(who)
    style = Style.make(theme, k)
    page = Rect(22, 22, width, 500)
    chrome = plan_chrome(recap, style, page.w)
    prims, boxes = draw_footer(recap, chrome, style, page)
    box = next(b.rect for b in boxes if b.kind == "presenter")
    under = box.y + figure_height(style)
    runs = [p for p in prims if isinstance(p, TextRun) and box.contains(Rect(p.x, p.y, p.width, 0), 0.5)]
    lines: dict[float, str] = {}
    for run in (r for r in runs if r.y > under):
        lines[round(run.y, 1)] = lines.get(round(run.y, 1), "") + run.text
    words = [w for y in sorted(lines) for w in lines[y].split()]
    assert words and all(w in sign.split() or w.endswith("\u2026") for w in words), words
    assert " ".join(words) == sign or words[-1].endswith("\u2026"), words
    assert all(r.x >= box.x - 0.5 and r.x + r.width <= box.right + 0.5 for r in runs)


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_any_signature_keeps_its_words_whole_or_ends_them_in_an_ellipsis(theme, sign) -> None:
    from hypothesis import assume

    from decks.plan.sketch.chrome import signature_lines
    from decks.plan.sketch.style import Style

    assume(sign.split())
    lines, size = signature_lines(sign, Style.make(theme, 2.2), 120.0)
    words = [w for line in lines for w in line.split(" ")]
    assert size > 0 and len(words) == len(sign.split())
    for said, word in zip(words, sign.split(), strict=True):
        assert said == word or (said.endswith("\u2026") and word.startswith(said[:-1])), (said, word)
