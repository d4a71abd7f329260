"""On a page that reads right to left the frame around the cards is mirrored as the cards are
(decks.plan.sketch.chrome): the banner's column of small lines left of the title, the footer's lines flush right,
the presenter's figure and the source's QR code at the left, and each line read from the right."""

from __future__ import annotations

import unicodedata

import pytest

from decks.model import Recap
from decks.plan.sketch.chrome import draw_banner, draw_footer, plan_chrome
from decks.plan.sketch.primitives import Link, Rect, TextRun
from decks.plan.sketch.style import Style
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN

THEME = load_theme(None)
PAGE = Rect(22, 22, 798, 551)

WORDS = {
    "ar": ("قمة المطورين", "ملخص اليوم", "ثبتوا الحزمة اليوم", "شكرا لكم ونلقاكم قريبا", "مدونة"),
    "he": ("כנס המפתחים", "סיכום היום", "התקינו את החבילה היום", "תודה ולהתראות בקרוב", "בלוג"),
}


def _recap(language: str) -> Recap:
    event, item, takeaway, closing, label = WORDS[language]
    return Recap.model_validate(
        {
            "title": event,
            "language": language,
            "event": {"name": event, "hashtag": "#DevSummit", "start": "2019-03-06"},
            "presenter": {"name": "Ada", "handles": [{"network": "twitter", "handle": "@ada"}]},
            "source": {"url": "https://example.org/post", "label": label},
            "closing": closing,
            "items": [{"title": f"{item} {n}", "takeaways": [takeaway]} for n in range(3)],
        }
    )


def _footer(language: str, page_language: str) -> tuple[list, list, Rect]:
    recap = _recap(language).model_copy(update={"language": page_language})
    style = Style.make(THEME, 1.0, language=page_language)
    chrome = plan_chrome(recap, style, PAGE.w, note_url=recap.source.url if recap.source else None)
    prims, boxes = draw_footer(recap, chrome, style, PAGE)
    return prims, boxes, PAGE


@pytest.mark.parametrize("language", ["ar", "he"])
def test_a_right_to_left_footer_is_the_left_to_right_one_mirrored(language: str) -> None:
    mid = PAGE.x + PAGE.w / 2
    for page_language, rtl in ((language, True), ("en", False)):
        prims, boxes, area = _footer(language, page_language)
        presenter = next(b.rect for b in boxes if b.kind == "presenter")
        code = next(p.rect for p in prims if isinstance(p, Link) and p.rect.w < 60)  # the QR code's link
        assert (presenter.x + presenter.w / 2 < mid) == rtl and (code.x + code.w / 2 < mid) == rtl
        # The QR code at the very end of the footer, the figure next to it.
        assert (code.right <= presenter.x + 1e-6) if rtl else (code.x >= presenter.right - 1e-6)
        lines: dict[float, list[TextRun]] = {}
        for p in prims:
            if isinstance(p, TextRun) and not presenter.contains(Rect(p.x, p.y, 0, 0)):
                lines.setdefault(round(p.y, 1), []).append(p)
        assert len(lines) >= 2  # the closing line and the footer's
        for runs in lines.values():
            start, end = min(r.x for r in runs), max(r.x + r.width for r in runs)
            if rtl:  # flush right, clear of the figure and the code at the left
                assert end == pytest.approx(area.right, abs=0.5) and start > presenter.right
            else:
                assert start == pytest.approx(area.x, abs=0.5) and end < presenter.x


def test_a_right_to_left_banner_puts_its_small_lines_left_of_the_title() -> None:
    # The example at scale 0.7 sets its dates, place and presenter in a column beside the title.
    recap = load_content(EXAMPLE_EN)
    centres = {}
    for language in ("en", "ar"):
        style = Style.make(THEME, 0.7, language=language)
        chrome = plan_chrome(recap, Style.make(THEME, 0.7), PAGE.w)
        assert chrome.column > 0
        prims, _ = draw_banner(recap, chrome, style, PAGE)
        runs = [p for p in prims if isinstance(p, TextRun)]
        title = [r for r in runs if r.size == chrome.title_size]
        small = [r for r in runs if r.size == chrome.small_size]
        centres[language] = (
            (min(r.x for r in title) + max(r.x + r.width for r in title)) / 2,
            (min(r.x for r in small) + max(r.x + r.width for r in small)) / 2,
        )
    (title_ltr, small_ltr), (title_rtl, small_rtl) = centres["en"], centres["ar"]
    assert title_ltr < small_ltr and small_rtl < title_rtl
    axis = 2 * PAGE.x + PAGE.w
    assert title_rtl == pytest.approx(axis - title_ltr, abs=2.0)
    assert small_rtl == pytest.approx(axis - small_ltr, abs=2.0)


@pytest.mark.parametrize("language", ["ar", "he"])
def test_a_footer_line_that_opens_with_latin_reads_from_the_right_on_a_right_to_left_page(language: str) -> None:
    """The line "Source: <a right-to-left label> — https://..." on a right-to-left page reads from the right, as the
    page does (not from the left, as its first letter would have it): the label right of the link; on a left-to-right
    page, left of it."""
    for page_language, rtl in ((language, True), ("en", False)):
        prims, _, _ = _footer(language, page_language)
        runs = [p for p in prims if isinstance(p, TextRun)]
        link = next(r for r in runs if "example.org" in r.text)
        word = WORDS[language][4]
        label = next(r for r in runs if word in unicodedata.normalize("NFKC", r.text[::-1]) and r.y == link.y)
        assert (label.x > link.x) == rtl, (label.text, link.text)
