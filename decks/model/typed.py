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
A model's JSON Schema is written by decks.model.schema_writer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable
from enum import Enum
from pathlib import Path, PurePath
from typing import Any, ClassVar, Self, cast

from decks.model.chars import char_problem, is_blank

Loc = tuple[str | int, ...]
ErrorDetails = dict[str, Any]
"""One validation error: {"type": str, "loc": Loc, "msg": str, "input": Any}, as pydantic reports them; a
number out of bounds also has "ctx": {"range": "from 12 to 40"}."""

MISSING: Any = dataclasses.MISSING
_BAD: Any = object()  # what a check returns for a refused value; its errors are already recorded
_META = "recap.typed"  # the key of our FieldInfo in a dataclass field's metadata
_NONE = type(None)


class ValidationError(ValueError):
    """Every problem found in one input: `.errors()` lists them, each with its location."""

    def __init__(self, title: str, errors: list[ErrorDetails]) -> None:
        super().__init__(title, errors)
        self.title = title
        self._errors = errors

    def errors(self) -> list[ErrorDetails]:
        return [dict(error) for error in self._errors]

    def error_count(self) -> int:
        return len(self._errors)

    def __str__(self) -> str:
        count = len(self._errors)
        lines = [f"{count} validation error{'s' if count != 1 else ''} for {self.title}"]
        for error in self._errors:
            lines.append(".".join(str(part) for part in error["loc"]) or "(root)")
            lines.append(f"  {error['msg']} [type={error['type']}, input={error['input']!r:.80}]")
        return "\n".join(lines)


def _error(kind: str, msg: str, loc: Loc, value: Any, ctx: dict[str, Any] | None = None) -> ErrorDetails:
    error = {"type": kind, "loc": loc, "msg": msg, "input": value}
    if ctx:
        error["ctx"] = ctx
    return error


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

    def __init__(self, func: Callable[[Any], Any], accepts: dict[str, Any] | None = None) -> None:
        self.func, self.accepts = func, accepts


class After:
    """Checks or normalises a value once it has its type; raises ValueError to refuse it.

    `schema` is the JSON Schema of the same rule as far as JSON Schema can say it (e.g. a `pattern`), merged
    into the type's schema so that editors refuse what the function refuses.
    """

    __slots__ = ("func", "schema")

    def __init__(self, func: Callable[[Any], Any], schema: dict[str, Any] | None = None) -> None:
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
        examples: list[Any] | None = None,
        schema: dict[str, Any] | None = None,
    ) -> None:
        self.description, self.constraints, self.exclude = description, constraints, exclude
        self.examples, self.schema = examples, schema
        self.name = ""
        self.hint: Any = None  # the full type hint, Annotated metadata included
        self.annotation: Any = None
        self.default: Any = MISSING
        self.default_factory: Callable[[], Any] | None = None

    def is_required(self) -> bool:
        return self.default is MISSING and self.default_factory is None

    def __repr__(self) -> str:
        return f"FieldInfo({self.name}: {self.annotation!r}, default={self.default!r})"


def Field(
    default: Any = MISSING,
    *,
    default_factory: Callable[[], Any] | None = None,
    description: str | None = None,
    gt: float | None = None,
    ge: float | None = None,
    le: float | None = None,
    exclude: bool = False,
    examples: list[Any] | None = None,
    schema: dict[str, Any] | None = None,
) -> Any:
    """A field with a default (or a factory), a description for the schema, bounds, and whether dumps skip it.

    `examples` go to the schema for editor hovers; `schema` is merged into the field's JSON Schema (for a rule
    the field's type does not carry).
    """
    bounds = Constraints(gt=gt, ge=ge, le=le) if (gt, ge, le) != (None, None, None) else None
    metadata = {_META: FieldInfo(description, bounds, exclude, examples, schema)}
    if default_factory is not None:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def check(method: Callable[[Any], None]) -> Callable[[Any], None]:
    """Marks a method that checks a whole instance once its fields are valid; it raises ValueError to refuse."""
    method.__model_check__ = True  # type: ignore[attr-defined]
    return method


