"""Abridging: content too dense for one page keeps the emphasised items and the first takeaways first, says
in the footer what was left out (with a QR code to the full recap) and warns once; --no-abridge refuses."""

from __future__ import annotations

import sys
import time
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.errors import OutputError
from decks.model import Recap
from decks.plan import sketch_plan
from decks.plan.sketch import build
from decks.plan.sketch.abridge import keep, most_fitting, ranking
from decks.plan.sketch.primitives import Box, Link
from decks.themes.loader import load_theme
from tests.budget import examples
from tests.conftest import FIXTURES
from tests.plan.test_sketch import check_geometry

sys.path.insert(0, str(FIXTURES))
from sketch_contents import content, recap

LAYOUTS = ("modular", "path", "radial")


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


@pytest.fixture(scope="module")
def sixty() -> Recap:
    return recap(60, "en", "medium")


def _shown(sketch) -> str:
    return "\n".join(r.text for r in sketch.runs())


@pytest.mark.parametrize("layout", LAYOUTS)
def test_dense_content_is_abridged_tidily_with_one_warning_and_a_note(theme, sixty, layout) -> None:
    sketch = build(sixty, theme, layout=layout)
    check_geometry(sketch)
    assert sketch.body_size >= theme.sizes.sketch.floor
    abridged = [w for w in sketch.warnings if w.startswith("abridged")]
    assert len(abridged) == 1 and "--no-abridge" in abridged[0]
    footer = next(c for c in sketch.containers if c.kind == "footer")
    note = [r for r in sketch.runs() if footer.rect.contains(_box(r), 1) and r.text.startswith("+")]
    assert note and "scan for the full recap" in "".join(r.text for r in note)
    qr = [p for p in sketch.primitives if isinstance(p, Box) and footer.rect.contains(p.rect, 0.5)]
    assert qr, "a QR code in the footer"
    assert any(
        isinstance(p, Link) and p.url == sixty.source.url and footer.rect.contains(p.rect, 0.5)
        for p in sketch.primitives
    )


def _box(run):
    from decks.plan.sketch.primitives import Rect

    return Rect(run.x, run.y - run.size * 0.8, run.width, run.size)


def test_the_note_counts_what_is_left_out(theme, sixty) -> None:
    sketch = build(sixty, theme)
    shown_items = {c.label for c in sketch.containers if c.kind == "item"}
    missing = [i for i in sixty.all_items if i.title not in shown_items]
    warning = next(w for w in sketch.warnings if w.startswith("abridged"))
    if missing:
        assert f"{len(missing)} item(s)" in warning
        assert f"+{len(missing)} items" in _shown(sketch).replace("\n", "")


def test_emphasised_items_and_first_takeaways_come_first(theme, sixty) -> None:
    sketch = build(sixty, theme)
    text = _shown(sketch)
    shown = {c.label for c in sketch.containers if c.kind == "item"}
    assert {i.title for i in sixty.all_items if i.emphasis} <= shown
    firsts = [i.takeaways[0].text for i in sixty.all_items if i.title in shown and i.takeaways]
    seconds = [i.takeaways[1].text for i in sixty.all_items if i.title in shown and len(i.takeaways) > 1]
    first_words = [t.split()[0] for t in firsts]
    assert all(w in text for w in first_words)
    if any(t.split()[-1] in text for t in seconds):  # a second takeaway shown: every shown item has its first
        assert all(t.split()[-1] in text for t in firsts)


def test_the_ranking_puts_key_and_emphasised_pieces_first_then_first_takeaways() -> None:
    from decks.plan.sketch import specs_for

    data = recap(6, "en", "medium")
    specs = specs_for(data, load_theme(None), None)
    ranked = ranking(specs, {i for i, s in enumerate(specs) if s.emphasis})
    key = len(specs) - 1
    assert ranked[:2] == [(key, -1), (key, 0)]
    firsts = [p for p in ranked if p[1] <= 0]
    assert ranked[: len(firsts)] == firsts, "every card and first takeaway before any second takeaway"
    kept = keep(specs, ranked[:4])
    assert kept[0].day_label, "the day's label moves to its first card kept"


