"""The sketchnote layout: one page, every container inside the margin and apart, text inside its container."""

from __future__ import annotations

import sys

import pytest

from decks.errors import OutputError
from decks.layout.sketch import build
from decks.layout.sketch.primitives import Sketch, TextRun
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH, FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_dense import write_dense

LAYOUTS = ("modular", "path")


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


@pytest.fixture(scope="module")
def dense(tmp_path_factory: pytest.TempPathFactory):
    return load_content(write_dense(tmp_path_factory.mktemp("dense"), 24))


def check_geometry(sketch: Sketch) -> None:
    inner = sketch.inner
    conts = sketch.containers
    for c in conts:
        assert inner.contains(c.rect, 0.01), f"{c.kind} '{c.label}' crosses the page margin"
    framed = [c for c in conts if c.kind in ("item", "key", "banner", "footer")]
    for i, a in enumerate(framed):
        for b in framed[i + 1 :]:
            assert not a.rect.overlaps(b.rect), f"'{a.label}' overlaps '{b.label}'"
    for run in sketch.runs():
        box = _run_box(run)
        assert inner.contains(box, 0.5), f"text {run.text!r} crosses the page margin"
        assert any(c.rect.contains(box, 1.0) for c in conts), f"text {run.text!r} is outside every container"


def _run_box(run: TextRun):
    from decks.layout.sketch.primitives import Rect

    # The glyphs' visible part: cap height above, descenders below (the win metrics overstate both).
    return Rect(run.x, run.y - 0.8 * run.size, run.width, 0.8 * run.size + min(run.descent, 0.3 * run.size))


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("example", [EXAMPLE_EN, EXAMPLE_ZH], ids=["en", "zh"])
def test_examples_fit_tidily_in_every_layout(example, layout, theme) -> None:
    recap = load_content(example)
    sketch = build(recap, theme, layout=layout)
    assert sketch.body_size >= theme.sizes.sketch.floor
    check_geometry(sketch)
    items = [c for c in sketch.containers if c.kind == "item"]
    assert [c.label for c in items] == [i.title for i in recap.all_items]
    days = [c for c in sketch.containers if c.kind == "day"]
    assert len(days) == len(recap.all_parts), "each day is labelled"
    assert {c.part for c in items} == set(range(len(recap.all_parts)))


def test_dense_content_fits_in_modular(dense, theme) -> None:
    sketch = build(dense, theme, layout="modular")
    check_geometry(sketch)
    assert len([c for c in sketch.containers if c.kind == "item"]) == 24


def test_path_layout_on_dense_content_fits_or_says_why(dense, theme) -> None:
    try:
        check_geometry(build(dense, theme, layout="path"))
    except OutputError as exc:
        assert "% of the page at the 7 pt floor" in str(exc)


def test_too_much_content_says_by_how_much_and_what_to_do(tmp_path, theme) -> None:
    recap = load_content(write_dense(tmp_path, 40, takeaways=4))
    with pytest.raises(OutputError) as info:
        build(recap, theme)
    message = str(info.value)
    assert "needs 1" in message and "% of the page at the 7 pt floor" in message
    assert "--paper a3" in message and "--max-takeaways" in message


def test_a3_and_portrait_and_letter_pages(theme) -> None:
    recap = load_content(EXAMPLE_EN)
    a3 = build(recap, theme, paper="a3")
    assert (round(a3.width), round(a3.height)) == (1191, 842)
    portrait = build(recap, theme, paper="letter", orientation="portrait")
    assert (portrait.width, portrait.height) == (612, 792)
    check_geometry(portrait)
    assert a3.body_size >= build(recap, theme).body_size


def test_max_takeaways_is_reported(theme) -> None:
    sketch = build(load_content(EXAMPLE_EN), theme, max_takeaways=1)
    assert any("--max-takeaways 1" in w and "TensorFlow Lite" in w for w in sketch.warnings)


def test_same_layout_every_time(theme) -> None:
    recap = load_content(EXAMPLE_EN)
    assert build(recap, theme).primitives == build(recap, theme).primitives


def test_unknown_layout_in_theme_falls_back_with_a_warning(theme) -> None:
    odd = theme.model_copy(update={"sketch": theme.sketch.model_copy(update={"layout": "radial"})})
    sketch = build(load_content(EXAMPLE_EN), odd)
    assert sketch.layout == "modular" and any("radial" in w for w in sketch.warnings)
