"""Typed frozen dataclasses: validation from type hints and field metadata, all errors at once.

A `Model` subclass is a frozen dataclass (assigning to a field raises `FrozenInstanceError`; equality and hashing
are by value) whose fields are checked against their type hints:

    class Link(Model):
        url: Annotated[str, Constraints(strip=True, min_length=1), After(has_scheme)]
        kind: LinkKind = Field(LinkKind.other, description="video, docs, ...")

`Link.model_validate(data)` (or `Link(**data)`) walks `data` and nested models and lists, collects every
problem, and raises one `ValidationError` whose `.errors()` are pydantic-style dicts (`loc`, `msg`, `type`,
`input`), so that readers/validation.py can place each one in the file. Messages and error types follow pydantic
v2, which this module replaced to keep start-up fast (importing pydantic and building the models cost 0.13 s).

What a value may be, by hint:
- `str`: a string without the characters decks/model/chars.py refuses (with `Constraints(strip=True)` surrounding
  white space is dropped first; with `min_length`, a text showing nothing is refused as empty); `int`: an int, not a
  bool (a float only when it is whole); `float`: an int or float, not a bool, returned as float; `bool`: a bool;
- `datetime.date`: a date, a datetime at midnight, or an ISO 'YYYY-MM-DD' string; `Path`: a path or a string;
- an `Enum`: a member or a member's value; `Literal[...]`: one of the values, of the same type;
- `X | None`, `list[X]` (a list or tuple), a nested `Model` (a dict with no unknown keys, or an instance).
`Annotated[T, ...]` adds `Constraints` (strip, min_length, gt, ge, le), `Before(func)` (turns the raw input into
what T reads, e.g. a plain string into a dict) and `After(func)` (checks or normalises the typed value). A function
raises ValueError to refuse a value; `@check` marks a method that checks a whole instance once its fields are
valid. Defaults are not validated, and `model_copy(update=...)` does not validate either (as in pydantic).
A model's JSON Schema is written by decks.model.schema_writer; the check of each kind of value is in
decks.model.checkers.

One job, the model base class: declaring its fields, compiling their hints into checks (which needs the class, so
it stays here), validating, copying and dumping an instance. It is long because it carries the pydantic field
vocabulary (`Field`, `FieldInfo`, constraints, before/after functions) the models are written in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import PurePath
from typing import Any, ClassVar, Final, Generic, Literal, Self, TypeVar, cast

from decks.model.checkers import (
    BAD,
    Check,
    ErrorDetails,
    Loc,
    bool_value,
    date_value,
    enum_check,
    error_at,
    float_value,
    int_value,
    list_check,
    literal_check,
    number_check,
    path_value,
    str_check,
)

MISSING: Final = dataclasses.MISSING
_META = "recap.typed"  # the key of our FieldInfo in a dataclass field's metadata
_NONE = type(None)


DumpMode = Literal["python", "json"]
"""How `model_dump` writes values: as they are, or as JSON has them (enums by value, paths and dates as text)."""


class ValidationError(ValueError):
    """Every problem found in one input: `.errors()` lists them, each with its location."""

    def __init__(self, title: str, errors: list[ErrorDetails]) -> None:
        super().__init__(title, errors)
        self.title = title
        self._errors = errors

    def errors(self) -> list[ErrorDetails]:
        return [error.copy() for error in self._errors]

    def error_count(self) -> int:
        return len(self._errors)

    def __str__(self) -> str:
        count = len(self._errors)
        lines = [f"{count} validation error{'s' if count != 1 else ''} for {self.title}"]
        for error in self._errors:
            lines.append(".".join(str(part) for part in error["loc"]) or "(root)")
            lines.append(f"  {error['msg']} [type={error['type']}, input={error['input']!r:.80}]")
        return "\n".join(lines)


# -- what a field may say beyond its type ---------------------------------------------------------------------


class Constraints:
    """Bounds on a value: strip and min_length for text, gt/ge/le for numbers."""

    __slots__ = ("ge", "gt", "le", "min_length", "strip")

    def __init__(
        self,
        *,
        strip: bool = False,
        min_length: int | None = None,
        gt: float | None = None,
        ge: float | None = None,
        le: float | None = None,
    ) -> None:
        self.strip, self.min_length, self.gt, self.ge, self.le = strip, min_length, gt, ge, le

    def merged(self, other: Constraints | None) -> Constraints:
        """These constraints with `other`'s set ones on top (a field's bounds over its type's)."""
        if other is None:
            return self
        out = Constraints(strip=self.strip or other.strip)
        for name in ("min_length", "gt", "ge", "le"):
            theirs = getattr(other, name)
            setattr(out, name, getattr(self, name) if theirs is None else theirs)
        return out


