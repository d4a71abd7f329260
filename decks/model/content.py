"""The recap content model: an event, its parts (days), their items, and the overall takeaways.

The model knows nothing of YAML, PowerPoint or PDF. Readers build it; layout and renderers read it. Every class
is a frozen `decks.model.typed.Model`: unknown keys are errors (the reader adds a did-you-mean).

One job, the content model's classes; it is long because every field carries the description, bounds and
examples that the content's JSON Schema (editor hovers, completion and checks) is written from.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ClassVar

from decks.model.chars import VISIBLE_PATTERN, is_blank
from decks.model.icon_names import check_icon
from decks.model.inline import has_markup, plain
from decks.model.typed import After, Before, Constraints, Field, Model, check
from decks.model.urls import check_url

SCHEMA_VERSION = 1

MAX_TEXT = 100_000
"""Characters one text field may hold (a takeaway that long still fits on some 40 slides)."""
MAX_WORD = 50_000
"""Characters a text may hold without a place to break a line (a space, or between CJK characters)."""
# A run of characters with no line-break opportunity between them: no white space, no CJK ideograph, kana,
# Hangul or CJK punctuation (every one of which may end a line).
_UNBROKEN = re.compile(r"[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")


def check_text(value: str) -> str:
    """`value` when every command can lay it out in bounded time; the same check for all of them, at load, so
    that `recap pdf`, `slides` and `html` refuse a 4.9 MB title at once as `check` does (they took 45-90 s)."""
    if len(value) > MAX_TEXT:
        raise ValueError(
            f"the text is {len(value):,} characters long, over the {MAX_TEXT:,} one field may hold; "
            "shorten it, or split it into more items or takeaways"
        )
    if len(value) > MAX_WORD:
        for run in _UNBROKEN.finditer(value):  # linear: each character is looked at once
            if run.end() - run.start() > MAX_WORD:
                raise ValueError(
                    f"the text holds {run.end() - run.start():,} characters without a space (from character "
                    f"{run.start() + 1:,}), over the {MAX_WORD:,} a line can be broken from; add spaces"
                )
    if has_markup(value) and is_blank(plain(value)):
        raise ValueError(
            "the text is only inline markup (backticks, * or _) with nothing to show between the marks; "
            "write the words between them, or put a backslash before a mark meant as a character: \\*"
        )
    return value


Text = Annotated[str, Constraints(strip=True, min_length=1), After(check_text, schema={"maxLength": MAX_TEXT})]
# Said in the schema of each field that may carry inline markup (decks.model.inline; README "Inline markup").
MARKUP = " Inline markup: `code` (monospace), **bold**, _italic_ (or *italic*); a backslash keeps a mark as text (\\*)."
"""A non-empty line of text (surrounding white space is dropped), at most MAX_TEXT characters."""


# The same rule for editors (decks/model/urls.py is the rule itself): http(s)://host… or mailto:…, no white space
# or backslash inside, at most 4096 characters. Brackets in the host part ([::1]) are read more strictly than
# urllib reads them.
# Bidi controls and invisible format characters (decks/model/urls.py refuses every Cf character; these are the
# ones an editor is likeliest to meet).
_CF = r"\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"
_HTTP = (
    rf"[Hh][Tt][Tt][Pp][Ss]?://(?:[^/?#@\s{_CF}\\\[\]]*@)*"
    rf"(?:[^/?#@:\s{_CF}\\\[\]]+(?::[^/?#@\s{_CF}\\\[\]]*)?|\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\][^/?#@\s{_CF}\\\[\]]*)"
    rf"(?:[/?#][^\s{_CF}\\]*)?"
)
URL_PATTERN = rf"^\s*(?:{_HTTP}|[Mm][Aa][Ii][Ll][Tt][Oo]:[^\s{_CF}\\]+)\s*$"
_URL_SCHEMA = {
    "pattern": URL_PATTERN,
    "maxLength": 4096,
    "patternErrorMessage": "Write a full address starting with https:// (or http://, mailto:), without spaces.",
}

Url = Annotated[str, Constraints(strip=True, min_length=1), After(check_url, schema=_URL_SCHEMA)]
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

    __member_docs__: ClassVar[dict[str, str]] = {  # a dunder name, so not a member; shown by editors beside each value
        "video": "A recording of the talk (YouTube, Vimeo …); the sketchnote adds a QR code for it.",
        "docs": "Documentation, a guide or a roadmap.",
        "repo": "A source code repository (GitHub, GitLab …).",
        "slides": "The speaker's slides.",
        "blog": "A blog post or article.",
        "other": "Anything else.",
    }


class Link(Model):
    """A labelled URL."""

    url: Url = Field(
        description="The full address, starting with https://, http:// or mailto:.",
        examples=["https://www.tensorflow.org/alpha"],
    )
    label: Text | None = Field(
        None, description="What the link is called on slides; defaults to the kind.", examples=["TF 2.0 docs"]
    )
    kind: LinkKind = Field(
        LinkKind.other,
        description="What the link points to: video, docs, repo, slides, blog or other; picks its label and icon.",
        examples=["video"],
    )

    @property
    def text(self) -> str:
        """The label to show: the given one, or the kind."""
        return self.label or self.kind.value


class Image(Model):
    """A picture, its alt text (required: it is read aloud by screen readers) and its credit."""

    path: Path = Field(
        description="Image file (PNG, JPEG, GIF or WebP), relative to the content file; it must exist.",
        examples=["img/keynote.jpg"],
    )
    alt: Text = Field(
        description="What the picture shows, for people who cannot see it.",
        examples=["The keynote stage with the TensorFlow logo"],
    )
    credit: Text | None = Field(None, description="Who made the picture.", examples=["Photo: Margaret Maynard-Reid"])


class Takeaway(Model):
    """One takeaway, optionally with sub-points (one level of nesting)."""

    text: Text = Field(
        description="The takeaway, one short line." + MARKUP, examples=["Eager execution is **the default**"]
    )
    points: list[Text] = Field(
        default_factory=list,
        description="Sub-points under this takeaway (one level)." + MARKUP,
        examples=[["tf.keras is the high-level API", "tf.function makes graphs"]],
    )
    key: bool = Field(
        False,
        description="A key takeaway of the whole talk: without key_takeaways, the marked ones make the Key "
        "takeaways slide (none marked: no such slide, the agenda gives the overview).",
        examples=[True],
    )


def _coerce_takeaway(value: object) -> object:
    # A plain string is the common case; {text, points} adds sub-points.
    if isinstance(value, str):
        return {"text": value}
    return value


# The schema says so too: a takeaway may be written as a plain string.
TakeawayIn = Annotated[
    Takeaway, Before(_coerce_takeaway, accepts={"type": "string", "minLength": 1, "pattern": VISIBLE_PATTERN})
]


class ItemLayout(StrEnum):
    """How an item's slide is laid out (docs/layouts.md); chosen from the item's content when absent."""

    bullets = "bullets"
    sidebar = "sidebar"
    statement = "statement"
    quote = "quote"
    fact = "fact"
    two_columns = "two-columns"
    cards = "cards"
    picture_right = "picture-right"
    picture_left = "picture-left"
    picture_full = "picture-full"
    spotlight = "spotlight"

    __member_docs__: ClassVar[dict[str, str]] = {
        "bullets": "Title, summary and takeaways as a list; continues on more slides when long.",
        "sidebar": "The summary large in a panel on the left, the takeaways beside it.",
        "statement": "The summary large and centred (and at most one short takeaway under it).",
        "quote": "The item's quote large, with who said it.",
        "fact": "The item's figure (a number) very large, its label and the summary beside it.",
        "two-columns": "Two takeaways side by side, each with its sub-points.",
        "cards": "Three or four short takeaways as cards, each with an icon.",
        "picture-right": "The text on the left, the picture on the right.",
        "picture-left": "The picture on the left, the text on the right.",
        "picture-full": "The picture across the whole slide, the title and summary in a band over it.",
        "spotlight": "The item's icon large on a panel at the right, the summary and takeaways beside it.",
    }


class Quote(Model):
    """A quotation for the item's slide."""

    text: Text = Field(description="What was said." + MARKUP, examples=["Make the **easy** things easy."])
    by: Text | None = Field(None, description="Who said it.", examples=["Rajat Monga"])


