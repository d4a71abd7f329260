"""A radial page of one item and no key takeaways (decks.plan.sketch.radial.LONE): when its card runs over the
page's height in a third-wide column, the column widens into the third no card stands in, so the type grows as on
any other layout instead of lettering a long card small beside a blank third; in Arabic as in English. A short
lone card stays as it was (its type reaches its size in a third of the page)."""

from __future__ import annotations

import pytest

from decks.model import Recap
from decks.plan.sketch import build
from decks.themes.loader import load_theme
from tests.plan.measures import largest_empty

THEME = load_theme(None)
WORDS = {
    "en": "Install the package with the package manager today and enjoy the great speed of training on the new "
    "accelerators with fewer lines of code",
    "ar": "ثبّتوا الحزمة عبر مدير الحزم اليوم واستمتعوا بالسرعة الكبيرة في التدريب على المسرعات الجديدة مع أسطر أقل "
    "من الشيفرة",
}


def _one_item(language: str, takeaways: int) -> Recap:
    words = WORDS[language].split()
    said = [" ".join(words[i % 7 : i % 7 + 12]) for i in range(takeaways)]
    item = {"title": " ".join(words[2:8]), "summary": " ".join(words[:10]), "takeaways": said}
    return Recap.model_validate({"title": " ".join(words[:4]), "language": language, "items": [item]})


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_long_lone_card_widens_its_column_and_its_type_grows(language: str) -> None:
    content = _one_item(language, 9)
    radial = build(content, THEME, layout="radial")
    modular = build(content, THEME, layout="modular")
    # In a third of the page the card was lettered at about 0.6 of the size the modular page gives it.
    assert radial.body_size >= 0.8 * modular.body_size, (radial.body_size, modular.body_size)
    card = next(c.rect for c in radial.containers if c.kind == "item")
    hub = next(c.rect for c in radial.containers if c.kind == "hub")
    assert card.w > radial.inner.w / 3
    assert card.right <= hub.x or hub.right <= card.x  # side by side, the connector between them
    share, _ = largest_empty(radial)
    assert share <= 0.08, share  # no blank third


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_short_lone_card_keeps_its_third(language: str) -> None:
    radial = build(_one_item(language, 2), THEME, layout="radial")
    card = next(c.rect for c in radial.containers if c.kind == "item")
    assert card.w <= radial.inner.w / 3
