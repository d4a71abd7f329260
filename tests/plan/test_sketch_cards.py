"""Cards of the sketch: text flowed into a card stops where no page could hold it, and is the same above."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from decks.model.chars import FORBIDDEN
from decks.plan.sketch.cards import _flow
from decks.plan.sketch.style import Style
from decks.themes.loader import load_theme
from tests.budget import examples

STYLE = Style.make(load_theme(None), 1.0)
# Any character the model lets through (control characters such as U+0085 are refused when content loads).
TEXT_CHARS = st.characters(codec="utf-8").filter(lambda c: not FORBIDDEN.match(c))


@settings(max_examples=examples(20, deep=60), deadline=None)
@given(
    st.lists(st.text(TEXT_CHARS, min_size=1, max_size=12), min_size=1, max_size=200),
    st.floats(20, 400),
)
def test_lines_above_the_limit_are_the_lines_of_the_whole_text(words, limit) -> None:
    text = " ".join(words)
    pitch = 12.0
    reserved = [(0.0, 30.0, 40.0, 0.0)]  # an icon beside the first lines, as on a card
    whole, _ = _flow(text, STYLE.hand, 10.0, 0.0, 0.0, 150.0, reserved, pitch)
    bounded, end = _flow(text, STYLE.hand, 10.0, 0.0, 0.0, 150.0, reserved, pitch, limit)
    assert bounded == whole[: len(bounded)]
    assert len(bounded) == len(whole) or end > limit


def test_a_megabyte_paragraph_costs_a_cards_worth_of_work() -> None:
    text = "word " * 200_000
    start = time.perf_counter()
    lines, end = _flow(text, STYLE.hand, 10.0, 0.0, 0.0, 150.0, [], 12.0, 2000.0)
    assert time.perf_counter() - start < 1.0
    assert 2000.0 < end < 2000.0 + 3 * 12.0 and lines[0][2].startswith("word word")


def test_a_right_to_left_takeaway_is_flush_right_beside_its_bullet_on_the_right(tmp_path) -> None:
    from decks.plan.sketch import build
    from decks.readers.content import parse_content

    hebrew_text = " ".join(["הגרסה החדשה מהירה פי שניים ותומכת בעברית מימין לשמאל"] * 3)
    english_text = " ".join(["The new release is twice as fast and reads right to left"] * 3)
    raw = f"title: T\nitems:\n  - title: x\n    takeaways:\n      - {hebrew_text}\n      - {english_text}\n"
    sketch = build(parse_content(raw.encode("utf-8"), "c.yaml", tmp_path), load_theme(None))
    lines: dict[float, list] = {}
    for run in sketch.runs():
        lines.setdefault(round(run.y, 1), []).append(run)
    spans = [
        (min(r.x for r in rs), max(r.x + r.width for r in rs), "".join(r.text for r in rs)) for rs in lines.values()
    ]
    hebrew = [(x0, x1) for x0, x1, text in spans if any("\u05d0" <= c <= "\u05ea" for c in text)]
    english = [(x0, x1) for x0, x1, text in spans if "fast" in text or "left" in text]
    assert len(hebrew) >= 2 and len(english) >= 2
    # The Hebrew lines end at one right edge (their starts differ); the English lines start at one left edge, each
    # but a little in from it as a hand writes (cards.INSET of the size at most), the Hebrew ones in from the right.
    from decks.plan.sketch.cards import INSET

    hand = INSET * sketch.body_size + 0.5
    assert max(x1 for _, x1 in hebrew) - min(x1 for _, x1 in hebrew) < hand, hebrew
    assert max(x0 for x0, _ in hebrew) - min(x0 for x0, _ in hebrew) > 5.0 + hand, hebrew
    assert max(x0 for x0, _ in english) - min(x0 for x0, _ in english) < hand, english


@settings(max_examples=examples(15, deep=60), deadline=None)
@given(
    st.text(st.characters(categories=("L",)), min_size=8, max_size=40).filter(lambda w: w.strip() == w),
    st.floats(90, 260),
    st.floats(0.7, 2.0),
)
def test_a_long_word_shrinks_a_card_title_but_never_to_the_body_size(word, width, k) -> None:
    # Banner, card titles and body are three levels of lettering (issue 24): a title whose word is too wide to
    # stand beside the icon is lettered smaller, but a level above the body still.
    from decks.plan import icons
    from decks.plan.sketch.cardplan import TITLE_OVER_BODY
    from decks.plan.sketch.cards import CardSpec, plan_card

    style = Style.make(load_theme(None), k)
    spec = CardSpec("t", f"{word} {word[: len(word) // 2]}", (), icons.get("lightbulb"), 0)
    plan = plan_card(spec, width, style)
    title = [line.size for line in plan.lines if line.block == 0]
    assert title and min(title) >= style.body * TITLE_OVER_BODY - 1e-9