# -- the models -----------------------------------------------------------------------------------------------


class _ClassProperty:
    def __init__(self, fget: Callable[[Any], Any]) -> None:
        self.fget = fget

    def __get__(self, obj: Any, owner: type) -> Any:
        return self.fget(owner)


class Model:
    """Base of the typed frozen dataclasses: subclasses become dataclasses and validate what they are given."""

    __typed_plan__: ClassVar[_Plan | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        doc = cls.__dict__.get("__doc__")
        cls.__doc__ = doc or cls.__name__  # dataclass would otherwise write its signature here, via inspect
        # Only the fields: the methods below are shared by every model. dataclass(frozen=True, eq=True) would
        # compile __setattr__, __delattr__, __eq__, __hash__ and __repr__ for each class, 0.6 ms a class at import.
        dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
        cls.__doc__ = doc
        cls.__typed_plan__ = None  # built on first use, once every hint the class names can be resolved

    def __init__(self, **data: Any) -> None:
        plan = type(self)._plan()
        errors: list[ErrorDetails] = []
        values = plan.values(data, (), errors)
        if values is not _BAD:
            self.__dict__.update(values)  # past the frozen __setattr__
            plan.check(self, data, (), errors)
        if errors:
            raise ValidationError(type(self).__name__, errors)

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def _values(self) -> tuple[Any, ...]:
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
    def model_validate(cls, data: Any) -> Self:
        """An instance from `data` (a dict, or an instance already); raises `ValidationError` with every error."""
        errors: list[ErrorDetails] = []
        result = cls._validate(data, (), errors)
        if errors:
            raise ValidationError(cls.__name__, errors)
        return cast("Self", result)

    @classmethod
    def _validate(cls, data: Any, loc: Loc, errors: list[ErrorDetails]) -> Any:
        if isinstance(data, cls):
            return data
        if not isinstance(data, dict):
            errors.append(
                _error("model_type", f"Input should be a valid dictionary or instance of {cls.__name__}", loc, data)
            )
            return _BAD
        plan = cls._plan()
        values = plan.values(data, loc, errors)
        if values is _BAD:
            return _BAD
        obj = cls.__new__(cls)
        obj.__dict__.update(values)
        return obj if plan.check(obj, data, loc, errors) else _BAD

    @classmethod
    def _plan(cls) -> _Plan:
        plan = cls.__dict__.get("__typed_plan__")
        if plan is None:
            plan = _Plan(cls)
            cls.__typed_plan__ = plan
        return plan

    model_fields: ClassVar[dict[str, FieldInfo]] = _ClassProperty(lambda cls: cls._plan().fields)  # type: ignore[assignment]

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Self:
        """A shallow copy with some fields replaced (not validated, as in pydantic)."""
        fields = type(self).model_fields
        unknown = set(update or ()) - set(fields)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        copy = type(self).__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.__dict__.update(update or {})
        return copy

    def model_dump(self, *, mode: str = "python") -> dict[str, Any]:
        """The fields as a dict, nested models as dicts; mode 'json' also turns enums, paths and dates to JSON."""
        return {
            name: dumped(getattr(self, name), mode)
            for name, info in type(self).model_fields.items()
            if not info.exclude
        }


def dumped(value: Any, mode: str) -> Any:
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

Check = Callable[[Any, Loc, list[ErrorDetails]], Any]
"""Validates one value found at a location: returns the typed value, or _BAD after recording its errors."""


class _Plan:
    """How one model validates: its fields in order, each with its check, default, and the model's own checks."""

    def __init__(self, cls: type[Model]) -> None:
        hints = typing.get_type_hints(cls, include_extras=True)
        self.fields: dict[str, FieldInfo] = {}
        self.steps: list[tuple[str, Check, Any, Callable[[], Any] | None]] = []
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            # A copy per class: a subclass shares its base's dataclass fields, and may resolve hints differently.
            given: FieldInfo = f.metadata.get(_META) or FieldInfo()
            info = FieldInfo(given.description, given.constraints, given.exclude, given.examples, given.schema)
            info.name, info.hint = f.name, hints[f.name]
            info.annotation = without_annotated(info.hint)
            info.default = f.default
            factory = f.default_factory
            info.default_factory = None if factory is MISSING else cast("Callable[[], Any]", factory)
            self.fields[f.name] = info
            self.steps.append((f.name, _compile(info.hint, info.constraints), info.default, info.default_factory))
        self.checks = [
            value
            for klass in reversed(cls.__mro__)
            for value in vars(klass).values()
            if hasattr(value, "__model_check__")
        ]

    def values(self, data: dict[Any, Any], loc: Loc, errors: list[ErrorDetails]) -> Any:
        """The field values from `data` (defaults filled in), or _BAD when any is refused.

        A key that is not text is the only error reported for its mapping. The fields are read first all the same:
        when every key names a field (nearly always), no key can be other than text, and the keys need no pass of
        their own; otherwise the fields' errors are dropped again (reading them has no other effect).
        """
        before = len(errors)
        out: dict[str, Any] = {}
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
                errors.append(_error("missing", "Field required", (*loc, name), data))
        if len(data) > found:
            not_text = [(key, value) for key, value in data.items() if not isinstance(key, str)]
            if not_text:
                del errors[before:]
                for key, value in not_text:
                    where = int(key) if isinstance(key, int) else str(key)
                    errors.append(_error("invalid_key", "Keys should be strings", (*loc, where), value))
                return _BAD
            for key, value in data.items():
                if key not in self.fields:
                    errors.append(_error("extra_forbidden", "Extra inputs are not permitted", (*loc, key), value))
        return out if len(errors) == before else _BAD

    def check(self, obj: Model, data: Any, loc: Loc, errors: list[ErrorDetails]) -> bool:
        """Runs the model's own checks, stopping at the first that refuses; True when all pass."""
        for method in self.checks:
            try:
                method(obj)
            except ValueError as exc:
                errors.append(_error("value_error", f"Value error, {exc}", loc, data, {"error": str(exc)}))
                return False
        return True


def without_annotated(hint: Any) -> Any:
    """T for `Annotated[T, ...]`; anything else as it is."""
    return typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint


def hint_parts(hint: Any, extra: Constraints | None) -> tuple[Any, Constraints, list[Any]]:
    """The bare type, the constraints on it, and its Before/After functions, from `Annotated[...]`."""
    constraints = Constraints()
    functions: list[Any] = []
    if typing.get_origin(hint) is typing.Annotated:
        hint, *metadata = typing.get_args(hint)
        for item in metadata:
            if isinstance(item, Constraints):
                constraints = constraints.merged(item)
            elif isinstance(item, Before | After):
                functions.append(item)
    return hint, constraints.merged(extra), functions


def _compile(hint: Any, extra: Constraints | None = None) -> Check:
    """The check for a type hint (with a field's own bounds in `extra`)."""
    base, constraints, functions = hint_parts(hint, extra)
    validate = _compile_type(base, constraints)
    befores = [f.func for f in functions if isinstance(f, Before)]
    afters = [f.func for f in functions if isinstance(f, After)]
    if not befores and not afters:
        return validate

    def with_functions(value: Any, loc: Loc, errors: list[ErrorDetails]) -> Any:
        raw = value
        try:
            for func in befores:
                value = func(value)
            value = validate(value, loc, errors)
            if value is _BAD:
                return _BAD
            for func in afters:
                value = func(value)
        except ValueError as exc:
            errors.append(_error("value_error", f"Value error, {exc}", loc, raw, {"error": str(exc)}))
            return _BAD
        return value

    return with_functions


def _compile_type(hint: Any, c: Constraints) -> Check:
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(hint) if a is not _NONE]
        if len(args) != 1 or len(typing.get_args(hint)) != 2:
            raise TypeError(f"only X | None unions are supported, not {hint}")
        inner = _compile(args[0], c)
        return lambda value, loc, errors: None if value is None else inner(value, loc, errors)
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        return _list_check(_compile(item_hint))
    if origin is typing.Literal:
        return _literal_check(typing.get_args(hint))
    if isinstance(hint, type):
        if issubclass(hint, Model):
            return hint._validate
        if issubclass(hint, Enum):
            return _enum_check(hint)
        if hint is str:
            return _str_check(c.strip, c.min_length)
        if hint is bool:
            return _bool
        if hint is int:
            return _number_check(_int, c)
        if hint is float:
            return _number_check(_float, c)
        if hint is dt.date:
            return _date
        if issubclass(hint, PurePath):
            return _path
    raise TypeError(f"no validator for the type {hint!r}")


