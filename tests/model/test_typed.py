"""The typed frozen dataclasses: every error at once with its location, each type's coercions, validators,
defaults, immutability and dumps (their JSON Schema: tests/model/test_schema_writer.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.model import Recap
from decks.model.typed import After, Before, Constraints, Field, Model, ValidationError, check
from decks.themes.model import Theme
from tests.budget import examples

Text = Annotated[str, Constraints(strip=True, min_length=1)]


class Colour(StrEnum):
    """A colour."""

    red = "red"
    blue = "blue"


def _even(value: int) -> int:
    if value % 2:
        raise ValueError(f"{value} is odd; use an even number")
    return value


class Leaf(Model):
    """A leaf."""

    name: Text
    note: str | None = Field(None, description="Anything.")


class Node(Model):
    """A node with every kind of field."""

    title: Text = Field(description="What it is called.")
    count: int = 0
    even: Annotated[int, After(_even)] = 2
    weight: float = Field(1.0, gt=0, le=10)
    share: float = Field(0.5, ge=0)
    on: bool = False
    day: dt.date | None = None
    file: Path | None = None
    colour: Colour = Colour.red
    size: Literal["s", "m"] = "s"
    tags: list[Text] = Field(default_factory=list)
    leaves: list[Leaf] = Field(default_factory=list)
    first: Leaf | None = None
    shorthand: list[Annotated[Leaf, Before(lambda v: {"name": v} if isinstance(v, str) else v, {"type": "string"})]] = (
        Field(default_factory=list)
    )
    hidden: str | None = Field(None, exclude=True)

    @check
    def _not_both(self) -> None:
        if self.first and self.leaves:
            raise ValueError("first and leaves together; give one of them")


def errors(cls: type[Model], data: Any) -> list[tuple[tuple[str | int, ...], str, str]]:
    with pytest.raises(ValidationError) as info:
        cls.model_validate(data)
    return [(e["loc"], e["type"], e["msg"]) for e in info.value.errors()]


def kinds(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    return [(loc, kind) for loc, kind, _ in errors(Node, {"title": "T", **data})]


# -- all at once, located --------------------------------------------------------------------------------------


def test_every_error_in_the_input_is_reported_at_once_with_its_location() -> None:
    data = {
        "count": "3",
        "leaves": [{"name": "ok"}, {"nmae": "typo"}, "leaf"],
        "first": {"name": " ", "note": 5},
        "colour": "green",
        "extra": 1,
    }
    assert sorted(errors(Node, data)) == sorted(
        [
            (("title",), "missing", "Field required"),
            (("count",), "int_type", "Input should be a valid integer"),
            (("colour",), "enum", "Input should be 'red' or 'blue'"),
            (("leaves", 1, "name"), "missing", "Field required"),
            (("leaves", 1, "nmae"), "extra_forbidden", "Extra inputs are not permitted"),
            (("leaves", 2), "model_type", "Input should be a valid dictionary or instance of Leaf"),
            (("first", "name"), "string_too_short", "String should have at least 1 character"),
            (("first", "note"), "string_type", "Input should be a valid string"),
            (("extra",), "extra_forbidden", "Extra inputs are not permitted"),
        ]
    )


def test_the_error_carries_its_input_and_says_every_message() -> None:
    with pytest.raises(ValidationError) as info:
        Node.model_validate({"title": "T", "count": "3", "size": "xl"})
    (first, second) = info.value.errors()
    assert first == {"type": "int_type", "loc": ("count",), "msg": "Input should be a valid integer", "input": "3"}
    assert second["input"] == "xl"
    assert info.value.error_count() == 2
    text = str(info.value)
    assert text.startswith("2 validation errors for Node")
    assert "Input should be 's' or 'm'" in text


def test_the_root_must_be_a_mapping_with_text_keys() -> None:
    assert errors(Leaf, ["name"]) == [((), "model_type", "Input should be a valid dictionary or instance of Leaf")]
    assert errors(Leaf, {"name": "x", 3: "y", None: 1}) == [
        ((3,), "invalid_key", "Keys should be strings"),
        (("None",), "invalid_key", "Keys should be strings"),
    ]


# -- each type -------------------------------------------------------------------------------------------------


def test_text_is_stripped_and_must_not_be_blank() -> None:
    assert Node.model_validate({"title": "  T  "}).title == "T"
    assert kinds({"tags": ["a", "  ", 3]}) == [(("tags", 1), "string_too_short"), (("tags", 2), "string_type")]
    assert Leaf.model_validate({"name": "x", "note": "  kept  "}).note == "  kept  "  # plain str: not stripped


@pytest.mark.parametrize(("value", "expected"), [(3, 3), (-1, -1), (4.0, 4)])
def test_int_accepts_ints_and_whole_floats(value: Any, expected: int) -> None:
    count = Node.model_validate({"title": "T", "count": value}).count
    assert count == expected and type(count) is int


@pytest.mark.parametrize(
    ("value", "kind"), [(True, "int_type"), ("3", "int_type"), (None, "int_type"), (2.5, "int_from_float")]
)
def test_int_refuses_bools_text_and_fractions(value: Any, kind: str) -> None:
    assert kinds({"count": value}) == [(("count",), kind)]


def test_float_accepts_ints_and_keeps_its_bounds() -> None:
    node = Node.model_validate({"title": "T", "weight": 3, "share": 0})
    assert node.weight == 3.0 and type(node.weight) is float and node.share == 0.0
    assert kinds({"weight": True}) == [(("weight",), "float_type")]
    assert kinds({"weight": "3"}) == [(("weight",), "float_type")]
    assert kinds({"weight": 10**400}) == [(("weight",), "float_type")]
    assert errors(Node, {"title": "T", "weight": 0}) == [
        (("weight",), "greater_than", "Input should be greater than 0")
    ]
    assert errors(Node, {"title": "T", "weight": 11}) == [
        (("weight",), "less_than_equal", "Input should be less than or equal to 10")
    ]
    assert kinds({"share": -0.1}) == [(("share",), "greater_than_equal")]
    assert kinds({"weight": math.nan}) == [(("weight",), "greater_than")]


def test_bool_is_only_true_or_false() -> None:
    assert Node.model_validate({"title": "T", "on": True}).on is True
    message = "Input should be a valid boolean, unable to interpret input"
    assert errors(Node, {"title": "T", "on": "maybe"}) == [(("on",), "bool_parsing", message)]
    assert kinds({"on": 1}) == [(("on",), "bool_parsing")]
    assert kinds({"on": None}) == [(("on",), "bool_type")]


def test_dates_are_dates_midnights_or_iso_text() -> None:
    day = dt.date(2019, 3, 6)
    for value in (day, dt.datetime(2019, 3, 6), "2019-03-06"):
        assert Node.model_validate({"title": "T", "day": value}).day == day
    assert kinds({"day": dt.datetime(2019, 3, 6, 10, 30)}) == [(("day",), "date_from_datetime_inexact")]
    assert kinds({"day": 1552000000}) == [(("day",), "date_type")]
    assert kinds({"day": True}) == [(("day",), "date_type")]
    assert errors(Node, {"title": "T", "day": "March 5"}) == [
        (("day",), "date_parsing", "Input should be a valid date")
    ]
    ((_, _, message),) = errors(Node, {"title": "T", "day": "2019-02-30"})
    assert message == "Input should be a valid date, day is out of range for month"
    assert kinds({"day": "20190306"}) == [(("day",), "date_parsing")]  # fromisoformat would read it; we do not


def test_paths_come_from_text() -> None:
    assert Node.model_validate({"title": "T", "file": "a/b.png"}).file == Path("a/b.png")
    assert Node.model_validate({"title": "T", "file": Path("c")}).file == Path("c")
    assert errors(Node, {"title": "T", "file": 3}) == [(("file",), "path_type", "Input is not a valid path")]


def test_enums_and_literals_take_their_values_only() -> None:
    node = Node.model_validate({"title": "T", "colour": "blue", "size": "m"})
    assert node.colour is Colour.blue and node.size == "m"
    assert Node.model_validate({"title": "T", "colour": Colour.blue}).colour is Colour.blue
    assert kinds({"colour": None, "size": 1}) == [(("colour",), "enum"), (("size",), "literal_error")]


def test_optional_lists_and_nested_models() -> None:
    leaf = Leaf(name="x")
    node = Node.model_validate({"title": "T", "first": None, "leaves": ({"name": "a"}, leaf)})
    assert node.first is None
    assert node.leaves == [Leaf(name="a"), leaf] and node.leaves[1] is leaf  # an instance is taken as it is
    assert kinds({"leaves": "a"}) == [(("leaves",), "list_type")]
    assert kinds({"leaves": {"name": "a"}}) == [(("leaves",), "list_type")]


# -- validators ------------------------------------------------------------------------------------------------


def test_a_field_function_refuses_with_its_own_message() -> None:
    assert errors(Node, {"title": "T", "even": 3}) == [
        (("even",), "value_error", "Value error, 3 is odd; use an even number")
    ]
    assert kinds({"even": "3"}) == [(("even",), "int_type")]  # the function only sees typed values


def test_a_before_function_widens_what_is_accepted() -> None:
    node = Node.model_validate({"title": "T", "shorthand": ["a", {"name": "b"}]})
    assert [leaf.name for leaf in node.shorthand] == ["a", "b"]
    assert kinds({"shorthand": [""]}) == [(("shorthand", 0, "name"), "string_too_short")]


def test_a_model_check_runs_once_the_fields_are_valid_and_is_placed_at_the_model() -> None:
    data = {"title": "T", "first": {"name": "a"}, "leaves": [{"name": "b"}]}
    assert errors(Node, data) == [((), "value_error", "Value error, first and leaves together; give one of them")]
    assert kinds({**data, "count": "x"}) == [(("count",), "int_type")]  # no check on a half-valid model


def test_constructing_with_keywords_validates_too() -> None:
    assert Leaf(name=" a ").name == "a"
    with pytest.raises(ValidationError, match="Field required"):
        Leaf()
    with pytest.raises(ValidationError, match="give one of them"):
        Node(title="T", first=Leaf(name="a"), leaves=[Leaf(name="b")])


# -- defaults, immutability, copies and dumps ------------------------------------------------------------------


def test_defaults_fill_what_is_left_out_and_factories_make_fresh_values() -> None:
    a, b = Node(title="A"), Node(title="B")
    assert (a.count, a.weight, a.colour, a.first, a.tags) == (0, 1.0, Colour.red, None, [])
    assert a.tags is not b.tags


def test_model_fields_describe_each_field() -> None:
    fields = Node.model_fields
    assert list(fields)[:3] == ["title", "count", "even"]
    assert fields["title"].is_required() and fields["title"].description == "What it is called."
    assert fields["title"].annotation is str  # Annotated metadata is not part of the annotation
    assert not fields["tags"].is_required() and fields["tags"].default_factory is list
    assert fields["first"].annotation == Leaf | None
    assert fields["count"].default == 0


def test_instances_are_frozen_compared_by_value_and_hashable_when_their_values_are() -> None:
    leaf = Leaf(name="a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        leaf.name = "b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del leaf.name
    assert leaf == Leaf(name="a") and leaf != Leaf(name="b") and hash(leaf) == hash(Leaf(name="a"))
    assert {leaf: 1}[Leaf(name="a")] == 1
    with pytest.raises(TypeError):
        hash(Node(title="T"))  # holds lists, as a frozen dataclass would
    assert dataclasses.is_dataclass(leaf) and [f.name for f in dataclasses.fields(leaf)] == ["name", "note"]
    assert repr(leaf) == "Leaf(name='a', note=None)"


def test_model_copy_replaces_fields_without_validating() -> None:
    node = Node(title="T", count=1)
    copy = node.model_copy(update={"count": 5})
    assert (copy.count, node.count, copy.title) == (5, 1, "T")
    with pytest.raises(TypeError):
        node.model_copy(update={"nope": 1})


def test_model_dump_gives_nested_dicts_and_json_values_in_json_mode() -> None:
    node = Node(title="T", day=dt.date(2019, 3, 6), file="a.png", first={"name": "a"}, hidden="h")
    python = node.model_dump()
    assert python["first"] == {"name": "a", "note": None} and python["day"] == dt.date(2019, 3, 6)
    assert python["colour"] is Colour.red and "hidden" not in python
    json = node.model_dump(mode="json")
    assert (json["day"], json["file"], json["colour"]) == ("2019-03-06", "a.png", "red")


def test_a_type_without_a_validator_is_refused_when_first_used() -> None:
    class Odd(Model):
        value: dict[str, int]

    with pytest.raises(TypeError, match="no validator"):
        Odd.model_validate({"value": {}})


# -- anything at all -------------------------------------------------------------------------------------------

_CONTENT_KEYS = ["title", "items", "parts", "takeaways", "text", "points", "links", "url", "kind", "event", "start"]
_THEME_KEYS = ["palette", "fonts", "body", "file", "sizes", "sketch", "roughness", "seed", "ink", "slides", "size"]
_KEYS = st.sampled_from([*_CONTENT_KEYS, *_THEME_KEYS, "name", "zz"])
_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8) | st.dates() | st.datetimes(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS | st.text(max_size=4), inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=examples(100, deep=300), deadline=None)
@given(_JSONISH)
def test_arbitrary_data_gives_a_model_or_a_validation_error_and_nothing_else(data: Any) -> None:
    for model in (Recap, Theme, Node):
        try:
            result = model.model_validate(data)
        except ValidationError as exc:
            assert exc.errors()
            for error in exc.errors():
                assert isinstance(error["loc"], tuple) and isinstance(error["msg"], str) and error["type"]
        else:
            assert isinstance(result, model)