def test_no_abridge_refuses_as_before(theme, sixty) -> None:
    with pytest.raises(OutputError) as info:
        sketch_plan(sixty, theme, no_abridge=True)
    assert "does not fit" in str(info.value) and "--no-abridge" in str(info.value)


def test_without_a_source_the_event_link_is_scanned(theme) -> None:
    data = content(60, "en", "medium", url=False)
    data["event"]["url"] = "https://example.com/event"
    sketch = build(Recap.model_validate(data), theme)
    footer = next(c for c in sketch.containers if c.kind == "footer")
    assert any(
        isinstance(p, Link) and p.url == "https://example.com/event" and footer.rect.contains(p.rect, 0.5)
        for p in sketch.primitives
    )


@pytest.fixture(scope="module")
def huge() -> Recap:
    return recap(10_000, "en", "medium")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_ten_thousand_items_are_abridged_without_hanging(theme, huge, layout) -> None:
    # A guard against a hang (about 2 s of CPU here), not a speed figure: speed is measured in bench/.
    start = time.process_time()  # CPU time: the suite may share the machine with other work
    sketch = build(huge, theme, layout=layout)
    assert 10 <= len([c for c in sketch.containers if c.kind == "item"]) < 200
    with pytest.raises(OutputError):
        build(huge, theme, layout=layout, abridge=False)
    assert time.process_time() - start <= 15.0


def test_the_command_abridges_with_one_warning_and_refuses_with_no_abridge(tmp_path, capsys) -> None:
    import yaml

    from decks.cli.main import main

    path = tmp_path / "sixty.yaml"
    path.write_text(yaml.safe_dump(content(60, "en", "medium"), allow_unicode=True), encoding="utf-8")
    assert main(["svg", str(path), "-o", str(tmp_path / "a.svg")]) == 0
    err = capsys.readouterr().err
    assert err.count("warning: abridged") == 1
    assert main(["svg", str(path), "-o", str(tmp_path / "b.svg"), "--no-abridge"]) == 3
    assert "does not fit" in capsys.readouterr().err and not (tmp_path / "b.svg").exists()


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 2000),
    st.lists(st.floats(0.0, 3.0), min_size=1, max_size=40),
    st.floats(0.01, 40.0),
    st.floats(0.0, 0.9),
)
def test_the_most_pieces_that_fit_are_found_from_below_in_few_tries(
    cap: int, steps: list[float], scale: float, fixed: float
) -> None:
    # A made-up need that grows with the pieces: a fixed share (banner and footer) and steps of any size at
    # random counts (cards filling columns). The search finds the largest count that fits, as a scan would, in a
    # number of tries logarithmic in the cap, and never lays out past twice what fits while nothing is over.
    at = sorted({1 + int(s / 3.0 * (cap - 1)) for s in steps})
    rise = [x * scale / len(at) for x in steps[: len(at)]]

    def grows(n: int) -> float:
        return fixed + sum(r for a, r in zip(at, rise, strict=True) if a <= n)

    tried: list[int] = []

    def need(n: int) -> float:
        assert 1 <= n <= cap and n not in tried
        tried.append(n)
        return grows(n)

    expected = max((n for n in range(1, cap + 1) if grows(n) <= 1.0), default=None)
    assert most_fitting(cap, need) == expected
    assert len(tried) <= 3 * cap.bit_length() + 4
    assert max(tried) <= max(2 * (expected or 0), 16)


# The density rule (abridge.Ladder): a page too dense to letter at the theme's body size leaves out sub-points,
# then trailing takeaways, then captions, so its key points read as handwriting (issue 24).


@pytest.fixture(scope="module")
def example() -> Recap:
    from decks.readers.content import load_content
    from tests.conftest import EXAMPLE_EN

    return load_content(EXAMPLE_EN)


def _squashed(sketch) -> str:
    return "".join("".join(r.text.split()) for r in sketch.runs())


def _said(warnings, what: str) -> int:
    """The count a warning gives of `what` ("takeaway", "sub-point", "item"), 0 when it names none."""
    import re

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
    from decks.plan.sketch.abridge import Ladder, lightest

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
    from decks.plan.sketch.abridge import Ladder

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
    import re

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
