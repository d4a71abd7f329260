"""The one text rule: what characters text may hold, and text that shows nothing counts as empty."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.errors import ContentError
from decks.model import Recap
from decks.model.chars import _FILLERS, _INVISIBLE_CATEGORIES, FORBIDDEN, char_problem, is_blank
from decks.model.typed import Model, ValidationError
from decks.readers.content import parse_content
from tests.budget import examples


@pytest.mark.parametrize(
    "ch",
    [
        "\x00",
        "\x01",
        "\x1b",
        "\x7f",
        "\x85",
        "\x9f",
        "\ud800",
        "\udfff",
        "\ufffe",
        "\uffff",
        "\ufdd0",
        "\U0001fffe",
        "\U0010ffff",
    ],
)
def test_controls_surrogates_and_noncharacters_are_refused_naming_the_code_point(ch: str) -> None:
    problem = char_problem(f"ab{ch}")
    assert problem is not None and f"U+{ord(ch):04X}" in problem and "at character 3" in problem


@pytest.mark.parametrize("text", ["tab\tand\nnew\r\nlines", "中文 😀 العربية", "\u200bzero width inside", "\u202eRTL"])
def test_ordinary_text_with_tabs_newlines_and_any_script_is_allowed(text: str) -> None:
    assert char_problem(text) is None


@pytest.mark.parametrize(
    "text",
    ["", " ", "\u200b", "\u200b\u200c\u200d\u2060\ufeff", "\u3164", "\u2800", "\ufe0f", "\u00a0\u3000", "\u2028"],
)
def test_text_of_only_invisible_characters_is_blank(text: str) -> None:
    assert is_blank(text)


@pytest.mark.parametrize("text", ["a", ".", "\u200ba", "😀", "中"])
def test_text_with_anything_visible_is_not_blank(text: str) -> None:
    assert not is_blank(text)


def test_a_title_of_only_zero_width_spaces_is_refused_as_empty() -> None:
    with pytest.raises(ValidationError) as info:
        Recap.model_validate({"title": "\u200b\u200b", "items": [{"title": "A"}]})
    (error,) = info.value.errors()
    assert error["loc"] == ("title",) and error["type"] == "string_blank"


def test_a_control_character_in_a_title_is_refused_at_its_line_with_what_to_do() -> None:
    raw = b'title: "Hello\\x1b[31m"\nitems:\n  - title: "A\\x85B"\n'
    with pytest.raises(ContentError) as info:
        parse_content(raw, "c.yaml", base_dir=Path("."))
    shown = [str(p) for p in info.value.problems]
    assert shown == [
        "c.yaml:1:8: title: the character U+001B (a control character, at character 6) is not allowed in text; "
        "remove it (text may not hold control characters, surrogates or noncharacters)",
        "c.yaml:3:12: items[0].title: the character U+0085 (a control character, at character 2) is not allowed in "
        "text; remove it (text may not hold control characters, surrogates or noncharacters)",
    ]


def test_a_nul_in_an_image_path_is_refused_not_passed_to_the_file_system() -> None:
    raw = b'title: T\nitems:\n  - title: A\n    image: {path: "a\\0.png", alt: x}\n'
    with pytest.raises(ContentError) as info:
        parse_content(raw, "c.yaml", base_dir=Path("."))
    assert any("U+0000" in str(p) for p in info.value.problems)


# -- every text field, over the full Unicode range (surrogates included) ----------------------------------------

any_text = st.text(st.characters(exclude_categories=()), max_size=12)
TEXT_FIELDS = 24


def _content(t: list[str]) -> dict[str, Any]:
    """A content file with every text field of the model filled from `t`."""
    return {
        "title": t[0],
        "language": t[1] or "en",
        "event": {"name": t[2], "tagline": t[3], "venue": t[4], "city": t[5], "hashtag": t[6]},
        "presenter": {"name": t[7], "role": t[8], "handles": [{"network": t[9], "handle": t[10]}]},
        "source": {"url": "https://example.com", "label": t[11]},
        "parts": [
            {
                "title": t[12],
                "intro": t[13],
                "items": [
                    {
                        "title": t[14],
                        "summary": t[15],
                        "takeaways": [t[16], {"text": t[17], "points": [t[18]]}],
                        "links": [{"url": "https://example.com/v", "label": t[19]}],
                        "icon": t[20],
                        "notes": t[21],
                        "tags": [t[22]],
                    }
                ],
            }
        ],
        "key_takeaways": [t[23]],
        "closing": t[0],
    }


def _strings(value: Any) -> list[str]:
    if isinstance(value, Model):
        return [s for name in type(value).model_fields for s in _strings(getattr(value, name))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


@settings(max_examples=examples(50, deep=150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(any_text, min_size=TEXT_FIELDS, max_size=TEXT_FIELDS))
def test_any_text_in_every_field_loads_clean_or_is_refused_at_its_line(texts: list[str]) -> None:
    raw = yaml.safe_dump(_content(texts), allow_unicode=False).encode("ascii")
    try:
        recap = parse_content(raw, "c.yaml", base_dir=Path("."))
    except ContentError as exc:
        assert exc.problems and all(p.line is not None and p.message for p in exc.problems), exc.problems
        return
    for text in _strings(recap):
        assert FORBIDDEN.search(text) is None
        assert not is_blank(text)


# -- the fast paths give what the full rules give ------------------------------------------------------------------


def test_every_character_str_isprintable_accepts_is_one_text_may_hold() -> None:
    # char_problem passes text that str.isprintable accepts without searching it: sound only if no refused
    # character is printable, checked here over every code point of this Python's Unicode database.
    printable = "".join(ch for ch in map(chr, range(0x110000)) if ch.isprintable())
    assert FORBIDDEN.search(printable) is None


def _blank_by_the_full_rule(text: str) -> bool:
    return all(ch in _FILLERS or unicodedata.category(ch) in _INVISIBLE_CATEGORIES for ch in text)


@settings(max_examples=examples(150, deep=500), deadline=None)
@given(text=st.text(st.characters(exclude_categories=()), max_size=8) | st.from_regex(r"[ -~]\w*", fullmatch=True))
def test_char_problem_and_is_blank_agree_with_their_full_rules(text: str) -> None:
    found = FORBIDDEN.search(text)
    assert (char_problem(text) is None) == (found is None)
    assert is_blank(text) == _blank_by_the_full_rule(text)


def test_the_forbidden_pattern_is_compiled_once_on_first_use_and_other_names_stay_missing() -> None:
    from decks.model import chars

    assert chars.FORBIDDEN is chars.FORBIDDEN is FORBIDDEN
    with pytest.raises(AttributeError):
        chars.NOT_A_NAME  # noqa: B018
