"""Read inline tokens: the text, links and pictures of a run of them, or of an HTML fragment.

Also tells a bold line that is a sub-heading from emphasised prose, keeps bold, italic and inline code as recap's
inline markup (decks/model/inline.py: `**bold**`, `*italic*`, `` `code` ``, a post's literal marks escaped only where
they would otherwise read as markup), and takes link groups such as "([video](…) | [docs](…))" out of the text, so
that no "(video | docs)" is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown_it.tree import SyntaxTreeNode

from decks.model.inline import code_span, escape, spans
from decks.model.urls import is_dangerous
from decks.readers.markdown.drafts import ImageDraft, LinkDraft
from decks.readers.markdown.links import LINK_KINDS, LINK_WORD, kind_from_label
from decks.readers.markdown.prose import clean, columns

# A bold-only paragraph longer than this reads as emphasised prose rather than a heading.
_BOLD_HEADING_MAX_COLUMNS = 100

# Literal runs of ** that CommonMark could not pair (the seed wraps whole lines in ****) are formatting
# debris, not text.
_STARS = re.compile(r"\*{2,}")
_SENTENCE_END = re.compile(r"[。！？]|[.!?…](?:\s|\Z)")


# Marks around each link's label while link groups are found; noncharacters, never in a post (any that are,
# are dropped first).
_OPEN, _CLOSE = "\ufdd0", "\ufdd1"
_LABEL = f"{_OPEN}[^{_OPEN}{_CLOSE}]*{_CLOSE}"
# A few words naming the links, as in "(视频链接: [a](…) | [b](…))".
_PREFIX = rf"(?P<prefix>[^()（）【】\[\]{_OPEN}{_CLOSE}]{{1,24}}?[:：]\s*)?"
# Links in brackets, separated by bars, slashes or commas: "([video](…) | [docs](…))", "（[动画](…)）".
_BRACKETED = re.compile(rf"\s*[(（【\[]\s*{_PREFIX}{_LABEL}(?:\s*[|｜/·•,，、;；]\s*{_LABEL})*\s*[)）】\]]")
# Two or more links separated by bars (commas would be prose: "Keras, JAX and PyTorch").
_BARRED = re.compile(rf"\s*{_PREFIX}{_LABEL}(?:\s*[|｜·•]\s*{_LABEL})+")


@dataclass
class Inline:
    text: str  # without link groups
    outside: str  # the text that is not a link label, to tell a line of links from a sentence
    links: list[LinkDraft]
    images: list[ImageDraft]
    html: bool


def looks_like_heading(text: str) -> bool:
    return bool(text) and columns(text) <= _BOLD_HEADING_MAX_COLUMNS and not _SENTENCE_END.search(text)


def is_bold_line(nodes: list[SyntaxTreeNode]) -> bool:
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


def is_debris(node: SyntaxTreeNode) -> bool:
    """A text node of nothing but white space and unpaired ** runs."""
    return node.type == "text" and not _STARS.sub("", node.content).strip()


def split_first_line(nodes: list[SyntaxTreeNode]) -> tuple[list[SyntaxTreeNode], list[SyntaxTreeNode]]:
    for index, node in enumerate(nodes):
        if node.type in ("softbreak", "hardbreak"):
            return nodes[:index], nodes[index + 1 :]
    return nodes, []


class InlineWalker:
    """Collects the text, links and images of a run of inline nodes: with `marks`, bold, italic and code as
    inline markup (what the importer writes into fields); without, the words alone (what its rules read)."""

    def __init__(self, line: int, marks: bool = False) -> None:
        self.line = line
        self.marks = marks
        self.pieces: list[str] = []
        # The same pieces with every mark-like character of the post's own text escaped: used when the
        # unescaped pieces would read differently (a lone backtick next to a code span), see `_settle`.
        self.safe: list[str] = []
        self.inside: set[str] = set()  # the emphasis kinds being walked through
        self.closed = -1  # the number of pieces when a bold or italic span last closed
        self.outside: list[str] = []
        self.links: list[LinkDraft] = []
        self.images: list[ImageDraft] = []
        self.html = False
        self.spans: list[tuple[int, int]] = []  # the pieces of each link's label, in link order

    def walk(self, nodes: list[SyntaxTreeNode], in_link: bool = False) -> None:
        for node in nodes:
            kind = node.type
            if kind == "text":
                text = _STARS.sub("", node.content)
                self._emit(text, in_link, escape(text) if self.marks and not in_link else text)
            elif kind == "code_inline":
                # Code keeps its backticks (not inside a link label, which is shown as a name).
                self._emit(node.content if in_link or not self.marks else code_span(node.content), in_link)
            elif kind == "strong" and self.marks and (inner := _only_child(node, "strong")) is not None:
                # "****line****", bold right inside bold: the seed's formatting debris, not emphasis.
                self.walk(inner.children, in_link)
            elif kind in ("strong", "em") and self.marks and not in_link and kind not in self.inside:
                mark = "**" if kind == "strong" else "*"
                self.inside.add(kind)
                if self.closed == len(self.pieces) and self.pieces[-1] == mark:
                    # (empty text between two spans is not kept: see `_emit`)
                    # Two spans of one style side by side (`*a*_b_`) are one span: written as two, their marks
                    # would meet and pair up otherwise ("*a**b*").
                    del self.pieces[-1], self.safe[-1]
                else:
                    self._emit(mark, in_link)
                self.walk(node.children, in_link)
                self._emit(mark, in_link)
                self.closed = len(self.pieces)
                self.inside.discard(kind)
            elif kind in ("softbreak", "hardbreak"):
                self._emit("\n", in_link)
                self.line += 1
            elif kind == "html_inline":
                # The tags go; the text between them is ordinary text tokens and stays.
                self.html = True
            elif kind == "image":
                alt = InlineWalker(self.line)
                alt.walk(node.children)
                self.images.append(
                    ImageDraft(
                        src=str(node.attrs.get("src", "")),
                        alt=alt.text(),
                        title=str(node.attrs.get("title", "") or ""),
                        line=self.line,
                    )
                )
            elif kind == "link":
                start = len(self.pieces)
                self.walk(node.children, in_link=True)
                label = clean("".join(self.pieces[start:]))
                url = str(node.attrs.get("href", ""))
                autolink = node.markup == "autolink" or label == url
                if autolink and is_dangerous(url):  # <javascript:…>: its text is its target, dropped with it
                    self.pieces[start:] = [""] * (len(self.pieces) - start)
                    self.safe[start:] = [""] * (len(self.safe) - start)
                # A kind in the link's title (`[Keynote](… "video")`, as recap post writes links) is the kind.
                said = str(node.attrs.get("title", "") or "").strip().lower()
                link_kind = said if said in LINK_KINDS else None
                self.links.append(
                    LinkDraft(
                        url=url,
                        label=None if autolink or not label else label,
                        line=self.line,
                        hint=link_kind,
                        hint_from_title=link_kind is not None,
                    )
                )
                self.spans.append((start, len(self.pieces)))
            else:
                self.walk(node.children, in_link)

    def _emit(self, text: str, in_link: bool, safe: str | None = None) -> None:
        if not text:
            return
        self.pieces.append(text)
        self.safe.append(text if safe is None else safe)
        if not in_link and not (self.marks and text in ("**", "*")):
            self.outside.append(text)

    def _settle(self) -> None:
        """Keep the post's own characters as written unless a mark among them would pair with another: then
        escape them all, so the field reads back as the post showed it."""
        if self.marks and self.safe != self.pieces:
            if spans(clean("".join(self.pieces))) != spans(clean("".join(self.safe))):
                self.pieces = self.safe
            self.safe = list(self.pieces)

    def text(self) -> str:
        self._settle()
        return clean("".join(self.pieces))

    def result(self) -> Inline:
        self._settle()
        return Inline(self._prose(), clean("".join(self.outside)), self.links, self.images, self.html)

    def _prose(self) -> str:
        """The text without its link groups; the links of a group take their kind from its words."""
        if not self.links:
            return self.text()
        marked: list[str] = []
        for pos in range(len(self.pieces) + 1):
            # At each place: labels that end here close, empty labels open and close, labels that start here open.
            marked += [_CLOSE for start, end in self.spans if start < end == pos]
            marked += [_OPEN + _CLOSE for start, end in self.spans if start == end == pos]
            marked += [_OPEN for start, end in self.spans if pos == start < end]
            if pos < len(self.pieces):
                marked.append(self.pieces[pos].replace(_OPEN, "").replace(_CLOSE, ""))
        text = clean("".join(marked))

        def drop(match: re.Match[str]) -> str:
            prefix = (match.group("prefix") or "").strip().rstrip(":：").strip()
            hint = kind_from_label(prefix)
            if prefix and not hint and not LINK_WORD.fullmatch(prefix):
                return match.group()  # words of their own: a sentence, not a group
            first = match.string.count(_OPEN, 0, match.start())
            for link in self.links[first : first + match.group().count(_OPEN)]:
                link.hint = link.hint or hint
            return " "

        text = _BARRED.sub(drop, _BRACKETED.sub(drop, text))
        return clean(text.replace(_OPEN, "").replace(_CLOSE, ""))


def _only_child(node: SyntaxTreeNode, kind: str) -> SyntaxTreeNode | None:
    """The one child of `node` (debris aside) when it is of `kind`, else None."""
    words = [child for child in node.children if not is_debris(child)]
    return words[0] if len(words) == 1 and words[0].type == kind else None


class HtmlText(HTMLParser):
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
