"""The check of one raw value against one kind of type: text, whole number, number, yes/no, date, path, enum,
literal and list, each recording pydantic-style errors (`ErrorDetails`) at the value's location.

decks.model.typed compiles a model's type hints into these checks; they know nothing of models. A check returns
the typed value, or `BAD` after recording why the value was refused. The messages and error types follow pydantic
v2, so that readers/validation.py can word them for people.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path, PurePath
from typing import Final, NotRequired, TypedDict, cast

from decks.model.chars import char_problem, is_blank

Loc = tuple[str | int, ...]


class ErrorContext(TypedDict, total=False):
    """What an error adds to its message, under pydantic's keys where pydantic has them."""

    error: str  # a refusing function's own words, or why a date is no day ("day is out of range for month")
    expected: str  # the allowed values of an enum or literal, as a message lists them
    allowed: tuple[object, ...]  # the same values themselves, for a did-you-mean
    range: str  # a number's whole allowed range in words, "from 12 to 40"
    gt: float
    ge: float
    le: float


class ErrorDetails(TypedDict):
    """One validation error, as pydantic reports them."""

    type: str
    loc: Loc
    msg: str
    input: object  # the value as the input had it: anything YAML or a caller gave
    ctx: NotRequired[ErrorContext]


BAD: Final = object()
"""What a check returns for a refused value; its errors are already recorded."""

Check = Callable[[object, Loc, list[ErrorDetails]], object]
"""Validates one value found at a location: returns the typed value, or BAD after recording its errors."""


def error_at(kind: str, msg: str, loc: Loc, value: object, ctx: ErrorContext | None = None) -> ErrorDetails:
    """One error of `kind` at `loc` on `value`."""
    found: ErrorDetails = {"type": kind, "loc": loc, "msg": msg, "input": value}
    if ctx:
        found["ctx"] = ctx
    return found


def _either(values: Iterable[object]) -> str:
    """'a', 'b' or 'c': the allowed values as pydantic lists them."""
    shown = [repr(v) for v in values]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def list_check(inner: Check) -> Check:
    def validate(value: object, loc: Loc, errors: list[ErrorDetails]) -> object:
        if not isinstance(value, list | tuple):
            errors.append(error_at("list_type", "Input should be a valid list", loc, value))
            return BAD
        before = len(errors)
        out = [inner(item, (*loc, i), errors) for i, item in enumerate(value)]
        # A refused item has recorded its errors: with none recorded, no item can be BAD.
        return BAD if len(errors) > before and any(v is BAD for v in out) else out

    return validate


def literal_check(allowed: tuple[object, ...]) -> Check:
    message = f"Input should be {_either(allowed)}"
    # The allowed values, as pydantic's context names them ("expected"), and as values, for a did-you-mean.
    ctx: ErrorContext = {"expected": _either(allowed), "allowed": allowed}

    def validate(value: object, loc: Loc, errors: list[ErrorDetails]) -> object:
        for option in allowed:  # by type too: True is not the literal 1
            if type(value) is type(option) and value == option:
                return option
        errors.append(error_at("literal_error", message, loc, value, ctx.copy()))
        return BAD

    return validate


def enum_check(enum: type[Enum]) -> Check:
    by_value = {member.value: member for member in enum}
    message = f"Input should be {_either(by_value)}"
    ctx: ErrorContext = {"expected": _either(by_value), "allowed": tuple(by_value)}  # as for a literal

    def validate(value: object, loc: Loc, errors: list[ErrorDetails]) -> object:
        if isinstance(value, enum):
            return value
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            member = by_value.get(value)
            if member is not None and type(member.value) is type(value):
                return member
        errors.append(error_at("enum", message, loc, value, ctx.copy()))
        return BAD

    return validate


_BLANK = "the text shows nothing (only white space or invisible characters such as U+200B)"


