"""Inline markup: the spans a renderer draws and the plain words everything else reads."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.model.inline import Span, Style, code_span, escape, has_markup, plain, spans

B, IT, C, P = Style.BOLD, Style.ITALIC, Style.CODE, Style.PLAIN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a **bold** b", [("a ", P), ("bold", B), (" b", P)]),
        ("__bold__", [("bold", B)]),
        ("_it_ and *it*", [("it", IT), (" and ", P), ("it", IT)]),
        ("***both***", [("both", B | IT)]),
        ("**bold _and it_**", [("bold ", B), ("and it", B | IT)]),
        ("run `pip install -U --pre tf` now", [("run ", P), ("pip install -U --pre tf", C), (" now", P)]),
        ("`` a ` b ``", [("a ` b", C)]),
        ("`**not bold**`", [("**not bold**", C)]),
        ("**重要**です", [("重要", B), ("です", P)]),
    ],
)
def test_marks_become_styled_spans(text: str, expected: list[tuple[str, Style]]) -> None:
    assert spans(text) == tuple(Span(t, s) for t, s in expected)


@pytest.mark.parametrize(
    "text",
    ["snake_case_name", "pl.scan_parquet", "5 * 3 * 2", "**kwargs", "x `unclosed", "a__b__c", "** x **", "中_文_字"],
)
def test_marks_without_a_partner_stay_text(text: str) -> None:
    assert plain(text) == text
    assert all(span.style == P for span in spans(text))


def test_a_backslash_makes_a_mark_a_character() -> None:
    assert plain(r"\*not\* \`code\` \_x\_ \\") == r"*not* `code` _x_ \ "[:-1]


def test_text_without_marks_is_one_plain_span() -> None:
    assert not has_markup("TensorFlow 2.0 Alpha")
    assert spans("TensorFlow 2.0 Alpha") == (Span("TensorFlow 2.0 Alpha", P),)
    assert spans("") == ()


@settings(max_examples=400, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=40) | st.text(st.sampled_from("ab *_`\\中 "), max_size=30))
def test_has_markup_is_true_exactly_when_a_mark_character_is_there(text: str) -> None:
    assert has_markup(text) == any(ch in "`*_\\" for ch in text)


@settings(max_examples=400, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=40) | st.text(st.sampled_from("ab *_`\\中 "), max_size=30))
def test_escaped_text_reads_back_as_itself(text: str) -> None:
    assert plain(escape(text)) == text
    assert spans(escape(text)) in ((), (Span(text, P),))


@settings(max_examples=400, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=40) | st.text(st.sampled_from("ab *_`\\中 "), max_size=30))
def test_spans_are_the_plain_words_with_no_empty_or_repeated_style(text: str) -> None:
    runs = spans(text)
    assert "".join(r.text for r in runs) == plain(text)
    assert all(r.text for r in runs)
    assert all(a.style != b.style for a, b in itertools.pairwise(runs))
    assert all(not (r.style & C and r.style & (B | IT)) for r in runs)


def test_a_field_of_nothing_but_marks_is_refused_with_what_to_do() -> None:
    from decks.model.content import check_text

    with pytest.raises(ValueError, match="only inline markup"):
        check_text("`` ``")
    assert check_text(r"\*") == r"\*"


@settings(max_examples=400, deadline=None)
@given(
    st.text(st.characters(codec="utf-8", exclude_characters="\n\r"), min_size=1, max_size=30)
    | st.text(st.sampled_from("` a*_"), min_size=1, max_size=12)
)
def test_a_code_span_reads_back_as_exactly_its_code(code: str) -> None:
    assert spans(code_span(code)) == (Span(code, C),)
