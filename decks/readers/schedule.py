"""A conference's published schedule, read into one shape: the conference, its days, their sessions.

Read, each by its published form:
- pretalx and frab `schedule.json` (the c3voc schema: `schedule.conference.days[].rooms{name: [event]}`),
- frab and pretalx `schedule.xml` (the same tree as XML),
- Sessionize's "all data" JSON (`sessions`, `speakers` and `rooms` as lists joined by ids),
- an iCalendar file (`.ics`, one VEVENT per session, by the `icalendar` library).

Every reader is bounded (the file's size, the number of sessions, the nesting of JSON) and safe against hostile
files (XML without DTDs, entities or network; no value is ever evaluated), and reports what it cannot read as a
located `Problem` (file, line and column where the format gives them, the field, what to do).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from decks.errors import ContentError, Problem

MAX_SESSIONS = 5_000  # a week-long congress has ~1,000; past this the file is not a schedule
_TAGS = re.compile(r"<[^>]{0,200}>")


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


def read_schedule(path: Path) -> Schedule:
    """The schedule in `path`, its format told by its content (JSON, XML or iCalendar), not its name."""
    from decks.safeio import ReadRefused, read_bounded

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
            return _c3voc(data["schedule"], file)
        if isinstance(data, dict) and isinstance(data.get("sessions"), list):
            return _sessionize(data, file)
        raise ScheduleError([Problem(file, "this JSON is not a schedule recap knows", _FORMATS_HINT, line=1, col=1)])
    if head.startswith("<"):
        return _frab_xml(raw, file)
    if head.upper().startswith("BEGIN:VCALENDAR"):
        return _ics(raw, file)
    raise ScheduleError([Problem(file, "this is not a schedule file recap knows", _FORMATS_HINT, line=1, col=1)])


_FORMATS_HINT = (
    "give a pretalx or frab schedule.json or schedule.xml, a Sessionize 'all data' JSON export, or an .ics file"
)


def _text(raw: bytes, file: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ScheduleError(
            [Problem(file, f"byte 0x{raw[exc.start]:02x} is not UTF-8", "save the file as UTF-8", line=line)]
        ) from None


def _json(text: str, file: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScheduleError(
            [Problem(file, f"not valid JSON: {exc.msg}", "check the export", line=exc.lineno, col=exc.colno)]
        ) from None
    except RecursionError:
        raise ScheduleError([Problem(file, "the JSON is nested too deeply", "check the export")]) from None


def _clean(value: Any, limit: int = 2000) -> str:
    """A text value as plain words: markup and white space runs removed, cut at `limit` characters."""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return ""
    text = " ".join(_TAGS.sub(" ", str(value)).split())
    return text[:limit]


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _clean(value, 40)
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _datetime(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    text = _clean(value, 40).replace("Z", "+00:00")
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _too_many(file: str) -> ScheduleError:
    return ScheduleError(
        [Problem(file, f"the schedule has more than {MAX_SESSIONS:,} sessions", "export one conference only")]
    )


def _links(raw: Any, url_key: str = "url", title_key: str = "title") -> tuple[Link, ...]:
    out: list[Link] = []
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, dict):
            continue
        url = _safe_url(entry.get(url_key))
        if url:
            out.append(Link(url, _clean(entry.get(title_key), 200)))
    return tuple(out[:20])


def _safe_url(value: Any) -> str:
    from decks.model.urls import url_problem

    url = _clean(value, 2000)
    return url if url and url_problem(url) is None else ""


# -- pretalx / frab schedule.json (c3voc) -----------------------------------------------------------------------


def _c3voc(schedule: dict[str, Any], file: str) -> Schedule:
    conference = schedule.get("conference")
    if not isinstance(conference, dict):
        raise ScheduleError(
            [Problem(file, "schedule.conference is missing", "export the whole schedule", field="schedule.conference")]
        )
    found = Schedule(
        title=_clean(conference.get("title"), 300) or _clean(conference.get("acronym"), 100),
        start=_date(conference.get("start")),
        end=_date(conference.get("end")),
        url=_safe_url(conference.get("url") or conference.get("base_url")),
    )
    days = conference.get("days")
    for d, day in enumerate(days if isinstance(days, list) else []):
        if not isinstance(day, dict):
            continue
        date = _date(day.get("date"))
        rooms = day.get("rooms")
        for room, events in rooms.items() if isinstance(rooms, dict) else []:
            for e, event in enumerate(events if isinstance(events, list) else []):
                if not isinstance(event, dict):
                    continue
                if len(found.sessions) >= MAX_SESSIONS:
                    raise _too_many(file)
                title = _clean(event.get("title"), 300)
                if not title:
                    continue
                persons = event.get("persons")
                speakers = tuple(
                    name
                    for p in (persons if isinstance(persons, list) else [])
                    if (name := _clean(p.get("public_name") or p.get("name") if isinstance(p, dict) else p, 200))
                )
                start = _datetime(event.get("date"))
                found.sessions.append(
                    Session(
                        id=_clean(event.get("code") or event.get("id") or event.get("guid"), 100) or f"{d}.{e}",
                        title=title,
                        day=start.date() if start else date,
                        start=start,
                        room=_clean(event.get("room") or room, 200),
                        speakers=speakers,
                        abstract=_clean(event.get("abstract") or event.get("description")),
                        url=_safe_url(event.get("url")),
                        links=_links(event.get("links")),
                        track=_clean(event.get("track"), 200),
                        language=_clean(event.get("language"), 20),
                    )
                )
    return _sorted(found, file)


def _sorted(found: Schedule, file: str) -> Schedule:
    if not found.title:
        raise ScheduleError([Problem(file, "the schedule names no conference", "check the export", field="title")])
    if not found.sessions:
        raise ScheduleError([Problem(file, "the schedule has no sessions", "check the export", field="sessions")])
    found.sessions.sort(key=lambda s: (s.day or dt.date.max, s.start.isoformat() if s.start else "", s.room, s.id))
    days = [s.day for s in found.sessions if s.day]
    found.start = found.start or (min(days) if days else None)
    found.end = found.end or (max(days) if days else None)
    return found


# -- frab / pretalx schedule.xml ---------------------------------------------------------------------------------


def _frab_xml(raw: bytes, file: str) -> Schedule:
    from lxml import etree

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
        raise ScheduleError([Problem(file, f"the XML's root is <{root.tag}>, not <schedule>", _FORMATS_HINT, line=1)])

    def text(node: Any, name: str, limit: int = 2000) -> str:
        child = node.find(name) if node is not None else None
        return _clean("".join(child.itertext()), limit) if child is not None else ""

    conference = root.find("conference")
    found = Schedule(
        title=text(conference, "title", 300) or text(conference, "acronym", 100),
        start=_date(text(conference, "start", 40)),
        end=_date(text(conference, "end", 40)),
        url=_safe_url(text(conference, "base_url", 2000)),
    )
    for day in root.iter("day"):
        date = _date(day.get("date"))
        for room in day.iter("room"):
            for event in room.iter("event"):
                if len(found.sessions) >= MAX_SESSIONS:
                    raise _too_many(file)
                title = text(event, "title", 300)
                if not title:
                    continue
                persons = event.find("persons")
                speakers = tuple(
                    name for p in (persons if persons is not None else []) if (name := _clean("".join(p.itertext())))
                )
                links = event.find("links")
                start = _datetime(text(event, "date", 40))
                found.sessions.append(
                    Session(
                        id=_clean(event.get("code") or event.get("id") or event.get("guid"), 100)
                        or str(event.sourceline),
                        title=title,
                        day=start.date() if start else date,
                        start=start,
                        room=text(event, "room", 200) or _clean(room.get("name"), 200),
                        speakers=speakers,
                        abstract=text(event, "abstract") or text(event, "description"),
                        url=_safe_url(text(event, "url", 2000)),
                        links=_links(
                            [{"url": link.get("href"), "title": "".join(link.itertext())} for link in links]
                            if links is not None
                            else []
                        ),
                        track=text(event, "track", 200),
                        language=text(event, "language", 20),
                    )
                )
    return _sorted(found, file)


# -- Sessionize "all data" ---------------------------------------------------------------------------------------


def _sessionize(data: dict[str, Any], file: str) -> Schedule:
    def by_id(key: str, label: Callable[[dict[str, Any]], str]) -> dict[str, str]:
        entries = data.get(key)
        return {
            str(entry.get("id")): label(entry)
            for entry in (entries if isinstance(entries, list) else [])
            if isinstance(entry, dict)
        }

    speakers = by_id(
        "speakers", lambda s: _clean(s.get("fullName") or f"{s.get('firstName', '')} {s.get('lastName', '')}", 200)
    )
    rooms = by_id("rooms", lambda r: _clean(r.get("name"), 200))
    sessions = data["sessions"]
    if len(sessions) > MAX_SESSIONS:
        raise _too_many(file)
    found = Schedule(title="")
    for n, session in enumerate(sessions):
        if not isinstance(session, dict) or session.get("isServiceSession"):
            continue
        title = _clean(session.get("title"), 300)
        if not title:
            continue
        start = _datetime(session.get("startsAt"))
        ids = session.get("speakers")
        names = tuple(
            speakers[str(s.get("id") if isinstance(s, dict) else s)]
            for s in (ids if isinstance(ids, list) else [])
            if str(s.get("id") if isinstance(s, dict) else s) in speakers
        )
        links = []
        for key in ("recordingUrl", "liveUrl"):
            url = _safe_url(session.get(key))
            if url:
                links.append(Link(url, "Video" if key == "recordingUrl" else "Live stream"))
        found.sessions.append(
            Session(
                id=_clean(session.get("id"), 100) or str(n),
                title=title,
                day=start.date() if start else None,
                start=start,
                room=rooms.get(str(session.get("roomId")), "") or _clean(session.get("room"), 200),
                speakers=names,
                abstract=_clean(session.get("description")),
                links=tuple(links),
            )
        )
    # Sessionize's export does not name the conference: the file's own name is the best guess (marked for review).
    found.title = _clean(data.get("name") or data.get("title"), 300) or Path(file).stem
    return _sorted(found, file)


# -- iCalendar ---------------------------------------------------------------------------------------------------


def _ics(raw: bytes, file: str) -> Schedule:
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(raw)
    except (ValueError, KeyError, IndexError, TypeError):
        # icalendar's messages quote the raw bytes: say what is wrong in the user's words instead.
        raise ScheduleError(
            [Problem(file, "not a valid iCalendar file (a BEGIN: without its END:?)", "export the calendar again")]
        ) from None
    found = Schedule(title=_clean(calendar.get("X-WR-CALNAME"), 300) or Path(file).stem)
    for n, event in enumerate(calendar.walk("VEVENT")):
        if len(found.sessions) >= MAX_SESSIONS:
            raise _too_many(file)
        title = _clean(event.get("SUMMARY"), 300)
        if not title:
            continue
        try:
            start_value = event.decoded("DTSTART") if "DTSTART" in event else None
        except (ValueError, KeyError, TypeError):
            start_value = None
        start = start_value if isinstance(start_value, dt.datetime) else None
        day = _date(start_value) if start_value is not None else None
        organizer = event.get("ORGANIZER")
        attendees = event.get("ATTENDEE")
        people = [*(attendees if isinstance(attendees, list) else [attendees] if attendees else [])]
        speakers = tuple(
            name
            for person in [organizer, *people]
            if person is not None
            if (name := _clean(getattr(person, "params", {}).get("CN", ""), 200))
        )
        found.sessions.append(
            Session(
                id=_clean(event.get("UID"), 200) or str(n),
                title=title,
                day=day,
                start=start,
                room=_clean(event.get("LOCATION"), 200),
                speakers=speakers,
                abstract=_clean(event.get("DESCRIPTION")),
                url=_safe_url(event.get("URL")),
            )
        )
    return _sorted(found, file)


# -- from sessions to content -------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")


def first_sentence(text: str, limit: int = 180) -> str:
    """The abstract's first sentence, as a draft summary (cut at a word near `limit` characters)."""
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else sentence[:limit]).rstrip(" ,;:") + "…"