class Before:
    """Turns the raw input into what the type reads; `accepts` is the JSON Schema of the extra input it allows."""

    __slots__ = ("accepts", "func")

    def __init__(self, func: Callable[[object], object], accepts: dict[str, object] | None = None) -> None:
        self.func, self.accepts = func, accepts


T = TypeVar("T")


class After(Generic[T]):
    """Checks or normalises a value once it has its type; raises ValueError to refuse it.

    `schema` is the JSON Schema of the same rule as far as JSON Schema can say it (e.g. a `pattern`), merged
    into the type's schema so that editors refuse what the function refuses.
    """

    __slots__ = ("func", "schema")

    def __init__(self, func: Callable[[T], T], schema: dict[str, object] | None = None) -> None:
        self.func, self.schema = func, schema


class FieldInfo:
    """A field as callers see it (pydantic's names): its hint without `Annotated`, default, description."""

    __slots__ = (
        "annotation",
        "constraints",
        "default",
        "default_factory",
        "description",
        "examples",
        "exclude",
        "hint",
        "name",
        "schema",
    )

    def __init__(
        self,
        description: str | None = None,
        constraints: Constraints | None = None,
        exclude: bool = False,
        examples: list[object] | None = None,
        schema: dict[str, object] | None = None,
    ) -> None:
        self.description, self.constraints, self.exclude = description, constraints, exclude
        self.examples, self.schema = examples, schema
        self.name = ""
        self.hint: object = None  # the full type hint, Annotated metadata included
        self.annotation: object = None
        self.default: object = MISSING
        self.default_factory: Callable[[], object] | None = None

    def is_required(self) -> bool:
        return self.default is MISSING and self.default_factory is None

    def __repr__(self) -> str:
        return f"FieldInfo({self.name}: {self.annotation!r}, default={self.default!r})"


def Field(
    default: object = MISSING,
    *,
    default_factory: Callable[[], object] | None = None,
    description: str | None = None,
    gt: float | None = None,
    ge: float | None = None,
    le: float | None = None,
    exclude: bool = False,
    examples: list[object] | None = None,
    schema: dict[str, object] | None = None,
) -> Any:  # Any, as dataclasses.field's: `size: int = Field(12)` gives the field its default, not a Field
    """A field with a default (or a factory), a description for the schema, bounds, and whether dumps skip it.

    `examples` go to the schema for editor hovers; `schema` is merged into the field's JSON Schema (for a rule
    the field's type does not carry).
    """
    bounds = Constraints(gt=gt, ge=ge, le=le) if (gt, ge, le) != (None, None, None) else None
    metadata = {_META: FieldInfo(description, bounds, exclude, examples, schema)}
    if default_factory is not None:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


Method = TypeVar("Method", bound=Callable[..., None])


def check(method: Method) -> Method:
    """Marks a method that checks a whole instance once its fields are valid; it raises ValueError to refuse."""
    method.__model_check__ = True  # type: ignore[attr-defined]
    return method


# -- the models -----------------------------------------------------------------------------------------------


class _ClassProperty:
    def __init__(self, fget: Callable[[type[Model]], dict[str, FieldInfo]]) -> None:
        self.fget = fget

    def __get__(self, obj: object, owner: type[Model]) -> dict[str, FieldInfo]:
        return self.fget(owner)


