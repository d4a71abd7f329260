"""From a schedule's sessions to content: choosing sessions, listing them, and the commented content file."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

from decks.errors import Problem
from decks.i18n import messages
from decks.readers.markdown.drafts import LinkDraft
from decks.readers.markdown.emit import Comments, emit_yaml
from decks.readers.schedule.model import Schedule, ScheduleError, Session
from decks.readers.schedule.values import clean
from decks.readers.yamlpos import did_you_mean

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
            guess = did_you_mean(token, list(by_id))
            hint = f"did you mean '{guess}'?" if guess else "list them with: recap new --schedule FILE --list-sessions"
            problems.append(Problem(file, f"no session '{clean(token, 60)}' in the schedule", hint, field="--sessions"))
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

    spoken = Counter(s.language.split("-")[0].lower() for s in sessions if s.language)
    language = language or (spoken.most_common(1)[0][0] if spoken else "en")
    words = messages(language)
    event: dict[str, object] = {"name": schedule.title}
    if schedule.start:
        event["start"] = schedule.start
    if schedule.end and schedule.end != schedule.start:
        event["end"] = schedule.end
    if schedule.url:
        event["url"] = schedule.url
    comments = Comments()
    comments.event.append(f"from the schedule {Path(file).name}: check the name, and add venue: and city:")
    parts: list[dict[str, object]] = []
    for day in sorted({s.day for s in sessions}, key=lambda d: (d is None, d or dt.date.min)):
        part: dict[str, object] = {"title": words.format_date(day) if day else schedule.title}
        if day:
            part["date"] = day
        items = []
        for session in (s for s in sessions if s.day == day):
            item: dict[str, object] = {"title": session.title}
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
    recap: dict[str, object] = {
        "schema_version": 1,
        "title": schedule.title,
        "language": language,
        "event": event,
        "parts": parts,
    }
    comments.title.append("the title is the conference's: name your recap (e.g. What I learned at …)")
    return emit_yaml(recap, comments, Path(file).name, made_by="recap new --schedule")
