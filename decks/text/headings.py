"""Headings broken as a designer breaks them: at phrase boundaries, into lines of about equal width.

`phrases` cuts a heading into pieces no line break may fall inside: BudouX's phrases for Japanese, Chinese and
Thai (the words and particles a reader takes in at once), words elsewhere, where a word that starts with `--`
(a command-line flag) or looks like an address (`python3.13t`, `tf.keras`, `https://…`) is never cut.
`balance` chooses where the lines of a heading end: as few lines as its width allows, the widest of them as
narrow as can be (CSS `text-wrap: balance`), no last line of one word or one character, and no break inside a
name (capitalised words in a row, "TensorFlow Dev Summit 2019") when another choice of breaks gives the same
number of lines.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from decks.text.breaking import atoms, break_lines

if TYPE_CHECKING:  # BudouX is imported when a heading needs it (it ships type information)
    from budoux import Parser

_BUDOUX = {"ja": "ja", "zh": "zh-hans", "zh-hant": "zh-hant", "th": "th"}
_SPACE = re.compile(r"(\s+)")
# East Asian punctuation a phrase may also end after (BudouX keeps "参加レポート：機械学習…" as one phrase).
_LATIN = re.compile(r"[0-9A-Za-z._\-]")
_AFTER_STOP = re.compile(r"(?<=[：、，。！？；）」』】・])")
# A capitalised Latin word and a space, then a capitalised word or a number: two words of one name.
_NAME_END = re.compile(r"(?:^|\s)[A-Z][\w.+#-]*\s+$")
_NAME_START = re.compile(r"[A-Z0-9]")


@cache
def _parser(language: str) -> Parser:
    import budoux  # lazy: BudouX only for CJK headings; --help loads this

    loaders = {
        "ja": budoux.load_default_japanese_parser,
        "zh-hans": budoux.load_default_simplified_chinese_parser,
        "zh-hant": budoux.load_default_traditional_chinese_parser,
        "th": budoux.load_default_thai_parser,
    }
    return loaders[language]()


def _budoux_language(language: str | None) -> str | None:
    tag = (language or "").replace("_", "-").lower()
    if tag.startswith("zh"):
        hant = any(p in ("hant", "tw", "hk", "mo") for p in tag.split("-")[1:])
        return "zh-hant" if hant else "zh-hans"
    return _BUDOUX.get(tag.split("-")[0])


def _wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in "WF" for c in text)


def phrases(text: str, language: str | None = None) -> list[str]:
    """`text` cut into the pieces a line may end after, each with the white space that follows it ("".join of
    them is `text`). Runs of East Asian or Thai text are cut into BudouX's phrases; other words stay whole."""
    parser_language = _budoux_language(language)
    out: list[str] = []
    for piece in _SPACE.split(text):
        if not piece:
            continue
        if piece.isspace():
            if out:
                out[-1] += piece
            else:
                out.append(piece)
            continue
        if parser_language and (_wide(piece) or parser_language == "th"):
            chunks: list[str] = []
            for chunk in _parser(parser_language).parse(piece):
                for c in _AFTER_STOP.split(chunk):
                    # Never inside a Latin word or number ("API", "2025"), wherever BudouX put a boundary.
                    if chunks and c and _LATIN.match(chunks[-1][-1]) and _LATIN.match(c[0]):
                        chunks[-1] += c
                    elif c:
                        chunks.append(c)
            # A chunk that is only Latin letters or digits (a word inside Japanese text) stays with its
            # neighbours as BudouX gives them; an empty parse keeps the piece whole.
            out.extend(chunks or [piece])
        else:
            out.append(piece)
    return out


def _script(ch: str) -> str:
    """A character's script for breaking inside a phrase: HIRAGANA, KATAKANA, CJK (Han), HANGUL or other."""
    name = unicodedata.name(ch, "")
    return next((s for s in ("HIRAGANA", "KATAKANA", "CJK", "HANGUL") if name.startswith(s)), "other")


def _soft(before: str, after: str) -> bool:
    """Whether a phrase may be cut between these two characters at half the cost of a cut inside a word: where
    the script changes, but not from a kanji to the hiragana that follow it (向け: okurigana end the word)."""
    a, b = _script(before), _script(after)
    return a != b and not (a == "CJK" and b == "HIRAGANA")


def _short(line: str) -> bool:
    """A last line too short to stand alone: one word, or one or two East Asian characters."""
    line = line.strip()
    if not line:
        return True
    if _wide(line):
        return len(line) <= 2
    return len(line.split()) <= 1