class Model:
    """Base of the typed frozen dataclasses: subclasses become dataclasses and validate what they are given."""

    __typed_plan__: ClassVar[_Plan | None] = None

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        doc = cls.__dict__.get("__doc__")
        cls.__doc__ = doc or cls.__name__  # dataclass would otherwise write its signature here, via inspect
        # Only the fields: the methods below are shared by every model. dataclass(frozen=True, eq=True) would
        # compile __setattr__, __delattr__, __eq__, __hash__ and __repr__ for each class, 0.6 ms a class at import.
        dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
        cls.__doc__ = doc
        cls.__typed_plan__ = None  # built on first use, once every hint the class names can be resolved

    def __init__(self, **data: object) -> None:
        plan = type(self)._plan()
        errors: list[ErrorDetails] = []
        values = plan.values(data, (), errors)
        if values is not None:
            self.__dict__.update(values)  # past the frozen __setattr__
            plan.check(self, data, (), errors)
        if errors:
            raise ValidationError(type(self).__name__, errors)

    def __setattr__(self, name: str, value: object) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in type(self)._plan().fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        # As a frozen dataclass: by value, so a model holding a list is unhashable.
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in type(self)._plan().fields)
        return f"{type(self).__name__}({fields})"

    @classmethod
    def model_validate(cls, data: object) -> Self:
        """An instance from `data` (a dict, or an instance already); raises `ValidationError` with every error."""
        errors: list[ErrorDetails] = []
        result = cls._validate(data, (), errors)
        if errors:
            raise ValidationError(cls.__name__, errors)
        return cast("Self", result)

    @classmethod
    def _validate(cls, data: object, loc: Loc, errors: list[ErrorDetails]) -> object:
        """The `Check` of this model (decks.model.checkers): an instance, or BAD after recording the errors."""
        if isinstance(data, cls):
            return data
        if not isinstance(data, dict):
            errors.append(
                error_at("model_type", f"Input should be a valid dictionary or instance of {cls.__name__}", loc, data)
            )
            return BAD
        plan = cls._plan()
        values = plan.values(data, loc, errors)
        if values is None:
            return BAD
        obj = cls.__new__(cls)
        obj.__dict__.update(values)
        return obj if plan.check(obj, data, loc, errors) else BAD

    @classmethod
    def _plan(cls) -> _Plan:
        plan = cls.__dict__.get("__typed_plan__")
        if plan is None:
            plan = _Plan(cls)
            cls.__typed_plan__ = plan
        return plan

    model_fields: ClassVar[dict[str, FieldInfo]] = _ClassProperty(lambda cls: cls._plan().fields)  # type: ignore[assignment]

    def model_copy(self, *, update: Mapping[str, object] | None = None) -> Self:
        """A shallow copy with some fields replaced (not validated, as in pydantic)."""
        fields = type(self).model_fields
        unknown = set(update or ()) - set(fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        copy = type(self).__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.__dict__.update(update or {})
        return copy

    # Any: each value has its own field's type, which one dict type cannot say key by key (callers know the model).
    def model_dump(self, *, mode: DumpMode = "python") -> dict[str, Any]:
        """The fields as a dict, nested models as dicts; mode 'json' also turns enums, paths and dates to JSON."""
        return {
            name: dumped(getattr(self, name), mode)
            for name, info in type(self).model_fields.items()
            if not info.exclude
        }


def dumped(value: object, mode: DumpMode) -> object:
    """`value` as plain data: models as dicts, lists as lists; with mode 'json' enums, paths and dates too."""
    if isinstance(value, Model):
        return value.model_dump(mode=mode)
    if isinstance(value, list | tuple):
        return [dumped(v, mode) for v in value]
    if mode == "json":
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, PurePath):
            return str(value)
        if isinstance(value, dt.date):
            return value.isoformat()
    return value


# -- validation -----------------------------------------------------------------------------------------------


