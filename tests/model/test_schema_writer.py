"""The JSON Schema of a typed model (decks.model.schema_writer): each field's type, bounds, description, examples
and default, models and enums under $defs, rule keywords and value descriptions; a valid Draft 2020-12 schema."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, ClassVar, Literal

from jsonschema import Draft202012Validator

from decks.model.chars import ALLOWED_PATTERN, VISIBLE_PATTERN
from decks.model.schema_writer import DATE_PATTERN, json_schema
from decks.model.typed import After, Before, Field, Model
from tests.model.test_typed import Colour, Leaf, Text

DATE_SCHEMA = {
    "format": "date",
    "pattern": DATE_PATTERN,
    "patternErrorMessage": "Write the date as YYYY-MM-DD.",
    "type": "string",
}


def test_the_schema_of_a_small_model() -> None:
    class Small(Model):
        """Small."""

        name: Text = Field(description="The name.")
        kind: Colour = Colour.red
        size: Literal["s"] = "s"
        at: dt.date | None = None
        items: list[Annotated[Leaf, Before(str, {"type": "string"})]] = Field(default_factory=list)
        n: float = Field(1, gt=0, le=5)

    leaf = {
        "additionalProperties": False,
        "description": "A leaf.",
        "properties": {
            "name": {"minLength": 1, "pattern": VISIBLE_PATTERN, "title": "Name", "type": "string"},
            "note": {
                "anyOf": [{"type": "string", "pattern": ALLOWED_PATTERN}, {"type": "null"}],
                "default": None,
                "description": "Anything.",
                "title": "Note",
            },
        },
        "required": ["name"],
        "title": "Leaf",
        "type": "object",
    }
    assert json_schema(Small) == {
        "$defs": {
            "Colour": {"description": "A colour.", "enum": ["red", "blue"], "title": "Colour", "type": "string"},
            "Leaf": leaf,
        },
        "additionalProperties": False,
        "description": "Small.",
        "properties": {
            "name": {
                "description": "The name.",
                "minLength": 1,
                "pattern": VISIBLE_PATTERN,
                "title": "Name",
                "type": "string",
            },
            "kind": {"$ref": "#/$defs/Colour", "default": "red"},
            "size": {"const": "s", "default": "s", "title": "Size", "type": "string"},
            "at": {"anyOf": [DATE_SCHEMA, {"type": "null"}], "default": None, "title": "At"},
            "items": {
                "items": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Leaf"}]},
                "title": "Items",
                "type": "array",
            },
            "n": {"default": 1, "exclusiveMinimum": 0, "maximum": 5, "title": "N", "type": "number"},
        },
        "required": ["name"],
        "title": "Small",
        "type": "object",
    }
    Draft202012Validator.check_schema(json_schema(Small))


class Size(StrEnum):
    """A size."""

    s = "s"
    m = "m"

    __member_docs__: ClassVar[dict[str, str]] = {"s": "Small.", "m": "Medium."}


def test_the_schema_carries_examples_rule_keywords_and_value_descriptions() -> None:
    class Described(Model):
        code: Annotated[Text, After(str.upper, schema={"pattern": "^[A-Z]+$"})] = Field(examples=["ABC"])
        note: Text | None = Field(None, schema={"maxLength": 9})
        size: Size = Size.s

    schema = json_schema(Described)
    code = schema["properties"]["code"]
    assert (code["pattern"], code["examples"]) == ("^[A-Z]+$", ["ABC"])
    # An extra keyword on an optional field constrains the value, and null stays allowed.
    assert schema["properties"]["note"]["anyOf"] == [
        {"type": "string", "minLength": 1, "pattern": VISIBLE_PATTERN, "maxLength": 9},
        {"type": "null"},
    ]
    assert schema["$defs"]["Size"]["enumDescriptions"] == ["Small.", "Medium."]
    Draft202012Validator.check_schema(schema)
