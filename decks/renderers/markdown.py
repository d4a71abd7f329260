"""`recap markdown`: the recap as a blog post in CommonMark with YAML front matter (`recap post` writes it as
DIR/index.md beside the sketchnote).

The post reads as a post: the sketchnote at the top, the intro, a section per part and per item (summary,
takeaways with their points, links by kind, picture), the key takeaways, the resources and the closing, in the
content's language (the catalogue's words). It is also written so that `recap import` reads it back as the same
content: parts are `#` headings and items `##`, a link's kind is its title (`[Keynote](… "video")`), the key
takeaways and resources sit under the catalogue's own headings, the closing follows a rule at the end, and what
prose cannot carry (the event's facts, the presenter, the language, the source) is in the front matter under
`recap:`, which Hugo and Jekyll ignore. Text is escaped so that any character stays itself.

Front matter per `--flavor`: `hugo` (title, date, tags, description, images), `jekyll` (layout, title, date,
tags, description, image), `plain` (title, date, tags, description, image).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import yaml

from decks.i18n import Catalogue, messages
from decks.model import Item, Link, Recap
from decks.model.inline import Span, Style, code_span, has_markup, plain, spans
from decks.options import Option, OptionValue
from decks.renderers.base import Rendered, Renderer, made_by
from decks.themes.model import Theme

if TYPE_CHECKING:
    from markdown_it import MarkdownIt  # lazy: markdown-it only for `recap post`; --help loads this module

SKETCHNOTE_PNG = "sketchnote.png"
SKETCHNOTE_SVG = "sketchnote.svg"
CARD = "card.png"
FLAVORS = ("hugo", "jekyll", "plain")

# CommonMark's specials inside a line, and those that start a block at the start of a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~!#&])")
_BLOCK_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))(?=\s|$)")


def escape(text: str) -> str:
    """`text` as Markdown that shows exactly these characters: specials backslash-escaped (CommonMark reads any
    ASCII punctuation so), a list or heading marker at a line's start escaped, line breaks kept as breaks."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE_SPECIAL.sub(r"\\\1", line)
        # "- x" or "1. x" would start a list: the marker's punctuation is escaped ("\\- x", "1\\. x").
        line = _BLOCK_START.sub(
            lambda m: m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4)), line
        )
        lines.append(line)
    return "  \n".join(line for line in lines)  # a hard break: a line break inside one paragraph


def marked(text: str) -> str:
    """A content field's text, whose inline markup (decks.model.inline) is written as Markdown's own: bold as
    `**`, italic as `*`, code as a code span; the words between are escaped (`escape`), so the post shows what
    the slides show. Text without markup is `escape(text)`.

    CommonMark's flanking rules cannot say every run of styles next to punctuation and code spans: each way of
    writing it is read back with markdown-it, the first that reads as the same runs is used, and when none does
    the words are written plain (escaped), so a post never shows a stray mark."""
    if not has_markup(text):
        return escape(text)
    runs = spans(text)
    for way in ("between", "before", "around", "apart"):
        written = _written(runs, way)
        if _read_back(written) == runs:
            return written
    return escape(plain(text))


def _written(runs: tuple[Span, ...], way: str) -> str:
    """`runs` as Markdown. A code span is never bold or italic, but Markdown may hold it inside emphasis: `way`
    says which neighbours' marks it takes (both sides', the one before, either side's, or none)."""
    emphasis = Style.BOLD | Style.ITALIC
    styles: list[Style] = []
    for n, run in enumerate(runs):
        if not run.style & Style.CODE:
            styles.append(run.style)
            continue
        before = runs[n - 1].style if n else Style.PLAIN
        after = runs[n + 1].style if n + 1 < len(runs) else Style.PLAIN
        shared = {"between": before & after, "before": before, "around": before | after, "apart": Style.PLAIN}
        styles.append(shared[way] & emphasis)
    out: list[str] = []
    opened: list[Style] = []  # the emphasis marks open, innermost last
    for n, run in enumerate(runs):
        want = [flag for flag in (Style.BOLD, Style.ITALIC) if styles[n] & flag]
        # Close what this run does not have (and what was opened inside it), then open what it adds, the flag
        # that lasts longer first (outermost).
        while any(flag not in want for flag in opened):
            out.append(_MARK[opened.pop()])
        later = styles[n + 1 :]
        for flag in sorted(
            (f for f in want if f not in opened),
            key=lambda f: -next((k for k, r in enumerate(later) if not r & f), len(later)),
        ):
            out.append(_MARK[flag])
            opened.append(flag)
        out.append(code_span(run.text) if run.style & Style.CODE else escape(run.text))
    out.extend(_MARK[flag] for flag in reversed(opened))
    return "".join(out)


