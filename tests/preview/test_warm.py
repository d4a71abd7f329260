"""The warm planner gives exactly the deck plan `deck_plan` gives, after any sequence of edits."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace

import pytest

from decks.plan import deck_plan
from decks.preview.warm import WarmPlanner
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH


@pytest.mark.parametrize("example", [EXAMPLE_EN, EXAMPLE_ZH])
def test_each_build_equals_a_fresh_deck_plan(example) -> None:
    theme = load_theme(None)
    recap = load_content(example)
    warm = WarmPlanner()
    assert warm.deck(recap, theme) == deck_plan(recap, theme)
    # An edit to one item, then another, then back: each build equals a fresh plan of that version.
    part = recap.all_parts[1]
    for summary in ("A much longer summary " * 6, "Short", part.items[0].summary):
        items = [replace(part.items[0], summary=summary), *part.items[1:]]
        parts = list(recap.all_parts)
        parts[1] = replace(part, items=items)
        edited = replace(recap, parts=parts)
        assert warm.deck(edited, theme) == deck_plan(edited, theme)
    # A link changed in an item: its slides and the resources slides follow.
    link = replace(part.items[0].links[0], url="https://example.com/changed")
    items = [replace(part.items[0], links=[link, *part.items[0].links[1:]]), *part.items[1:]]
    parts = list(recap.all_parts)
    parts[1] = replace(part, items=items)
    edited = replace(recap, parts=parts)
    assert warm.deck(edited, theme) == deck_plan(edited, theme)
    other = load_theme("chalkboard")
    assert warm.deck(recap, other) == deck_plan(recap, other)


def test_a_warm_build_on_a_company_template_keeps_shapes_off_its_logo_as_deck_plan_does(tmp_path) -> None:
    from tests.plan import templates

    theme = load_theme(
        str(templates.theme_folder(tmp_path, templates.company(tmp_path / "company.pptx"), "  decorations: true\n"))
    )
    recap = load_content(EXAMPLE_EN)
    assert WarmPlanner().deck(recap, theme) == deck_plan(recap, theme)


def test_after_saves_read_item_by_item_each_build_equals_a_fresh_deck_plan_and_keeps_unchanged_slides(
    tmp_path,
) -> None:
    from decks.preview.reread import ContentReader

    shutil.copytree(EXAMPLE_EN.parent, tmp_path / "content")
    content = tmp_path / "content" / EXAMPLE_EN.name
    theme, reader, warm = load_theme(None), ContentReader(content), WarmPlanner()
    before = warm.deck(reader.read(), theme)
    text = content.read_text(encoding="utf-8")
    takeaway = "We had been testing the TensorFlow 2.0 preview and sending feedback"
    for edited in [takeaway + " for weeks", "Short", takeaway]:
        text = re.sub(r"(?m)^(          - )(We had been testing.*|Short)$", r"\g<1>" + edited, text, count=1)
        content.write_text(text, encoding="utf-8")
        recap = reader.read()
        assert reader.last == "item" and edited in text
        after = warm.deck(recap, theme)
        assert after == deck_plan(load_content(content), theme)
        # The slides of the items the save did not touch are the very objects of the last build.
        pairs = list(zip(before.slides, after.slides, strict=True))
        assert any(a != b for a, b in pairs)
        kept = [(a, b) for a, b in pairs if a == b and a.kind == "item"]
        assert kept and all(a is b for a, b in kept)
        before = after


def _save(content, text: str, old: str, new: str) -> str:
    edited = text.replace(old, new, 1)
    assert edited != text, old
    content.write_text(edited, encoding="utf-8")
    return edited


def test_a_save_to_one_item_plans_only_that_items_slides_and_the_deck_equals_a_cold_plan(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decks.plan.deck import planner
    from decks.preview.reread import ContentReader

    shutil.copytree(EXAMPLE_EN.parent, tmp_path / "content")
    content = tmp_path / "content" / EXAMPLE_EN.name
    theme, reader, warm = load_theme(None), ContentReader(content), WarmPlanner()
    warm.deck(reader.read(), theme)
    planned: list[str] = []  # the items whose slides, list size or slide count were worked out
    for name in ("item_slides", "_list_size", "_count_pages"):
        real = getattr(planner.Planner, name)

        def counting(self, item, *args, _real=real):
            planned.append(item.title)
            return _real(self, item, *args)

        monkeypatch.setattr(planner.Planner, name, counting)
    text = content.read_text(encoding="utf-8")
    takeaway = "We had been testing the TensorFlow 2.0 preview and sending feedback"
    # A longer list changes that item's list size (the deck's body size is from every item's: it must stay exact).
    current = takeaway
    for new in ("Short", takeaway + ", for weeks" * 12, takeaway):
        text, current = _save(content, text, current, new), new
        planned.clear()
        recap = reader.read()
        assert reader.last == "item"
        deck = warm.deck(recap, theme)
        edited = next(i.title for i in recap.all_items if any(t.text == new for t in i.takeaways))
        # The intro is set as an item's slides on each build (it is not kept); nothing else but the edited item.
        assert set(planned) <= {edited, "Introduction"} and edited in planned
        assert deck == deck_plan(load_content(content), theme)


def test_the_warm_caches_stay_bounded_over_many_saves(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from decks.plan.deck import reuse
    from decks.preview.page import LivePage
    from decks.preview.reread import ContentReader

    monkeypatch.setattr(reuse, "MORE_LAYOUTS", 50)
    shutil.copytree(EXAMPLE_EN.parent, tmp_path / "content")
    content = tmp_path / "content" / EXAMPLE_EN.name
    theme, reader, warm, page = load_theme(None), ContentReader(content), WarmPlanner(), LivePage()
    recap = reader.read()
    page.html(recap, theme, warm.deck(recap, theme), None)
    cache = warm._cache
    text = content.read_text(encoding="utf-8")
    takeaway = "We had been testing the TensorFlow 2.0 preview and sending feedback"
    held, peak, trimmed = [], 0, False
    for n in range(60):  # every save a text never seen before: new layouts, facts, slides and sections
        content.write_text(text.replace(takeaway, f"{takeaway} {n}" * (1 + n % 4), 1), encoding="utf-8")
        recap = reader.read()
        deck = warm.deck(recap, theme)
        page.html(recap, theme, deck, None)
        first = cache._first
        assert first and len(cache.layouts) <= first + 50 + 200  # 200: what one save may add past the bound
        trimmed = trimmed or len(cache.layouts) < peak
        peak = max(peak, len(cache.layouts))
        slides = len(deck.slides)
        kept = (cache._facts_now, cache._made, cache.froze, cache._reprs_now, warm._faced, warm._chars)
        assert len(warm._faced) == len(page._painted) == len(page._sections) == slides
        held.append([len(d) for d in kept])
    assert trimmed  # the layouts made since the first build were dropped at least once
    # What is kept is the latest deck's: as much after sixty saves as after ten.
    assert held[-1] == held[9], held
    assert deck == deck_plan(load_content(content), theme)
