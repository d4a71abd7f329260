"""Turn a recap blog post written in Markdown into a recap content file (YAML), for `recap import`.

The post's structure comes from markdown-it-py's token tree (CommonMark plus tables and strikethrough), never
from regular expressions; small patterns only match labels such as "video" or "原文". Nothing in the post is
dropped silently: what has no natural place in the content model lands in the notes of the nearest item and
is reported as a warning naming the post's line.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

__all__ = ["ImportResult", "import_markdown"]

ALT_PLACEHOLDER = "TODO: describe this picture"
TITLE_PLACEHOLDER = "TODO: add a title"

# A summary is "one line" on a slide; longer first paragraphs go to the notes. Counted in columns, a CJK
# character being two.
_SUMMARY_MAX_COLUMNS = 180
# A bold-only paragraph longer than this reads as emphasised prose rather than a heading.
_BOLD_HEADING_MAX_COLUMNS = 100

# Literal runs of ** that CommonMark could not pair (the seed wraps whole lines in ****) are formatting
# debris, not text.
_STARS = re.compile(r"\*{2,}")
_SENTENCE_END = re.compile(r"[。！？]|[.!?…](?:\s|$)")
_BARE_URL = re.compile(r"(?:https?://|mailto:)[^\s<>()（）]+", re.IGNORECASE)
_SOURCE_LABEL = re.compile(
    r"^\s*(?:原文(?:链接|鏈接|地址|連結)?|来源|來源|出处|出處|转载自|轉載自|元記事|出典|初出|"
    r"source|original(?:ly)?(?:\s+(?:post|article|published))?(?:\s+(?:at|on|in))?)\s*[:：]?\s*",
    re.IGNORECASE,
)
# What may sit between the links of a link line such as "([video](…) | [docs](…))".
_LINK_LINE_SEPARATORS = re.compile(r"[\s()（）\[\]【】|｜/,，、;；·•\-–—:：]+")
_LINK_WORD = re.compile(r"(?:links?|链接|鏈接|リンク)", re.IGNORECASE)

_KIND_WORDS: dict[str, str] = {
    "video": r"videos?|recordings?|视频|視頻|录像|錄影|動画|ビデオ",
    "docs": r"docs?|documentation|guide|roadmap|文档|文檔|路线图|路線圖|ドキュメント|ロードマップ",
    "repo": r"repo|repository|code|source code|github|回购|仓库|倉庫|代码|代碼|源码|源代码|リポジトリ|コード",
    "slides": r"slides?|deck|幻灯片|投影片|スライド",
    "blog": r"blog(?: post)?|post|article|博客|部落格|ブログ",
}
# Labels such as "链接到视频", "视频链接" or "link to the video" wrap the kind word in a "link" affix.
_KIND_LABELS = {
    kind: re.compile(
        rf"(?:(?:links?|链接|鏈接|リンク)\s*(?:to|到|至)?\s*)?(?:the\s+)?(?:{words})"
        rf"(?:\s*(?:links?|链接|鏈接|リンク|地址|here))?",
        re.IGNORECASE,
    )
    for kind, words in _KIND_WORDS.items()
}

# YAML readers refuse these characters even inside comments.
_YAML_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class ImportResult:
    """The content file to write, and what the user should look at in it."""

    yaml_text: str
    warnings: list[str]


def import_markdown(
    text: str, *, source_name: str = "post.md", base_dir: Path | None = None, output_dir: Path | None = None
) -> ImportResult:
    """Convert a recap post to content YAML.

    `base_dir` is where the post's relative image paths start; `output_dir` is where the content file will be
    written (default: `base_dir`), so that image paths in it resolve from there.
    """
    return _Importer(source_name, base_dir, output_dir).run(text)


# ---------------------------------------------------------------------------------------------------------
# Drafts: mutable while the post is walked, turned into plain dicts for YAML at the end.


@dataclass
class _Link:
    url: str
    label: str | None
    line: int
    hint: str | None = None  # a kind from the words around a link line, e.g. "视频链接: [a](…) | [b](…)"

    @property
    def kind(self) -> str:
        return _kind_from_label(self.label or "") or self.hint or _kind_from_host(self.url) or "other"


@dataclass
class _Image:
    src: str
    alt: str
    title: str
    line: int


@dataclass
class _Takeaway:
    text: str
    points: list[str] = field(default_factory=list)


@dataclass
class _ItemDraft:
    title: str
    line: int
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    takeaways: list[_Takeaway] = field(default_factory=list)
    links: list[_Link] = field(default_factory=list)
    images: list[_Image] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


@dataclass
class _PartDraft:
    title: str
    line: int
    intro: list[tuple[int, str]] = field(default_factory=list)
    items: list[_ItemDraft] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


@dataclass
class _Inline:
    text: str
    outside: str  # the text that is not a link label, to tell a line of links from a sentence
    links: list[_Link]
    images: list[_Image]
    html: bool


# ---------------------------------------------------------------------------------------------------------
# Text helpers.


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _columns(text: str) -> int:
    return sum(2 if _is_wide(ch) else 1 for ch in text)


def _join_break(match: re.Match[str]) -> str:
    # A line break inside CJK prose is not a space: the two lines run on.
    before = match.string[match.start() - 1] if match.start() else ""
    after = match.string[match.end()] if match.end() < len(match.string) else ""
    return "" if before and after and _is_wide(before) and _is_wide(after) else " "


def _clean(text: str) -> str:
    """One line of text: breaks joined as prose, white space collapsed."""
    text = re.sub(r"[ \t]*\n\s*", _join_break, text)
    return " ".join(text.split())


def _block_text(text: str) -> str:
    """Several lines kept as lines (code, tables), without trailing blanks that would spoil YAML's | style."""
    lines = [line.rstrip() for line in text.expandtabs(4).splitlines()]
    return "\n".join(lines).strip("\n")


