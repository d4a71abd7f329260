"""A card whose title reads right to left is laid out from the right, as a right-to-left deck's slides are
(decks.plan.deck.mirror): its icon, day tab and the start of its title at the right, what runs on after the
title (its underline, an emphasised title's pennant tail) out to the left, the QR code at the left, a figure's
ring at the right, a quote's tail and who said it at the right. A card with a left-to-right title is not."""

from __future__ import annotations

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.model import Recap
from decks.model.chars import FORBIDDEN
from decks.plan.sketch import specs_for
from decks.plan.sketch.cards import CardSpec, _marker, draw_card, plan_card
from decks.plan.sketch.cardshapes import POKE, icon_poke
from decks.plan.sketch.primitives import Path, TextRun
from decks.plan.sketch.style import Style
from decks.themes.loader import load_theme
from tests.budget import examples

THEME = load_theme(None)
WIDTH = 300.0

TITLES = {
    "he": ("השקת TensorFlow 2.0 החדשה עם ביצוע מיידי", "מאגרי נתונים", "ציטוט מהבמה"),
    "ar": ("إطلاق TensorFlow 2.0 الجديد مع التنفيذ الفوري", "مجموعات البيانات", "اقتباس من المسرح"),
    "en": ("TensorFlow 2.0 launches with eager execution", "Datasets", "A quote from the stage"),
}
WORDS = {
    "he": ("התקינו את החבילה עוד היום", "מאגרי נתונים מוכנים", "הפכו את הדברים הקלים לקלים", "רג'ט מונגה", "יום ראשון"),
    "ar": ("ثبتوا الحزمة اليوم", "مجموعات جاهزة للتحميل", "اجعلوا الأشياء السهلة سهلة", "راجات مونغا", "اليوم الأول"),
    "en": ("Install the package today", "datasets ready to load", "Make easy things easy", "Rajat Monga", "Day one"),
}


def _specs(language: str) -> list[CardSpec]:
    first, second, third = TITLES[language]
    takeaway, label, said, who, day = WORDS[language]
    video = {"url": "https://www.youtube.com/watch?v=abc123", "label": "v", "kind": "video"}
    items = [
        {"title": first, "emphasis": True, "takeaways": [takeaway], "links": [video]},
        {"title": second, "figure": {"value": "30+", "label": label}, "takeaways": [takeaway]},
        {"title": third, "quote": {"text": said, "by": who}, "takeaways": [takeaway]},
    ]
    data = Recap.model_validate({"title": "T", "language": language, "parts": [{"title": day, "items": items}]})
    return specs_for(data, THEME, None, qr="all")


def _leading(spec: CardSpec) -> CardSpec:
    """`spec` with its icon leading its title (in a ring), whatever head the page gave it."""
    return msgspec.structs.replace(spec, head="ring")


def _style(language: str) -> Style:
    return Style.make(THEME, 1.0, language=language)


@pytest.mark.parametrize("language", ["he", "ar"])
def test_a_right_to_left_cards_icon_title_and_underline_are_mirrored(language) -> None:
    style = _style(language)
    for spec in map(_leading, _specs(language)):
        plan = plan_card(spec, WIDTH, style)
        assert plan.mirror
        cx, _, d = plan.icon_circle
        # At the padding; an emphasised item's big doodle out over the frame, to the right.
        assert cx == pytest.approx(WIDTH - style.pad - d / 2 + icon_poke(spec, style, d)[0])
        title = [line for line in plan.lines if line.block == 0]
        ends = [line.x + style.bold.width(line.text, line.size) for line in title]
        # Every line of the title ends just before the icon; the underline runs from there out to the left.
        assert all(end <= cx - d / 2 + 0.5 for end in ends), ends
        assert max(ends) - min(ends) < 1.0 or len(title) > 1
        x0, x1, _ = plan.underline
        assert x1 == pytest.approx(max(ends), abs=0.5) and x0 < min(line.x for line in title)
        assert x0 >= style.pad - 1e-6


@pytest.mark.parametrize("language", ["he", "ar"])
def test_a_right_to_left_cards_code_ring_and_tail_sit_mirrored(language) -> None:
    style = _style(language)
    coded, counted, quoted = _specs(language)
    plan = plan_card(coded, WIDTH, style)
    assert plan.qr_at is not None and plan.qr_at[0] == pytest.approx(style.pad)
    plan = plan_card(counted, WIDTH, style)
    bx, _, rx, _ = plan.burst
    assert bx == pytest.approx(WIDTH - style.pad - rx)
    label = [line for line in plan.lines if line.block == 1 and line.text != "30+"]
    assert label and all(line.x + style.hand.width(line.text, line.size) <= bx - rx for line in label)
    plan = plan_card(quoted, WIDTH, style)
    prims, _ = draw_card(plan, 0.0, 0.0, plan.height, style)
    bubble = plan.bubble
    # The bubble: a filled, outlined shape (not the card's wash, which has no outline).
    tail = [p for p in prims if isinstance(p, Path) and p.closed and p.fill and p.stroke and len(p.points) > 12]
    tip = max((pt for p in tail for pt in p.points), key=lambda pt: pt[1])
    assert tip[1] > bubble.bottom and tip[0] > bubble.x + bubble.w / 2, (tip, bubble)
    who = [r for r in prims if isinstance(r, TextRun) and WORDS[language][3].split()[0][:2] in r.text]
    assert who or any(isinstance(r, TextRun) and r.y > bubble.bottom and r.x > WIDTH / 2 for r in prims)


