"""A conference's published schedule, read into one shape: the conference, its days, their sessions.

Read, each by its published form:
- pretalx and frab `schedule.json` (the c3voc schema: `schedule.conference.days[].rooms{name: [event]}`),
- frab and pretalx `schedule.xml` (the same tree as XML),
- Sessionize's "all data" JSON (`sessions`, `speakers` and `rooms` as lists joined by ids),
- an iCalendar file (`.ics`, one VEVENT per session, by the `icalendar` library).

Every reader is bounded (the file's size, the number of sessions, the nesting of JSON) and safe against hostile
files (XML without DTDs, entities or network; no value is ever evaluated), and reports what it cannot read as a
located `Problem` (file, line and column where the format gives them, the field, what to do).

Here the format is told from the bytes; `model` holds the shape, `values` the value readers every format shares,
`pretalx`, `sessionize` and `ics` one family of formats each, and `content` turns chosen sessions into content.
"""

from __future__ import annotations

import json
from pathlib import Path

from decks.errors import Problem
from decks.readers.schedule.content import content_from, first_sentence, listing, select
from decks.readers.schedule.ics import ics
from decks.readers.schedule.model import FORMATS_HINT, MAX_SESSIONS, Link, Schedule, ScheduleError, Session
from decks.readers.schedule.pretalx import c3voc, frab_xml
from decks.readers.schedule.sessionize import sessionize
from decks.safeio import ReadRefused, read_bounded

__all__ = [
    "MAX_SESSIONS",
    "Link",
    "Schedule",
    "ScheduleError",
    "Session",
    "content_from",
    "first_sentence",
    "listing",
    "parse_schedule",
    "read_schedule",
    "select",
]


def read_schedule(path: Path) -> Schedule:
    """The schedule in `path`, its format told by its content (JSON, XML or iCalendar), not its name."""

    file = str(path)
    try:
        raw = read_bounded(path, "schedule")
    except ReadRefused as exc:
        raise ScheduleError([Problem(file, exc.message, exc.hint)]) from None
    return parse_schedule(raw, file)


def parse_schedule(raw: bytes, file: str) -> Schedule:
    """The schedule in `raw` (the bytes of `file`)."""
    text = _text(raw, file)
    head = text.lstrip()[:200]
    if head.startswith(("{", "[")):
        data = _json(text, file)
        if isinstance(data, dict) and isinstance(data.get("schedule"), dict):
            return c3voc(data["schedule"], file)
        if isinstance(data, dict) and isinstance(data.get("sessions"), list):
            return sessionize(data, file)
        raise ScheduleError([Problem(file, "this JSON is not a schedule recap knows", FORMATS_HINT, line=1, col=1)])
    if head.startswith("<"):
        return frab_xml(raw, file)
    if head.upper().startswith("BEGIN:VCALENDAR"):
        return ics(raw, file)
    raise ScheduleError([Problem(file, "this is not a schedule file recap knows", FORMATS_HINT, line=1, col=1)])


def _text(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ScheduleError(
            [Problem(file, f"byte 0x{raw[exc.start]:02x} is not UTF-8", "save the file as UTF-8", line=line)]
        ) from None


def _json(text: str, file: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScheduleError(
            [Problem(file, f"not valid JSON: {exc.msg}", "check the export", line=exc.lineno, col=exc.colno)]
        ) from None
    except RecursionError:
        raise ScheduleError([Problem(file, "the JSON is nested too deeply", "check the export")]) from None
