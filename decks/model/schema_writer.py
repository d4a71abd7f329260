"""The JSON Schema of a typed model (decks.model.typed): what `model_validate` accepts, as a Draft 2020-12 schema
laid out as pydantic writes it, so that editors complete and check content and theme files (decks/schema.py).

Each field's type hint, bounds (`Constraints`), description, examples and default become its schema; a
`Before(func, accepts=...)` adds the raw form it reads, an `After(func, schema=...)` the rule it checks as far as
JSON Schema can say it. Models and enums go to `$defs`, referred to by `$ref`.
"""

from __future__ import annotations

import datetime as dt
import inspect  # only for writing schemas
import types
import typing
from enum import Enum
from pathlib import PurePath
from typing import cast

from decks.model.chars import ALLOWED_PATTERN, VISIBLE_PATTERN
from decks.model.typed import (
    MISSING,
    After,
    Before,
    Constraints,
    FieldInfo,
    Model,
    dumped,
    hint_parts,
    without_annotated,
)

_NONE = type(None)


def json_schema(cls: type[Model]) -> dict[str, object]:
    """A Draft 2020-12 JSON Schema of what `cls.model_validate` accepts, laid out as pydantic does."""
    writer = SchemaWriter()
    root = writer.model(cls)
    return {"$defs": dict(sorted(writer.defs.items())), **root} if writer.defs else root


# What `_date` reads, as a JSON Schema pattern: a real calendar day written YYYY-MM-DD (years 0001-9999, leap
# days only in leap years), so that an editor refuses 2019-02-30 as `recap check` does.
_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_YEAR = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
DATE_PATTERN = rf"^(?!0000)(?:[0-9]{{4}}-{_DAY}|{_LEAP_YEAR}-02-29)$"


def _json(value: object) -> object:
    return dumped(value, "json")


def _title(name: str) -> str:
    return name.title().replace("_", " ")


def _own_doc(cls: type) -> str | None:
    doc = cls.__dict__.get("__doc__")
    return inspect.cleandoc(doc) if doc else None


class SchemaWriter:
    """Writes the schema of a model; models and enums it meets go to `defs`, referred to by `$ref`."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, object]] = {}

    def ref(self, cls: type) -> dict[str, object]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # taken before writing, so that a model naming itself ends
            self.defs[name] = self.model(cls) if issubclass(cls, Model) else self.enum(cast("type[Enum]", cls))
        return {"$ref": f"#/$defs/{name}"}

    def model(self, cls: type[Model]) -> dict[str, object]:
        properties = {name: self.field(info) for name, info in cls.model_fields.items()}
        required = [name for name, info in cls.model_fields.items() if info.is_required()]
        schema: dict[str, object] = {"additionalProperties": False, "properties": properties, "title": cls.__name__}
        schema["type"] = "object"
        doc = _own_doc(cls)
        if doc:
            schema["description"] = doc
        if required:
            schema["required"] = required
        return dict(sorted(schema.items()))

    def enum(self, cls: type[Enum]) -> dict[str, object]:
        values = [member.value for member in cls]
        schema: dict[str, object] = {"enum": values, "title": cls.__name__, **_json_type(values)}
        doc = _own_doc(cls)
        if doc:
            schema["description"] = doc
        # An enum class may describe its values in `__member_docs__` ({value: description}); VS Code shows
        # `enumDescriptions` beside each value it completes (other validators ignore the keyword).
        docs: dict[object, str] = getattr(cls, "__member_docs__", None) or {}
        if docs:
            schema["enumDescriptions"] = [docs.get(value, "") for value in values]
        return dict(sorted(schema.items()))

    def field(self, info: FieldInfo) -> dict[str, object]:
        schema = self.type(info.hint, info.constraints)
        base = _without_optional(without_annotated(info.hint))
        # As pydantic: a field that is a model or an enum shows that definition's title, not its own.
        if not (isinstance(base, type) and issubclass(base, Model | Enum)):
            schema["title"] = _title(info.name)
        if info.description:
            schema["description"] = info.description
        if info.examples is not None:
            schema["examples"] = [_json(example) for example in info.examples]
        if info.default is not MISSING:
            schema["default"] = _json(info.default)
        if info.schema:
            schema = _merged(schema, info.schema)
        return dict(sorted(schema.items()))

    def type(self, hint: object, extra: Constraints | None = None) -> dict[str, object]:
        base, c, functions = hint_parts(hint, extra)
        schema = self._bare(base, c)
        for function in functions:
            if isinstance(function, After) and function.schema:
                schema = _merged(schema, function.schema)
        for function in functions:
            if isinstance(function, Before) and function.accepts is not None:
                schema = {"anyOf": [function.accepts, schema]}
        return schema

    def _bare(self, hint: object, c: Constraints) -> dict[str, object]:
        origin = typing.get_origin(hint)
        if _without_optional(hint) is not hint:
            return {"anyOf": [self.type(_without_optional(hint), c), {"type": "null"}]}
        if origin is list:
            return {"items": self.type(typing.get_args(hint)[0]), "type": "array"}
        if origin is typing.Literal:
            values = list(typing.get_args(hint))
            return (
                {"const": values[0], **_json_type(values)}
                if len(values) == 1
                else {"enum": values, **_json_type(values)}
            )
        if isinstance(hint, type) and issubclass(hint, Model | Enum):
            return self.ref(hint)
        if hint is str:
            schema: dict[str, object] = {"type": "string"}
            if c.min_length is not None:
                schema["minLength"] = c.min_length
            if c.strip and c.min_length:
                # min_length counts what is left once white space is stripped, and blank text is empty: say so
                # with a pattern, which also refuses the characters text may not hold (decks.model.chars).
                n = c.min_length
                schema["pattern"] = VISIBLE_PATTERN if n == 1 else rf"\S[\s\S]{{{n - 2},}}\S"
            else:
                schema["pattern"] = ALLOWED_PATTERN
            return schema
        if hint in (int, float):
            schema = {"type": "integer" if hint is int else "number"}
            for key, bound in (("exclusiveMinimum", c.gt), ("minimum", c.ge), ("maximum", c.le)):
                if bound is not None:
                    schema[key] = bound
            return schema
        if hint is bool:
            return {"type": "boolean"}
        if hint is dt.date:
            return {
                "format": "date",
                "pattern": DATE_PATTERN,
                "patternErrorMessage": "Write the date as YYYY-MM-DD.",
                "type": "string",
            }
        if isinstance(hint, type) and issubclass(hint, PurePath):
            return {"format": "path", "type": "string"}
        raise TypeError(f"no JSON Schema for the type {hint!r}")


def _merged(schema: dict[str, object], extra: dict[str, object]) -> dict[str, object]:
    """`schema` with `extra`'s keywords; for `X | None` they go to the X branch, so that null stays allowed."""
    branches = schema.get("anyOf")
    if isinstance(branches, list) and {"type": "null"} in branches and not set(extra) & {"description", "examples"}:
        return {**schema, "anyOf": [_merged(s, extra) if s != {"type": "null"} else s for s in branches]}
    return {**schema, **extra}


def _without_optional(hint: object) -> object:
    """X for `X | None`; anything else as it is."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and len(args) == 2 and _NONE in args:
        return args[0] if args[1] is _NONE else args[1]
    return hint


def _json_type(values: list[object]) -> dict[str, object]:
    kinds = {type(v) for v in values}
    names = {str: "string", int: "integer", float: "number", bool: "boolean"}
    return {"type": names[kinds.pop()]} if len(kinds) == 1 and next(iter(kinds)) in names else {}