@pytest.mark.parametrize("language", ["he", "ar"])
def test_a_right_to_left_cards_day_tab_and_pennant_sit_at_its_right(language) -> None:
    style = _style(language)
    spec = _specs(language)[0]
    assert spec.day_label and spec.emphasis
    plan = plan_card(spec, WIDTH, style)
    _, conts = draw_card(plan, 0.0, 0.0, plan.height, style)
    day = next(c for c in conts if c.kind == "day")
    assert day.rect.right == pytest.approx(WIDTH - style.pad * 0.6) and day.rect.x > WIDTH / 3
    # The pennant behind the title: its notched tail runs out to the left, into the card, not past its edge.
    tb = plan.title_box
    pennant = _marker(tb, spec.key, "#336699", style, False, WIDTH - style.pad * 0.5, style.pad * 0.5)
    hatch = [x for p in pennant if isinstance(p, Path) and p.width == 0.65 for x, _ in p.points]  # its shading
    assert min(hatch) < tb.x - style.heading * 0.5 and max(hatch) < tb.right + style.heading * 0.4
    assert min(hatch) >= style.pad * 0.5 - 1.5  # a pen's wobble at most past the bound


def test_a_left_to_right_card_is_not_mirrored() -> None:
    style = _style("en")
    for spec in map(_leading, _specs("en")):
        plan = plan_card(spec, WIDTH, style)
        assert not plan.mirror
        d = plan.icon_circle[2]
        assert plan.icon_circle[0] == pytest.approx(style.pad + d / 2 - icon_poke(spec, style, d)[0])
    plan = plan_card(_specs("en")[0], WIDTH, style)
    assert plan.qr_at is not None and plan.qr_at[0] > WIDTH / 2


@pytest.mark.parametrize("head", ["ring", "bare", "after", "band"])
def test_a_mirrored_card_is_the_left_to_right_one_reflected_where_their_texts_are_as_wide(head) -> None:
    # One-word titles of one width in both directions: the icon and the title's box reflect exactly. On a
    # left-to-right page, where each card takes its title's direction (a right-to-left page's are all mirrored).
    style = _style("en")
    ltr = Recap.model_validate({"title": "T", "items": [{"title": "אבג"}, {"title": "abc"}]})
    hebrew, latin = (msgspec.structs.replace(s, head=head) for s in specs_for(ltr, THEME, None)[:2])
    a, b = plan_card(hebrew, WIDTH, style), plan_card(latin, WIDTH, style)
    if head in ("after", "band"):  # the icon follows the title, at the same distance from its end either way
        assert a.icon_circle[0] < a.title_box.x and b.icon_circle[0] > b.title_box.right
        assert a.title_box.x - a.icon_circle[0] == pytest.approx(b.icon_circle[0] - b.title_box.right)
    else:
        assert a.icon_circle[0] == pytest.approx(WIDTH - b.icon_circle[0])
    assert a.title_box.right == pytest.approx(WIDTH - b.title_box.x)


RTL_TITLES = {
    "he": [
        "השקת TensorFlow 2.0 החדשה עם ביצוע מיידי כברירת מחדל",
        "מאגרי נתונים חדשים לכולם בשורה אחת",
        "הרצת מודלים על מיקרו בקרים קטנים מאוד",
        "כלים חדשים לפריסת מודלים בענן ובקצה",
    ],
    "ar": [
        "إطلاق TensorFlow 2.0 الجديد مع التنفيذ الفوري افتراضيا",
        "مجموعات بيانات جديدة للجميع في سطر واحد",
        "تشغيل النماذج على متحكمات دقيقة صغيرة جدا",
        "أدوات جديدة لنشر النماذج في السحابة والحافة",
    ],
}


def _balance_fits(words: list[str], count: int, width, limit: float) -> bool:
    """Whether some break of `words` into `count` lines, each at most `limit` wide, has a last line of more than
    one word (brute force over the break positions)."""
    import itertools

    for cuts in itertools.combinations(range(1, len(words)), count - 1):
        bounds = [0, *cuts, len(words)]
        lines = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
        if all(width(line) <= limit for line in lines) and " " in lines[-1]:
            return True
    return False


