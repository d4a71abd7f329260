"""Paragraphs before fitting (decks.plan.deck.fit.Src) and the fitter's memory of what it laid out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from decks.plan.deck.fit import Fitter, Src
from decks.plan.deck.plan import Run
from decks.plan.geometry import Rect
from decks.themes.loader import load_theme
from tests.budget import examples


def test_a_paragraphs_text_and_hash_follow_its_runs_through_replace() -> None:
    src = Src((Run("Hello "), Run("world", "accent2", "https://example.com")), bullet=True)
    assert src.text == "Hello world"
    other = replace(src, runs=(Run("Bye"),))
    assert other.text == "Bye"
    twin = Src((Run("Hello "), Run("world", "accent2", "https://example.com")), bullet=True)
    assert twin == src and hash(twin) == hash(src) and {src: 1}[twin] == 1
    assert replace(src, level=1) != src


def test_fitting_the_same_paragraphs_twice_gives_the_same_layout_and_a_new_box_is_fitted_anew() -> None:
    fitter = Fitter(load_theme(None), "en")
    srcs = [Src((Run("A takeaway that wraps over a few lines in a narrow box, " * 3),), bullet=True)]
    wide, narrow = Rect(0, 0, 800, 300), Rect(0, 0, 200, 300)
    first = fitter.fit(srcs, wide, 40)
    assert first is not None and fitter.fit(list(srcs), wide, 40) is first
    small = fitter.fit(srcs, narrow, 40)
    assert small is not None and small.size < first.size
    assert fitter.fit(srcs, Rect(0, 0, 30, 5), 40) is None


def test_a_list_taller_than_its_box_even_at_one_line_a_paragraph_is_refused_without_being_laid_out() -> None:
    fitter = Fitter(load_theme(None), "en")
    many = [Src((Run(f"Item {n}"),), bullet=True) for n in range(300)]
    assert fitter.fit(many, Rect(0, 0, 800, 300), 30) is None
    assert not fitter._layouts  # the bound refused it: not one size was tried
    few = many[:3]
    assert fitter.fit(few, Rect(0, 0, 800, 300), 30) is not None
    # At the bound's edge the search decides: the bound only refuses what cannot fit at any size.
    edge = int(300 / (fitter.leading * fitter.floor))
    assert fitter.fit(many[:edge], Rect(0, 0, 800, 300), 30) is not None or fitter._layouts


def test_a_box_set_again_on_another_slide_gets_the_paragraphs_set_the_first_time() -> None:
    fitter = Fitter(load_theme(None), "en")
    box = Rect(0, 0, 300, 60)

    def footer() -> list[Src]:  # every slide makes its footer anew
        return [Src((Run("TensorFlow Dev Summit 2019 · Sunnyvale, CA", "muted"),))]

    first = fitter.text_box("footer", footer(), box, 12)
    again = fitter.text_box("footer", footer(), box, 12)
    assert again.paras is first.paras
    fresh = Fitter(load_theme(None), "en").text_box("footer", footer(), box, 12)
    assert fresh.paras == first.paras
    wider = fitter.text_box("footer", footer(), Rect(0, 0, 600, 60), 12)
    assert wider.paras is not first.paras  # another width is set anew


def _title(runs: tuple[Run, ...]) -> Src:
    return Src(runs, "heading")


def test_a_title_with_markup_is_balanced_at_phrases_each_run_keeping_its_style() -> None:
    fitter = Fitter(load_theme(None), "en")
    box = Rect(0, 0, 560, 200)
    words = "Faster training with the new", "tf.distribute", "strategies for your multi GPU cluster"
    styled = _title((Run(words[0] + " "), Run(words[1], style=4), Run(" " + words[2])))
    engine = fitter.fit([styled], box, 40)
    assert engine is not None and len(engine.blocks[0].lines) >= 2
    got = fitter.balanced(styled, box, 40)
    assert "\n" in got.text and got.text.replace("\n", " ") == styled.text
    # The code is still one code run, the words around it plain.
    assert "".join(r.text for r in got.runs if r.style == 4).strip() == words[1]
    assert {r.style for r in got.runs} == {0, 4}
    # Laid out, it takes exactly its balanced lines (none is wider than the box in its runs' faces), at the size
    # the engine's breaks had, and its widest line is no wider than the engine's widest.
    lines = got.text.split("\n")
    laid = fitter.fit([got], box, 40)
    assert laid is not None and len(laid.blocks[0].lines) == len(lines) and laid.size >= engine.size
    assert fitter.laid([got], box.w, laid.size).width <= fitter.laid([styled], box.w, laid.size).width + 1e-6
    # The engine's last line is a short one; balanced lines are about equally wide.
    shortest = min(fitter.laid([_title((Run(line),))], 1e6, laid.size).width for line in lines)
    assert shortest > 0.5 * fitter.laid([got], box.w, laid.size).width


def test_a_title_with_a_link_is_left_to_the_engine() -> None:
    fitter = Fitter(load_theme(None), "en")
    box = Rect(0, 0, 300, 200)
    linked = _title((Run("Read the long announcement of the "), Run("new release", link="https://example.com")))
    assert fitter.balanced(linked, box, 40) == linked


@pytest.fixture(scope="module")
def fitters() -> list[Fitter]:
    # Latin stacks without an East Asian face, and with one (a Japanese talk: lines are joined across scripts).
    return [Fitter(load_theme(name), language) for name in ("default", "ink") for language in ("en", "ja")]


@settings(max_examples=examples(100, deep=300), deadline=None)
@given(
    st.text(st.characters(max_codepoint=0x7F), min_size=1, max_size=60),
    st.data(),
    st.sampled_from([7.0, 18.0, 31.5, 60.0]),
    st.sampled_from(["heading", "body"]),
)
def test_a_heading_line_measured_as_a_slice_is_as_wide_as_laid_out_alone(
    fitters: list[Fitter], text: str, data: st.DataObject, size: float, font: str
) -> None:
    # `balanced` measures many lines of one heading: read off the heading's measure, each must be as wide, to
    # the bit, as the line laid out on its own (which is what sets it).
    for fitter in fitters:
        src = Src((Run(text),), font)  # type: ignore[arg-type]
        measured = fitter._slices(src)
        assert measured is not None or "\n" in text
        a = data.draw(st.integers(0, len(text)))
        b = data.draw(st.integers(a, len(text)))
        line = text[a:b].rstrip()
        alone = fitter.laid([replace(src, runs=(Run(line),))], 1e6, size).width
        assert fitter.line_width(src, line, size, measured) == alone


def test_a_heading_that_cannot_be_read_as_slices_is_laid_out() -> None:
    fitter = Fitter(load_theme(None), "en")
    assert fitter._slices(Src((Run("Entwicklerkonferenz für alle"),), "heading")) is None  # not ASCII
    assert fitter._slices(Src((Run("bold", style=1),), "heading")) is None
    assert fitter._slices(Src((Run("small"),), scale=0.8)) is None
    src = Src((Run("Données ouvertes"),))
    assert fitter.line_width(src, "Données", 20.0) == fitter.laid([replace(src, runs=(Run("Données"),))], 1e6, 20).width