def _either(values: Any) -> str:
    """'a', 'b' or 'c': the allowed values as pydantic lists them."""
    shown = [repr(v) for v in values]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def _list_check(inner: Check) -> Check:
    def validate(value: Any, loc: Loc, errors: list[ErrorDetails]) -> Any:
        if not isinstance(value, list | tuple):
            errors.append(_error("list_type", "Input should be a valid list", loc, value))
            return _BAD
        before = len(errors)
        out = [inner(item, (*loc, i), errors) for i, item in enumerate(value)]
        # A refused item has recorded its errors: with none recorded, no item can be _BAD.
        return _BAD if len(errors) > before and any(v is _BAD for v in out) else out

    return validate


def _literal_check(allowed: tuple[Any, ...]) -> Check:
    message = f"Input should be {_either(allowed)}"
    # The allowed values, as pydantic's context names them ("expected"), and as values, for a did-you-mean.
    ctx = {"expected": _either(allowed), "allowed": allowed}

    def validate(value: Any, loc: Loc, errors: list[ErrorDetails]) -> Any:
        for option in allowed:  # by type too: True is not the literal 1
            if type(value) is type(option) and value == option:
                return option
        errors.append(_error("literal_error", message, loc, value, dict(ctx)))
        return _BAD

    return validate


def _enum_check(enum: type[Enum]) -> Check:
    by_value = {member.value: member for member in enum}
    message = f"Input should be {_either(by_value)}"
    ctx = {"expected": _either(by_value), "allowed": tuple(by_value)}  # as for a literal

    def validate(value: Any, loc: Loc, errors: list[ErrorDetails]) -> Any:
        if isinstance(value, enum):
            return value
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            member = by_value.get(value)
            if member is not None and type(member.value) is type(value):
                return member
        errors.append(_error("enum", message, loc, value, dict(ctx)))
        return _BAD

    return validate


