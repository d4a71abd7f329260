"""Inline markup in content text: `` `code` ``, `**bold**` and `_italic_`, read into styled spans.

Titles, summaries, takeaways, sub-points, quotes and closing lines may carry the three marks of Markdown that a
recap needs; everything else in a field is text. The rules are CommonMark's, cut down to what a short line
needs, so a post's markup means the same here as on the blog:

- a code span opens with a run of backticks and closes at the next run of the same length; inside it nothing is
  markup, and one space at each end is dropped when both are there (so ``` `` `x` `` ``` shows `` `x` ``);
- `**` / `__` make bold and `*` / `_` italic, when the opening mark is followed by a non-space and the closing
  mark preceded by one; `_` and `__` never open or close inside a word, so `snake_case_name` stays as it is;
- a backslash before `` ` ``, `*`, `_` or `\\` makes it a plain character;
- marks that find no partner are text: "5 * 3", "**kwargs", a lone backtick.
- a code span inside bold or italic stays in the code face, unstyled: one monospace cut is measured and drawn.

`spans(text)` gives the styled runs (what renderers draw), `plain(text)` the words alone (alt text, search,
notes, measuring fallbacks), `escape(text)` the markup-safe form of plain words (what the importer writes for a
post's literal asterisks). `plain(escape(s)) == s` for every string.
"""

from __future__ import annotations

import re
from enum import IntFlag
from functools import lru_cache
from typing import NamedTuple

__all__ = ["Span", "Style", "code_span", "escape", "has_markup", "plain", "spans"]


class Style(IntFlag):
    """How a span is drawn; flags combine (bold italic). Code is never bold or italic."""

    PLAIN = 0
    BOLD = 1
    ITALIC = 2
    CODE = 4


class Span(NamedTuple):
    text: str
    style: Style


_ESCAPABLE = frozenset("`*_\\")


def has_markup(text: str) -> bool:
    """True when `text` holds a character that could be markup (most text does not: the fast path)."""
    # Four searches of the string (memchr, in C) take a seventh of the time of a set's walk over its characters.
    return "`" in text or "*" in text or "_" in text or "\\" in text


def escape(text: str) -> str:
    """`text` with every markup character backslash-escaped, so it reads back as exactly `text`."""
    if not has_markup(text):
        return text
    return "".join("\\" + ch if ch in _ESCAPABLE else ch for ch in text)


def code_span(code: str) -> str:
    """`code` written as a code span that reads back as exactly `code` (here and in CommonMark): a fence one
    backtick longer than its longest run of them, and a space inside each end when it starts or ends with a
    backtick, or when both ends are spaces (the reading drops one there)."""
    longest = max((len(run) for run in re.findall("`+", code)), default=0)
    fence = "`" * (longest + 1)
    ends = code[:1] + code[-1:]
    pad = " " if "`" in ends or (ends == "  " and code.strip(" ")) else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def plain(text: str) -> str:
    """The words of `text` with its markup removed."""
    if not has_markup(text):
        return text
    return "".join(span.text for span in spans(text))


def _is_space(ch: str) -> bool:
    return not ch or ch.isspace()


def _is_punct(ch: str) -> bool:
    return bool(ch) and not ch.isalnum() and not ch.isspace()


class _Tok:
    """A piece of text with its style; a delimiter run's text is cut as its marks get used."""

    __slots__ = ("code", "style", "text")

    def __init__(self, text: str, style: Style, code: bool = False) -> None:
        self.text, self.style, self.code = text, style, code


class _Delim:
    """A run of `*` or `_` in the token list, as CommonMark's delimiter stack keeps it."""

    __slots__ = ("can_close", "can_open", "char", "count", "index")

    def __init__(self, char: str, count: int, index: int, can_open: bool, can_close: bool) -> None:
        self.char, self.count, self.index = char, count, index
        self.can_open, self.can_close = can_open, can_close


