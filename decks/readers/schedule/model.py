"""The one shape every schedule format is read into: the conference, its sessions, and the error a file that
cannot be read raises."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from decks.errors import ContentError

MAX_SESSIONS = 5_000  # a week-long congress has ~1,000; past this the file is not a schedule


@dataclass(frozen=True)
class Link:
    url: str
    title: str


@dataclass(frozen=True)
class Session:
    """One talk, workshop or keynote of the schedule."""

    id: str
    title: str
    day: dt.date | None
    start: dt.datetime | None = None
    room: str = ""
    speakers: tuple[str, ...] = ()
    abstract: str = ""
    url: str = ""
    links: tuple[Link, ...] = ()
    track: str = ""
    language: str = ""


@dataclass
class Schedule:
    """What a schedule file says: the conference and its sessions in time order."""

    title: str
    start: dt.date | None = None
    end: dt.date | None = None
    url: str = ""
    venue: str = ""
    sessions: list[Session] = field(default_factory=list)

    def days(self) -> list[dt.date | None]:
        """The days that have sessions, in order."""
        return sorted({s.day for s in self.sessions}, key=lambda d: (d is None, d or dt.date.min))


class ScheduleError(ContentError):
    """A schedule file recap cannot read; carries located problems."""


FORMATS_HINT = (
    "give a pretalx or frab schedule.json or schedule.xml, a Sessionize 'all data' JSON export, or an .ics file"
)
