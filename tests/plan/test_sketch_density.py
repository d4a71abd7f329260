"""The sketchnote at any density: sparse pages fill (no empty region over 10% of the page; a page of one item, over
12%, issue 24's figure), the cloud's lettering never breaks inside a word, day tabs never clip, summaries and
intros appear when there is room."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.plan.sketch import build
from decks.plan.sketch.primitives import Rect, Sketch
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.budget import examples
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH, FIXTURES
from tests.plan.measures import clipped_tabs, largest_empty

sys.path.insert(0, str(FIXTURES))
from sketch_contents import content, recap

LAYOUTS = ("modular", "path", "radial")
# The largest empty region a page of one item may leave: its two cards, lettered at the type's ceiling, fill less of
# the page than any other count, and no card fills its room with a drawing that only covers area (issue 24), so
# their air is held to the figure rather than to the tenth the others keep.
ONE_ITEM = 0.12


def _most_empty(items: int) -> float:
    return ONE_ITEM if items == 1 else 0.10


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


def test_the_measure_finds_a_blank_page_and_a_full_one() -> None:
    blank = Sketch(800, 600, 20, "#FFFFFF", "modular", 10)
    share, rect = largest_empty(blank)
    assert share == pytest.approx(760 * 560 / (800 * 600), abs=0.01)
    from decks.plan.sketch.primitives import Box

    half = Sketch(800, 600, 20, "#FFFFFF", "modular", 10, primitives=(Box(Rect(20, 20, 380, 560), "#000000"),))
    share, rect = largest_empty(half)
    assert share == pytest.approx(380 * 560 / (800 * 600), abs=0.01) and rect.x >= 399


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("items", [1, 3, 8])
@pytest.mark.parametrize("language", ["en", "zh", "ja"])
def test_sparse_pages_leave_no_empty_region_over_a_tenth_of_the_page(theme, layout, items, language) -> None:
    for density in ("sparse", "medium"):
        sketch = build(recap(items, language, density), theme, layout=layout)
        share, rect = largest_empty(sketch)
        assert share <= _most_empty(items), f"{items} {language} {density}: {share:.1%} empty at {rect}"


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("example", [EXAMPLE_EN, EXAMPLE_ZH], ids=["en", "zh"])
def test_the_examples_leave_no_empty_region_over_a_tenth_of_the_page(theme, layout, example) -> None:
    share, rect = largest_empty(build(load_content(example), theme, layout=layout))
    assert share <= 0.10, f"{share:.1%} empty at {rect}"


def test_sparse_type_grows_but_stops_at_its_ceiling(theme) -> None:
    from decks.plan.sketch.style import CEILING

    sketch = build(recap(1, "en", "sparse"), theme)
    sizes = {round(r.size, 2) for r in sketch.runs()}
    assert sketch.body_size > theme.sizes.sketch.body * 1.5
    assert max(sizes) <= CEILING["banner"] + 1e-6 or any(r.text in "\uf135\uf005" for r in sketch.runs())


def test_summaries_and_day_intros_are_lettered_when_there_is_room(theme) -> None:
    data = recap(3, "en", "sparse")
    sketch = build(data, theme)
    text = " ".join(r.text for r in sketch.runs())
    for item in data.all_items:
        assert item.summary and item.summary.split()[0] in text
    captions = [c for c in sketch.containers if c.kind == "caption"]
    assert [c.label for c in captions] == [p.intro for p in data.all_parts]


@settings(max_examples=examples(8, deep=25), deadline=None)
@given(st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=14), st.integers(1, 4))
def test_the_hub_never_breaks_a_word_inside(theme, word, words) -> None:
    import unicodedata

    from hypothesis import assume

    from decks.text.breaking import is_wide

    assume(not any(map(is_wide, word)) and word.strip() == word)
    # Right-to-left letters are painted in visual order ('0𐠀' is drawn '𐠀0'); this guards breaking, not bidi.
    assume(not any(unicodedata.bidirectional(c) in ("R", "AL") for c in word))
    data = content(3, "en", "sparse")
    data["event"]["name"] = " ".join([word] * words)
    sketch = build(recap_from(data), theme, layout="radial")
    hub = next(c for c in sketch.containers if c.kind == "hub")
    inside = [r for r in sketch.runs() if hub.rect.contains(Rect(r.x, r.y - r.size * 0.8, r.width, r.size), 1)]
    name = word * words
    lines: dict[float, str] = {}
    for r in inside:  # the name's lines come first, then dates, place and presenter
        if sum(map(len, lines.values())) >= len(name):
            break
        lines[round(r.y, 1)] = lines.get(round(r.y, 1), "") + r.text.replace(" ", "")
    # Each line of the event's name is whole words: one or more copies of the word, nothing cut.
    assert "".join(lines[y] for y in sorted(lines)) == name
    for line in lines.values():
        assert line and len(line) % len(word) == 0 and line == word * (len(line) // len(word)), line


def recap_from(data: dict):
    from decks.model import Recap

    return Recap.model_validate(data)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_day_tab_wraps_a_long_title_and_never_clips_it(theme, layout) -> None:
    data = content(8, "en", "medium")
    data["parts"][0]["title"] = "tf.distribute strategies and the very long title of a whole day of talks"
    sketch = build(recap_from(data), theme, layout=layout)
    assert not clipped_tabs(sketch)
    tab = next(c for c in sketch.containers if c.kind == "day")
    assert sketch.inner.contains(tab.rect, 0.01)
    text = "".join(r.text for r in sketch.runs())
    assert "tf.distribute" in text


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("items", [3, 8])
def test_text_spread_in_a_tall_card_never_runs_into_its_qr_code(theme, layout, items) -> None:
    from decks.plan.sketch.primitives import Box

    sketch = build(recap(items, "en", "medium"), theme, layout=layout)
    codes = [p.rect for p in sketch.primitives if isinstance(p, Box) and p.fill == theme.palette.background]
    assert codes
    for run in sketch.runs():
        box = Rect(run.x, run.y - 0.8 * run.size, run.width, 0.8 * run.size + 0.2 * run.size)
        assert not any(code.overlaps(box) for code in codes), f"{run.text!r} runs into a QR code"


@pytest.mark.parametrize(("paper", "orientation"), [("a3", "landscape"), ("a4", "portrait"), ("letter", "landscape")])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_sparse_page_fills_any_paper_its_ceilings_grow_with_the_sheet(theme, paper, orientation, layout) -> None:
    # On a tall page a path of one or two items stops at one card a row (path.FEW): two side by side were each too
    # narrow for the type the page has room for (one item: 17.75 pt, 13% empty; two: 11.75 pt, 20% empty).
    for items in (1, 2, 3) if orientation == "portrait" else (1, 3):
        sketch = build(recap(items, "en", "sparse"), theme, layout=layout, paper=paper, orientation=orientation)
        share, rect = largest_empty(sketch)
        assert share <= _most_empty(items), f"{items} items on {paper} {orientation}: {share:.1%} empty at {rect}"


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("items", [24, 40])
def test_dense_pages_up_to_forty_items_leave_no_empty_region_over_a_tenth(theme, layout, items) -> None:
    share, rect = largest_empty(build(recap(items, "en", "medium"), theme, layout=layout))
    assert share <= 0.10, f"{share:.1%} empty at {rect}"


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("post", ["english.md", "chinese.md", "japanese_emoji.md"])
def test_imported_posts_leave_no_empty_region_over_a_tenth(theme, layout, post) -> None:
    import yaml

    from decks.readers.markdown.importer import import_markdown

    path = FIXTURES / "posts" / post
    result = import_markdown(path.read_text(encoding="utf-8"), source_name=post, base_dir=path.parent)
    share, rect = largest_empty(build(recap_from(yaml.safe_load(result.yaml_text)), theme, layout=layout))
    assert share <= 0.10, f"{share:.1%} empty at {rect}"


@pytest.mark.parametrize("items", [1, 2])
def test_a_radial_page_of_one_or_two_items_leaves_no_third_blank(theme, items) -> None:
    data = content(items, "en", "sparse")
    data.pop("key_takeaways")
    sketch = build(recap_from(data), theme, layout="radial")
    third = sketch.width / 3
    for n in range(3):
        band = Rect(third * n, sketch.inner.y, third, sketch.inner.h)
        held = [c.rect for c in sketch.containers if c.kind in ("item", "hub") and c.rect.overlaps(band)]
        assert any(min(r.right, band.right) - max(r.x, band.x) > third * 0.4 for r in held), f"third {n + 1} blank"
    share, rect = largest_empty(sketch)
    assert share <= 0.12, f"{share:.1%} empty at {rect}"


def test_type_grows_on_sparse_pages_to_at_least_1_6_times_a_dozen_items(theme) -> None:
    # Issue 24: the median body size of 2-item pages against 12-item pages, over layouts and languages.
    from statistics import median

    def body(items: int) -> float:
        density = "sparse" if items <= 3 else "medium"
        return median(
            build(recap(items, lang, density), theme, layout=layout).body_size
            for layout in LAYOUTS
            for lang in ("en", "zh", "ja")
        )

    assert body(2) >= 1.6 * body(12)


@pytest.mark.parametrize("items", [1, 2, 3, 5, 8])
@pytest.mark.parametrize("language", ["en", "zh", "ja"])
def test_a_portrait_page_of_a_few_items_is_vertical_and_fills(theme, items, language) -> None:
    sketch = build(recap(items, language, "sparse" if items <= 3 else "medium"), theme, orientation="portrait")
    assert sketch.layout == "vertical"
    share, rect = largest_empty(sketch)
    assert share <= 0.10, f"{share:.1%} empty at {rect}"
    cards = [c for c in sketch.containers if c.kind in ("item", "key")]
    for n, a in enumerate(cards):
        for b in cards[n + 1 :]:
            assert not a.rect.overlaps(b.rect)
        assert sketch.inner.contains(a.rect, 0.5)


def test_many_items_on_a_portrait_page_stay_modular_and_a_chosen_layout_is_kept(theme) -> None:
    assert build(recap(12, "en", "medium"), theme, orientation="portrait").layout == "modular"
    assert build(recap(3, "en", "sparse"), theme, orientation="portrait", layout="path").layout == "path"
    assert build(recap(3, "en", "sparse"), theme).layout == "modular"  # landscape: the theme's


@pytest.mark.parametrize("items", [1, 2, 3, 8, 12, 20])
def test_popcorn_scatters_cards_of_different_widths_without_a_grid(theme, items) -> None:
    sketch = build(recap(items, "en", "sparse" if items <= 3 else "medium"), theme, layout="popcorn")
    cards = [c.rect for c in sketch.containers if c.kind in ("item", "key")]
    assert items < 3 or len({round(r.w) for r in cards}) >= 2, "cards of more than one width"
    for n, a in enumerate(cards):
        for b in cards[n + 1 :]:
            assert not a.overlaps(b)
        assert sketch.inner.contains(a, 0.5)
    share, rect = largest_empty(sketch)
    assert share <= 0.10, f"{share:.1%} empty at {rect}"
