"""JSON with comments and trailing commas (VS Code's settings.json): read it as data, and add one key to it as text
so the comments the user wrote stay where they are."""

from __future__ import annotations

import json


def strip_jsonc(text: str) -> str:
    """`text` with `//` and `/* */` comments blanked and trailing commas removed, strings left as they are.

    Comments become spaces (line ends kept), so a JSON error in the result points at the same line and column."""
    out: list[str] = []
    i, n = 0, len(text)
    pending_comma: int | None = None  # where a comma stands that may turn out to be trailing
    while i < n:
        ch = text[i]
        if ch == '"':
            end = i + 1
            while end < n and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            out.append(text[i : end + 1])
            pending_comma = None
            i = end + 1
            continue
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("".join(c if c == "\n" else " " for c in text[i:end]))
            i = end
            continue
        if ch == ",":
            pending_comma = len(out)
        elif ch in "}]" and pending_comma is not None:
            out[pending_comma] = " "  # a comma with only space and comments before the closing bracket
            pending_comma = None
        elif not ch.isspace():
            pending_comma = None
        out.append(ch)
        i += 1
    return "".join(out)


def load_jsonc(text: str) -> object:
    """The data of a JSON-with-comments text; raises ValueError where it is not."""
    return json.loads(strip_jsonc(text))


def has_comments(text: str) -> bool:
    """Whether writing `text` back as plain JSON would lose something: comments or trailing commas."""
    try:
        json.loads(text)
    except ValueError:
        return True
    return False


def insert_first_key(text: str, key: str, value: object) -> str:
    """`text` (a JSON object, possibly with comments) with `"key": value` added as its first member, the rest of
    the text untouched. The caller makes sure the object does not have the key yet."""
    stripped = strip_jsonc(text)
    brace = stripped.index("{")
    empty = stripped[brace + 1 :].strip().startswith("}")
    member = f"\n  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" + ("" if empty else ",")
    return text[: brace + 1] + member + text[brace + 1 :]