class Figure(Model):
    """A number to show large on the item's slide."""

    value: Text = Field(description="The number, short.", examples=["30+"])
    label: Text = Field(description="What it counts." + MARKUP, examples=["datasets ready to load"])


class Item(Model):
    """An announcement or a talk."""

    title: Text = Field(
        description="The announcement or talk, as its slide title." + MARKUP, examples=["Free-threaded `python3.13t`"]
    )
    summary: Text | None = Field(
        None,
        description="One line: what was announced." + MARKUP,
        examples=["TF 2.0 is easier to use, with Keras at its heart."],
    )
    takeaways: list[TakeawayIn] = Field(
        default_factory=list,
        description="2-5 short takeaways: a plain string each, or {text, points} for sub-points.",
        examples=[["Keras is the high-level API", {"text": "Eager by default", "points": ["tf.function for graphs"]}]],
    )
    links: list[Link] = Field(
        default_factory=list,
        description="Links about this item: recordings, docs, code, slides.",
        examples=[[{"url": "https://www.youtube.com/watch?v=k5c-vg4rjBw", "kind": "video"}]],
    )
    image: Image | None = Field(
        None,
        description="One picture for the item's slide.",
        examples=[{"path": "img/keynote.jpg", "alt": "The keynote stage"}],
    )
    icon: Annotated[Text, After(check_icon)] | None = Field(
        None,
        description="A Font Awesome Free icon name, solid (rocket, microchip) or brands (python, github), as "
        "https://fontawesome.com/search?ic=free names them; chosen from the title and tags when absent.",
        examples=["rocket", "python"],
    )
    notes: Text | None = Field(
        None,
        description="Speaker notes; generated from the item when absent.",
        examples=["Mention the pip install line and the upgrade script."],
    )
    tags: list[Text] = Field(
        default_factory=list, description="Topic words; they also help pick the icon.", examples=[["keras", "2.0"]]
    )
    emphasis: bool = Field(False, description="Highlight this item as a headline announcement.", examples=[True])
    quote: Quote | None = Field(
        None, description="A quotation: the item's slide shows it large.", examples=[{"text": "Make it easy."}]
    )
    figure: Figure | None = Field(
        None,
        description="A number to show large, with its label.",
        examples=[{"value": "30+", "label": "datasets"}],
    )
    layout: ItemLayout | None = Field(
        None,
        description="The slide's layout (docs/layouts.md); chosen from the content when absent.",
        examples=["statement"],
    )