@functools.cache
def _commonmark() -> MarkdownIt:
    """One CommonMark parser for the whole run: building one compiles its rules, and a post checks every field
    that has markup."""
    from markdown_it import MarkdownIt  # lazy: markdown-it only for `recap post`; --help loads this module

    return MarkdownIt("commonmark")


def _read_back(markdown: str) -> tuple[Span, ...]:
    """The styled runs CommonMark reads in one line of Markdown (code inside emphasis is code), neighbours of one
    style joined: what `marked` checks its writing against."""
    out: list[Span] = []
    style = Style.PLAIN
    tokens = _commonmark().parseInline(markdown)
    for tok in (tokens[0].children if tokens else None) or []:
        if tok.type in ("strong_open", "strong_close"):
            style ^= Style.BOLD
        elif tok.type in ("em_open", "em_close"):
            style ^= Style.ITALIC
        elif tok.type in ("text", "code_inline", "softbreak"):
            piece = "\n" if tok.type == "softbreak" else tok.content
            here = Style.CODE if tok.type == "code_inline" else style
            if out and out[-1].style == here:
                out[-1] = Span(out[-1].text + piece, here)
            elif piece:
                out.append(Span(piece, here))
        else:
            return ()  # a link, an image or HTML: not what was meant
    return tuple(out)


_MARK = {Style.BOLD: "**", Style.ITALIC: "*"}


def _paragraphs(text: str, write: Callable[[str], str] = escape) -> list[str]:
    return [write(p.strip()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _link(link: Link, words: Catalogue) -> str:
    label = escape(link.label) if link.label else escape(words.link_text(link))
    url = str(link.url)
    if any(ch in url for ch in "()<> "):
        url = "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"  # parentheses kept as is
    return f'[{label}]({url} "{link.kind}")'


def _yaml(data: dict[str, object]) -> str:
    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: object) -> bool:
            return True  # a date used twice is written twice, not as an anchor readers may not follow

    return yaml.dump(
        data, Dumper=NoAliases, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000
    )


def _description(recap: Recap) -> str | None:
    for part in recap.all_parts:
        if part.intro:
            return " ".join(part.intro.split())[:300]
    first = next((plain(item.summary) for item in recap.all_items if item.summary), None)
    return " ".join(first.split())[:300] if first else None


def _date(recap: Recap) -> dt.date | None:
    if recap.event and (recap.event.end or recap.event.start):
        return recap.event.end or recap.event.start
    return None


def front_matter(recap: Recap, flavor: str) -> str:
    """The YAML front matter: the keys the flavour's site generator reads, and `recap:` for `recap import`."""
    data: dict[str, object] = {}
    if flavor == "jekyll":
        data["layout"] = "post"
    data["title"] = plain(recap.title)
    date = _date(recap)
    if date is not None:
        data["date"] = date
    if recap.tags:
        data["tags"] = list(recap.tags)
    description = _description(recap)
    if description:
        data["description"] = description
    if flavor == "hugo":
        data["images"] = [CARD]
    else:
        data["image"] = CARD
    carried: dict[str, object] = {"language": recap.language}
    for key in ("event", "presenter", "source"):
        value = getattr(recap, key)
        if value is not None:
            carried[key] = _plain(value)
    data["recap"] = carried
    # A YAML comment names the command that made the file (decks.cli.provenance reads it before replacing one):
    # site generators and `recap import` pass over it.
    return f"---\n# {made_by(MarkdownRenderer.name)}\n" + _yaml(data) + "---\n"


def _plain(value: object) -> object:
    """A model value as plain YAML data, without the fields left at their defaults."""

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            if v in (None, [], False):
                continue
            out[f.name] = _plain(v)
        return out
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "value") and isinstance(getattr(value, "value", None), str):  # an enum
        return value.value
    if hasattr(value, "as_posix"):
        return value.as_posix()
    return value


