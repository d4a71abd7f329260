"""What the command line says on stderr: errors, grouped warnings, notes and a progress line, at the chosen verbosity.

`-q` keeps only errors; `-v` lists every warning on its own line; colour is used only on a terminal and never when
NO_COLOR is set (https://no-color.org).
"""

from __future__ import annotations

import errno
import os
import re
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO

import click
import msgspec

from decks.errors import OutputError, Problem, excerpt, for_terminal

QUIET, NORMAL, VERBOSE = -1, 0, 1
# Warnings of one kind are folded into one line from this many on; -v lists them all.
GROUP_FROM = 3
SHOWN_NAMES = 3


class Settings(msgspec.Struct):
    """The verbosity the group's -q/-v chose for this run."""

    level: int = NORMAL


settings = Settings()


def reset() -> None:
    """Back to the defaults, before each run (tests call the CLI many times in one process)."""
    settings.level = NORMAL


def colour(stream: IO[str] | None = None) -> bool:
    """Whether to colour what goes to `stream` (stderr): only on a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream if stream is not None else sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


def _prefix(word: str, fg: str) -> str:
    return click.style(word, fg=fg, bold=True) if colour() else word


def error(message: str) -> None:
    """An error: always shown, even with -q."""
    click.echo(f"{_prefix('error:', 'red')} {for_terminal(plurals(short(message)))}", err=True, color=colour())


# Errors shown one per line before the rest are summed up: 50,000 unknown keys were 50,000 lines.
SHOWN_ERRORS = 20


def errors(messages: list[str]) -> None:
    """Errors, the first SHOWN_ERRORS each on its line, the rest counted by kind ("… and 49,980 more unknown
    keys"); fixing the first ones and running again shows the next."""
    for message in messages[:SHOWN_ERRORS]:
        error(message)
    rest = messages[SHOWN_ERRORS:]
    if rest:
        # Placed like the others when they share a file: "c.yaml: … and 49,980 more unknown keys".
        files = {m.group(1) if (m := _FILE.match(line)) else None for line in rest}
        where = f"{files.pop()}: " if len(files) == 1 and None not in files else ""
        line = f"{where}… and {_more(rest)}"
        click.echo(f"{_prefix('error:', 'red')} {for_terminal(line)}", err=True, color=colour())


_FILE = re.compile(r"^([^:]+)(?::\d+:\d+)?: ")


_WHAT = re.compile(r"^(?:[^:]*:\d+:\d+: )?(?:[^:']*: )?(?P<what>[a-z][a-z ]{2,40}?) '")


def _more(rest: list[str]) -> str:
    """ "49,980 more unknown keys" when every one is of the kind the start of its message names; else problems."""
    whats = {m.group("what") if (m := _WHAT.match(line)) else None for line in rest}
    what = whats.pop() if len(whats) == 1 else None
    noun = what if what and " " in what and len(what.split()) <= 3 else "problem"
    return f"{len(rest):,} more {noun if len(rest) == 1 else noun + 's'} (fix these and run again to see them)"


# A quoted value: an opening quote after a space or bracket (not an apostrophe inside a word, nor the closing quote
# of the value before), its closing one before a space, bracket or punctuation.
_LONG_QUOTE = re.compile(r"(?<![\w'])'([^'\n]{61,}?)'(?!\w)")
MAX_LINE = 2_000


def short(message: str) -> str:
    """`message` with every quoted value over 60 characters cut to an excerpt, and at most MAX_LINE long: a 1 MB
    key echoed whole made a 2 MB error line."""
    message = _LONG_QUOTE.sub(lambda m: f"'{excerpt(m.group(1))}'", message)
    return message if len(message) <= MAX_LINE else excerpt(message, MAX_LINE)


def note(message: str) -> None:
    """Information about what a command did (not its result): hidden by -q."""
    if settings.level > QUIET:
        click.echo(for_terminal(message, layout=True), err=True)


def result(message: str) -> None:
    """A command's result line on stdout (the path it wrote, 'ok: ...'): hidden by -q."""
    if settings.level > QUIET:
        if sys.stdout is None:  # started with stdout closed (`>&-`): the result would be lost without a word
            raise OutputError([stdout_problem(errno.EBADF)])
        try:
            click.echo(for_terminal(message, layout=True))
        except OSError as exc:
            if exc.errno not in STDOUT_ERRNOS:
                raise
            raise OutputError([stdout_problem(exc.errno)]) from None


STDOUT_ERRNOS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EBADF})
"""What writing to stdout fails with when it cannot take the output (not a bug in recap: exit 3)."""


