"""The density rule (decks.plan.sketch.density): a page too dense to letter at the theme's body size leaves out
its sub-points, then trailing takeaways, so its key points read as handwriting (issue 24); what it leaves out is
said once, in the warning and the footer, and --no-abridge letters it all, smaller."""

from __future__ import annotations

import re
import sys
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.model import Recap
from decks.plan.sketch import build
from decks.themes.loader import load_theme
from tests.budget import examples
from tests.conftest import FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_contents import content, recap

LAYOUTS = ("modular", "path", "radial")


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


def _box(run):
    from decks.plan.sketch.primitives import Rect

    return Rect(run.x, run.y - run.size * 0.8, run.width, run.size)


@pytest.fixture(scope="module")
def example() -> Recap:
    from decks.readers.content import load_content
    from tests.conftest import EXAMPLE_EN

    return load_content(EXAMPLE_EN)


def _squashed(sketch) -> str:
    return "".join("".join(r.text.split()) for r in sketch.runs())


def _said(warnings, what: str) -> int:
    """The count a warning gives of `what` ("takeaway", "sub-point", "item"), 0 when it names none."""

    counts = [int(m) for w in warnings for m in re.findall(rf"(\d+) {what}(?:\(s\)|s)?\b", w)]
    assert len(counts) <= 1, f"said more than once: {warnings}"
    return counts[0] if counts else 0


def test_the_example_letters_its_key_points_larger_than_the_floor(theme, example) -> None:
    # Main lettered every bullet and sub-point at the 7 pt floor in every layout (a printed handout's type).
    from statistics import median

    sizes = {layout: build(example, theme, layout=layout).body_size for layout in LAYOUTS}
    assert median(sizes.values()) >= 8.0 and sizes["modular"] >= 8.25, sizes


def test_a_dense_page_leaves_out_every_sub_point_and_counts_them_once(theme, example) -> None:
    sketch = build(example, theme)
    text = _squashed(sketch)
    points = [p for i in example.all_items for t in i.takeaways for p in t.points]
    points += [p for t in example.key_takeaways for p in t.points]
    assert points and not any("".join(plain(p).split()) in text for p in points)
    assert _said(sketch.warnings, "sub-point") == len(points)
    footer = next(c for c in sketch.containers if c.kind == "footer")
    note = "".join(r.text for r in sketch.runs() if footer.rect.contains(_box(r), 1))
    assert f"+{len(points)} sub-points" in note and "scan for the full recap" in note
    # The key takeaways keep every line; an item's first takeaway stays.
    for t in example.key_takeaways:
        assert "".join(plain(t.text).split())[:12] in text


def plain(text: str) -> str:
    from decks.model.inline import plain as words

    return words(text)


def test_no_abridge_letters_every_sub_point_smaller_instead(theme, example) -> None:
    sketch = build(example, theme, abridge=False)
    text = _squashed(sketch)
    points = [p for i in example.all_items for t in i.takeaways for p in t.points]
    assert all("".join(plain(p).split()) in text for p in points)
    assert not any(w.startswith("abridged") for w in sketch.warnings)
    assert sketch.body_size < build(example, theme).body_size


def test_a3_keeps_more_of_a_dense_page(theme, example) -> None:
    a4, a3 = build(example, theme), build(example, theme, paper="a3")
    left = [_said(s.warnings, "takeaway") + _said(s.warnings, "sub-point") for s in (a4, a3)]
    assert left[1] < left[0], left


def test_the_ladder_goes_lighter_step_by_step_the_longest_items_first() -> None:
    from decks.plan.sketch import specs_for
    from decks.plan.sketch.density import Ladder, lightest

    specs = specs_for(recap(8, "en", "dense"), load_theme(None), None)
    ladder = Ladder(specs)
    steps = [ladder[n] for n in range(len(ladder))]
    assert steps[0] is specs
    assert not any(t.points for s in steps[1] for t in s.takeaways), "sub-points go first, all of them"
    for before, after in pairwise(steps[1:]):
        shown = [len(s.takeaways) for s in before]
        lost = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if len(a.takeaways) != len(b.takeaways)]
        assert len(lost) == 1, "each step takes one takeaway off one card"
        assert shown[lost[0]] == max(n for n, s in zip(shown, before, strict=True) if s.kind != "key")
        assert sum(s.takeaways_left for s in after) == sum(s.takeaways_left for s in before) + 1
    assert [len(s.takeaways) for s in steps[-1]] == [len(s.takeaways) for s in lightest(specs)]
    key = [s for s in steps[-1] if s.kind == "key"]
    assert key and len(key[0].takeaways) == len(specs[-1].takeaways), "the key takeaways keep every line"
    assert all(len(s.takeaways) == 1 for s in steps[-1] if s.kind != "key")
    assert sum(s.points_left for s in steps[-1]) == sum(len(t.points) for s in specs for t in s.takeaways)


