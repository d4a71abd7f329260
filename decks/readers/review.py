"""What a content file still asks its author to review: the TODO and check: comments `recap import` (or the
author) left, and the facts a talk needs that are missing (who presents, when the event was).

`recap check` reports them as warnings, and as errors with `--strict`, so an imported post is not presented with
its review notes still open.
"""

from __future__ import annotations

import re

from decks.errors import Problem
from decks.model import Recap
from decks.readers.yamlpos import Located

# A YAML comment (at the start of a line or after a value) that is a TODO or a check: note.
_MARKER = re.compile(r"(?:^|\s)#\s*(TODO\b|check:)\s*(.*)$")
_SHOWN = 80  # characters of a marker's text echoed back


def review_problems(text: str, recap: Recap, located: Located, file: str) -> list[Problem]:
    """Each open review marker, located at its line, then each missing fact a talk needs."""
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        found = _MARKER.search(line)
        if not found or _in_a_value(line, found.start()):
            continue
        kind, rest = found.group(1), found.group(2).strip().lstrip(":").strip()
        shown = rest if len(rest) <= _SHOWN else rest[: _SHOWN - 1] + "…"
        problems.append(
            Problem(
                file,
                f"a {kind.rstrip(':')} note is still open: {shown}",
                "do what it says, then delete the comment",
                line=number,
                col=line.index("#", found.start()) + 1,
            )
        )
    if recap.presenter is None:
        problems.append(
            Problem(
                file,
                "nobody presents this recap",
                "add presenter: with name: under it",
                field="presenter",
                line=1,
                col=1,
            )
        )
    if recap.event is None or recap.event.start is None:
        where = located.where(("event",)) or (1, 1)
        problems.append(
            Problem(
                file,
                "the event's dates are missing",
                "add start: (and end:) as YYYY-MM-DD under event:",
                field="event.start",
                line=where[0],
                col=where[1],
            )
        )
    return problems


def _in_a_value(line: str, at: int) -> bool:
    """Whether the # at `at` stands inside a quoted value (then it is text, not a comment)."""
    before = line[:at]
    return before.count('"') % 2 == 1 or before.count("'") % 2 == 1
