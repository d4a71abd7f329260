"""Walk a post's markdown-it tree into drafts, block by block, and warn by line about what has no place.

The post's opening paragraphs go to the intro, a closing thank-you to `closing`, front matter gives the title,
date, tags and author, table rows become takeaways, and a list of announcements (each bullet a bold name with
its own links) becomes items. What has no natural place in the content model (HTML, code, stray text) lands in
the notes or intro nearest to it. The result is a `WalkedPost`; `finish.py` turns it into the recap.

One job, one walker deciding where each block goes; it is long because each kind of block (heading, paragraph,
list, announcement list, table, HTML) has its own rule, and every rule reads and moves the same state (the current
part, item and notes), so the rules stay methods of the one walker.
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from decks.errors import excerpt, for_terminal
from decks.i18n import available, messages
from decks.model.urls import hidden_problem, is_dangerous, is_web_address
from decks.readers.markdown.closing import closing_blocks, closing_heading
from decks.readers.markdown.drafts import ImageDraft, ItemDraft, LinkDraft, PartDraft, TakeawayDraft, WalkedPost
from decks.readers.markdown.frontmatter import split_front_matter
from decks.readers.markdown.inline import (
    HtmlText,
    Inline,
    InlineWalker,
    is_bold_line,
    is_debris,
    looks_like_heading,
    split_first_line,
)
from decks.readers.markdown.links import (
    BARE_URL,
    LINK_LINE_SEPARATORS,
    LINK_WORD,
    SOURCE_LABEL,
    kind_from_label,
)
from decks.readers.markdown.prose import block_text, clean

TITLE_PLACEHOLDER = "TODO: add a title"

# What may separate an announcement's bold name from its description: "**Sonnet** — …", "**连合学習**：…".
_LEAD_SEPARATORS = " \t—–-:：,，、|｜"
_PARENTHETICAL = re.compile(r"^\s*([(（][^()（）]{1,40}[)）])(?=\s*[—–\-:：])")


def walk_post(text: str) -> WalkedPost:
    """What `text` (a post, front matter and all) holds, in drafts, with a warning for each guess made."""
    return _PostWalker().walk(text)


def _any_link(url: str) -> bool:
    return True


def _line_of(node: SyntaxTreeNode, fallback: int) -> int:
    return node.map[0] + 1 if node.map else fallback


def _has(node: SyntaxTreeNode, kind: str) -> bool:
    """Whether `node` is, or holds, a node of this kind."""
    return node.type == kind or any(_has(child, kind) for child in node.children)


class _PostWalker:
    """Walks the post's blocks in order; `post` is what it found, the rest where the walk stands."""

    def __init__(self) -> None:
        self.post = WalkedPost()
        self.seen_title_h1 = False
        self.link_urls: dict[int, set[str]] = {}  # id() of a links list -> the addresses in it
        self.part: PartDraft | None = None
        self.item: ItemDraft | None = None
        self.titles_seen: dict[str, int] = {}
        self.h1_count = 0
        # Under a `# Key takeaways` or `# Resources` heading (in any catalogue's words): where its list goes.
        self.section: str | None = None

    def warn(self, line: int, message: str) -> None:
        self.post.warn(line, message)

    def walk(self, text: str) -> WalkedPost:
        text, self.post.front = split_front_matter(text)
        for line, message in self.post.front.warnings:
            self.warn(line, message)
        md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
        # Every link target reaches _add_links, which drops the unsafe ones with a warning: markdown-it's own
        # check would leave `[x](javascript:…)` in the text as it was written, target and all.
        md.validateLink = _any_link  # type: ignore[method-assign]
        root = SyntaxTreeNode(md.parse(text))
        self.h1_count = sum(1 for node in root.children if node.type == "heading" and node.tag == "h1")
        closing = closing_blocks(root.children, recap_post=bool(self.post.front.carried))
        skip = {id(node) for node in closing}
        heading = closing_heading(root.children, closing)
        if heading is not None:
            skip.add(id(heading))
        for node in root.children:
            if id(node) not in skip:
                self._block(node, nested=False)
        for node in closing:
            self._closing(node)
        return self.post

    # -- where things go ------------------------------------------------------------------------------------

    def _current_part(self) -> PartDraft:
        return self.part or self.post.preamble

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

    def _add_links(self, links: list[LinkDraft]) -> None:
        for link in links:
            if link.url in _OWN_FILES:
                continue  # the post's own sketchnote (recap post links the PNG to the SVG)
            if is_dangerous(link.url):  # javascript:, file:, data:, a file share, a bidi control: never kept
                why = hidden_problem(link.url) or "recap keeps only http, https and mailto links"
                self.warn(link.line, f"link '{for_terminal(excerpt(link.url))}' dropped: {why}")
            elif not is_web_address(link.url):
                shown = f"{link.label}: {link.url}" if link.label else link.url
                self._add_note(link.line, shown, f"link '{excerpt(link.url)}' is not a full web address")
            else:
                # Each address once per item (or in the resources), found in a set: a post with thousands of
                # links under one heading stays linear.
                kept = self.item.links if self.item else self.post.resources
                seen = self.link_urls.setdefault(id(kept), {known.url for known in kept})
                if link.url not in seen:
                    seen.add(link.url)
                    kept.append(link)

    def _add_images(self, images: list[ImageDraft]) -> None:
        images = [image for image in images if image.src not in _OWN_FILES]
        if self.item:
            self.item.images.extend(images)
        else:
            self.post.orphan_images.extend(images)

    def _extract(self, nodes: list[SyntaxTreeNode], line: int, marker: bool = False) -> Inline:
        """The text of `nodes` with its inline markup. With `marker`, bold around the whole text is the post's
        way of making it a heading or an announcement's name, not emphasis: it goes."""
        words = [n for n in nodes if not is_debris(n)]
        while marker and len(words) == 1 and words[0].type == "strong":
            nodes = words[0].children
            words = [n for n in nodes if not is_debris(n)]
        walker = InlineWalker(line, marks=True)
        walker.walk(nodes)
        found = walker.result()
        if found.html:
            self.warn(line, "inline HTML tags removed (their text is kept)")
        if found.text:
            self.post.texts.append(found.text)
            if self.post.first_text is None:
                self.post.first_text = found.text
        return found

    # -- the closing (which blocks it is: closing.py) --------------------------------------------------------

    def _closing(self, node: SyntaxTreeNode) -> None:
        line = _line_of(node, 1)
        found = self._extract(node.children[0].children if node.children else [], line)
        if found.text:
            self.post.closing.append(found.text)
        item, self.item = self.item, None  # its links are for the whole recap: resources
        self._add_links(found.links)
        self.item = item
        self._add_images(found.images)

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
            code = block_text(node.content)
            if code:
                self.post.texts.append(code)
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
        if text and self.post.first_heading is None:
            self.post.first_heading = text
        if node.tag == "h1" and not self.seen_title_h1 and self._is_title_heading(text):
            self.seen_title_h1 = True
            self.post.title_line = line
            if self.post.front.title:
                if text and text.casefold() != self.post.front.title.casefold():
                    self.warn(
                        line, f"the title heading '{text}' differs from the front matter's title; used the latter"
                    )
            elif text:
                self.post.title = text
            else:
                self.warn(line, "the title heading is empty; add a title")
            self._add_links(found.links)
            self._add_images(found.images)
            return
        self.section = None
        if node.tag == "h1" and text and text.casefold() in _section_words():
            # "# Key takeaways" / "# Resources" (recap post writes them in the content's language): not a day.
            self.section = _section_words()[text.casefold()]
            self.item = None
            return
        if node.tag == "h1":
            if not text:
                self.warn(line, "an empty # heading starts a part; give it a title")
            part = PartDraft(title=text or TITLE_PLACEHOLDER, line=line)
            if not text:
                part.checks.append("the heading in the post was empty")
            self.post.parts.append(part)
            self.part, self.item = part, None
            self._add_links(found.links)
            self._add_images(found.images)
            return
        self._start_item(text, line)
        self._add_links(found.links)
        self._add_images(found.images)

    def _is_title_heading(self, text: str) -> bool:
        """The first # heading is the title, unless front matter gives the title and the # headings are days."""
        if self.post.front.carried:
            return False  # recap post writes no title heading: each # heading is a part or a closing section
        if not self.post.front.title:
            return True
        return self.h1_count == 1 or text.casefold() == self.post.front.title.casefold()

    def _start_item(self, title: str, line: int) -> None:
        item = ItemDraft(title=title or TITLE_PLACEHOLDER, line=line)
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
        self.post.all_items.append(item)
        self.item = item

    def _paragraph(self, node: SyntaxTreeNode, line: int, nested: bool) -> None:
        nodes = node.children[0].children if node.children else []
        first, rest = split_first_line(nodes)
        if not nested and is_bold_line(first):
            walker = InlineWalker(line)
            walker.walk(first)
            heading = walker.result()
            if looks_like_heading(heading.text):
                # A paragraph that is only a short bold line is a sub-heading: another item.
                found = self._extract(first, line, marker=True)
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

    def _source_line(self, found: Inline, line: int) -> bool:
        """`> 原文：<https://…>` or `Original: …`: the post this recap comes from."""
        if self.post.source is not None or len(found.links) > 1:
            return False
        match = SOURCE_LABEL.match(found.text)
        if not match or not match.group().strip():
            return False
        rest = found.text[match.end() :]
        if found.links:
            link = found.links[0]
            rest = rest.replace(link.label or link.url, "", 1)
        else:
            bare = BARE_URL.search(rest)
            if not bare:
                return False
            link = LinkDraft(url=bare.group().rstrip(".,;。，；"), label=None, line=line)
            rest = rest.replace(link.url, "", 1)
        if LINK_LINE_SEPARATORS.sub("", rest) or not is_web_address(link.url):
            return False
        self.post.source = LinkDraft(url=link.url, label=link.label, line=line, hint="blog")
        self._add_images(found.images)
        return True

    def _link_line(self, found: Inline) -> bool:
        """A paragraph of links and separators only, e.g. `([video](…) | [docs](…))`."""
        words = LINK_LINE_SEPARATORS.sub("", found.outside)
        hint = kind_from_label(words)
        if words and not hint and not LINK_WORD.fullmatch(words):
            return False
        for link in found.links:
            if not link.hint_from_title:
                link.hint = hint
        return True

    def _list(self, node: SyntaxTreeNode, line: int) -> None:
        if self.section == "resources" and not self.item:
            for entry in node.children:
                self._list_entry(entry)  # its links go to the resources; the words are the links' labels
            return
        if self.section == "key" and not self.item:
            for entry in node.children:
                text, sublists = self._list_entry(entry)
                under: list[str] = []
                for sub in sublists:
                    self._points(sub, under, [])
                if text:
                    self.post.key_takeaways.append(TakeawayDraft(text, under))
            return
        leads = [self._announcement_lead(entry) for entry in node.children]
        if leads and all(lead is not None for lead in leads):
            self._announcements(node, line)
            return
        takeaways: list[TakeawayDraft] = []
        flattened: list[int] = []
        for entry in node.children:
            text, sublists = self._list_entry(entry)
            points: list[str] = []
            for sub in sublists:
                self._points(sub, points, flattened)
            if text:
                takeaways.append(TakeawayDraft(text, points))
            else:
                # A bullet with no words of its own: its sub-bullets stand on their own.
                takeaways.extend(TakeawayDraft(point) for point in points)
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

    @staticmethod
    def _announcement_lead(entry: SyntaxTreeNode) -> tuple[SyntaxTreeNode, list[SyntaxTreeNode]] | None:
        """The bold name that leads a bullet with links of its own ("**Sonnet** — … ([video](…))"), if any,
        and the bullet's inline nodes it is one of."""
        first = entry.children[0] if entry.children else None
        if first is None or first.type != "paragraph" or not first.children:
            return None
        nodes = first.children[0].children
        while True:
            # Bold runs around a whole line ("******name**, text ([video](…))****") wrap the name: unwrap them.
            words = [n for n in nodes if not is_debris(n)]
            if len(words) != 1 or words[0].type != "strong" or not _has(words[0], "link"):
                break
            nodes = words[0].children
        lead = next((n for n in nodes if not is_debris(n)), None)
        if lead is None or lead.type != "strong" or _has(lead, "link"):
            return None
        walker = InlineWalker(1)
        walker.walk([lead])
        if not looks_like_heading(walker.text().rstrip(":：")) or not any(_has(n, "link") for n in nodes):
            return None
        return lead, nodes

    def _announcements(self, node: SyntaxTreeNode, line: int) -> None:
        """A list whose every bullet is an announcement of its own: an item each, after the current one."""
        parent = self.item
        made: list[str] = []
        for entry in node.children:
            entry_line = _line_of(entry, line)
            found = self._announcement_lead(entry)
            if found is None:  # checked by the caller
                continue
            lead, nodes = found
            at = next(index for index, node in enumerate(nodes) if node is lead)
            name = self._extract([lead], entry_line, marker=True)
            rest = self._extract(nodes[at + 1 :], entry_line)
            title = name.text.strip().rstrip(":：").strip()
            summary = rest.text
            extra = _PARENTHETICAL.match(summary)
            if extra:  # "**Sonnet** (DeepMind) — …": the parenthesis belongs to the name
                title = f"{title} {extra.group(1)}"
                summary = summary[extra.end() :]
            summary = summary.lstrip(_LEAD_SEPARATORS).strip()
            self._start_item(title, entry_line)
            made.append(self.item.title if self.item else title)
            self._add_paragraph(entry_line, summary)
            self._add_links([*name.links, *rest.links])
            self._add_images([*name.images, *rest.images])
            points: list[str] = []
            flattened: list[int] = []
            for child in entry.children[1:]:
                if child.type in ("bullet_list", "ordered_list"):
                    self._points(child, points, flattened)
                else:
                    self._add_paragraph(_line_of(child, entry_line), self._plain(child, entry_line))
            if self.item:
                self.item.takeaways.extend(TakeawayDraft(point) for point in points)
            if flattened:
                self._flattened_warning(flattened[0])
        if parent is not None:
            # The heading the list stood under keeps the names, as an overview of what follows.
            parent.takeaways.extend(TakeawayDraft(title) for title in made)
        self.warn(line, f"a list of {len(made)} announcements (a bold name and links each) became {len(made)} items")

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
        return clean(" ".join(pieces)), sublists

    def _plain(self, node: SyntaxTreeNode, line: int) -> str:
        """All the words of any block, its links and pictures going where links and pictures go."""
        if node.type in ("fence", "code_block"):
            code = clean(node.content)
            self.post.texts.append(code)
            return code
        if node.type == "html_block":
            return self._html_parts(node.content, line)
        if node.type == "inline":
            found = self._extract(node.children, line)
            self._add_links(found.links)
            self._add_images(found.images)
            return found.text
        return clean(" ".join(self._plain(child, _line_of(child, line)) for child in node.children))

    def _html_parts(self, html: str, line: int) -> str:
        parser = HtmlText()
        parser.feed(html)
        parser.close()
        text = clean("".join(parser.pieces))
        if text:
            self.post.texts.append(text)
        self._add_links([LinkDraft(url=href, label=None, line=line) for href, _ in parser.links])
        self._add_images([ImageDraft(src=src, alt=clean(alt), title="", line=line) for src, alt in parser.images])
        return text

    def _html(self, html: str, line: int) -> None:
        text = self._html_parts(html, line)
        if text:
            self._add_note(line, text, "HTML block turned into plain text")
        else:
            self.warn(line, "HTML block with no text skipped")

    def _table(self, node: SyntaxTreeNode, line: int) -> None:
        header: list[str] = []
        rows: list[str] = []

        def visit(current: SyntaxTreeNode, in_head: bool) -> None:
            if current.type == "tr":
                cells = [self._plain(cell, _line_of(current, line)) for cell in current.children]
                (header if in_head else rows).append(" | ".join(cell for cell in cells if cell))
            else:
                for child in current.children:
                    visit(child, in_head or current.type == "thead")

        visit(node, False)
        header, rows = [row for row in header if row], [row for row in rows if row]
        if not self.item:
            self._add_note(line, "\n".join(header + rows), "table turned into text rows")
            return
        if not rows:
            header, rows = [], header
        self.item.takeaways.extend(TakeawayDraft(row) for row in rows)
        columns = f" (columns: {header[0]})" if header else ""
        if header:
            self.item.notes.append((line, f"Table columns: {header[0]}"))
        reason = f"table turned into {len(rows)} takeaways, one per row{columns}"
        self.warn(line, f"{reason}, in '{self.item.title}'")
        self.item.checks.append(f"{reason} (post line {line})")


_OWN_FILES = ("sketchnote.png", "sketchnote.svg")


@functools.cache
def _section_words() -> dict[str, str]:
    """What every catalogue calls the key takeaways and the resources, folded: "key takeaways", "主要收获" ..."""

    words: dict[str, str] = {}
    for locale in available():
        catalogue = messages(locale.replace("_", "-"))
        words.setdefault(catalogue.gettext("Key takeaways").casefold(), "key")
        words.setdefault(catalogue.gettext("Resources").casefold(), "resources")
    return words