_BLANK = "the text shows nothing (only white space or invisible characters such as U+200B)"


def _str_check(strip: bool, min_length: int | None) -> Check:
    too_short = f"String should have at least {min_length} character{'s' if min_length != 1 else ''}"

    def validate(value: Any, loc: Loc, errors: list[ErrorDetails]) -> Any:
        if not isinstance(value, str):
            errors.append(_error("string_type", "Input should be a valid string", loc, value))
            return _BAD
        problem = None if value.isprintable() else char_problem(value)  # char_problem's own first test, inline
        if problem:
            errors.append(_error("string_forbidden_char", problem, loc, value))
            return _BAD
        text = value.strip() if strip else value
        if min_length is not None and len(text) < min_length:
            errors.append(_error("string_too_short", too_short, loc, value))
            return _BAD
        if min_length is not None and not "!" <= text[:1] <= "~" and is_blank(text):  # is_blank's first test, inline
            errors.append(_error("string_blank", _BLANK, loc, value))
            return _BAD
        return text

    return validate


def _bool(value: Any, loc: Loc, errors: list[ErrorDetails]) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str | int):  # something that might have meant yes or no
        errors.append(_error("bool_parsing", "Input should be a valid boolean, unable to interpret input", loc, value))
    else:
        errors.append(_error("bool_type", "Input should be a valid boolean", loc, value))
    return _BAD


