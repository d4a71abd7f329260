"""Arabic and Hebrew lettered as Latin is: card titles in a bold face (the hand faces have neither script, so the
default theme names DejaVu Sans Bold for them), never the regular face the body text is drawn in."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from decks.model import Recap
from decks.plan.sketch import build
from decks.plan.sketch.primitives import TextRun
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