def balance(pieces: Sequence[str], width: Callable[[str], float], limit: float) -> list[str] | None:
    """The lines of a heading made of `pieces` (each a phrase with its trailing space) whose widest is as
    narrow as can be, in as few lines as fit `limit` points (`width` measures a line, trailing space left
    out); breaks fall between phrases where they can (a phrase wider than a line, East Asian, is cut between
    its characters as the text engine cuts them), and a last line of one word or one or two characters is
    avoided when another choice gives as many lines. None when a word wider than `limit` must be cut inside
    (the text engine then breaks it)."""

    units: list[str] = []
    # What a break after this unit costs: 0 between phrases; inside a phrase 1, or 0.5 where the script changes
    # ("開発者|サミット": kanji to katakana), which keeps a word of one script whole.
    inner: list[float] = []
    for piece in pieces:
        if width(piece.rstrip()) <= limit:
            units.append(piece)
            inner.append(0.0)
            continue
        if not _wide(piece):
            return None
        parts = list(atoms(piece.rstrip()))
        parts[-1] += piece[len(piece.rstrip()) :]
        units.extend(parts)
        inner.extend([0.5 if _soft(a[-1], b[0]) else 1.0 for a, b in itertools.pairwise(parts)] + [0.0])
    n = len(units)
    if n == 0:
        return None
    for k in range(n - 1):
        # Inside a name ("TensorFlow Dev Summit 2019", "Google Developer Experts"): a break there is taken only
        # when no break between other words does as well, but before a one-word last line ("Kotlin / 2.0
        # released", not "Kotlin 2.0 / released"): it costs in the same tier as a cut where the script changes.
        if _NAME_END.search(units[k]) and _NAME_START.match(units[k + 1]):
            inner[k] = max(inner[k], 0.75)
    memo: dict[tuple[int, int], float] = {}

    def line_width(a: int, b: int) -> float:
        key = (a, b)
        if key not in memo:
            memo[key] = width("".join(units[a:b]).rstrip())
        return memo[key]

    if any(line_width(k, k + 1) > limit for k in range(n)):
        return None
    # The fewest lines of units[i:], for every i: greedy filling is optimal for that, and the greedy line from i
    # ends no earlier than the one from i - 1, so one walk finds every end (a line is at least one unit).
    reach = [0] * n
    end = 1
    for start in range(n):
        end = max(end, start + 1)
        while end < n and line_width(start, end + 1) <= limit:
            end += 1
        reach[start] = end
    fewest = [0] * (n + 1)
    for start in range(n - 1, -1, -1):
        fewest[start] = 1 + fewest[reach[start]]
    count = fewest[0]
    if count == 1:
        return ["".join(units).rstrip()]

    @cache
    def best(i: int, k: int) -> tuple[tuple[int, bool, float, float], int] | None:
        """The best (breaks inside a word of one script, short last line, other breaks inside phrases, widest
        line) of units[i:] in k lines, and where the first of those lines ends: a short last line is better
        than a word cut in two ("サミッ" / "ト"), a cut where the script changes better than a short last line."""
        if k == 1:
            w = line_width(i, n)
            return None if w > limit else ((0, _short("".join(units[i:n])), 0.0, w), n)
        found: tuple[tuple[int, bool, float, float], int] | None = None
        # Only ends whose rest fits the k - 1 lines left: `fewest` falls as j grows, so they start at the first
        # such j (the others would answer None; skipping them keeps long headings from costing n² lines).
        first = bisect.bisect_left(fewest, -(k - 1), i + 1, n, key=lambda f: -f)
        for j in range(first, n - k + 2):
            w = line_width(i, j)
            if w > limit:
                break
            rest = best(j, k - 1)
            if rest is None:
                continue
            hard, short, soft, widest = rest[0]
            cut = inner[j - 1]
            score = (hard + (cut == 1.0), short, soft + (cut if cut < 1.0 else 0.0), max(w, widest))
            if found is None or score < found[0]:
                found = (score, j)
        return found

    if best(0, count) is None:
        return None
    lines, i, k = [], 0, count
    while i < n:
        step = best(i, k)
        assert step is not None
        lines.append("".join(units[i : step[1]]).rstrip())
        i, k = step[1], k - 1
    return lines


def heading_lines(text: str, width: Callable[[str], float], limit: float, language: str | None = None) -> list[str]:
    """The lines of a heading at most `limit` wide: balanced at phrase boundaries (`balance` over `phrases`) when
    that takes no more lines than the engine's own breaks, else the engine's (a word wider than a line, which
    only the engine may cut)."""

    greedy = _flags_whole(text, break_lines(text, limit, width), width, limit)
    if len(greedy) < 2:
        return greedy
    lines = balance(phrases(text, language), width, limit)
    return lines if lines is not None and len(lines) <= len(greedy) else greedy


_TRAILING_DASHES = re.compile(r"(?:(?<=\s)|^)-+$")


def _flags_whole(text: str, lines: list[str], width: Callable[[str], float], limit: float) -> list[str]:
    """The engine's `lines` of `text`, but a line never ends with the dashes that start a word (`--flag`): they
    move to the next line, whose first line is broken again with room for them (the engine breaks after any
    hyphen, as office applications do; a heading is ours to break)."""

    pos = 0
    for i, line in enumerate(lines[:-1]):
        start = text.find(line, pos)
        found = _TRAILING_DASHES.search(line)
        if start < 0:
            return lines
        if found:
            dashes = found.group(0)
            rest = text[start + found.start() + len(dashes) :]
            room = limit - width(dashes)
            first = break_lines(rest, room, width)[:1] if room > 0 else []
            if not first:
                return lines
            after = rest[rest.index(first[0]) + len(first[0]) :].lstrip()
            before = line[: found.start()].rstrip()
            fixed = [*lines[:i], *([before] if before else []), dashes + first[0]]
            return fixed + _flags_whole(after, break_lines(after, limit, width), width, limit) if after else fixed
        pos = start + len(line)
    return lines
