"""The content model: date formatting, the items shorthand, takeaways as strings, and its own rules."""

from __future__ import annotations

import datetime as dt

import pytest

from decks.model import Recap
from decks.model.content import Event, Link, LinkKind, Takeaway
from decks.model.typed import ValidationError


def recap(**fields: object) -> Recap:
    return Recap.model_validate({"title": "T", **fields})


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2019, 3, 6), dt.date(2019, 3, 7), "2019-03-06 – 07"),
        (dt.date(2019, 3, 30), dt.date(2019, 4, 2), "2019-03-30 – 2019-04-02"),
        (dt.date(2019, 12, 31), dt.date(2020, 1, 1), "2019-12-31 – 2020-01-01"),
        (dt.date(2019, 3, 6), dt.date(2019, 3, 6), "2019-03-06"),
        (dt.date(2019, 3, 6), None, "2019-03-06"),
        (None, dt.date(2019, 3, 7), "2019-03-07"),
        (None, None, ""),
    ],
)
def test_event_dates_read_as_one_short_string(start: dt.date | None, end: dt.date | None, expected: str) -> None:
    assert Event(name="E", start=start, end=end).dates == expected


def test_an_event_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValidationError, match="ends before it starts"):
        Event(name="E", start=dt.date(2019, 3, 7), end=dt.date(2019, 3, 6))


def test_event_place_joins_what_is_given() -> None:
    assert Event(name="E", venue="Hall", city="Sunnyvale").place == "Hall, Sunnyvale"
    assert Event(name="E", city="Sunnyvale").place == "Sunnyvale"
    assert Event(name="E").place == ""


def test_items_shorthand_is_one_part_named_after_the_event() -> None:
    r = recap(event={"name": "Summit"}, items=[{"title": "A"}, {"title": "B"}])
    (part,) = r.all_parts
    assert part.title == "Summit"
    assert [i.title for i in part.items] == ["A", "B"]
    assert [i.title for i in r.all_items] == ["A", "B"]


def test_items_shorthand_without_event_uses_the_recap_title() -> None:
    r = recap(items=[{"title": "A"}])
    assert r.all_parts[0].title == "T"
    assert r.event_name == "T"


def test_all_parts_skips_parts_without_items() -> None:
    r = recap(parts=[{"title": "Day 0"}, {"title": "Day 1", "items": [{"title": "A"}]}])
    assert [p.title for p in r.all_parts] == ["Day 1"]


def test_parts_and_items_together_are_refused() -> None:
    with pytest.raises(ValidationError, match="use either parts"):
        recap(items=[{"title": "A"}], parts=[{"title": "D", "items": [{"title": "B"}]}])


def test_a_recap_needs_an_item() -> None:
    with pytest.raises(ValidationError, match="at least one item"):
        recap(parts=[{"title": "Day 0"}])


def test_a_takeaway_may_be_a_plain_string_or_text_with_points() -> None:
    r = recap(
        items=[{"title": "A", "takeaways": ["plain", {"text": "with points", "points": ["p1", "p2"]}]}],
        key_takeaways=["overall"],
    )
    assert r.all_items[0].takeaways == [Takeaway(text="plain"), Takeaway(text="with points", points=["p1", "p2"])]
    assert r.key_takeaways[0].text == "overall"


def test_text_is_stripped_and_blank_text_refused() -> None:
    assert recap(title="  Padded  ", items=[{"title": "A"}]).title == "Padded"
    with pytest.raises(ValidationError):
        recap(items=[{"title": "   "}])


def test_unknown_fields_are_refused_and_the_model_is_frozen() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        recap(items=[{"title": "A", "colour": "red"}])
    r = recap(items=[{"title": "A"}])
    with pytest.raises(AttributeError):  # dataclasses.FrozenInstanceError
        r.title = "changed"  # type: ignore[misc]


def test_only_schema_version_1_is_read() -> None:
    assert recap(schema_version=1, items=[{"title": "A"}]).schema_version == 1
    with pytest.raises(ValidationError, match="set schema_version: 1"):
        recap(schema_version=2, items=[{"title": "A"}])


@pytest.mark.parametrize("url", ["https://a.b/c", "http://a.b", "mailto:me@a.b", "HTTPS://A.B"])
def test_links_accept_full_addresses(url: str) -> None:
    assert Link(url=url).url == url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("www.a.b", "add https:// in front: https://www.a.b"),
        ("ftp://a.b", "'ftp:' links are not allowed"),
        ("https://a b", "spaces"),
    ],
)
def test_links_refuse_partial_addresses_and_spaces(url: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Link(url=url)


def test_a_link_shows_its_label_or_its_kind() -> None:
    assert Link(url="https://a.b", label="Docs").text == "Docs"
    assert Link(url="https://a.b", kind=LinkKind.video).text == "video"
    assert Link(url="https://a.b").kind is LinkKind.other