def stdout_problem(code: int | None) -> Problem:
    """What to tell the user when stdout failed with errno `code`."""
    if code == errno.EPIPE:
        what = "the program reading it closed it before recap finished writing"
        todo = "let the reader take the whole output (e.g. no 'head'), or ignore this if that was meant"
    elif code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        what, todo = "the disk it goes to is full", "free some space, or send the output elsewhere"
    elif code == errno.EBADF:
        what, todo = "it is closed", "run the command with its output going to a terminal, a file or a pipe"
    else:
        what, todo = f"cannot write to it ({os.strerror(code or 0)})", "send the output elsewhere"
    return Problem("standard output", what, todo)


def warnings(lines: Iterable[str | Problem]) -> None:
    """Print warnings (a Problem as its one line), folding many of one kind into one line unless -v; nothing
    with -q."""
    if settings.level <= QUIET:
        return
    said = [for_terminal(short(str(line))) for line in lines]
    shown = said if settings.level >= VERBOSE else grouped(said)
    for line in shown:
        click.echo(f"{_prefix('warning:', 'yellow')} {_agree(plurals(line))}", err=True, color=colour())


_COUNT_S = re.compile(r"\b(\d+) (\w+)\(s\)")


def plurals(text: str) -> str:
    """'1 takeaway(s)' -> '1 takeaway', '3 takeaway(s)' -> '3 takeaways'."""
    return _COUNT_S.sub(lambda m: count(int(m.group(1)), m.group(2)), text)


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 part', '2 parts', '0 parts'."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


_QUOTED = re.compile(r"'[^']*'")
_NUMBER = re.compile(r"\d+")
# "PREFIX: N things of 'NAME' REST": a count per item, as the sketchnote's --max-takeaways warnings are.
_PER_ITEM = re.compile(r"^(?P<prefix>.*?: )?(?P<n>\d+) (?P<noun>\w+?)(?:\(s\)|s)? of '(?P<name>[^']*)' (?P<rest>.+)\Z")


def _kind(line: str) -> str:
    """The warning with its names and numbers blanked: warnings of one kind share it."""
    return _NUMBER.sub("#", _QUOTED.sub("'…'", line))


def grouped(lines: list[str]) -> list[str]:
    """One line per kind of warning that occurs GROUP_FROM times or more, in the order each kind first appears."""
    kinds: dict[str, list[str]] = {}
    for line in lines:
        kinds.setdefault(_kind(line), []).append(line)
    out = []
    for members in kinds.values():
        out.extend(members if len(members) < GROUP_FROM else [_fold(members)])
    return out


def _fold(members: list[str]) -> str:
    per_item = [_PER_ITEM.match(line) for line in members]
    if all(per_item):
        first = per_item[0]
        assert first is not None
        total = sum(int(m.group("n")) for m in per_item if m)
        names = [m.group("name") for m in per_item if m]
        noun = first.group("noun")
        return (
            f"{first.group('prefix') or ''}{count(total, noun)} of {count(len(names), 'item')} "
            f"{_rest(first.group('rest'), total)}: {_names(names)} (-v lists each)"
        )
    names = [name for line in members[1:] for name in _QUOTED.findall(line)]
    more = f"; and {len(members) - 1} more like it"
    return f"{members[0]}{more}{': ' + _names(names, quoted=False) if names else ''} (-v lists each)"


def _agree(line: str) -> str:
    """'1 takeaway of 'X' are not ...' -> '... is not ...': a count per item keeps its verb agreeing."""
    match = _PER_ITEM.match(line)
    if match is None:
        return line
    return line[: match.start("rest")] + _rest(match.group("rest"), int(match.group("n")))


def _rest(rest: str, total: int) -> str:
    # The rest was written for one item's count; keep its verb agreeing with the total.
    if total != 1:
        return re.sub(r"^is\b", "are", rest)
    return re.sub(r"^are\b", "is", rest)


def _names(names: list[str], quoted: bool = True) -> str:
    shown = [f"'{n}'" if quoted else n for n in names[:SHOWN_NAMES]]
    extra = len(names) - len(shown)
    return ", ".join(shown) + (f" and {extra} more" if extra else "")


@contextmanager
def progress(what: str, after: float = 1.0, stream: IO[str] | None = None) -> Iterator[None]:
    """Say `what` on stderr if the work inside takes longer than `after` seconds, so a slow run is not silent.

    Only on a terminal, and not with -q: in a pipe or a log the line would be noise. With -v the time is told.
    """
    stream = stream if stream is not None else sys.stderr
    start = time.perf_counter()
    timer: threading.Timer | None = None
    if settings.level > QUIET and getattr(stream, "isatty", lambda: False)():
        timer = threading.Timer(after, lambda: click.echo(f"{what} …", file=stream))
        timer.daemon = True
        timer.start()
    try:
        yield
    finally:
        if timer is not None:
            timer.cancel()
        if settings.level >= VERBOSE:
            click.echo(f"{what}: {time.perf_counter() - start:.2f} s", file=stream)