def select(schedule: Schedule, wanted: list[str], file: str) -> list[Session]:
    """The sessions named by id (or by their number in the listing, from 1), in the schedule's order."""
    by_id = {s.id: s for s in schedule.sessions}
    chosen: list[Session] = []
    problems: list[Problem] = []
    for token in wanted:
        token = token.strip()
        if not token:
            continue
        session = by_id.get(token)
        if session is None and token.isdigit() and 1 <= int(token) <= len(schedule.sessions):
            session = schedule.sessions[int(token) - 1]
        if session is None:
            from decks.readers.yamlpos import did_you_mean

            guess = did_you_mean(token, list(by_id))
            hint = f"did you mean '{guess}'?" if guess else "list them with: recap new --schedule FILE --list-sessions"
            problems.append(
                Problem(file, f"no session '{_clean(token, 60)}' in the schedule", hint, field="--sessions")
            )
        elif session not in chosen:
            chosen.append(session)
    if problems:
        raise ScheduleError(problems)
    order = {id(s): n for n, s in enumerate(schedule.sessions)}
    return sorted(chosen, key=lambda s: order[id(s)])


def listing(schedule: Schedule, word: str | None = None) -> list[str]:
    """One line a session, numbered, grouped by day: what to pick from (filtered by a word, any case)."""
    lines: list[str] = []
    needle = (word or "").casefold()
    day: object = object()
    for n, s in enumerate(schedule.sessions, start=1):
        text = " ".join([s.title, *s.speakers, s.room, s.track]).casefold()
        if needle and needle not in text:
            continue
        if s.day != day:
            day = s.day
            lines.append(f"{s.day.isoformat() if s.day else 'no date'}:")
        time = s.start.strftime("%H:%M") if s.start else "     "
        who = f" ({', '.join(s.speakers)})" if s.speakers else ""
        lines.append(f"  {n:>4}  {time}  {s.title}{who}  [id {s.id}]")
    return lines


