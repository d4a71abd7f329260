"""The sketch's banner, cloud and card titles break as a designer breaks a heading (decks.text.headings): at
phrase boundaries, never with a last line of one word or one CJK character when another break into as many lines
fits, never after a leading `--`."""

from __future__ import annotations

import itertools
import re
import sys

import budoux
import pytest

from decks.model import Recap
from decks.plan.sketch import build, specs_for
from decks.plan.sketch.cards import plan_card
from decks.plan.sketch.chrome import plan_chrome
from decks.plan.sketch.style import Style
from decks.text.breaking import is_wide
from decks.text.fitting import WIDTH_SAFETY
from decks.themes.loader import load_theme
from tests.conftest import FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_contents import TITLES, recap

THEME = load_theme(None)


PARSERS = {"ja": budoux.load_default_japanese_parser(), "zh": budoux.load_default_simplified_chinese_parser()}


def _units(text: str, language: str) -> list[str]:
    """Where a heading's line may end, independently of the code under test: after a space, and between BudouX's
    phrases in a run of Chinese or Japanese."""
    out: list[str] = []
    for token in re.findall(r"\S+\s*", text):
        if language in PARSERS and any(map(is_wide, token)):
            out += PARSERS[language].parse(token)
        else:
            out.append(token)
    return out


def _lone(line: str) -> bool:
    line = line.strip()
    return (len(line) == 1 and is_wide(line)) or (not any(map(is_wide, line)) and " " not in line)


def _another_fits(text: str, language: str, count: int, width, limit: float) -> bool:
    """Whether some break of `text` into `count` lines, each at most `limit` wide, has a last line that is not
    one word or one CJK character (brute force over the break positions)."""
    units = _units(text, language)
    for cuts in itertools.combinations(range(1, len(units)), count - 1):
        bounds = [0, *cuts, len(units)]
        lines = ["".join(units[a:b]).strip() for a, b in itertools.pairwise(bounds)]
        if all(width(line) <= limit for line in lines) and not _lone(lines[-1]):
            return True
    return False


@pytest.mark.parametrize("language", ["en", "zh", "ja", "ko"])
@pytest.mark.parametrize("scale", [1.0, 1.6])
def test_no_card_title_ends_in_a_lone_word_or_character_where_another_break_fits(language, scale) -> None:
    style = Style.make(THEME, scale, language=language)
    data = Recap.model_validate({"title": "T", "language": language, "items": [{"title": t} for t in TITLES[language]]})
    checked = 0
    for spec in specs_for(data, THEME, None):
        for width in (style.body * 12, style.body * 16, style.body * 22):
            plan = plan_card(spec, width, style)
            title = [line for line in plan.lines if line.block == 0]
            if len(title) < 2:
                continue
            head = title[0].size
            limit = (width - 2 * style.pad - 2.35 * head) * WIDTH_SAFETY  # beside the icon, as the card sets it
            lines = [line.text for line in title]
            if _lone(lines[-1]):
                assert not _another_fits(
                    spec.title, language, len(lines), lambda s, z=head: style.bold.width(s, z), limit
                ), lines
            checked += 1
    assert checked >= 5


@pytest.mark.parametrize(
    ("title", "language", "expected"),
    [
        ("Kotlin 2.0 リリース", "ja", ["Kotlin 2.0", "リリース"]),
        ("参加レポート：機械学習サミット", "ja", ["参加レポート：", "機械学習サミット"]),
    ],
)
def test_a_card_title_breaks_at_its_phrases(title, language, expected) -> None:
    style = Style.make(THEME, 1.0, language=language)
    data = Recap.model_validate({"title": "T", "language": language, "items": [{"title": title}]})
    spec = specs_for(data, THEME, None)[0]
    head = style.heading
    width = style.bold.width(max(expected, key=lambda s, z=head: style.bold.width(s, z)), head)
    card = width / WIDTH_SAFETY + 2 * style.pad + 2.35 * head + 2  # room beside the icon for the widest phrase
    plan = plan_card(spec, card, style)
    assert [line.text for line in plan.lines if line.block == 0] == expected


def test_a_flag_in_a_title_is_never_broken_after_its_dashes() -> None:
    data = Recap.model_validate(
        {"title": "T", "items": [{"title": "CPython built with --enable-experimental-jit runs faster"}]}
    )
    style = Style.make(THEME, 1.0)
    spec = specs_for(data, THEME, None)[0]
    for width in range(130, 400, 10):
        lines = [line.text for line in plan_card(spec, width, style).lines if line.block == 0]
        assert not any(line.rstrip().endswith("--") for line in lines), (width, lines)


@pytest.mark.parametrize("language", ["en", "zh", "ja", "ko"])
@pytest.mark.parametrize("width", [300.0, 420.0, 560.0, 800.0])
def test_no_banner_line_ends_in_a_lone_word_or_character_where_another_break_fits(language, width) -> None:
    data = recap(5, language)
    style = Style.make(THEME, 1.6, language=language)
    chrome = plan_chrome(data, style, width)
    title = chrome.title_size
    limit = (width - 2 * title * 0.9) * WIDTH_SAFETY
    if chrome.column:  # the small lines in a column beside the title, a gap between them
        limit -= (chrome.column + title * 0.6) * WIDTH_SAFETY
    for lines, face, size in ((chrome.big, style.bold, title), (chrome.small, style.hand, chrome.small_size)):
        if len(lines) > 1 and _lone(lines[-1]):
            text = " ".join(lines) if lines is chrome.big else None
            if text is not None:
                assert not _another_fits(
                    data.event_name, language, len(lines), lambda s, f=face, z=size: f.width(s, z), limit
                ), lines
        for line in lines:
            assert not (len(line.strip()) == 1 and is_wide(line.strip())), lines


def test_the_japanese_banner_keeps_a_word_whole_where_the_engine_cut_it() -> None:
    # At this width the engine's own breaks ended a line with "レポー" and started the next with "ト".
    sketch = build(recap(3, "ja", "sparse"), THEME, layout="vertical")
    text = [r.text for r in sketch.runs()]
    assert not any(t.endswith("レポー") for t in text) and not any(t.startswith("ト") for t in text)


def test_a_kanji_and_the_hiragana_after_it_stay_on_one_line_of_a_card_title() -> None:
    # On this page the title エッジ向けハードウェア was cut after 向 (エッジ向 / けハードウェア): 向け is one word.
    sketch = build(recap(5, "ja", "medium"), THEME, layout="popcorn")
    lines = [r.text for r in sketch.runs() if "ハードウェア" in r.text or r.text.startswith("エッジ")]
    assert lines == ["エッジ向け", "ハードウェア"]
