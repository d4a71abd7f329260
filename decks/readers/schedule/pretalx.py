"""pretalx and frab schedules: the c3voc `schedule.json` and the `schedule.xml` tree."""

from __future__ import annotations

from typing import Any

from decks.errors import Problem
from decks.readers.schedule.model import FORMATS_HINT, MAX_SESSIONS, Schedule, ScheduleError, Session
from decks.readers.schedule.values import clean, date_of, datetime_of, in_time_order, links_of, safe_url, too_many


def c3voc(schedule: dict[str, object], file: str) -> Schedule:
    conference = schedule.get("conference")
    if not isinstance(conference, dict):
        raise ScheduleError(
            [Problem(file, "schedule.conference is missing", "export the whole schedule", field="schedule.conference")]
        )
    found = Schedule(
        title=clean(conference.get("title"), 300) or clean(conference.get("acronym"), 100),
        start=date_of(conference.get("start")),
        end=date_of(conference.get("end")),
        url=safe_url(conference.get("url") or conference.get("base_url")),
    )
    days = conference.get("days")
    for d, day in enumerate(days if isinstance(days, list) else []):
        if not isinstance(day, dict):
            continue
        date = date_of(day.get("date"))
        rooms = day.get("rooms")
        for room, events in rooms.items() if isinstance(rooms, dict) else []:
            for e, event in enumerate(events if isinstance(events, list) else []):
                if not isinstance(event, dict):
                    continue
                if len(found.sessions) >= MAX_SESSIONS:
                    raise too_many(file)
                title = clean(event.get("title"), 300)
                if not title:
                    continue
                persons = event.get("persons")
                speakers = tuple(
                    name
                    for p in (persons if isinstance(persons, list) else [])
                    if (name := clean(p.get("public_name") or p.get("name") if isinstance(p, dict) else p, 200))
                )
                start = datetime_of(event.get("date"))
                found.sessions.append(
                    Session(
                        id=clean(event.get("code") or event.get("id") or event.get("guid"), 100) or f"{d}.{e}",
                        title=title,
                        day=start.date() if start else date,
                        start=start,
                        room=clean(event.get("room") or room, 200),
                        speakers=speakers,
                        abstract=clean(event.get("abstract") or event.get("description")),
                        url=safe_url(event.get("url")),
                        links=links_of(event.get("links")),
                        track=clean(event.get("track"), 200),
                        language=clean(event.get("language"), 20),
                    )
                )
    return in_time_order(found, file)


# -- frab / pretalx schedule.xml ---------------------------------------------------------------------------------


def frab_xml(raw: bytes, file: str) -> Schedule:
    from lxml import etree  # lazy: only for schedule.xml; every schedule format loads this module

    if b"<!DOCTYPE" in raw[:4096].upper() or b"<!ENTITY" in raw.upper():
        raise ScheduleError(
            [Problem(file, "the XML declares a DOCTYPE or entities", "export the schedule again without them")]
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        raise ScheduleError(
            [Problem(file, f"not valid XML: {exc.msg}", "check the export", line=line, col=col)]
        ) from None
    if root.tag != "schedule":
        raise ScheduleError([Problem(file, f"the XML's root is <{root.tag}>, not <schedule>", FORMATS_HINT, line=1)])

    # Any: an lxml element, and lxml has no type information here (see [tool.mypy] in pyproject.toml).
    def text(node: Any, name: str, limit: int = 2000) -> str:
        child = node.find(name) if node is not None else None
        return clean("".join(child.itertext()), limit) if child is not None else ""

    conference = root.find("conference")
    found = Schedule(
        title=text(conference, "title", 300) or text(conference, "acronym", 100),
        start=date_of(text(conference, "start", 40)),
        end=date_of(text(conference, "end", 40)),
        url=safe_url(text(conference, "base_url", 2000)),
    )
    for day in root.iter("day"):
        date = date_of(day.get("date"))
        for room in day.iter("room"):
            for event in room.iter("event"):
                if len(found.sessions) >= MAX_SESSIONS:
                    raise too_many(file)
                title = text(event, "title", 300)
                if not title:
                    continue
                persons = event.find("persons")
                speakers = tuple(
                    name for p in (persons if persons is not None else []) if (name := clean("".join(p.itertext())))
                )
                links = event.find("links")
                start = datetime_of(text(event, "date", 40))
                found.sessions.append(
                    Session(
                        id=clean(event.get("code") or event.get("id") or event.get("guid"), 100)
                        or str(event.sourceline),
                        title=title,
                        day=start.date() if start else date,
                        start=start,
                        room=text(event, "room", 200) or clean(room.get("name"), 200),
                        speakers=speakers,
                        abstract=text(event, "abstract") or text(event, "description"),
                        url=safe_url(text(event, "url", 2000)),
                        links=links_of(
                            [{"url": link.get("href"), "title": "".join(link.itertext())} for link in links]
                            if links is not None
                            else []
                        ),
                        track=text(event, "track", 200),
                        language=text(event, "language", 20),
                    )
                )
    return in_time_order(found, file)
