"""What `recap check` says about a value of the wrong kind: what was written and what it is not, in recap's words
(the validator's own messages keep pydantic's wording; none of it reaches the user)."""

from __future__ import annotations

from pathlib import Path

import pytest

from decks.errors import ContentError
from decks.readers.content import parse_content


@pytest.mark.parametrize(
    ("yaml_text", "said"),
    [
        ("items:\n  - title: A\n    emphasis: maybe\n", "items[0].emphasis: 'maybe' is not true or false"),
        ("items:\n  - title: A\n    takeaways: 5\n", "items[0].takeaways: 5 is not a list"),
        ("items:\n  - title: A\n    icon: 3\n", "items[0].icon: 3 is not text"),
        (
            "items:\n  - title: A\n    links: [{url: 'https://x.org', kind: vidoe}]\n",
            "items[0].links[0].kind: 'vidoe' is not one of 'video', 'docs', 'repo', 'slides', 'blog' or 'other'",
        ),
        (
            "event: {name: E, start: '2019-02-30'}\n",
            "event.start: '2019-02-30' is not a date (day is out of range for month)",
        ),
        ("event: {name: E, start: 2019/03/06}\n", "event.start: '2019/03/06' is not a date"),
    ],
)
def test_a_wrong_value_is_named_with_what_it_is_not(tmp_path: Path, yaml_text: str, said: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_content(f"title: T\n{yaml_text}".encode(), "c.yaml", tmp_path)
    messages = [f"{p.field}: {p.message}" for p in caught.value.problems]
    assert said in messages
    assert not any("Input should" in m or "valid boolean" in m for m in messages)


def test_a_misspelt_choice_gets_the_closest_allowed_value(tmp_path: Path) -> None:
    """The allowed values come from the validator's error context, as values: the closest one is offered."""
    text = "title: T\nitems:\n  - title: A\n    links: [{url: 'https://x.org', kind: vidoe}]\n"
    with pytest.raises(ContentError) as caught:
        parse_content(text.encode(), "c.yaml", tmp_path)
    (problem,) = caught.value.problems
    assert problem.hint == "did you mean 'video'?"
