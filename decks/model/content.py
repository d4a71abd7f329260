"""The recap content model: an event, its parts (days), their items, and the overall takeaways.

The model knows nothing of YAML, PowerPoint or PDF. Readers build it; layout and renderers read it. Every class
is a frozen `decks.model.typed.Model`: unknown keys are errors (the reader adds a did-you-mean).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from decks.model.typed import After, Before, Constraints, Field, Model, check
from decks.model.urls import check_url

SCHEMA_VERSION = 1

Text = Annotated[str, Constraints(strip=True, min_length=1)]
"""A non-empty line of text (surrounding white space is dropped)."""


Url = Annotated[Text, After(check_url)]
"""A full http, https or mailto address (decks/model/urls.py): every field that becomes a link is one."""


def _known_version(value: int) -> int:
    if value != SCHEMA_VERSION:
        raise ValueError(f"this recap reads schema_version {SCHEMA_VERSION}; set schema_version: 1")
    return value


class LinkKind(StrEnum):
    """What a link points to; renderers pick a label and an icon from it."""

    video = "video"
    docs = "docs"
    repo = "repo"
    slides = "slides"
    blog = "blog"
    other = "other"


class Link(Model):
    """A labelled URL."""

    url: Url = Field(description="The full address, e.g. https://www.tensorflow.org/alpha.")
    label: Text | None = Field(None, description="What the link is called on slides; defaults to the kind.")
    kind: LinkKind = Field(LinkKind.other, description="video, docs, repo, slides, blog or other.")

    @property
    def text(self) -> str:
        """The label to show: the given one, or the kind."""
        return self.label or self.kind.value


class Image(Model):
    """A picture, its alt text (required: it is read aloud by screen readers) and its credit."""

    path: Path = Field(description="Image file, relative to the content file.")
    alt: Text = Field(description="What the picture shows, for people who cannot see it.")
    credit: Text | None = Field(None, description="Who made the picture.")


class Takeaway(Model):
    """One takeaway, optionally with sub-points (one level of nesting)."""

    text: Text
    points: list[Text] = Field(default_factory=list, description="Sub-points under this takeaway.")


def _coerce_takeaway(value: Any) -> Any:
    # A plain string is the common case; {text, points} adds sub-points.
    if isinstance(value, str):
        return {"text": value}
    return value


# The schema says so too: a takeaway may be written as a plain string.
TakeawayIn = Annotated[Takeaway, Before(_coerce_takeaway, accepts={"type": "string", "minLength": 1})]


class Item(Model):
    """An announcement or a talk."""

    title: Text
    summary: Text | None = Field(None, description="One line: what was announced.")
    takeaways: list[TakeawayIn] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    image: Image | None = None
    icon: Text | None = Field(None, description="An icon name from the theme's icon set, e.g. 'rocket'.")
    notes: Text | None = Field(None, description="Speaker notes; generated from the item when absent.")
    tags: list[Text] = Field(default_factory=list)
    emphasis: bool = Field(False, description="Highlight this item as a headline announcement.")


class Part(Model):
    """A day or part of the event, with its items in order."""

    title: Text
    date: dt.date | None = None
    intro: Text | None = None
    items: list[Item] = Field(default_factory=list)


class Handle(Model):
    """A presenter's handle on some network."""

    network: Text = Field(description="e.g. twitter, github, mastodon, blog.")
    handle: Text = Field(description="e.g. @margaretmz.")
    url: Url | None = Field(None, description="The profile's full address, e.g. https://twitter.com/margaretmz.")


class Presenter(Model):
    """Who gives the recap talk."""

    name: Text
    role: Text | None = None
    handles: list[Handle] = Field(default_factory=list)
    avatar: Path | None = Field(None, description="Image file, relative to the content file.")


class Event(Model):
    """The event being recapped."""

    name: Text
    tagline: Text | None = None
    start: dt.date | None = Field(None, description="First day, YYYY-MM-DD.")
    end: dt.date | None = Field(None, description="Last day, YYYY-MM-DD.")
    venue: Text | None = None
    city: Text | None = None
    url: Url | None = Field(None, description="The event's web site, a full https:// address.")
    hashtag: Text | None = None
    logo: Path | None = Field(None, description="Image file, relative to the content file.")

    @check
    def _end_not_before_start(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValueError("the event ends before it starts; swap start and end")

    @property
    def dates(self) -> str:
        """The dates as one short human string (ISO form, so it reads the same in every language)."""
        if self.start and self.end and self.end != self.start:
            if (self.start.year, self.start.month) == (self.end.year, self.end.month):
                return f"{self.start.isoformat()} – {self.end.day:02d}"
            return f"{self.start.isoformat()} – {self.end.isoformat()}"
        day = self.start or self.end
        return day.isoformat() if day else ""

    @property
    def place(self) -> str:
        """Venue and city joined, whichever are present."""
        return ", ".join(p for p in (self.venue, self.city) if p)


class Recap(Model):
    """A whole recap: the root of a content file."""

    schema_version: Annotated[int, After(_known_version)] = Field(
        SCHEMA_VERSION, description="The content format version; 1 today."
    )
    title: Text = Field(description="The recap's title, e.g. 'Learnings from TensorFlow Dev Summit 2019'.")
    language: Text = Field("en", description="BCP 47 language tag, e.g. en, zh-CN, ja.")
    event: Event | None = None
    presenter: Presenter | None = None
    source: Link | None = Field(None, description="The original post this recap comes from.")
    parts: list[Part] = Field(default_factory=list, description="Days or parts, each with items.")
    items: list[Item] = Field(
        default_factory=list, description="Shorthand for one unnamed part; use either items or parts."
    )
    key_takeaways: list[TakeawayIn] = Field(default_factory=list)
    resources: list[Link] = Field(default_factory=list)
    closing: Text | None = Field(None, description="The closing line, e.g. a thank-you.")

    @check
    def _has_items(self) -> None:
        if self.parts and self.items:
            raise ValueError("both parts and items are given; use either parts (days with items) or items, not both")
        if not any(p.items for p in self.parts) and not self.items:
            raise ValueError("a recap needs at least one item; add items: with a - title: under it")

    @property
    def all_parts(self) -> list[Part]:
        """The parts, with the `items` shorthand seen as one untitled part."""
        if self.items:
            return [Part(title=self.event.name if self.event else self.title, items=self.items)]
        return [p for p in self.parts if p.items]

    @property
    def all_items(self) -> list[Item]:
        """Every item in reading order."""
        return [item for part in self.all_parts for item in part.items]

    @property
    def event_name(self) -> str:
        """The event's name, or the recap title when no event is given."""
        return self.event.name if self.event else self.title