@pytest.mark.parametrize("language", ["he", "ar"])
def test_a_right_to_left_card_title_is_balanced_flush_right_before_its_icon(language) -> None:
    from decks.text.fitting import WIDTH_SAFETY

    style = _style(language)
    data = Recap.model_validate(
        {"title": "T", "language": language, "items": [{"title": t} for t in RTL_TITLES[language]]}
    )
    checked = 0
    for spec in specs_for(data, THEME, None)[: len(RTL_TITLES[language])]:
        for width in (style.body * 12, style.body * 16, style.body * 22):
            plan = plan_card(spec, width, style)
            title = [line for line in plan.lines if line.block == 0]
            if len(title) < 2:
                continue
            checked += 1
            head = title[0].size
            limit = (width - 2 * style.pad - 2.35 * head) * WIDTH_SAFETY  # beside the icon, as the card sets it
            lines = [line.text.strip() for line in title]
            if " " not in lines[-1]:  # a lone last word only where no other break into as many lines fits
                words = spec.title.split()
                assert not _balance_fits(words, len(lines), lambda s, z=head: style.bold.width(s, z), limit), lines
            # Every line flush right: against the icon beside it, or against the card's padding below it.
            ends = [line.x + style.bold.width(line.text, line.size) for line in title]
            edges = (plan.icon_circle[0] - plan.icon_circle[2] / 2 - 0.35 * head, width - style.pad)
            assert all(min(abs(end - e) for e in edges) < 0.5 for end in ends), (lines, ends, edges)
    assert checked >= 4


@pytest.mark.parametrize(
    ("title", "takeaway"),
    [
        ("שלום עולם", "Install the package today and try it out"),  # a mirrored card: the code at the left
        ("Hello world", "התקינו את החבילה עוד היום ונסו אותה"),  # a right-to-left takeaway's bullet at the right
        ("مرحبا بالعالم", "ثبتوا الحزمة اليوم وجربوها"),
    ],
)
def test_a_takeaways_bullet_keeps_clear_of_the_qr_code_on_either_side(title, takeaway) -> None:
    from decks.plan.sketch.cards import _module
    from decks.plan.sketch.style import QR_SIDE

    video = {"url": "https://www.youtube.com/watch?v=abc123", "label": "v", "kind": "video"}
    item = {"title": title, "takeaways": [{"text": takeaway, "points": [takeaway]}], "links": [video]}
    spec = specs_for(Recap.model_validate({"title": "T", "items": [item]}), THEME, None, qr="all")[0]
    style = _style("he")
    plan = plan_card(spec, WIDTH, style)
    qx, qy = plan.qr_at
    side = QR_SIDE + 4 * _module(spec.qr)
    beside = [(bx, by) for bx, by, _, _ in plan.bullets if qy - 2 <= by <= qy + side + 2]
    assert beside  # the takeaway and its point start beside the code
    for bx, _ in beside:
        assert not qx - 2 <= bx <= qx + side + 2, (bx, qx, side)


# Any character the model lets through, and right-to-left words, so titles of either direction come up.
_CHARS = st.characters(codec="utf-8").filter(lambda c: not FORBIDDEN.match(c) and not c.isspace())
_WORD = st.one_of(st.text(_CHARS, min_size=1, max_size=8), st.sampled_from(["שלום", "עולם", "مرحبا", "بالعالم"]))
_TEXT = st.lists(_WORD, min_size=1, max_size=10).map(" ".join)


@settings(max_examples=examples(15, deep=40), deadline=None)
@given(_TEXT, _TEXT, st.sampled_from([160.0, 240.0, 360.0]))
def test_every_line_and_mark_of_a_card_of_either_direction_stays_inside_it(title, takeaway, width) -> None:
    video = {"url": "https://www.youtube.com/watch?v=abc123", "label": "v", "kind": "video"}
    item = {"title": title, "emphasis": True, "takeaways": [takeaway], "links": [video]}
    spec = specs_for(Recap.model_validate({"title": "T", "items": [item]}), THEME, None, qr="all")[0]
    style = _style("he")
    plan = plan_card(spec, width, style)
    cx, _, d = plan.icon_circle
    # The icon inside the padding; an emphasised item's big doodle out over the frame by at most POKE of the gap.
    out = style.gap * POKE + 1e-6
    assert -out <= cx - d / 2 and cx + d / 2 <= width + out
    assert style.pad - 1e-6 <= cx - d / 2 or cx + d / 2 <= width - style.pad + 1e-6  # on one side only
    for line in plan.lines:
        if line.text.strip():
            assert line.x >= style.pad - 0.5, (line.text, line.x)
            assert line.x + style.width(line.text.rstrip(), line.stack, line.size) <= width - style.pad + 0.5
    x0, x1, _ = plan.underline
    assert style.pad - 1e-6 <= x0 <= x1 <= width - style.pad + 1e-6
    for bx, _, _, _ in plan.bullets:
        assert style.pad <= bx <= width - style.pad