def _int(value: Any, loc: Loc, errors: list[ErrorDetails]) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        message = "Input should be a valid integer, got a number with a fractional part"
        errors.append(_error("int_from_float", message, loc, value))
    else:
        errors.append(_error("int_type", "Input should be a valid integer", loc, value))
    return _BAD


def _float(value: Any, loc: Loc, errors: list[ErrorDetails]) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:  # an int too large for a float
            pass
    errors.append(_error("float_type", "Input should be a valid number", loc, value))
    return _BAD


def number_text(value: float) -> str:
    """A bound as people write it: 4,294,967,295 (not 4.29497e+09, which :g made of it), 12, 0.5."""
    if float(value).is_integer() and abs(value) < 1e16:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1e16 else "a very large number"


def _range_text(gt: float | None, ge: float | None, le: float | None) -> str:
    """The allowed range in words: 'from 12 to 40', 'above 0 and up to 6', 'up to 10', 'above 0'."""
    n = number_text
    lower = f"above {n(gt)}" if gt is not None else f"from {n(ge)}" if ge is not None else ""
    if le is None:
        return lower
    if not lower:
        return f"up to {n(le)}"
    return f"{lower} to {n(le)}" if ge is not None else f"{lower} and up to {n(le)}"


def _number_check(convert: Check, c: Constraints) -> Check:
    if c.gt is None and c.ge is None and c.le is None:
        return convert
    gt, ge, le = c.gt, c.ge, c.le
    ctx = {"range": _range_text(gt, ge, le)}  # for the what-to-do: the whole allowed range, not one bound

    def validate(value: Any, loc: Loc, errors: list[ErrorDetails]) -> Any:
        number = convert(value, loc, errors)
        if number is _BAD:
            return _BAD
        # Written as `not (a > b)` so that NaN, which compares false with everything, is refused.
        if gt is not None and not number > gt:
            message = f"Input should be greater than {number_text(gt)}"
            errors.append(_error("greater_than", message, loc, value, {**ctx, "gt": gt}))
        elif ge is not None and not number >= ge:
            message = f"Input should be greater than or equal to {number_text(ge)}"
            errors.append(_error("greater_than_equal", message, loc, value, {**ctx, "ge": ge}))
        elif le is not None and not number <= le:
            message = f"Input should be less than or equal to {number_text(le)}"
            errors.append(_error("less_than_equal", message, loc, value, {**ctx, "le": le}))
        else:
            return number
        return _BAD

    return validate


def _date(value: Any, loc: Loc, errors: list[ErrorDetails]) -> Any:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date()
        message = "Datetimes provided to dates should have zero time - e.g. be exact dates"
        errors.append(_error("date_from_datetime_inexact", message, loc, value))
        return _BAD
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        errors.append(_error("date_type", "Input should be a valid date", loc, value))
        return _BAD
    # Only YYYY-MM-DD: fromisoformat would also read 20190306 and 2019-W10-3.
    message = "Input should be a valid date"
    ctx: dict[str, Any] = {}
    digits = value[:4] + value[5:7] + value[8:]
    if len(value) == 10 and value[4] == value[7] == "-" and digits.isascii() and digits.isdigit():
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:  # e.g. 2019-02-30: say which part is out of range (pydantic's "error")
            ctx["error"] = str(exc)
            message += f", {exc}"
    errors.append(_error("date_parsing", message, loc, value, ctx))
    return _BAD


def _path(value: Any, loc: Loc, errors: list[ErrorDetails]) -> Any:
    if isinstance(value, PurePath):
        return value
    if isinstance(value, str):
        problem = char_problem(value)  # a NUL in a path makes every file call raise
        if problem:
            errors.append(_error("string_forbidden_char", problem, loc, value))
            return _BAD
        return Path(value)
    errors.append(_error("path_type", "Input is not a valid path", loc, value))
    return _BAD