class Part(Model):
    """A day or part of the event, with its items in order."""

    title: Text = Field(description="The part's name, on its section slide." + MARKUP, examples=["Day 1"])
    date: dt.date | None = Field(None, description="The day, YYYY-MM-DD.", examples=["2019-03-06"])
    intro: Text | None = Field(
        None,
        description="A few words under the part's title on its section slide." + MARKUP,
        examples=["A rainy Sunnyvale morning, and one launch after another."],
    )
    items: list[Item] = Field(
        default_factory=list,
        description="The announcements and talks of this part, in order. A part without items is left out.",
        examples=[[{"title": "TensorFlow 2.0 Alpha"}]],
    )


class Handle(Model):
    """A presenter's handle on some network."""

    network: Text = Field(description="The network: twitter, github, mastodon, blog …", examples=["twitter"])
    handle: Text = Field(description="The name there (quote it when it starts with @).", examples=["@margaretmz"])
    url: Url | None = Field(
        None,
        description="The profile's full address.",
        examples=["https://twitter.com/margaretmz"],
    )


class Presenter(Model):
    """Who gives the recap talk."""

    name: Text = Field(description="The presenter's name.", examples=["Margaret Maynard-Reid"])
    role: Text | None = Field(None, description="A title or affiliation.", examples=["ML Google Developer Expert"])
    handles: list[Handle] = Field(
        default_factory=list,
        description="Where to find the presenter online.",
        examples=[[{"network": "twitter", "handle": "@margaretmz"}]],
    )
    avatar: Path | None = Field(
        None, description="A photo of the presenter, relative to the content file.", examples=["img/avatar.png"]
    )