class _Plan:
    """How one model validates: its fields in order, each with its check, default, and the model's own checks."""

    def __init__(self, cls: type[Model]) -> None:
        hints = typing.get_type_hints(cls, include_extras=True)
        self.fields: dict[str, FieldInfo] = {}
        self.steps: list[tuple[str, Check, object, Callable[[], object] | None]] = []
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            # A copy per class: a subclass shares its base's dataclass fields, and may resolve hints differently.
            given: FieldInfo = f.metadata.get(_META) or FieldInfo()
            info = FieldInfo(given.description, given.constraints, given.exclude, given.examples, given.schema)
            info.name, info.hint = f.name, hints[f.name]
            info.annotation = without_annotated(info.hint)
            info.default = f.default
            factory = f.default_factory
            info.default_factory = None if factory is MISSING else cast("Callable[[], object]", factory)
            self.fields[f.name] = info
            self.steps.append((f.name, _compile(info.hint, info.constraints), info.default, info.default_factory))
        self.checks: list[Callable[[Model], None]] = [
            value
            for klass in reversed(cls.__mro__)
            for value in vars(klass).values()
            if hasattr(value, "__model_check__")
        ]

    def values(self, data: Mapping[Any, object], loc: Loc, errors: list[ErrorDetails]) -> dict[str, object] | None:
        """The field values from `data` (defaults filled in), or None when any is refused.

        The keys are Any: they are what the input had, not yet known to be text (that is checked here).

        A key that is not text is the only error reported for its mapping. The fields are read first all the same:
        when every key names a field (nearly always), no key can be other than text, and the keys need no pass of
        their own; otherwise the fields' errors are dropped again (reading them has no other effect).
        """
        before = len(errors)
        out: dict[str, object] = {}
        found = 0
        for name, validate, default, factory in self.steps:
            if name in data:
                found += 1
                out[name] = validate(data[name], (*loc, name), errors)
            elif factory is not None:
                out[name] = factory()
            elif default is not MISSING:
                out[name] = default
            else:
                errors.append(error_at("missing", "Field required", (*loc, name), data))
        if len(data) > found:
            not_text = [(key, value) for key, value in data.items() if not isinstance(key, str)]
            if not_text:
                del errors[before:]
                for key, value in not_text:
                    where = int(key) if isinstance(key, int) else str(key)
                    errors.append(error_at("invalid_key", "Keys should be strings", (*loc, where), value))
                return None
            for key, value in data.items():
                if key not in self.fields:
                    errors.append(error_at("extra_forbidden", "Extra inputs are not permitted", (*loc, key), value))
        return out if len(errors) == before else None

    def check(self, obj: Model, data: object, loc: Loc, errors: list[ErrorDetails]) -> bool:
        """Runs the model's own checks, stopping at the first that refuses; True when all pass."""
        for method in self.checks:
            try:
                method(obj)
            except ValueError as exc:
                errors.append(error_at("value_error", f"Value error, {exc}", loc, data, {"error": str(exc)}))
                return False
        return True


def without_annotated(hint: object) -> object:
    """T for `Annotated[T, ...]`; anything else as it is."""
    return typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint


def hint_parts(hint: object, extra: Constraints | None) -> tuple[object, Constraints, list[Before | After[Any]]]:
    """The bare type, the constraints on it, and its Before/After functions, from `Annotated[...]`.

    An After is After[Any] here: the type it checks is the hint's, which only the hint knows, at run time.
    """
    constraints = Constraints()
    functions: list[Before | After[Any]] = []
    if typing.get_origin(hint) is typing.Annotated:
        hint, *metadata = typing.get_args(hint)
        for item in metadata:
            if isinstance(item, Constraints):
                constraints = constraints.merged(item)
            elif isinstance(item, Before | After):
                functions.append(item)
    return hint, constraints.merged(extra), functions


def _compile(hint: object, extra: Constraints | None = None) -> Check:
    """The check for a type hint (with a field's own bounds in `extra`)."""
    base, constraints, functions = hint_parts(hint, extra)
    validate = _compile_type(base, constraints)
    befores = [f.func for f in functions if isinstance(f, Before)]
    afters = [f.func for f in functions if isinstance(f, After)]
    if not befores and not afters:
        return validate

    def with_functions(value: object, loc: Loc, errors: list[ErrorDetails]) -> object:
        raw = value
        try:
            for func in befores:
                value = func(value)
            value = validate(value, loc, errors)
            if value is BAD:
                return BAD
            for func in afters:
                value = func(value)
        except ValueError as exc:
            errors.append(error_at("value_error", f"Value error, {exc}", loc, raw, {"error": str(exc)}))
            return BAD
        return value

    return with_functions


def _compile_type(hint: object, c: Constraints) -> Check:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(hint) if a is not _NONE]
        if len(args) != 1 or len(typing.get_args(hint)) != 2:
            raise TypeError(f"only X | None unions are supported, not {hint}")
        inner = _compile(args[0], c)
        return lambda value, loc, errors: None if value is None else inner(value, loc, errors)
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        return list_check(_compile(item_hint))
    if origin is typing.Literal:
        return literal_check(typing.get_args(hint))
    if isinstance(hint, type):
        if issubclass(hint, Model):
            return hint._validate
        if issubclass(hint, Enum):
            return enum_check(hint)
        if hint is str:
            return str_check(c.strip, c.min_length)
        if hint is bool:
            return bool_value
        if hint is int:
            return number_check(int_value, c.gt, c.ge, c.le)
        if hint is float:
            return number_check(float_value, c.gt, c.ge, c.le)
        if hint is dt.date:
            return date_value
        if issubclass(hint, PurePath):
            return path_value
    raise TypeError(f"no validator for the type {hint!r}")
