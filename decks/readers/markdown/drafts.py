"""Drafts of parts, items, takeaways, links and pictures: mutable while the post is walked.

`assemble.py` turns them into plain dicts for YAML at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from decks.readers.markdown.links import LINK_KINDS, kind_from_host, kind_from_label


@dataclass
class LinkDraft:
    url: str
    label: str | None
    line: int
    hint: str | None = None  # a kind from the words around a link line, e.g. "视频链接: [a](…) | [b](…)"
    hint_from_title: bool = False  # the hint is the link's own title (`[a](… "video")`): it wins over the label

    @property
    def kind(self) -> str:
        if self.hint_from_title and self.hint in LINK_KINDS:
            return self.hint  # the link says its kind itself: it wins over its label and host
        return kind_from_label(self.label or "") or self.hint or kind_from_host(self.url) or "other"


@dataclass
class ImageDraft:
    src: str
    alt: str
    title: str
    line: int


@dataclass
class TakeawayDraft:
    text: str
    points: list[str] = field(default_factory=list)


@dataclass
class ItemDraft:
    title: str
    line: int
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    takeaways: list[TakeawayDraft] = field(default_factory=list)
    links: list[LinkDraft] = field(default_factory=list)
    images: list[ImageDraft] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class PartDraft:
    title: str
    line: int
    intro: list[tuple[int, str]] = field(default_factory=list)
    items: list[ItemDraft] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