def str_check(strip: bool, min_length: int | None) -> Check:
    too_short = f"String should have at least {min_length} character{'s' if min_length != 1 else ''}"

    def validate(value: object, loc: Loc, errors: list[ErrorDetails]) -> object:
        if not isinstance(value, str):
            errors.append(error_at("string_type", "Input should be a valid string", loc, value))
            return BAD
        problem = None if value.isprintable() else char_problem(value)  # char_problem's own first test, inline
        if problem:
            errors.append(error_at("string_forbidden_char", problem, loc, value))
            return BAD
        text = value.strip() if strip else value
        if min_length is not None and len(text) < min_length:
            errors.append(error_at("string_too_short", too_short, loc, value))
            return BAD
        if min_length is not None and not "!" <= text[:1] <= "~" and is_blank(text):  # is_blank's first test, inline
            errors.append(error_at("string_blank", _BLANK, loc, value))
            return BAD
        return text

    return validate


def bool_value(value: object, loc: Loc, errors: list[ErrorDetails]) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, str | int):  # something that might have meant yes or no
        errors.append(
            error_at("bool_parsing", "Input should be a valid boolean, unable to interpret input", loc, value)
        )
    else:
        errors.append(error_at("bool_type", "Input should be a valid boolean", loc, value))
    return BAD


def int_value(value: object, loc: Loc, errors: list[ErrorDetails]) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        message = "Input should be a valid integer, got a number with a fractional part"
        errors.append(error_at("int_from_float", message, loc, value))
    else:
        errors.append(error_at("int_type", "Input should be a valid integer", loc, value))
    return BAD


def float_value(value: object, loc: Loc, errors: list[ErrorDetails]) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:  # an int too large for a float
            pass
    errors.append(error_at("float_type", "Input should be a valid number", loc, value))
    return BAD


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


def number_check(convert: Check, gt: float | None, ge: float | None, le: float | None) -> Check:
    """`convert` (int_value or float_value), then the bounds: above `gt`, from `ge`, up to `le`."""
    if gt is None and ge is None and le is None:
        return convert
    ctx: ErrorContext = {"range": _range_text(gt, ge, le)}  # for the what-to-do: the whole allowed range, not one bound

    def validate(value: object, loc: Loc, errors: list[ErrorDetails]) -> object:
        converted = convert(value, loc, errors)
        if converted is BAD:
            return BAD
        number = cast("float", converted)  # int_value and float_value return an int or a float, or BAD
        # Written as `not (a > b)` so that NaN, which compares false with everything, is refused.
        if gt is not None and not number > gt:
            message = f"Input should be greater than {number_text(gt)}"
            errors.append(error_at("greater_than", message, loc, value, {**ctx, "gt": gt}))
        elif ge is not None and not number >= ge:
            message = f"Input should be greater than or equal to {number_text(ge)}"
            errors.append(error_at("greater_than_equal", message, loc, value, {**ctx, "ge": ge}))
        elif le is not None and not number <= le:
            message = f"Input should be less than or equal to {number_text(le)}"
            errors.append(error_at("less_than_equal", message, loc, value, {**ctx, "le": le}))
        else:
            return converted
        return BAD

    return validate


def date_value(value: object, loc: Loc, errors: list[ErrorDetails]) -> object:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date()
        message = "Datetimes provided to dates should have zero time - e.g. be exact dates"
        errors.append(error_at("date_from_datetime_inexact", message, loc, value))
        return BAD
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        errors.append(error_at("date_type", "Input should be a valid date", loc, value))
        return BAD
    # Only YYYY-MM-DD: fromisoformat would also read 20190306 and 2019-W10-3.
    message = "Input should be a valid date"
    ctx: ErrorContext = {}
    digits = value[:4] + value[5:7] + value[8:]
    if len(value) == 10 and value[4] == value[7] == "-" and digits.isascii() and digits.isdigit():
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:  # e.g. 2019-02-30: say which part is out of range (pydantic's "error")
            ctx["error"] = str(exc)
            message += f", {exc}"
    errors.append(error_at("date_parsing", message, loc, value, ctx))
    return BAD


def path_value(value: object, loc: Loc, errors: list[ErrorDetails]) -> object:
    if isinstance(value, PurePath):
        return value
    if isinstance(value, str):
        problem = char_problem(value)  # a NUL in a path makes every file call raise
        if problem:
            errors.append(error_at("string_forbidden_char", problem, loc, value))
            return BAD
        return Path(value)
    errors.append(error_at("path_type", "Input is not a valid path", loc, value))
    return BAD
