"""Arabic and Hebrew lettered as Latin is: card titles in a bold face (the hand faces have neither script, so the
default theme names DejaVu Sans Bold for them), never the regular face the body text is drawn in; and every
paragraph of a right-to-left page read from the right, one that opens with a Latin name too."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from decks.model import Recap
from decks.plan.sketch import build, specs_for
from decks.plan.sketch.cards import draw_card, plan_card
from decks.plan.sketch.primitives import TextRun
from decks.plan.sketch.style import Style
from decks.text.shaping import has_rtl
from decks.themes.loader import load_theme

THEME = load_theme(None)

TITLES = {
    "ar": ("إطلاق النسخة الجديدة", "مجموعات البيانات", "الخصوصية أولا"),
    "he": ("השקת הגרסה החדשה", "מאגרי נתונים", "פרטיות קודם"),
}
BODY = {"ar": "ثبتوا الحزمة اليوم", "he": "התקינו את החבילה עוד היום"}


@cache
def _weight(font: Path) -> int:
    return TTFont(font, lazy=True)["OS/2"].usWeightClass


def _logical(drawn: str) -> str:
    """A run of right-to-left words as written: runs hold them joined (presentation forms) in drawing order."""
    return unicodedata.normalize("NFKC", drawn[::-1])


def _page(language: str) -> Recap:
    items = [{"title": t, "takeaways": [BODY[language]]} for t in TITLES[language]]
    return Recap.model_validate({"title": TITLES[language][0], "language": language, "items": items})


@pytest.mark.parametrize("language", ["ar", "he"])
def test_a_right_to_left_card_title_is_lettered_in_a_bold_face(language: str) -> None:
    sketch = build(_page(language), THEME, layout="modular")
    cards = [c for c in sketch.containers if c.kind == "item"]
    assert [c.label for c in cards] == list(TITLES[language])
    title_words = {w for t in TITLES[language] for w in t.split()}
    checked = 0
    for card in cards:
        runs = [
            p
            for p in sketch.primitives
            if isinstance(p, TextRun)
            and has_rtl(p.text)
            and card.rect.x <= p.x <= card.rect.right
            and card.rect.y <= p.y <= card.rect.bottom
        ]
        titles = [r for r in runs if set(_logical(r.text).split()) & title_words]
        bodies = [r for r in runs if r not in titles]
        assert titles and bodies, card.label
        for run in titles:
            assert _weight(run.font) >= 700 and run.embolden == 0, (run.text, run.font.name)
            checked += 1
        # The takeaways under it stay in the regular face: the title stands out from them.
        assert all(_weight(r.font) < 700 for r in bodies)
    assert checked >= len(cards)


LATIN_FIRST = {"ar": "TensorFlow 2.0 هو أسهل إصدار", "he": "TensorFlow 2.0 היא הגרסה הקלה ביותר"}


@pytest.mark.parametrize("language", ["ar", "he"])
def test_a_takeaway_that_opens_with_latin_reads_right_to_left_on_a_right_to_left_page(language: str) -> None:
    """The paragraph's direction is the page's: "TensorFlow 2.0 هو ..." in an Arabic recap is set from the right,
    its opening Latin words at the line's right end and its bullet at the right, like every other takeaway of
    the card; the same words in an English recap read from the left."""
    for page_language, rtl in ((language, True), ("en", False)):
        item = {"title": TITLES[language][0], "takeaways": [LATIN_FIRST[language], BODY[language]]}
        recap = Recap.model_validate({"title": "T", "language": page_language, "items": [item]})
        style = Style.make(THEME, 1.0, language=page_language)
        spec = specs_for(recap, THEME, None)[0]
        plan = plan_card(spec, 400.0, style)
        first = [line for line in plan.lines if line.block == 1]
        assert first and all(line.rtl == rtl for line in first)
        bullet_x = next(bx for bx, _, sub, block in plan.bullets if block == 1 and not sub)
        assert (bullet_x > max(line.x for line in first)) == rtl
        runs = draw_card(plan, 0.0, 0.0, plan.height, style)[0]
        line = [r for r in runs if isinstance(r, TextRun) and abs(r.y - first[0].baseline) < 2.0]
        latin = next(r for r in line if "TensorFlow" in r.text)
        other = next(r for r in line if has_rtl(r.text))
        assert (latin.x > other.x) == rtl, [(r.text, r.x) for r in line]


@pytest.mark.parametrize("width", [150.0, 170.0, 190.0, 210.0])
def test_code_broken_across_lines_of_a_right_to_left_takeaway_keeps_its_dashes(width: float) -> None:
    """The takeaway "נסו היום: `pip install -U --pre tensorflow`" in a narrow card: whichever line starts with
    "--pre" (or ends with "-U"), its dashes stay with their Latin neighbours, as in the paragraph as a whole; a line
    reordered alone put them at its far end ("pre tensorflow--")."""
    item = {"title": "התקנה", "takeaways": ["נסו היום: `pip install -U --pre tensorflow`"]}
    recap = Recap.model_validate({"title": "T", "language": "he", "items": [item]})
    style = Style.make(THEME, 1.0, language="he")
    plan = plan_card(specs_for(recap, THEME, None)[0], width, style)
    runs = [r for r in draw_card(plan, 0.0, 0.0, plan.height, style)[0] if isinstance(r, TextRun)]
    drawn = {}
    for r in sorted(runs, key=lambda r: r.x):
        drawn[round(r.y)] = drawn.get(round(r.y), "") + r.text
    code = [line for line in drawn.values() if "pre" in line or "install" in line]
    assert code, drawn
    for line in code:
        assert "--pre" in line or "pre" not in line, line
        assert not line.rstrip().endswith("--") and not line.lstrip().startswith("U-"), line
