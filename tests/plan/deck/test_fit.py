"""Paragraphs before fitting (decks.plan.deck.fit.Src) and the fitter's memory of what it laid out."""

from __future__ import annotations

from dataclasses import replace

from decks.plan.deck.fit import Fitter, Src
from decks.plan.deck.plan import Run
from decks.plan.geometry import Rect
from decks.themes.loader import load_theme


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
