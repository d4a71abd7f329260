"""The deck plan's work stays bounded: huge paragraphs and unbroken words are laid out in near-linear time, the
size search ends, and odd type sizes never crash pagination."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from decks import plan
from decks.readers.content import parse_content
from decks.themes.loader import load_theme


def _recap(tmp_path: Path, yaml_text: str):
    return parse_content(yaml_text.encode("utf-8"), "c.yaml", tmp_path)


@pytest.mark.parametrize(
    "title",
    [
        "a" * 40_000,  # one unbroken word: broken inside, piece by piece
        " ".join(["abcdefghij"] * 4_000),  # many words: truncated by bisection, not letter by letter
    ],
)
def test_a_huge_title_is_cut_with_an_ellipsis_quickly(tmp_path: Path, title: str) -> None:
    recap = _recap(tmp_path, f"title: {title}\nitems:\n  - title: x\n")
    start = time.perf_counter()
    deck = plan.deck_plan(recap, load_theme(None))
    assert time.perf_counter() - start < 10
    shown = deck.slides[0].title.paras[-1].text
    assert shown.endswith("…") and len(shown) < 2_000


def test_a_huge_takeaway_is_paginated_in_linear_time(tmp_path: Path) -> None:
    words = " ".join(["word"] * 12_000)
    recap = _recap(tmp_path, f"title: T\nitems:\n  - title: x\n    takeaways:\n      - {words}\n")
    start = time.perf_counter()
    deck = plan.deck_plan(recap, load_theme(None))
    assert time.perf_counter() - start < 10
    body = [p.text for s in deck.slides if s.kind == "item" and s.body for p in s.body.paras]
    # Every word is on some slide, once: nothing lost or doubled at the cuts.
    assert "".join(body).replace("\u200b", "").replace(" ", "") == words.replace(" ", "")


def test_sub_points_only_pages_and_large_type_do_not_crash(tmp_path: Path) -> None:
    points = "\n".join(f"          - point {i} with several words in it" for i in range(32))
    head = "title: T\nitems:\n  - title: x\n    takeaways:\n      - text: one\n        points:\n"
    recap = _recap(tmp_path, head + points + "\n")
    theme = load_theme(None)
    big = replace(theme, sizes=replace(theme.sizes, slides=replace(theme.sizes.slides, body=40, floor=32)))
    deck = plan.deck_plan(recap, big)
    texts = "".join(p.text for s in deck.slides for b in s.texts for p in b.paras)
    assert "point 31" in texts.replace("\u200b", "")


def test_a_recap_with_more_items_than_any_deck_is_refused_at_once_and_check_says_so(tmp_path: Path) -> None:
    from decks.checks import check_all
    from decks.errors import OutputError
    from decks.plan import MAX_DECK_ITEMS

    items = "".join(f"  - title: Item {n}\n" for n in range(MAX_DECK_ITEMS + 1))
    recap = _recap(tmp_path, f"title: T\nitems:\n{items}")
    start = time.perf_counter()
    with pytest.raises(OutputError) as caught:
        plan.deck_plan(recap, load_theme(None))
    assert time.perf_counter() - start < 1
    assert "at most 1,000" in str(caught.value)
    report = check_all(recap, load_theme(None), tmp_path / "c.yaml")
    assert not report.problems and any("recap pptx, slides and html will refuse it" in w for w in report.warnings)


def test_a_long_list_of_short_lines_may_take_more_slides_than_one_paragraph() -> None:
    # The resources of a 1,000-item recap take some 400 columns: a list of many paragraphs is not refused.
    from decks.plan.deck.fit import Fitter, Src
    from decks.plan.deck.pages import MAX_PAGES, paginate
    from decks.plan.deck.plan import Run
    from decks.plan.geometry import Rect

    srcs = [Src((Run(f"link {n}"),), bullet=True) for n in range(3 * MAX_PAGES)]
    pages = paginate(Fitter(load_theme(None)), srcs, Rect(0, 0, 300, 30), 18)
    assert len(pages) > MAX_PAGES
    assert [s.text for page in pages for s in page] == [s.text for s in srcs]


def test_a_paragraph_longer_than_any_talk_is_refused_before_it_is_laid_out() -> None:
    from decks.errors import OutputError
    from decks.plan.deck.fit import Fitter, Src
    from decks.plan.deck.pages import MAX_PAGES, paginate
    from decks.plan.deck.plan import Run
    from decks.plan.geometry import Rect

    box = Rect(0, 0, 200, 60)
    fitter = Fitter(load_theme(None))
    one_page = len("".join(s.text for s in paginate(fitter, [Src((Run("word " * 400),))], box, 18)[0]))
    words = "word " * (one_page * 2 * MAX_PAGES // 5)  # twice as many pages as a paragraph may take
    start = time.perf_counter()
    with pytest.raises(OutputError) as caught:
        paginate(fitter, [Src((Run(words),))], box, 18)
    assert time.perf_counter() - start < 10
    assert f"one paragraph would need more than {MAX_PAGES} slides" in str(caught.value)