@lru_cache(maxsize=4096)
def spans(text: str) -> tuple[Span, ...]:
    """The styled runs of `text`, neighbours of one style merged, empty runs left out."""
    if not has_markup(text):
        return (Span(text, Style.PLAIN),) if text else ()
    # Tokens: literal text pieces, code spans, and delimiter runs (whose text stays literal unless matched).
    tokens: list[_Tok] = []
    delims: list[_Delim] = []
    i, n = 0, len(text)
    buf: list[str] = []

    def flush() -> None:
        if buf:
            tokens.append(_Tok("".join(buf), Style.PLAIN))
            buf.clear()

    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in _ESCAPABLE:
            buf.append(text[i + 1])
            i += 2
            continue
        if ch == "`":
            j = i
            while j < n and text[j] == "`":
                j += 1
            fence = j - i
            close = _find_fence(text, j, fence)
            if close < 0:
                buf.append(text[i:j])
                i = j
                continue
            body = text[j:close]
            if len(body) >= 2 and body[0] == " " and body[-1] == " " and body.strip(" "):
                body = body[1:-1]
            flush()
            tokens.append(_Tok(body, Style.CODE, code=True))
            i = close + fence
            continue
        if ch in "*_":
            j = i
            while j < n and text[j] == ch:
                j += 1
            before = text[i - 1] if i else ""
            after = text[j] if j < n else ""
            left = not _is_space(after) and (not _is_punct(after) or _is_space(before) or _is_punct(before))
            right = not _is_space(before) and (not _is_punct(before) or _is_space(after) or _is_punct(after))
            if ch == "_":
                can_open = left and (not right or _is_punct(before))
                can_close = right and (not left or _is_punct(after))
            else:
                can_open, can_close = left, right
            flush()
            if can_open or can_close:
                delims.append(_Delim(ch, j - i, len(tokens), can_open, can_close))
            tokens.append(_Tok(text[i:j], Style.PLAIN))
            i = j
            continue
        buf.append(ch)
        i += 1
    flush()
    _match(tokens, delims)
    return _merge(tokens)


def _find_fence(text: str, start: int, fence: int) -> int:
    """Where the next run of exactly `fence` backticks after `start` begins, or -1."""
    i, n = start, len(text)
    while i < n:
        if text[i] != "`":
            i += 1
            continue
        j = i
        while j < n and text[j] == "`":
            j += 1
        if j - i == fence:
            return i
        i = j
    return -1


def _match(tokens: list[_Tok], delims: list[_Delim]) -> None:
    """Pair delimiter runs, closers with the nearest opener of their kind (CommonMark's process_emphasis, with
    the rule of three), marking the tokens between as bold or italic and trimming the used marks."""
    # style ranges: (first token, last token, style)
    k = 0
    while k < len(delims):
        closer = delims[k]
        if not closer.can_close or closer.count == 0:
            k += 1
            continue
        found = -1
        for o in range(k - 1, -1, -1):
            opener = delims[o]
            if opener.char != closer.char or not opener.can_open or opener.count == 0:
                continue
            both = opener.can_close or closer.can_open
            if both and (opener.count + closer.count) % 3 == 0 and (opener.count % 3 or closer.count % 3):
                continue
            found = o
            break
        if found < 0:
            k += 1
            continue
        opener = delims[found]
        used = 2 if opener.count >= 2 and closer.count >= 2 else 1
        style = Style.BOLD if used == 2 else Style.ITALIC
        for t in range(opener.index + 1, closer.index):
            if not tokens[t].code:
                tokens[t].style |= style
        opener.count -= used
        closer.count -= used
        tokens[opener.index].text = opener.char * opener.count
        tokens[closer.index].text = closer.char * closer.count
        # Runs between the pair can no longer match across it: they stay in the text as they were.
        for d in delims[found + 1 : k]:
            d.can_open = d.can_close = False
        if closer.count == 0:
            k += 1


def _merge(tokens: list[_Tok]) -> tuple[Span, ...]:
    out: list[Span] = []
    for tok in tokens:
        if not tok.text:
            continue
        if out and out[-1].style == tok.style:
            out[-1] = Span(out[-1].text + tok.text, tok.style)
        else:
            out.append(Span(tok.text, tok.style))
    return tuple(out)
