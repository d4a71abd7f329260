"""The values of a schedule file as recap keeps them: plain words, dates, bounded counts, safe links, time order."""

from __future__ import annotations

import datetime as dt
import re

from decks.errors import Problem
from decks.model.urls import url_problem
from decks.readers.schedule.model import MAX_SESSIONS, Link, Schedule, ScheduleError

_TAGS = re.compile(r"<[^>]{0,200}>")


def clean(value: object, limit: int = 2000) -> str:
    """A text value as plain words: markup and white space runs removed, cut at `limit` characters."""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return ""
    text = " ".join(_TAGS.sub(" ", str(value)).split())
    return text[:limit]


def date_of(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = clean(value, 40)
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def datetime_of(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    text = clean(value, 40).replace("Z", "+00:00")
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def too_many(file: str) -> ScheduleError:
    return ScheduleError(
        [Problem(file, f"the schedule has more than {MAX_SESSIONS:,} sessions", "export one conference only")]
    )


def links_of(raw: object, url_key: str = "url", title_key: str = "title") -> tuple[Link, ...]:
    out: list[Link] = []
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, dict):
            continue
        url = safe_url(entry.get(url_key))
        if url:
            out.append(Link(url, clean(entry.get(title_key), 200)))
    return tuple(out[:20])


def safe_url(value: object) -> str:
    url = clean(value, 2000)
    return url if url and url_problem(url) is None else ""


def in_time_order(found: Schedule, file: str) -> Schedule:
    if not found.title:
        raise ScheduleError([Problem(file, "the schedule names no conference", "check the export", field="title")])
    if not found.sessions:
        raise ScheduleError([Problem(file, "the schedule has no sessions", "check the export", field="sessions")])
    found.sessions.sort(key=lambda s: (s.day or dt.date.max, s.start.isoformat() if s.start else "", s.room, s.id))
    days = [s.day for s in found.sessions if s.day]
    found.start = found.start or (min(days) if days else None)
    found.end = found.end or (max(days) if days else None)
    return found
