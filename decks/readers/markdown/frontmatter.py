"""Read a post's front matter (YAML between `---` lines at the very top): title, date, tags and author.

The front matter is cut out of the Markdown (its lines left blank, so that warnings keep the post's line
numbers); otherwise CommonMark would read it as a rule and a heading, and the importer would take that heading
for the title.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

from decks.errors import excerpt
from decks.model import Event
from decks.model.typed import ValidationError

_OPEN = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_TAG_KEYS = ("tags", "categories", "keywords")
# What site generators read and recap's own posts carry (recap post); not the recap's content, so not warned about.
_SITE_KEYS = {"layout", "description", "images", "image", "draft", "slug", "summary"}
_USED_KEYS = {"title", "date", "author", "authors", "recap", *_TAG_KEYS}


@dataclass
class FrontMatter:
    """What the front matter says, and what the user should hear about it."""

    title: str | None = None
    date: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    author: str | None = None
    lines: int = 0  # how many lines of the post it took, fences included
    # What a post written by `recap post` carries that prose cannot: the language, the event, the presenter, the
    # source, as the content file has them (validated with the rest of the content).
    carried: dict[str, object] = field(default_factory=dict)
    warnings: list[tuple[int, str]] = field(default_factory=list)


def split_front_matter(text: str) -> tuple[str, FrontMatter]:
    """The post with its front matter blanked out, and what the front matter says."""
    opening = _OPEN.match(text)
    if not opening:
        return text, FrontMatter()
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        return text, FrontMatter()  # no closing fence: a rule and text, not front matter
    end = text.find("\n", closing.end())
    end = len(text) if end < 0 else end + 1
    block = text[opening.end() : closing.start()]
    lines = text[:end].count("\n") + (0 if text[:end].endswith("\n") else 1)
    found = _read(block, lines)
    return "\n" * text[:end].count("\n") + text[end:], found


def _read(block: str, lines: int) -> FrontMatter:
    found = FrontMatter(lines=lines)
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = where.line + 2 if where else 1  # +1 for the opening fence, +1 to count from one
        found.warnings.append((line, "the front matter is not valid YAML; left out"))
        return found
    if data is None:
        return found
    if not isinstance(data, dict):
        found.warnings.append((1, "the front matter is not keys and values; left out"))
        return found
    found.title = _usable(_text(data.get("title")), "title", found)
    found.date = _date(data.get("date"), found)
    found.author = _usable(_author(data.get("author", data.get("authors"))), "author", found)
    for key in _TAG_KEYS:
        for text in _texts(data.get(key)):
            tag = _usable(text, key, found)
            if tag and tag not in found.tags:
                found.tags.append(tag)
    carried = data.get("recap")
    if isinstance(carried, dict):
        found.carried = {
            key: value for key, value in carried.items() if key in ("language", "event", "presenter", "source")
        }
    # A post recap wrote has its site generator's keys too; they are not content, and not news to its author.
    known = _USED_KEYS | (_SITE_KEYS if found.carried else set())
    unused = [str(key) for key in data if key not in known]
    if unused:
        found.warnings.append((1, f"front matter keys with no place in a recap left out: {', '.join(unused)}"))
    return found


def _usable(text: str | None, key: str, found: FrontMatter) -> str | None:
    """`text` when the content model takes it as text (its one text rule), else None with a warning."""
    if text is None:
        return None
    try:
        return Event.model_validate({"name": text}).name
    except ValidationError:
        found.warnings.append((1, f"the front matter's {key} '{excerpt(text)}' is not usable as text; left out"))
        return None


def _text(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(str(value).split())
    return text or None


def _texts(value: object) -> list[str]:
    """Tags as a list, from a list or a comma-separated string."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return []
    return [text for text in (_text(v) for v in value) if text]


def _date(value: object, found: FrontMatter) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:\Z|[T ])", text):
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
    found.warnings.append((1, f"the front matter date '{text}' is not YYYY-MM-DD; left out"))
    return None


def _author(value: object) -> str | None:
    """A name from `author: Name`, `author: {name: Name}` or a list of either (joined with commas)."""
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list):
        names = [_author(v) for v in value]
        return ", ".join(n for n in names if n) or None
    return _text(value)