class Event(Model):
    """The event being recapped."""

    name: Text = Field(description="The event's name.", examples=["TensorFlow Dev Summit 2019"])
    tagline: Text | None = Field(
        None, description="One line about the event.", examples=["Two days of TensorFlow launches and talks"]
    )
    start: dt.date | None = Field(None, description="First day, YYYY-MM-DD.", examples=["2019-03-06"])
    end: dt.date | None = Field(None, description="Last day, YYYY-MM-DD; not before start.", examples=["2019-03-07"])
    venue: Text | None = Field(None, description="Where it took place.", examples=["Google Event Center"])
    city: Text | None = Field(None, description="The city (and region).", examples=["Sunnyvale, CA"])
    url: Url | None = Field(
        None,
        description="The event's web site, a full address.",
        examples=["https://www.tensorflow.org/dev-summit"],
    )
    hashtag: Text | None = Field(
        None, description="Shown in the slide footer (quote it: # starts a YAML comment).", examples=["#TFDevSummit"]
    )
    logo: Path | None = Field(
        None, description="The event's logo, relative to the content file.", examples=["img/logo.png"]
    )

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

    schema_version: Annotated[int, After(_known_version, schema={"const": SCHEMA_VERSION})] = Field(
        SCHEMA_VERSION, description="The content format version; 1 today.", examples=[SCHEMA_VERSION]
    )
    title: Text = Field(
        description="The recap's title, on the title slide and the sketchnote banner." + MARKUP,
        examples=["Learnings from TensorFlow Dev Summit 2019"],
    )
    language: Text = Field(
        "en", description="BCP 47 language tag: picks fonts, line breaking and labels.", examples=["en", "zh-CN", "ja"]
    )
    theme: Text | None = Field(
        None,
        description="The theme this talk is shown in: a theme name (recap themes lists them) or a theme folder, "
        "relative to this file. Every command uses it; --theme overrides it. Absent: the default theme.",
        examples=["chalkboard", "themes/company"],
    )
    event: Event | None = Field(
        None, description="The event being recapped.", examples=[{"name": "TensorFlow Dev Summit 2019"}]
    )
    presenter: Presenter | None = Field(
        None, description="Who gives the recap talk.", examples=[{"name": "Margaret Maynard-Reid"}]
    )
    source: Link | None = Field(
        None,
        description="The original post this recap comes from.",
        examples=[{"url": "https://medium.com/@margaretmz/learnings-from-tf-dev-summit", "kind": "blog"}],
    )
    tags: list[Text] = Field(
        default_factory=list,
        description="The recap's own tags (a blog post's tags or categories), for the post and for search.",
        examples=[["tensorflow", "machine-learning"]],
    )
    intro: Text | None = Field(
        None,
        description="A few sentences after the title: why you went, what the talk covers. Its own slide after "
        "the title slide, set large, and a caption over the sketchnote's first card." + MARKUP,
        examples=["Three days of talks in Mountain View: here is what stuck."],
    )
    parts: list[Part] = Field(
        default_factory=list,
        description="Days or parts, each with items; use either parts or items, not both.",
        examples=[[{"title": "Day 1", "items": [{"title": "TensorFlow 2.0 Alpha"}]}]],
    )
    items: list[Item] = Field(
        default_factory=list,
        description="Shorthand for one unnamed part; use either items or parts, not both.",
        examples=[[{"title": "TensorFlow 2.0 Alpha"}]],
    )
    key_takeaways: list[TakeawayIn] = Field(
        default_factory=list,
        description="The overall takeaways, on their own slide near the end." + MARKUP,
        examples=[["TF 2.0 is about usability", "ML runs everywhere: phones, browsers, microcontrollers"]],
    )
    resources: list[Link] = Field(
        default_factory=list,
        description="Links for the whole event, on the resources slide.",
        examples=[[{"url": "https://www.tensorflow.org/", "label": "tensorflow.org", "kind": "docs"}]],
    )
    closing: Text | None = Field(
        None,
        description="The closing line, e.g. a thank-you, on the last slide." + MARKUP,
        examples=["Thanks for **listening**!"],
    )

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
