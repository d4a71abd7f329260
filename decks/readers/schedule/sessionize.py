"""Sessionize's "all data" JSON: sessions, speakers and rooms as lists joined by ids."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from decks.readers.schedule.model import MAX_SESSIONS, Link, Schedule, Session
from decks.readers.schedule.values import clean, datetime_of, in_time_order, safe_url, too_many


def sessionize(data: dict[str, object], file: str) -> Schedule:
    def by_id(key: str, label: Callable[[dict[str, object]], str]) -> dict[str, str]:
        entries = data.get(key)
        return {
            str(entry.get("id")): label(entry)
            for entry in (entries if isinstance(entries, list) else [])
            if isinstance(entry, dict)
        }

    speakers = by_id(
        "speakers", lambda s: clean(s.get("fullName") or f"{s.get('firstName', '')} {s.get('lastName', '')}", 200)
    )
    rooms = by_id("rooms", lambda r: clean(r.get("name"), 200))
    sessions = data.get("sessions")
    if not isinstance(sessions, list):  # parse_schedule sends only data with a list of sessions
        sessions = []
    if len(sessions) > MAX_SESSIONS:
        raise too_many(file)
    found = Schedule(title="")
    for n, session in enumerate(sessions):
        if not isinstance(session, dict) or session.get("isServiceSession"):
            continue
        title = clean(session.get("title"), 300)
        if not title:
            continue
        start = datetime_of(session.get("startsAt"))
        ids = session.get("speakers")
        names = tuple(
            speakers[str(s.get("id") if isinstance(s, dict) else s)]
            for s in (ids if isinstance(ids, list) else [])
            if str(s.get("id") if isinstance(s, dict) else s) in speakers
        )
        links = []
        for key in ("recordingUrl", "liveUrl"):
            url = safe_url(session.get(key))
            if url:
                links.append(Link(url, "Video" if key == "recordingUrl" else "Live stream"))
        found.sessions.append(
            Session(
                id=clean(session.get("id"), 100) or str(n),
                title=title,
                day=start.date() if start else None,
                start=start,
                room=rooms.get(str(session.get("roomId")), "") or clean(session.get("room"), 200),
                speakers=names,
                abstract=clean(session.get("description")),
                links=tuple(links),
            )
        )
    # Sessionize's export does not name the conference: the file's own name is the best guess (marked for review).
    found.title = clean(data.get("name") or data.get("title"), 300) or Path(file).stem
    return in_time_order(found, file)