def _item(item: Item, words: Catalogue, pictures: dict[str, str]) -> list[str]:
    out = [f"## {marked(item.title)}", ""]
    if item.summary:
        out += [marked(" ".join(item.summary.split())), ""]
    if item.image is not None:
        name = pictures.get(str(item.image.path), item.image.path.name)
        credit = f' "{escape(item.image.credit)}"' if item.image.credit else ""
        out += [f"![{escape(item.image.alt)}](pictures/{name}{credit})", ""]
    for takeaway in item.takeaways:
        out.append(f"- {marked(takeaway.text)}")
        out += [f"  - {marked(point)}" for point in takeaway.points]
    if item.takeaways:
        out.append("")
    if item.links:
        out += ["(" + " | ".join(_link(link, words) for link in item.links) + ")", ""]
    return out


def write_post(recap: Recap, flavor: str = "hugo", pictures: dict[str, str] | None = None) -> str:
    """The post's Markdown. `pictures` maps an item's picture path to its file name in the post's pictures/."""

    words = messages(recap.language)
    pictures = pictures or {}
    out = [front_matter(recap, flavor)]
    title = plain(recap.title)
    alt = escape(f"{title} ({recap.event.name})" if recap.event else title)
    out += [f"[![{alt}]({SKETCHNOTE_PNG})]({SKETCHNOTE_SVG})", ""]
    if recap.source is not None:
        out += ["> " + words.gettext("Source: {title}").format(title=_link(recap.source, words)), ""]
    if recap.intro:  # before the first heading, where `recap import` reads a post's intro
        for paragraph in _paragraphs(recap.intro, marked):
            out += [paragraph, ""]
    for part in recap.parts if recap.parts else []:
        if not part.items:
            continue
        out += [f"# {marked(part.title)}", ""]
        if part.intro:
            for paragraph in _paragraphs(part.intro, marked):
                out += [paragraph, ""]
        for item in part.items:
            out += _item(item, words, pictures)
    for item in recap.items:
        out += _item(item, words, pictures)
    if recap.key_takeaways:
        out += [f"# {escape(words.gettext('Key takeaways'))}", ""]
        for takeaway in recap.key_takeaways:
            out.append(f"- {marked(takeaway.text)}")
            out += [f"  - {marked(point)}" for point in takeaway.points]
        out.append("")
    if recap.resources:
        out += [f"# {escape(words.gettext('Resources'))}", ""]
        out += [f"- {_link(link, words)}" for link in recap.resources]
        out.append("")
    if recap.closing:
        out += ["---", ""]
        for paragraph in _paragraphs(recap.closing, marked):
            out += [paragraph, ""]
    return "\n".join(out).rstrip("\n") + "\n"


class MarkdownRenderer(Renderer):
    """The recap as a blog post in Markdown (`recap post` writes it with the sketchnote and a social card)."""

    name = "markdown"
    suffix = ".md"
    description = "The recap as a blog post in Markdown with front matter (recap post adds the pictures)."
    consumes = "model"
    options = (Option("flavor", "Front matter for hugo, jekyll or plain Markdown.", "hugo", FLAVORS),)

    def render(  # type: ignore[override]
        self, recap: Recap, theme: Theme, flavor: str | None = None, **options: OptionValue
    ) -> Rendered:
        return Rendered(write_post(recap, str(flavor or "hugo")).encode("utf-8"))
