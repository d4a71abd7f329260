"""User-facing errors: a `Problem` names a place in a file; a `RecapError` carries problems and exit code."""

from __future__ import annotations

import re
from enum import IntEnum

import msgspec

# What a terminal may act on or cannot print: C0 and C1 controls (ESC starts colour, title and cursor
# sequences), DEL, bidirectional overrides and isolates (they reorder what is shown), lone surrogates (they
# cannot be encoded), and the noncharacters U+FFFE/U+FFFF.
_UNSAFE_FOR_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def for_terminal(text: str, layout: bool = False) -> str:
    """`text` safe to print: every control character or escape sequence shown as an escape (ESC as \\x1b).
    With `layout`, tabs and line ends stay (recap's own columns and multi-line output)."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if layout and match.group() in "\t\n":
            return match.group()
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE_FOR_TERMINAL.sub(escape, text)


def excerpt(text: str, limit: int = 60) -> str:
    """`text` as a message echoes it: at most `limit` characters (cut in the middle with "…", so the start and
    the end both show), so a 1 MB key or address never becomes a 2 MB error line."""
    if len(text) <= limit:
        return text
    head = (limit - 1) * 2 // 3
    return f"{text[:head]}…{text[len(text) - (limit - 1 - head) :]}"


class ExitCode(IntEnum):
    """The documented exit codes of the `recap` command."""

    OK = 0
    CONTENT = 1  # the content or theme file is wrong
    USAGE = 2  # the command line is wrong (click's own code)
    OUTPUT = 3  # the output cannot be made or written (does not fit, cannot write, ...)
    INTERNAL = 4  # a bug in recap


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with an input, located as precisely as is known."""

    file: str
    message: str
    hint: str | None = None
    field: str | None = None
    line: int | None = None  # 1-based
    col: int | None = None  # 1-based

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}:{self.col or 1}"
        parts = [where]
        if self.field:
            parts.append(excerpt(self.field, 120))  # a field's path holds the keys as written: a key may be 1 MB
        text = self.message
        if self.hint:
            text += f"; {self.hint}"
        parts.append(text)
        return for_terminal(": ".join(parts))


class RecapError(Exception):
    """An error to show the user, without a traceback, with an exit code."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, problems: list[Problem] | str, exit_code: ExitCode | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(file="recap", message=problems)]
        self.problems = problems
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__("\n".join(str(p) for p in problems))


class ContentError(RecapError):
    """The content or theme file is wrong; the problems say where and what to do."""

    exit_code = ExitCode.CONTENT


class OutputError(RecapError):
    """The output cannot be made as asked (it does not fit, cannot be written, ...)."""

    exit_code = ExitCode.OUTPUT
