"""Validation errors become located problems: known keys by walking the model, hints by error type."""

from __future__ import annotations

import pytest

from decks.model import Recap
from decks.model.typed import ValidationError
from decks.readers.validation import _field_names, problems_from_validation
from decks.readers.yamlpos import parse


def located_problems(text: str) -> list[str]:
    located = parse(text, "f.yaml")
    with pytest.raises(ValidationError) as info:
        Recap.model_validate(located.data)
    return [str(p) for p in problems_from_validation(info.value, Recap, located, "f.yaml")]


def test_field_names_walk_through_lists_and_optionals() -> None:
    assert "summary" in _field_names(Recap, ("items", 0))
    assert "points" in _field_names(Recap, ("parts", 1, "items", 0, "takeaways", 2))
    assert "handle" in _field_names(Recap, ("presenter", "handles", 0))
    assert _field_names(Recap, ("title",)) == []
    assert _field_names(Recap, ("no_such_field", 0)) == []


def test_an_unknown_key_is_placed_at_the_key_not_the_value() -> None:
    assert located_problems("title: X\nitems:\n  - title: Y\n    linkz:\n      - url: https://a.b\n") == [
        "f.yaml:4:5: items[0].linkz: unknown key 'linkz'; did you mean 'links'?"
    ]


def test_problems_come_in_file_order() -> None:
    found = located_problems(
        "title: X\nitems:\n  - title: Y\n    emphasis: 3\n  - {title: Z, tags: 4}\nlanguage: [a]\n"
    )
    lines = [int(p.split(":")[1]) for p in found]
    assert lines == sorted(lines) and len(found) == 3


def test_a_model_validator_message_is_split_into_what_and_what_to_do() -> None:
    (problem,) = located_problems(
        "title: X\nevent: {name: E, start: 2019-03-07, end: 2019-03-01}\nitems: [{title: Y}]\n"
    )
    assert problem == "f.yaml:2:8: event: the event ends before it starts; swap start and end"


def test_a_blank_title_asks_for_text() -> None:
    (problem,) = located_problems('title: "  "\nitems: [{title: Y}]\n')
    assert problem.startswith("f.yaml:1:8: title: ")
    assert problem.endswith("; write some text, or remove the key")


def test_an_unknown_link_kind_lists_the_allowed_values() -> None:
    (problem,) = located_problems(
        "title: X\nresources:\n  - {url: 'https://a.b', kind: podcast}\nitems: [{title: Y}]\n"
    )
    assert problem.startswith("f.yaml:3:32: resources[0].kind: ")
    assert "'video'" in problem and problem.endswith("; use one of the values listed")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: X\nitems:\n  - title: Y\n    takeaways: [123]\n",
            "f.yaml:4:17: items[0].takeaways[0]: a takeaway is text, or text: with points:, not a number; "
            "write the takeaway as text (in quotes if it looks like a number), or as text: with points:",
        ),
        (
            "title: X\nitems:\n  - title: Y\n    links: [https://a.b]\n",
            "f.yaml:4:13: items[0].links[0]: this should be keys and values, not text; write it as url: https://a.b",
        ),
        (
            "title: X\nevent: Summit\nitems: [{title: Y}]\n",
            "f.yaml:2:8: event: this should be keys and values, not text; write it as name: Summit",
        ),
        (
            "title: X\nitems:\n  - Y\n",
            "f.yaml:3:5: items[0]: this should be keys and values, not text; write it as title: Y",
        ),
        (
            "title: X\npresenter: [a]\nitems: [{title: Y}]\n",
            "f.yaml:2:12: presenter: this should be keys and values, not a list; write keys such as name:, role:, "
            "handles:",
        ),
    ],
)
def test_a_value_that_should_be_keys_says_so_plainly_naming_the_right_key(text: str, expected: str) -> None:
    found = located_problems(text)
    assert found == [expected]
    assert "dictionary" not in found[0] and "instance of" not in found[0]