def test_a_takeaway_that_leads_in_to_its_sub_points_goes_with_them() -> None:
    from decks.plan.sketch import specs_for
    from decks.plan.sketch.density import Ladder

    data = content(3, "en", "sparse")
    data["parts"][0]["items"][0]["takeaways"] = [
        {"text": "Where Swift goes further:", "points": ["Deploy anywhere", "Differentiable"]},
        "An image classification walkthrough",
    ]
    data["parts"][0]["items"][1]["takeaways"] = [{"text": "Three ways in:", "points": ["npm", "script tag"]}]
    specs = specs_for(Recap.model_validate(data), load_theme(None), None)
    light = Ladder(specs)[1]
    assert [t.text for t in light[0].takeaways] == ["An image classification walkthrough"]
    assert (light[0].takeaways_left, light[0].points_left) == (1, 2)
    # A card with nothing else keeps the line, without the colon that led in to what is gone.
    assert [t.text for t in light[1].takeaways] == ["Three ways in"] and light[1].takeaways_left == 0


_MARK = r"([tp])(\d+)k(\d+)(?:j(\d+))?q"


def _marked(items: int, shape: list[tuple[int, int, bool]], language: str) -> tuple[Recap, int, int]:
    """Generated content whose takeaways and sub-points open with a marker saying which they are, in `shape`
    per item: (takeaways, sub-points of each, whether the first leads in with a colon)."""
    data = content(items, language, "medium")
    takeaways = points = 0
    n = 0
    for part in data["parts"]:
        for item in part["items"]:
            count, subs, lead = shape[n % len(shape)]
            made = []
            for k in range(count):
                text = f"t{n}k{k}q " + _words_of(item, k) + (":" if lead and k == 0 and subs else "")
                made.append({"text": text, "points": [f"p{n}k{k}j{j}q " + _words_of(item, j) for j in range(subs)]})
                takeaways, points = takeaways + 1, points + subs
            item["takeaways"] = made
            n += 1
    data["key_takeaways"] = [{"text": f"t{n}k{k}q " + t, "points": []} for k, t in enumerate(data["key_takeaways"])]
    takeaways += len(data["key_takeaways"])
    return Recap.model_validate(data), takeaways, points


def _words_of(item: dict, k: int) -> str:
    words = (item.get("summary") or item["title"]).split()
    return " ".join(words[k % 3 : k % 3 + 6]) or item["title"]


@settings(max_examples=examples(6, deep=40), deadline=None)
@given(
    st.integers(1, 30),
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3), st.booleans()), min_size=1, max_size=6),
    st.sampled_from([*LAYOUTS, "vertical", "popcorn"]),
    st.sampled_from(["a4", "a3"]),
    st.sampled_from(["en", "vi", "zh"]),
)
def test_nothing_is_left_out_without_a_word(items, shape, layout, paper, language) -> None:

    data, takeaways, points = _marked(items, shape, language)
    sketch = build(data, load_theme(None), layout=layout, paper=paper)
    shown = {m.group(0) for r in sketch.runs() for m in re.finditer(_MARK, r.text)}
    shown_takeaways = sum(1 for m in shown if m.startswith("t"))
    shown_points = sum(1 for m in shown if m.startswith("p"))
    shown_items = {c.label for c in sketch.containers if c.kind == "item"}
    assert _said(sketch.warnings, "takeaway") == takeaways - shown_takeaways
    assert _said(sketch.warnings, "sub-point") == points - shown_points
    assert _said(sketch.warnings, "item") == len([i for i in data.all_items if i.title not in shown_items])
    abridged = [w for w in sketch.warnings if w.startswith("abridged")]
    assert len(abridged) == (shown_takeaways < takeaways or shown_points < points or len(shown_items) < items)