def content_from(schedule: Schedule, sessions: list[Session], file: str, language: str | None = None) -> str:
    """The content file (commented YAML) for the chosen sessions: the event, a part per day, an item per session
    with its speakers in the notes, its page and links, and the abstract's first sentence as a draft summary,
    each draft marked for review (`recap check --strict` refuses the file until the marks are gone)."""
    from collections import Counter

    from decks.i18n import messages
    from decks.readers.markdown.drafts import LinkDraft
    from decks.readers.markdown.emit import Comments, emit_yaml

    spoken = Counter(s.language.split("-")[0].lower() for s in sessions if s.language)
    language = language or (spoken.most_common(1)[0][0] if spoken else "en")
    words = messages(language)
    event: dict[str, Any] = {"name": schedule.title}
    if schedule.start:
        event["start"] = schedule.start
    if schedule.end and schedule.end != schedule.start:
        event["end"] = schedule.end
    if schedule.url:
        event["url"] = schedule.url
    comments = Comments()
    comments.event.append(f"from the schedule {Path(file).name}: check the name, and add venue: and city:")
    parts: list[dict[str, Any]] = []
    for day in sorted({s.day for s in sessions}, key=lambda d: (d is None, d or dt.date.min)):
        part: dict[str, Any] = {"title": words.format_date(day) if day else schedule.title}
        if day:
            part["date"] = day
        items = []
        for session in (s for s in sessions if s.day == day):
            item: dict[str, Any] = {"title": session.title}
            checks: list[str] = []
            summary = first_sentence(session.abstract) if session.abstract else ""
            if summary:
                item["summary"] = summary
                checks.append("the summary is the abstract's first sentence: say what you took from the talk")
            links = []
            if session.url:
                links.append({"url": session.url, "label": session.title[:80], "kind": "other"})
            for link in session.links:
                kind = LinkDraft(url=link.url, label=link.title or None, line=0).kind
                entry = {"url": link.url, **({"label": link.title} if link.title else {}), "kind": kind}
                if all(known["url"] != link.url for known in links):
                    links.append(entry)
            if links:
                item["links"] = links
            who = words.join(session.speakers) if session.speakers else ""
            when = session.start.strftime("%H:%M") if session.start else ""
            facts = [fact for fact in (who, session.room, when) if fact]
            if facts:
                item["notes"] = " · ".join(facts)
            if session.track:
                item["tags"] = [session.track]
            items.append(item)
            comments.items[id(item)] = checks
        part["items"] = items
        parts.append(part)
    recap: dict[str, Any] = {
        "schema_version": 1,
        "title": schedule.title,
        "language": language,
        "event": event,
        "parts": parts,
    }
    comments.title.append("the title is the conference's: name your recap (e.g. What I learned at …)")
    return emit_yaml(recap, comments, Path(file).name, made_by="recap new --schedule")
