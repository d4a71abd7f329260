"""Drafts of the post, its parts, items, takeaways, links and pictures: mutable while the post is walked.

`walk.py` fills a `WalkedPost`; `finish.py` places what is left over and `assemble.py` turns the drafts into
plain dicts for YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from decks.readers.markdown.frontmatter import FrontMatter
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


@dataclass
class WalkedPost:
    """What walking a post found, in drafts and in the post's order: what `finish` turns into the recap."""

    front: FrontMatter = field(default_factory=FrontMatter)
    title: str | None = None  # the words of the # title heading, when there is one
    title_line: int = 1
    first_heading: str | None = None  # a title to fall back on: the first heading's words ...
    first_text: str | None = None  # ... or the first words of all
    source: LinkDraft | None = None  # the post this recap comes from (`原文：<https://…>`)
    resources: list[LinkDraft] = field(default_factory=list)
    # Items and text before the first day heading; a part of its own only when the post has days.
    preamble: PartDraft = field(default_factory=lambda: PartDraft(title="", line=1))
    parts: list[PartDraft] = field(default_factory=list)
    all_items: list[ItemDraft] = field(default_factory=list)
    orphan_images: list[ImageDraft] = field(default_factory=list)  # pictures outside any item
    texts: list[str] = field(default_factory=list)  # every text read, to tell the post's language
    closing: list[str] = field(default_factory=list)
    key_takeaways: list[TakeawayDraft] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (post line, message)

    def warn(self, line: int, message: str) -> None:
        self.warnings.append((line, message))
