"""iCalendar files: one VEVENT per session, read by the icalendar library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from decks.errors import Problem
from decks.readers.schedule.model import MAX_SESSIONS, Schedule, ScheduleError, Session
from decks.readers.schedule.values import clean, date_of, in_time_order, safe_url, too_many


def ics(raw: bytes, file: str) -> Schedule:
    import icalendar  # lazy: only for a .ics; every schedule format loads this module

    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except (ValueError, KeyError, IndexError, TypeError):
        # icalendar's messages quote the raw bytes: say what is wrong in the user's words instead.
        raise ScheduleError(
            [Problem(file, "not a valid iCalendar file (a BEGIN: without its END:?)", "export the calendar again")]
        ) from None
    found = Schedule(title=clean(calendar.get("X-WR-CALNAME"), 300) or Path(file).stem)
    for n, event in enumerate(calendar.walk("VEVENT")):
        if len(found.sessions) >= MAX_SESSIONS:
            raise too_many(file)
        title = clean(event.get("SUMMARY"), 300)
        if not title:
            continue
        try:
            start_value = event.decoded("DTSTART") if "DTSTART" in event else None
        except (ValueError, KeyError, TypeError):
            start_value = None
        start = start_value if isinstance(start_value, dt.datetime) else None
        day = date_of(start_value) if start_value is not None else None
        organizer = event.get("ORGANIZER")
        attendees = event.get("ATTENDEE")
        people = [*(attendees if isinstance(attendees, list) else [attendees] if attendees else [])]
        speakers = tuple(
            name
            for person in [organizer, *people]
            if person is not None
            if (name := clean(getattr(person, "params", {}).get("CN", ""), 200))
        )
        found.sessions.append(
            Session(
                id=clean(event.get("UID"), 200) or str(n),
                title=title,
                day=day,
                start=start,
                room=clean(event.get("LOCATION"), 200),
                speakers=speakers,
                abstract=clean(event.get("DESCRIPTION")),
                url=safe_url(event.get("URL")),
            )
        )
    return in_time_order(found, file)