def _one_line(text: str) -> str:
    return _YAML_UNPRINTABLE.sub("", " ".join(text.split()))


def _kind_from_label(label: str) -> str | None:
    label = label.strip().strip(":：").strip()
    if not label:
        return None
    for kind, pattern in _KIND_LABELS.items():
        if pattern.fullmatch(label):
            return kind
    return None


def _kind_from_host(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()

    def on(domain: str) -> bool:
        return host == domain or host.endswith("." + domain)

    if on("youtube.com") or on("youtu.be") or on("vimeo.com"):
        return "video"
    if on("github.com") or on("gitlab.com"):
        return "repo"
    if on("speakerdeck.com") or on("slideshare.net") or (on("docs.google.com") and "/presentation" in parts.path):
        return "slides"
    return None


def _is_web_address(url: str) -> bool:
    # The same rule as decks.model.Link, so that every link written as a link validates.
    return url.lower().startswith(("http://", "https://", "mailto:")) and not any(ch.isspace() for ch in url)


def _looks_like_heading(text: str) -> bool:
    return bool(text) and _columns(text) <= _BOLD_HEADING_MAX_COLUMNS and not _SENTENCE_END.search(text)


def _is_bold_line(nodes: list[SyntaxTreeNode]) -> bool:
    """True when a line is nothing but bold text, the way many posts write their sub-headings."""
    has_strong = False
    for node in nodes:
        if node.type == "text" and not _STARS.sub("", node.content).strip():
            continue
        if node.type == "strong":
            has_strong = True
            continue
        return False
    return has_strong


def _split_first_line(nodes: list[SyntaxTreeNode]) -> tuple[list[SyntaxTreeNode], list[SyntaxTreeNode]]:
    for index, node in enumerate(nodes):
        if node.type in ("softbreak", "hardbreak"):
            return nodes[:index], nodes[index + 1 :]
    return nodes, []


def _line_of(node: SyntaxTreeNode, fallback: int) -> int:
    return node.map[0] + 1 if node.map else fallback


class _InlineWalker:
    """Collects the plain text, links and images of a run of inline nodes."""

    def __init__(self, line: int) -> None:
        self.line = line
        self.pieces: list[str] = []
        self.outside: list[str] = []
        self.links: list[_Link] = []
        self.images: list[_Image] = []
        self.html = False

    def walk(self, nodes: list[SyntaxTreeNode], in_link: bool = False) -> None:
        for node in nodes:
            kind = node.type
            if kind == "text":
                self._emit(_STARS.sub("", node.content), in_link)
            elif kind == "code_inline":
                self._emit(node.content, in_link)
            elif kind in ("softbreak", "hardbreak"):
                self._emit("\n", in_link)
                self.line += 1
            elif kind == "html_inline":
                # The tags go; the text between them is ordinary text tokens and stays.
                self.html = True
            elif kind == "image":
                alt = _InlineWalker(self.line)
                alt.walk(node.children)
                self.images.append(
                    _Image(
                        src=str(node.attrs.get("src", "")),
                        alt=alt.text(),
                        title=str(node.attrs.get("title", "") or ""),
                        line=self.line,
                    )
                )
            elif kind == "link":
                start = len(self.pieces)
                self.walk(node.children, in_link=True)
                label = _clean("".join(self.pieces[start:]))
                url = str(node.attrs.get("href", ""))
                autolink = node.markup == "autolink" or label == url
                self.links.append(_Link(url=url, label=None if autolink or not label else label, line=self.line))
            else:
                self.walk(node.children, in_link)

    def _emit(self, text: str, in_link: bool) -> None:
        self.pieces.append(text)
        if not in_link:
            self.outside.append(text)

    def text(self) -> str:
        return _clean("".join(self.pieces))

    def result(self) -> _Inline:
        return _Inline(self.text(), _clean("".join(self.outside)), self.links, self.images, self.html)


class _HtmlText(HTMLParser):
    """The words, links and pictures of an HTML fragment; the markup itself is what gets dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.images: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and values.get("href", "").strip():
            self.links.append((values["href"].strip(), ""))
        elif tag == "img" and values.get("src", "").strip():
            self.images.append((values["src"].strip(), values.get("alt", "")))
        elif tag in ("br", "p", "div", "li", "tr", "td", "th"):
            self.pieces.append(" ")

    def handle_data(self, data: str) -> None:
        self.pieces.append(data)

    def handle_comment(self, data: str) -> None:
        self.pieces.append(f" {data} ")


# ---------------------------------------------------------------------------------------------------------
# The walk.


class _Importer:
    def __init__(self, source_name: str, base_dir: Path | None, output_dir: Path | None = None) -> None:
        self.source_name = source_name
        self.base_dir = base_dir
        self.output_dir = output_dir or base_dir
        self.warnings: list[tuple[int, str]] = []
        self.title: str | None = None
        self.title_line = 1
        self.seen_title_h1 = False
        self.first_heading: str | None = None
        self.first_text: str | None = None
        self.source: _Link | None = None
        self.resources: list[_Link] = []
        # Items and text before the first day heading; a part of its own only when the post has days.
        self.preamble = _PartDraft(title="", line=1)
        self.parts: list[_PartDraft] = []
        self.part: _PartDraft | None = None
        self.item: _ItemDraft | None = None
        self.all_items: list[_ItemDraft] = []
        self.titles_seen: dict[str, int] = {}
        self.orphan_images: list[_Image] = []
        self.texts: list[str] = []

    def warn(self, line: int, message: str) -> None:
        self.warnings.append((line, message))

    def run(self, text: str) -> ImportResult:
        md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
        root = SyntaxTreeNode(md.parse(text))
        for node in root.children:
            self._block(node, nested=False)
        recap, comments = self._finish()
        yaml_text = _emit_yaml(recap, comments, self.source_name)
        self.warnings.sort(key=lambda pair: pair[0])
        return ImportResult(yaml_text, [f"{self.source_name}:{line}: {msg}" for line, msg in self.warnings])

    # -- where things go ------------------------------------------------------------------------------------

    def _current_part(self) -> _PartDraft:
        return self.part or self.preamble

    def _part_name(self) -> str:
        return self.part.title if self.part else "the introduction"

    def _add_paragraph(self, line: int, text: str) -> None:
        if not text:
            return
        if self.item:
            self.item.paragraphs.append((line, text))
        else:
            self._current_part().intro.append((line, text))

    def _add_note(self, line: int, text: str, reason: str | None) -> None:
        """Text that is not prose: notes of the current item, or the intro when no item has started yet."""
        if self.item:
            if text:
                self.item.notes.append((line, text))
            if reason:
                self.warn(line, f"{reason}; kept in the notes of '{self.item.title}'")
                self.item.checks.append(f"{reason} (post line {line})")
        else:
            if text:
                self._current_part().intro.append((line, text))
            self.warn(line, f"{reason or 'text before the first item'}; kept in the intro of {self._part_name()}")

    def _add_links(self, links: list[_Link]) -> None:
        for link in links:
            if not _is_web_address(link.url):
                shown = f"{link.label}: {link.url}" if link.label else link.url
                self._add_note(link.line, shown, f"link '{link.url}' is not a full web address")
            elif self.item:
                if all(known.url != link.url for known in self.item.links):
                    self.item.links.append(link)
            elif all(known.url != link.url for known in self.resources):
                self.resources.append(link)

    def _add_images(self, images: list[_Image]) -> None:
        if self.item:
            self.item.images.extend(images)
        else:
            self.orphan_images.extend(images)

    def _extract(self, nodes: list[SyntaxTreeNode], line: int) -> _Inline:
        walker = _InlineWalker(line)
        walker.walk(nodes)
        found = walker.result()
        if found.html:
            self.warn(line, "inline HTML tags removed (their text is kept)")
        if found.text:
            self.texts.append(found.text)
            if self.first_text is None:
                self.first_text = found.text
        return found

    # -- blocks ---------------------------------------------------------------------------------------------

    def _block(self, node: SyntaxTreeNode, nested: bool) -> None:
        line = _line_of(node, 1)
        kind = node.type
        if kind == "heading":
            if nested:
                self._content(node.children[0].children if node.children else [], line)
            else:
                self._heading(node, line)
        elif kind == "paragraph":
            self._paragraph(node, line, nested)
        elif kind in ("bullet_list", "ordered_list"):
            self._list(node, line)
        elif kind in ("fence", "code_block"):
            code = _block_text(node.content)
            if code:
                self.texts.append(code)
                self._add_note(line, code, None if self.item else "code block before the first item")
        elif kind == "html_block":
            self._html(node.content, line)
        elif kind == "table":
            self._table(node, line)
        elif kind == "blockquote":
            for child in node.children:
                self._block(child, nested=True)
        elif kind == "hr":
            pass  # a rule separates sections visually; the headings already do
        else:
            text = self._plain(node, line)
            self._add_note(line, text, f"unexpected Markdown block ({kind})")

    def _heading(self, node: SyntaxTreeNode, line: int) -> None:
        found = self._extract(node.children[0].children if node.children else [], line)
        text = found.text
        if text and self.first_heading is None:
            self.first_heading = text
        if node.tag == "h1" and not self.seen_title_h1:
            self.seen_title_h1 = True
            self.title_line = line
            if text:
                self.title = text
            else:
                self.warn(line, "the title heading is empty; add a title")
            self._add_links(found.links)
            self._add_images(found.images)
            return
        if node.tag == "h1":
            if not text:
                self.warn(line, "an empty # heading starts a part; give it a title")
            part = _PartDraft(title=text or TITLE_PLACEHOLDER, line=line)
            if not text:
                part.checks.append("the heading in the post was empty")
            self.parts.append(part)
            self.part, self.item = part, None
            self._add_links(found.links)
            self._add_images(found.images)
            return
        self._start_item(text, line)
        self._add_links(found.links)
        self._add_images(found.images)

    def _start_item(self, title: str, line: int) -> None:
        item = _ItemDraft(title=title or TITLE_PLACEHOLDER, line=line)
        if not title:
            self.warn(line, "an empty heading starts an item; give it a title")
            item.checks.append("the heading in the post was empty")
        else:
            key = title.casefold()
            if key in self.titles_seen:
                first = self.titles_seen[key]
                self.warn(line, f"heading '{title}' repeats the one on line {first}; kept as a separate item")
                item.checks.append(f"same title as the item from post line {first}")
            else:
                self.titles_seen[key] = line
        self._current_part().items.append(item)
        self.all_items.append(item)
        self.item = item

    def _paragraph(self, node: SyntaxTreeNode, line: int, nested: bool) -> None:
        nodes = node.children[0].children if node.children else []
        first, rest = _split_first_line(nodes)
        if not nested and _is_bold_line(first):
            walker = _InlineWalker(line)
            walker.walk(first)
            heading = walker.result()
            if _looks_like_heading(heading.text):
                # A paragraph that is only a short bold line is a sub-heading: another item.
                found = self._extract(first, line)
                self._start_item(found.text.rstrip(":：").strip() or found.text, line)
                self._add_links(found.links)
                self._add_images(found.images)
                if rest:
                    self._content(rest, line + 1)
                return
        self._content(nodes, line)

    def _content(self, nodes: list[SyntaxTreeNode], line: int) -> None:
        found = self._extract(nodes, line)
        if self._source_line(found, line):
            return
        if found.links and self._link_line(found):
            self._add_links(found.links)
            self._add_images(found.images)
            return
        self._add_paragraph(line, found.text)
        self._add_links(found.links)
        self._add_images(found.images)

    def _source_line(self, found: _Inline, line: int) -> bool:
        """`> 原文：<https://…>` or `Original: …`: the post this recap comes from."""
        if self.source is not None or len(found.links) > 1:
            return False
        match = _SOURCE_LABEL.match(found.text)
        if not match or not match.group().strip():
            return False
        rest = found.text[match.end() :]
        if found.links:
            link = found.links[0]
            rest = rest.replace(link.label or link.url, "", 1)
        else:
            bare = _BARE_URL.search(rest)
            if not bare:
                return False
            link = _Link(url=bare.group().rstrip(".,;。，；"), label=None, line=line)
            rest = rest.replace(link.url, "", 1)
        if _LINK_LINE_SEPARATORS.sub("", rest) or not _is_web_address(link.url):
            return False
        self.source = _Link(url=link.url, label=link.label, line=line, hint="blog")
        self._add_images(found.images)
        return True

    def _link_line(self, found: _Inline) -> bool:
        """A paragraph of links and separators only, e.g. `([video](…) | [docs](…))`."""
        words = _LINK_LINE_SEPARATORS.sub("", found.outside)
        hint = _kind_from_label(words)
        if words and not hint and not _LINK_WORD.fullmatch(words):
            return False
        for link in found.links:
            link.hint = hint
        return True

    def _list(self, node: SyntaxTreeNode, line: int) -> None:
        takeaways: list[_Takeaway] = []
        flattened: list[int] = []
        for entry in node.children:
            text, sublists = self._list_entry(entry)
            points: list[str] = []
            for sub in sublists:
                self._points(sub, points, flattened)
            if text:
                takeaways.append(_Takeaway(text, points))
            else:
                # A bullet with no words of its own: its sub-bullets stand on their own.
                takeaways.extend(_Takeaway(point) for point in points)
        if flattened:
            self._flattened_warning(flattened[0])
        if not takeaways:
            return
        if self.item:
            self.item.takeaways.extend(takeaways)
            return
        lines = []
        for takeaway in takeaways:
            lines.append(f"- {takeaway.text}")
            lines.extend(f"  - {point}" for point in takeaway.points)
        self._add_note(line, "\n".join(lines), "a list before the first item")

    def _flattened_warning(self, line: int) -> None:
        where = f"of '{self.item.title}'" if self.item else ""
        message = "bullets nested deeper than two levels were flattened into points"
        self.warn(line, f"{message} {where}".strip())
        if self.item:
            self.item.checks.append(f"{message} (post line {line})")

    def _points(self, list_node: SyntaxTreeNode, out: list[str], flattened: list[int], depth: int = 2) -> None:
        for entry in list_node.children:
            text, sublists = self._list_entry(entry)
            if text:
                out.append(text)
            for sub in sublists:
                if depth >= 2:
                    flattened.append(_line_of(sub, 1))
                self._points(sub, out, flattened, depth + 1)

    def _list_entry(self, entry: SyntaxTreeNode) -> tuple[str, list[SyntaxTreeNode]]:
        """The words of one bullet (any blocks in it run together) and the lists nested under it."""
        pieces: list[str] = []
        sublists: list[SyntaxTreeNode] = []
        for child in entry.children:
            line = _line_of(child, _line_of(entry, 1))
            if child.type in ("bullet_list", "ordered_list"):
                sublists.append(child)
            elif child.type == "paragraph":
                found = self._extract(child.children[0].children if child.children else [], line)
                pieces.append(found.text)
                self._add_links(found.links)
                self._add_images(found.images)
            else:
                pieces.append(self._plain(child, line))
        return _clean(" ".join(pieces)), sublists

    def _plain(self, node: SyntaxTreeNode, line: int) -> str:
        """All the words of any block, its links and pictures going where links and pictures go."""
        if node.type in ("fence", "code_block"):
            code = _clean(node.content)
            self.texts.append(code)
            return code
        if node.type == "html_block":
            return self._html_parts(node.content, line)
        if node.type == "inline":
            found = self._extract(node.children, line)
            self._add_links(found.links)
            self._add_images(found.images)
            return found.text
        return _clean(" ".join(self._plain(child, _line_of(child, line)) for child in node.children))

    def _html_parts(self, html: str, line: int) -> str:
        parser = _HtmlText()
        parser.feed(html)
        parser.close()
        text = _clean("".join(parser.pieces))
        if text:
            self.texts.append(text)
        self._add_links([_Link(url=href, label=None, line=line) for href, _ in parser.links])
        self._add_images([_Image(src=src, alt=_clean(alt), title="", line=line) for src, alt in parser.images])
        return text

    def _html(self, html: str, line: int) -> None:
        text = self._html_parts(html, line)
        if text:
            self._add_note(line, text, "HTML block turned into plain text")
        else:
            self.warn(line, "HTML block with no text skipped")

    def _table(self, node: SyntaxTreeNode, line: int) -> None:
        rows: list[str] = []

        def visit(current: SyntaxTreeNode) -> None:
            if current.type == "tr":
                rows.append(" | ".join(self._plain(cell, _line_of(current, line)) for cell in current.children))
            else:
                for child in current.children:
                    visit(child)

        visit(node)
        self._add_note(line, "\n".join(row for row in rows if row.strip(" |")), "table turned into text rows")

    # -- the end: placing what is left over ------------------------------------------------------------------

    def _finish(self) -> tuple[dict[str, Any], _Comments]:
        title = self.title or self._fallback_title()
        self.texts.append(title)
        has_days = bool(self.parts)
        if not self.all_items:
            # A recap needs at least one item; the title (and the text under it) makes one.
            self.warn(self.title_line, "the post has no ## sections; made one item from the title")
            item = _ItemDraft(title=title, line=self.title_line, paragraphs=self.preamble.intro)
            self.preamble.intro = []
            self.preamble.items.append(item)
            self.all_items.append(item)
        self.preamble.title = title
        self.preamble.line = self.title_line
        self._place_orphan_images()
        if not has_days and self.preamble.intro:
            first = self.all_items[0]
            line = self.preamble.intro[0][0]
            self.warn(line, f"text before the first item moved to the notes of '{first.title}'")
            first.notes[:0] = self.preamble.intro
            first.checks.append(f"the notes start with the post's introduction (post line {line})")
            self.preamble.intro = []

        comments = _Comments()
        recap: dict[str, Any] = {"schema_version": 1, "title": title, "language": self._language()}
        recap["event"] = {"name": title}
        if self.source:
            # The original post is a blog post whatever its label says.
            recap["source"] = {**_link_dict(self.source), "kind": "blog"}
        if has_days:
            parts = [self.preamble] if (self.preamble.items or self.preamble.intro) else []
            parts += self.parts
            recap["parts"] = [self._part_dict(part, comments) for part in parts]
        else:
            recap["items"] = [self._item_dict(item, comments) for item in self.preamble.items]
        if self.resources:
            recap["resources"] = [_link_dict(link) for link in self.resources]
        return recap, comments

    def _fallback_title(self) -> str:
        if self.first_heading:
            self.warn(self.title_line, "the post has no # title; used its first heading")
            return self.first_heading
        if self.first_text:
            self.warn(1, "the post has no headings; used its first words as the title")
            return self.first_text[:80].strip() or "Recap"
        stem = Path(self.source_name).stem.strip()
        self.warn(1, "the post has no text; the title is a placeholder")
        return stem or "Recap"

    def _place_orphan_images(self) -> None:
        """Pictures outside any item go to the nearest item: the next one, or the last one at the end."""
        for image in self.orphan_images:
            target = next((item for item in self.all_items if item.line > image.line), self.all_items[-1])
            self.warn(image.line, f"picture '{image.src}' is outside any item; attached to '{target.title}'")
            target.checks.append(f"the picture '{image.src}' came from outside this item (post line {image.line})")
            target.images.append(image)

    def _language(self) -> str:
        text = "".join(self.texts)
        han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
        # The katakana middle dot and long-vowel mark also turn up in Chinese text, so they do not count.
        kana = sum(1 for ch in text if "\u3040" <= ch <= "\u30ff" and ch not in "\u30fb\u30fc")
        words = len(re.findall(r"[A-Za-z]+", text))
        if kana and kana * 20 >= han:
            return "ja"
        if han > words:
            return "zh-CN"
        return "en"

    def _part_dict(self, part: _PartDraft, comments: _Comments) -> dict[str, Any]:
        data: dict[str, Any] = {"title": part.title}
        if part.intro:
            data["intro"] = "\n\n".join(text for _, text in sorted(part.intro, key=lambda pair: pair[0]))
        checks = list(part.checks)
        if not part.items:
            what = "the text before the first day" if part is self.preamble else f"part '{part.title}'"
            self.warn(part.line, f"{what} has no items, so it is not on the slides; kept as a part with an intro")
            checks.append("no items in this part, so the slides skip it: add items or move its intro")
        comments.parts[id(data)] = checks
        if part.items:
            data["items"] = [self._item_dict(item, comments) for item in part.items]
        return data

    def _item_dict(self, item: _ItemDraft, comments: _Comments) -> dict[str, Any]:
        notes = list(item.notes)
        summary = None
        if item.paragraphs:
            _, first = item.paragraphs[0]
            if _columns(first) <= _SUMMARY_MAX_COLUMNS:
                summary = first
                notes += item.paragraphs[1:]
            else:
                notes += item.paragraphs
        image = None
        for picture in item.images:
            entry, usable = self._image_dict(picture)
            if picture.title and picture.title != entry["alt"]:
                notes.append((picture.line, f"Picture caption: {picture.title}"))
            if not usable:
                # A content file naming a missing picture would not load; keep it in the notes instead.
                notes.append((picture.line, f"Picture: {entry['path']} ({entry['alt']})"))
                item.checks.append(f"picture {entry['path']} is not a local file: add it as image: once you have it")
                continue
            if image is None:
                image = entry
                continue
            notes.append((picture.line, f"Picture: {entry['path']} ({entry['alt']})"))
            reason = "an item has one picture; this extra one was moved to the notes"
            self.warn(picture.line, f"{reason} of '{item.title}'")
            item.checks.append(f"{reason} (post line {picture.line})")

        data: dict[str, Any] = {"title": item.title}
        if summary:
            data["summary"] = summary
        if item.takeaways:
            data["takeaways"] = [{"text": t.text, "points": t.points} if t.points else t.text for t in item.takeaways]
        if item.links:
            data["links"] = [_link_dict(link) for link in item.links]
        if image:
            data["image"] = image
        if notes:
            data["notes"] = "\n\n".join(text for _, text in sorted(notes, key=lambda pair: pair[0]))
        if len(data) == 1:
            self.warn(item.line, f"heading '{item.title}' has nothing under it; kept as an item with just a title")
            item.checks.append("nothing was under this heading in the post")
        comments.items[id(data)] = item.checks
        return data

    def _image_dict(self, picture: _Image) -> tuple[dict[str, str], bool]:
        """The image entry, and whether its file exists so the content file can name it."""
        remote = picture.src.lower().startswith(("http://", "https://", "data:"))
        path = picture.src if remote else unquote(picture.src)
        if not path.strip():
            path = "TODO-missing-picture.png"
            self.warn(picture.line, "a picture has no file name; wrote a placeholder path")
        alt = picture.alt
        if not alt:
            alt = ALT_PLACEHOLDER
            self.warn(picture.line, f"picture '{path}' has no alt text; wrote a placeholder to replace")
        if remote:
            self.warn(picture.line, f"picture '{path}' is on the web; download it and give its file path")
            return {"path": path, "alt": alt}, False
        if self.base_dir is None or not (self.base_dir / path).is_file():
            self.warn(picture.line, f"picture file '{path}' not found next to the post; kept in the notes")
            return {"path": path, "alt": alt}, False
        if self.output_dir is not None:
            path = os.path.relpath((self.base_dir / path).resolve(), self.output_dir.resolve())
        return {"path": path, "alt": alt}, True


def _link_dict(link: _Link) -> dict[str, str]:
    data = {"url": link.url}
    if link.label:
        data["label"] = link.label
    data["kind"] = link.kind
    return data


# ---------------------------------------------------------------------------------------------------------
# YAML: block style, model field order, unicode as is, and comments where the user should look.


@dataclass
class _Comments:
    # Keyed by id() of the dicts being emitted: the dicts themselves are not hashable.
    parts: dict[int, list[str]] = field(default_factory=dict)
    items: dict[int, list[str]] = field(default_factory=dict)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent lists under their key, the way people write YAML by hand.
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Notes and intros span lines; the | style keeps them readable (PyYAML falls back to quotes if it can't).
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def _dump(data: Any, indent: int = 0) -> list[str]:
    text = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=float("inf"), default_flow_style=False
    )
    return [(" " * indent + line) if line else line for line in text.splitlines()]


def _comment_lines(messages: list[str], indent: int) -> list[str]:
    return [" " * indent + "# check: " + _one_line(message) for message in messages]


def _emit_yaml(recap: dict[str, Any], comments: _Comments, source_name: str) -> str:
    lines = [
        f"# Imported from {_one_line(source_name)} by `recap import`.",
        "# Look for TODO and check: comments, fix what they point at, then delete them.",
    ]
    lines += _dump({key: recap[key] for key in ("schema_version", "title", "language")})
    lines.append("# TODO: the event name is a guess from the post's title; fix it and add the event's dates")
    lines.append("# (start: and end: as YYYY-MM-DD), venue and city.")
    lines += _dump({"event": recap["event"]})
    lines += ["# TODO: say who presents the recap:", "# presenter:", "#   name: Your Name"]
    if "source" in recap:
        lines += _dump({"source": recap["source"]})
    if "parts" in recap:
        lines.append("parts:")
        for part in recap["parts"]:
            lines += _comment_lines(comments.parts.get(id(part), []), 2)
            items = part.get("items", [])
            lines += _dump([{key: value for key, value in part.items() if key != "items"}], 2)
            if items:
                lines.append("    items:")
                for item in items:
                    lines += _comment_lines(comments.items.get(id(item), []), 6)
                    lines += _dump([item], 6)
    else:
        lines.append("items:")
        for item in recap["items"]:
            lines += _comment_lines(comments.items.get(id(item), []), 2)
            lines += _dump([item], 2)
    if "resources" in recap:
        lines.append("# Links from outside any item:")
        lines += _dump({"resources": recap["resources"]})
    return "\n".join(lines) + "\n"
