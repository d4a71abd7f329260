"""The sketchnote letters the content's inline markup: bold in the hand face's bold, code in the monospace face
(and broken by its widths), italic slanted; text without markup is lettered as it was."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from decks.model import Recap, Takeaway
from decks.model.chars import FORBIDDEN
from decks.model.inline import Style as Inline
from decks.plan import icons, sketch_plan
from decks.plan.sketch.cards import CardSpec, _flow, marked, plan_card
from decks.plan.sketch.primitives import TextRun
from decks.plan.sketch.style import SLANT, Style
from decks.plan.stacks import code_face
from decks.text.fitting import WIDTH_SAFETY
from decks.text.runs import CODE_SCALE, StyledText, styles_of
from decks.text.shaping import base_rtl, has_rtl, visual
from decks.themes.loader import load_theme
from tests.budget import examples

THEME = load_theme(None)
STYLE = Style.make(THEME, 1.0)


def _recap(takeaway: str, title: str = "An item", language: str = "en") -> Recap:
    return Recap.model_validate(
        {"title": "A recap", "language": language, "items": [{"title": title, "takeaways": [takeaway]}]}
    )


def _runs(recap: Recap) -> list[TextRun]:
    return sketch_plan(recap, THEME).runs()


def test_a_bold_takeaway_is_lettered_in_the_bold_hand_file() -> None:
    runs = _runs(_recap("**Keras** is the default"))
    bold = STYLE.bold.primary.path
    keras = [r for r in runs if r.text.strip() == "Keras"]
    assert keras and all(r.font == bold for r in keras)
    rest = [r for r in runs if "is the default" in r.text]
    assert rest and all(r.font == STYLE.hand.primary.path for r in rest)


def test_a_code_run_is_lettered_in_the_monospace_face_at_its_widths() -> None:
    runs = _runs(_recap("Run `pip install` today"))
    mono = code_face(False)
    code = [r for r in runs if r.font == mono.path]
    assert "".join(r.text for r in code) == "pip install"
    words = next(r for r in runs if r.text.strip() == "Run")
    for r in code:
        assert abs(r.width - mono.width(r.text, r.size)) < 1e-6
        assert abs(r.size - words.size * CODE_SCALE) < 1e-9 and r.y == words.y  # smaller, on the same baseline
    # The run after the code starts where the code's monospace advances end.
    after = next(r for r in runs if r.text.strip() == "today")
    end = code[-1].x + code[-1].width
    assert after.x >= end - 1e-6 and after.x - end < after.size  # only the space between


def test_a_code_line_that_fits_in_the_hand_face_but_not_in_mono_breaks_differently() -> None:
    text = "iiii iiii iiii iiii"  # narrow in the hand, 0.6 em a letter in mono
    size = 10.0
    hand = STYLE.hand.width(text, size)
    mono = code_face(False).width(text, size)
    width = (hand + mono) / 2 / 0.97  # the flow keeps a safety margin (WIDTH_SAFETY)
    assert hand < width * 0.97 < mono
    plain_lines, _ = _flow(text, STYLE.hand, size, 0.0, 0.0, width, [], 12.0)
    styled = StyledText(STYLE.hand_faces, ((0, len(text), int(Inline.CODE)),))
    code_lines, _ = _flow(text, STYLE.hand, size, 0.0, 0.0, width, [], 12.0, styled=styled)
    assert [line[2] for line in plain_lines] == [text]
    assert len(code_lines) > 1
    assert " ".join(line[2] for line in code_lines) == text
    for _, _, line, styles in code_lines:
        assert styles == ((0, len(line), int(Inline.CODE)),)
        assert code_face(False).width(line, size) <= width * 0.97 + 1e-6


def test_a_card_with_code_takes_the_lines_its_monospace_widths_need() -> None:
    text = "iiii iiii iiii iiii iiii iiii iiii iiii"
    takeaway = Takeaway(text=text)
    flat = CardSpec("a", "Title", (takeaway,), icons.get("lightbulb"), 0)
    code = CardSpec("a", "Title", (takeaway,), icons.get("lightbulb"), 0, styles=marked(f"`{text}`"))
    lines = {
        name: [line for line in plan_card(spec, STYLE.body * 14, STYLE).lines if line.block == 1]
        for name, spec in (("flat", flat), ("code", code))
    }
    assert len(lines["code"]) > len(lines["flat"])
    assert all(line.styles for line in lines["code"]) and not any(line.styles for line in lines["flat"])


def test_italic_runs_are_slanted_and_keep_their_advances() -> None:
    runs = _runs(_recap("a _leaning phrase_ here"))
    leaning = [r for r in runs if r.slant]
    assert "".join(r.text for r in leaning).strip() == "leaning phrase"
    assert all(r.slant == SLANT for r in leaning)
    for r in leaning:
        assert abs(r.width - STYLE.hand.width(r.text, r.size)) < 1e-6
    assert not any(r.slant for r in runs if r.text.strip() in ("a", "here"))


def test_a_cjk_card_title_keeps_its_code_through_the_heading_breaker() -> None:
    cases = (
        (
            "zh",
            "使用 `tf.function` 加速**模型训练**的方法和经验",
            "tf.function",
            "使用tf.function加速模型训练的方法和经验",
        ),
        (
            "ja",
            "`pip install` で**最新版**を入れる方法について",
            "pipinstall",
            "pipinstallで最新版を入れる方法について",
        ),
    )
    for language, title, code, words in cases:
        runs = [r for r in sketch_plan(_recap("t", title, language), THEME).runs() if r.size > STYLE.body]
        mono = "".join(r.text for r in runs if r.font == code_face(True).path)
        assert mono.replace(" ", "") == code, language
        drawn = "".join(r.text for r in runs).replace(" ", "")
        assert words in drawn, (language, drawn)


def test_marked_gives_plain_words_with_their_stretches() -> None:
    assert marked("plain", "a **b** `c`") == (("a b c", ((2, 3, int(Inline.BOLD)), (4, 5, int(Inline.CODE)))),)


def test_text_without_markup_is_lettered_as_before() -> None:
    plain = _recap("Keras is the default")
    assert not any(r.slant for r in _runs(plain))
    assert {r.font for r in _runs(plain)} <= {STYLE.hand.primary.path, STYLE.bold.primary.path} | {
        f.path for f in (*STYLE.hand.faces, *STYLE.bold.faces)
    }


def test_italic_chinese_and_japanese_stay_upright_as_in_the_deck() -> None:
    runs = _runs(_recap("GIL なしで _実際に fast_ 動く", language="ja"))
    assert not any(r.slant for r in runs if "実際に" in r.text)
    assert any(r.slant == SLANT for r in runs if r.text.strip() == "fast")


TEXT_CHARS = st.characters(codec="utf-8").filter(lambda c: not FORBIDDEN.match(c))


@settings(max_examples=examples(20, deep=60), deadline=None)
@given(
    st.lists(st.tuples(st.text(TEXT_CHARS, min_size=1, max_size=10), st.sampled_from([0, 1, 2, 3, 4])), max_size=30),
    st.floats(40, 300),
)
def test_styled_lines_hold_every_word_and_none_is_wider_than_its_room(pieces, width) -> None:
    text = "".join(t + " " for t, _ in pieces).strip()
    assume(text)
    styles = tuple((a, b, s) for a, b, s in styles_of(tuple((t + " ", s) for t, s in pieces)) if b <= len(text))
    styled = StyledText(STYLE.hand_faces, styles)
    lines, _ = _flow(text, STYLE.hand, 10.0, 0.0, 0.0, width, [], 12.0, styled=styled)
    assert "".join("".join(line[2].split()) for line in lines) == "".join(text.split())
    room = max(20.0, width * WIDTH_SAFETY)
    for _, _, line, mine in lines:
        # Right-to-left text (any in the full range) drawn in visual order, in the paragraph's direction.
        drawn = STYLE.styled_runs(line, mine, STYLE.hand, 0.0, 0.0, 10.0, "#000000", base_rtl(text))
        right = max((r.x + r.width for r in drawn), default=0.0)
        assert right <= room + 1e-6, (line, mine, right, room)


def test_bold_in_a_face_without_a_bold_cut_is_emboldened_and_a_bold_face_is_not() -> None:
    runs = _runs(_recap("ビルドすると**並列実行**が可能 and **fast**", language="ja"))
    heavy = [r for r in runs if r.embolden]
    assert "".join(r.text for r in heavy) == "並列実行"  # the theme's bold stack draws kana in Klee Regular
    assert all(r.embolden > 0 and abs(r.width - STYLE.hand.width(r.text, r.size)) < 1e-6 for r in heavy)
    fast = [r for r in runs if r.text.strip() == "fast"]
    assert fast and not any(r.embolden for r in fast) and all(r.font == STYLE.bold.primary.path for r in fast)
    titled = _runs(_recap("t", title="**並列実行**の話", language="ja"))
    assert not any(r.embolden for r in titled)  # a title is lettered in the bold stack already


def test_an_arabic_takeaway_keeps_its_bold_and_code_runs_in_visual_order() -> None:
    runs = _runs(_recap("ثبتوا **الحزمة** عبر `pip install` اليوم", language="ar"))
    mono = [r for r in runs if r.font == code_face(False).path]
    assert "".join(r.text for r in mono) == "pip install"  # left to right inside, as code reads
    bold = [r for r in runs if r.text == visual("الحزمة")]
    plain = [r for r in runs if r.text in (visual("ثبتوا"), visual("عبر"), visual("اليوم"))]
    assert len(bold) == 1 and len(plain) == 3
    # In the bold face, or emboldened where the bold stack has no Arabic bold cut.
    assert all((r.font, r.embolden) != (bold[0].font, bold[0].embolden) for r in plain)
    line = sorted((r for r in runs if abs(r.y - mono[0].y) < 1e-6), key=lambda r: r.x)
    assert "".join(r.text for r in line).replace(" ", "") == visual("ثبتوا الحزمة عبر pip install اليوم").replace(
        " ", ""
    )
    # The line is set flush right, its bold word on the right of the code (it comes first, read right to left).
    assert min(r.x for r in bold) > max(r.x + r.width for r in mono)


def test_a_right_to_left_line_that_opens_with_code_keeps_the_code_on_its_right() -> None:
    line = "pip install اليوم"
    drawn = STYLE.styled_runs(line, ((0, 11, int(Inline.CODE)),), STYLE.hand, 0.0, 0.0, 10.0, "#000000", True)
    code = next(r for r in drawn if r.font == code_face(False).path)
    assert all(r.x < code.x for r in drawn if r is not code)
    # A line of a left-to-right paragraph with the same words keeps the code first.
    drawn = STYLE.styled_runs(line, ((0, 11, int(Inline.CODE)),), STYLE.hand, 0.0, 0.0, 10.0, "#000000", False)
    assert drawn[0].font == code_face(False).path and drawn[0].x == 0.0


def test_italic_hebrew_is_slanted_in_place() -> None:
    runs = _runs(_recap("הגרסה _הניסיונית_ זמינה", language="he"))
    leaning = [r for r in runs if r.slant]
    assert "".join(r.text for r in leaning).strip() == visual("הניסיונית")
    upright = [r for r in runs if not r.slant and r.text.strip() in (visual("הגרסה"), visual("זמינה"))]
    assert len(upright) == 2
    left, right = sorted(upright, key=lambda r: r.x)
    assert left.x < leaning[0].x < right.x  # the middle word stays in the middle


RTL_CHARS = st.sampled_from("שלום עולם" + "مرحبا بكم" + "abc xyz" + "0123 ,.-()")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.text(RTL_CHARS, min_size=1, max_size=10), st.sampled_from([0, 1, 2, 4])), max_size=20),
    st.floats(60, 300),
)
def test_styled_right_to_left_lines_draw_every_character_in_its_style_within_their_room(pieces, width) -> None:
    text = "".join(t + " " for t, _ in pieces).strip()
    assume(text and has_rtl(text))
    styles = tuple((a, b, s) for a, b, s in styles_of(tuple((t + " ", s) for t, s in pieces)) if b <= len(text))
    styled = StyledText(STYLE.hand_faces, styles)
    rtl = base_rtl(text)
    lines, _ = _flow(text, STYLE.hand, 10.0, 0.0, 0.0, width, [], 12.0, rtl, styled)
    mono = {f.path for f in STYLE.hand_faces.code.faces[:1]}
    for x, _, line, mine in lines:
        drawn = STYLE.styled_runs(line, mine, STYLE.hand, x, 0.0, 10.0, "#000000", rtl)
        assert sorted("".join(r.text for r in drawn).replace(" ", "")) == sorted(
            visual(line).replace(" ", "") if has_rtl(line) else line.replace(" ", "")
        )
        coded = "".join(text for a, b, s in mine if s & Inline.CODE for text in [line[a:b]]).replace(" ", "")
        assert (
            "".join(r.text for r in drawn if r.font in mono).replace(" ", "")
            == "".join(ch for ch in coded if STYLE.hand_faces.code.draws(ch).path in mono)
            or not coded
        )
        # Drawn from left to right without overlap, and never past the room's edges (1 % for joined forms).
        for a, b in pairwise(drawn):
            assert b.x >= a.x + a.width - 1e-6
        if drawn:
            assert drawn[0].x >= -width * 0.01 and drawn[-1].x + drawn[-1].width <= width * 1.01, (line, mine)
