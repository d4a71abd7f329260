"""Turn model validation errors into located `Problem`s with a did-you-mean and a what-to-do."""

from __future__ import annotations

import types
import typing

from decks.errors import Problem, excerpt
from decks.model.checkers import ErrorContext, number_text
from decks.model.typed import Model, ValidationError
from decks.readers.yamlpos import Located, Path_, did_you_mean, dotted

# What to do, by error type, when the error's own message does not say.
_HINTS: dict[str, str] = {
    "string_type": "write text here (in quotes if it looks like a number, date or yes/no)",
    "string_too_short": "write some text, or remove the key",
    "string_blank": "write some text, or remove the key",
    "int_type": "write a whole number",
    "int_from_float": "write a whole number",
    "bool_type": "write true or false",
    "bool_parsing": "write true or false",
    "date_type": "write the date as YYYY-MM-DD",
    "date_parsing": "write the date as YYYY-MM-DD",
    "date_from_datetime_inexact": "write the date as YYYY-MM-DD, without a time",
    "list_type": "write a list, each entry on its own line starting with '- '",
    "model_type": "write keys and values here, like 'title: ...'",
    "invalid_key": "write keys as words, like title:",
    "enum": "use one of the values listed",
    "literal_error": "use one of the values listed",
    "float_type": "write a number",
    "path_type": "write a file path as text",
}


def problems_from_validation(error: ValidationError, model: type[Model], located: Located, file: str) -> list[Problem]:
    """One located problem per validation error, in file order."""
    problems: list[Problem] = []
    for err in error.errors():
        loc: Path_ = tuple(err["loc"])
        kind = err["type"]
        message = err["msg"]
        hint = _HINTS.get(kind)
        if kind == "extra_forbidden":
            name = str(loc[-1])
            known = _field_names(model, loc[:-1])
            guess = did_you_mean(name, known) if len(name) <= 100 else None
            message = f"unknown key '{excerpt(name)}'"  # a 1 MB key is not echoed whole
            hint = (
                f"did you mean '{guess}'?"
                if guess
                else "remove it; the keys here are: " + ", ".join(known)
                if known
                else "remove it"
            )
            pos = located.where(loc, key=True)
        elif kind == "model_type":
            message, hint = _not_a_mapping(_model_at(model, loc), err["input"])
            pos = located.where(loc)
        elif kind == "missing":
            message = f"'{loc[-1]}' is required here"
            pos = located.where(loc[:-1])
            hint = f"add '{loc[-1]}:' with a value"
        else:
            pos = located.where(loc)
            message = _said(kind, message, err.get("input"), err.get("ctx", {}))
            if err.get("ctx", {}).get("range"):
                hint = f"write a number {err['ctx']['range']}"
            if kind in ("value_error", "string_forbidden_char"):  # our own message: "what; what to do"
                # A model's own check's words are the error's context (pydantic's "error"), not its message.
                message, _, own_hint = err.get("ctx", {}).get("error", message).partition("; ")
                hint = own_hint or hint
            written = err.get("input")
            if kind in ("enum", "literal_error") and isinstance(written, str):
                # "kind: vidoe": the closest allowed value, as unknown keys get one.
                allowed = err.get("ctx", {}).get("allowed", ())
                guess = did_you_mean(written, [str(v) for v in allowed if isinstance(v, str)])
                if guess:
                    hint = f"did you mean '{guess}'?"
        line, col = pos if pos else (None, None)
        problems.append(Problem(file, message, hint, field=dotted(loc) or None, line=line, col=col))
    problems.sort(key=lambda p: (p.line or 0, p.col or 0))
    return problems


def _field_names(model: type[Model], loc: Path_) -> list[str]:
    """The keys a mapping at `loc` may have, found by walking the model's field types."""
    cls = _model_at(model, loc)
    return list(cls.model_fields) if cls else []


def _model_at(model: type[Model], loc: Path_) -> type[Model] | None:
    """The model a mapping at `loc` is read as, found by walking the model's field types."""
    current: object = model  # a type hint, as the field has it
    for part in loc:
        if isinstance(part, int):
            continue
        cls = _model_in(current)
        if cls is None or part not in cls.model_fields:
            return None
        current = cls.model_fields[part].annotation
    return _model_in(current)


def _kind_of(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "empty" if value is None else "a date" if hasattr(value, "isoformat") else "a single value"


def _shown(value: object) -> str:
    """A value as the user wrote it, short: 'vidoe', 3, true, 2019-03-06; a list or mapping by its kind."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{excerpt(value, 60)}'"
    if isinstance(value, int | float):
        return excerpt(str(value), 40)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, dict):
        return "keys and values"
    return _kind_of(value)


# Plain words for the validator's own messages (pydantic's wording, kept there for compatibility), by error type.
_SAID: dict[str, str] = {
    "list_type": "{value} is not a list",
    "string_type": "{value} is not text",
    "string_too_short": "the text is empty",
    "bool_type": "{value} is not true or false",
    "bool_parsing": "{value} is not true or false",
    "int_type": "{value} is not a whole number",
    "int_from_float": "{value} is not a whole number",
    "float_type": "{value} is not a number",
    "date_type": "{value} is not a date",
    "path_type": "{value} is not a file path",
}


def _said(kind: str, message: str, value: object, ctx: ErrorContext) -> str:
    """The validator's `message` for an error of `kind` on `value`, in the words of the rest of recap's
    messages: what was written, and what it is not."""
    shown = _shown(value)
    if kind in _SAID:
        return _SAID[kind].format(value=shown)
    # The allowed values, a date's reason and a bound, as the validator's context names them (pydantic's keys).
    if kind in ("enum", "literal_error") and "expected" in ctx:
        return f"{shown} is not one of {ctx['expected']}"
    if kind == "date_parsing":
        reason = ctx.get("error")
        return f"{shown} is not a date" + (f" ({reason})" if reason else "")
    if kind == "greater_than_equal":
        return f"{shown} is below {number_text(ctx['ge'])}, the least allowed"
    if kind == "less_than_equal":
        return f"{shown} is above {number_text(ctx['le'])}, the most allowed"
    if kind == "greater_than":
        return f"{shown} is too small: it must be more than {number_text(ctx['gt'])}"
    return message


def _not_a_mapping(cls: type[Model] | None, value: object) -> tuple[str, str]:
    """(what, what to do) for a value that should have been keys and values, naming the keys it needs."""
    if cls is None:
        return f"this should be keys and values, not {_kind_of(value)}", "write keys and values here, like 'title: ...'"
    fields = list(cls.model_fields)
    if cls.__name__ == "Takeaway":  # the one model that may also be written as plain text
        return (
            f"a takeaway is text, or text: with points:, not {_kind_of(value)}",
            "write the takeaway as text (in quotes if it looks like a number), or as text: with points:",
        )
    required = [name for name in fields if cls.model_fields[name].is_required()] or fields[:1]
    first = required[0]
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        shown = str(value) if len(str(value)) <= 40 else str(value)[:40] + "…"
        return f"this should be keys and values, not {_kind_of(value)}", f"write it as {first}: {shown}"
    keys = ", ".join(f"{name}:" for name in (required + [f for f in fields if f not in required])[:3])
    return f"this should be keys and values, not {_kind_of(value)}", f"write keys such as {keys}"


def _model_in(annotation: object) -> type[Model] | None:
    """The model inside Optional[...], list[...], Annotated[...] and unions, if there is one."""
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (list, tuple, typing.Union, types.UnionType, dict):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None
