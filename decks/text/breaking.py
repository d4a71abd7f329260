"""Line breaking: where a line may end, with Chinese/Japanese kinsoku rules and breaks inside long words.

Text is cut into unbreakable atoms. Latin words break at spaces and after hyphens and dashes; every
ideograph or kana is an atom of its own; closing punctuation (，。：；！？」） …) is glued to the atom
before it, so no line starts with it, and opening punctuation (「（《“ …) to the atom after it, so no
line ends with it.
Combining marks, variation selectors and the parts of an emoji ZWJ sequence or a flag stay with the
character they belong to. An atom wider than the line (a long URL) is broken inside, preferably after
/ . - _ ? & = #.

A paragraph of more than one line never ends with a line of a single ideograph or kana: the line before
gives it one more character, as a CJK typesetter would (the slides leave it, as LibreOffice does).

`break_lines` is the one line breaker: both plans, the headings and the renderers' notes break with it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache, lru_cache

# No line may start with these (closing brackets, stops, small kana, iteration marks, prolonged sound mark).
NO_START = frozenset(
    "，。、．：；！？）」』】〕〗〙〛》〉”’…‥・ー々〻ゝゞヽヾ"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "﹐﹑﹒﹔﹕﹖﹗｡､）］｝〞ｧｨｩｪｫｬｭｮｯｰ"
    ",.;:!?)]}%'\"»›°‰℃"
)
# No line may end with these (opening brackets and quotes, currency signs).
NO_END = frozenset("（「『【〔〖〘〚《〈“‘（［｛〝([{«‹$£¥€＄￥")
# After these a long word (a URL, a path) may be broken.
_URL_BREAK_AFTER = frozenset("/.-_?&=#:,;~+")
_BREAK_AFTER = frozenset("-\u2010\u2013\u2014/")  # in ordinary text: hyphens, dashes, a slash
# Spaces a line never breaks at (no-break, narrow no-break as French puts before ! ? : ;, figure space, word
# joiner): LibreOffice and PowerPoint keep "Merci !" and "12 345" whole, and so must the measuring.
_NO_BREAK_SPACES = "\u00a0\u202f\u2007\u2060\ufeff"


_ZWJ = "\u200d"


@cache
def is_wide(ch: str) -> bool:
    """Whether `ch` is an East Asian wide character, around which lines may break.

    Hangul is wide but is not: Korean puts spaces between words and breaks lines there, as Latin does.
    """
    return unicodedata.east_asian_width(ch) in ("W", "F") and not _joins_previous(ch) and not _is_hangul(ch)


def _is_hangul(ch: str) -> bool:
    cp = ord(ch)
    return 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F or 0xA960 <= cp <= 0xA97F


@cache
def _joins_previous(ch: str) -> bool:
    """Marks that belong to the character before them: combining marks, variation selectors, joiners."""
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch == _ZWJ or "\ufe00" <= ch <= "\ufe0f"


def _is_regional(ch: str) -> bool:
    return "\U0001f1e6" <= ch <= "\U0001f1ff"


# Characters that are neither wide, nor a regional indicator, nor a mark joining the one before: text made only
# of them (most Latin, Cyrillic, Greek, Korean ... text) breaks after spaces, hyphens and dashes alone.
_PLAIN: set[str] = set()
# Where such text may break: after white space or a hyphen, dash or slash, before anything that may start a line.
_PLAIN_BREAK = re.compile(
    "(?<=[^\\S" + _NO_BREAK_SPACES + "]|[" + re.escape("".join(sorted(_BREAK_AFTER))) + "])"
    "(?=[^\\s" + re.escape("".join(sorted(NO_START))) + "])"
)


def _is_plain(text: str) -> bool:
    """Whether every character of `text` is plain (one set look-up once its characters are known)."""
    chars = set(text)
    if chars <= _PLAIN:
        return True
    for ch in chars - _PLAIN:
        if is_wide(ch) or _is_regional(ch) or _joins_previous(ch):
            return False
        _PLAIN.add(ch)
    return True


def has_wide(text: str) -> bool:
    """Whether `text` has an East Asian wide character (not Hangul), around which lines may break."""
    return not _is_plain(text) and any(map(is_wide, text))


@lru_cache(maxsize=16384)  # fitting breaks the same paragraph at many sizes; its atoms do not change
def atoms(text: str) -> tuple[str, ...]:
    """`text` cut into the smallest pieces between which a line may break (a space ends its atom)."""
    if not text:
        return ()
    if _is_plain(text):  # the rules below come down to one pattern: split where it matches
        return tuple(_PLAIN_BREAK.split(text))
    return _atoms(text)


def _atoms(text: str, field: bool = False) -> tuple[str, ...]:
    """The atoms of `text` by the rules in the module's docstring; inside a link (`field`), as LibreOffice breaks
    a field: after white space and at an ideograph only, an opening bracket not glued to what follows."""
    out: list[str] = []
    current = ""
    glue_next = False  # the last char was an opener or a joiner: the next one joins it
    regional = 0  # regional indicators in a row: each second one completes a flag
    for ch in text:
        regional = regional + 1 if _is_regional(ch) else 0
        if not current:
            current = ch
        elif glue_next or ch in NO_START or ch.isspace() or _joins_previous(ch) or regional % 2 == 0 < regional:
            current += ch
        elif not field and is_wide(current[-1]) and current[-1] in NO_START and ch.isalnum() and not is_wide(ch):
            # "Center、Sunnyvale": no break between East Asian closing punctuation and a Latin word (LibreOffice).
            current += ch
        elif (
            (current[-1].isspace() and current[-1] not in _NO_BREAK_SPACES)
            or is_wide(ch)
            or is_wide(current[-1])
            or (
                not field
                and (
                    current[-1] in _BREAK_AFTER
                    or regional % 2 == 1  # a flag starts
                    or (regional == 0 and _is_regional(current[-1]))  # a flag ended
                )
            )
        ):
            out.append(current)
            current = ch
        else:
            current += ch
        glue_next = (ch in NO_END and not field) or ch == _ZWJ
    if current:
        out.append(current)
    return tuple(out)


def field_atoms(text: str, fields: tuple[tuple[int, int], ...]) -> tuple[str, ...]:
    """The atoms of `text` whose stretches `fields` ((start, end) offsets) are links, which LibreOffice sets as
    fields: inside one a line breaks only after white space and before or after an ideograph or kana, not after
    a hyphen or slash ("ml-ops.org" stays whole) and an opening bracket may end a line; elsewhere the usual rules.
    Between a field and the text around it a line breaks only after white space or at an ideograph."""
    out: list[str] = []
    start = 0
    for lo, hi in [*fields, (len(text), len(text))]:
        for piece, inside in ((text[start:lo], False), (text[lo:hi], True)):
            if not piece:
                continue
            cut = _atoms(piece, field=True) if inside else atoms(piece)
            if out and cut and not (out[-1][-1].isspace() or is_wide(out[-1][-1]) or is_wide(cut[0][0])):
                out[-1] += cut[0]  # no break where a link meets the text around it mid-word
                cut = cut[1:]
            out.extend(cut)
        start = hi
    return tuple(out)


def _split_long(atom: str, fits: Callable[[str], bool]) -> list[str]:
    """Pieces of an atom too wide for a line, each fitting, cut preferably after URL punctuation."""
    pieces: list[str] = []
    rest = atom
    while rest:
        # The longest prefix that fits: gallop from the start, then bisect, so each piece costs about its own
        # length in measuring (the whole rest is measured only once it is short) and a huge unbroken word
        # stays linear, not quadratic.
        lo, hi = 1, 2
        while hi < len(rest) and fits(rest[:hi]):
            lo, hi = hi, hi * 2
        if hi >= len(rest) and fits(rest):
            break
        hi = min(hi, len(rest))
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(rest[:mid]):
                lo = mid
            else:
                hi = mid - 1
        cut = lo
        nice = max((i + 1 for i in range(cut - 1) if rest[i] in _URL_BREAK_AFTER), default=0)
        if nice >= max(1, cut // 2):
            cut = nice
        # Keep closing punctuation off the next line's start, and opening punctuation off this line's end.
        while cut > 1 and (rest[cut] in NO_START or rest[cut - 1] in NO_END):
            cut -= 1
        pieces.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces


# How much of the line so far a `join` is given: the characters before the next atom.
JOIN_CONTEXT = 16


def break_lines(
    text: str,
    width: float,
    ems: Callable[[str], float],
    size: float = 1.0,
    *,
    join: Callable[[str, str], float] | None = None,
    fields: tuple[tuple[int, int], ...] = (),
    spans: Callable[[str], Callable[[int, int], float] | None] | None = None,
    lone_ideographs: bool = False,
    compared: list[float] | None = None,
) -> list[str]:
    """Greedy lines of `text`, each no wider than `width` points, a string `s` being `ems(s) * size` points wide
    (trailing spaces are not counted); the one line breaker of both plans.

    Newlines in `text` are hard breaks. `ems` may measure in any unit: a measure in points is given with the
    default `size` of 1.0 (a product with 1.0 is exact). Fitting gives a stack's widths in ems and the size it
    tries, so a paragraph broken at many sizes is measured once (see below), and breaking it at a size gives
    the lines breaking by points gives: the products and sums are the same, in the same order, so no line
    ends elsewhere by a rounding.

    `join(line, atom)` is any width, in the unit of `ems`, that `line + atom` takes beyond the two measured apart
    (LibreOffice's space between Chinese and Latin text); it is given at most the last `JOIN_CONTEXT` characters
    of the line so far, so it must look at no more of it. `fields` are the (start, end) offsets of links in
    `text`, broken as LibreOffice breaks its fields (`field_atoms`). `spans(paragraph)` may give a function that
    is `ems(paragraph[a:b])` for any slice (or None): styled runs are measured by where they sit in the
    paragraph, and a stack may measure a slice without making it. `lone_ideographs` leaves a last line of one
    ideograph as it is, as LibreOffice does (the slides), instead of giving it a companion (the sketchnote).

    Widths add up (there is no kerning across atoms, and a join is added where atoms meet), so each atom is
    measured once and a line grows by addition. The breaker's one fast path is in `atoms`: text of plain
    characters (most Latin, Cyrillic, Korean ... text) is cut by one pattern instead of character by character,
    the same atoms (a test holds them equal), 11x faster on an English sentence. What is measured is kept, not
    recomputed: a paragraph's atoms, their widths in the unit of `ems` and their joins to the paragraph before
    them, keyed by the paragraph, its links and the measuring functions, because fitting breaks the same
    paragraphs at many sizes and widths (a caller's fresh `lambda` just misses); only a line that starts within
    `JOIN_CONTEXT` characters of an atom asks `join` again, with the line's own start. So `ems`, `join` and
    `spans` must answer the same for the same text as long as they live (a closure over a size that changes
    later would be given its old widths).

    `compared`, when given, is filled with what the lines depend on: the widest width (in points) the breaker
    found within `width`, the narrowest it found beyond it (-inf and inf when none), and the paragraphs' `reach`
    in the unit of `ems`. The lines are a function of those comparisons alone, so any width at any size that
    keeps each on its side (by more than the roundings, which `reach` bounds) gives the same lines
    (decks.text.fitting reuses them so).
    """
    lines: list[str] = []
    seen = [-math.inf, math.inf, 0.0]  # the widest width within `width`, the narrowest beyond it, the reach
    # Most text is one paragraph without a link: it is its own paragraph.
    paras = paragraphs(text, fields) if fields or "\n" in text else ((text, ()),)
    for para, local in paras:
        got = _break_para(para, local, width, ems, size, join, spans, seen)
        lines.extend(got if lone_ideographs else _no_lone_last_ideograph(got, width, ems, size, seen))
    if compared is not None:
        compared[:] = seen
    return lines


def paragraphs(text: str, fields: tuple[tuple[int, int], ...]) -> Iterator[tuple[str, tuple[tuple[int, int], ...]]]:
    """Each line of `text` (newlines are hard breaks) with the parts of the link spans `fields` that fall in it,
    as offsets into the line."""
    offset = 0
    for para in text.split("\n"):
        end = offset + len(para)
        yield (
            para,
            tuple((max(lo, offset) - offset, min(hi, end) - offset) for lo, hi in fields if lo < end and hi > offset),
        )
        offset = end + 1


def _break_para(
    text: str,
    fields: tuple[tuple[int, int], ...],
    width: float,
    ems: Callable[[str], float],
    size: float,
    join: Callable[[str, str], float] | None,
    spans: Callable[[str], Callable[[int, int], float] | None] | None,
    seen: list[float],
) -> list[str]:
    """The greedy lines of one paragraph; the line so far is kept as the offsets `start:pos` into it. `seen`
    ([within, beyond, reach], see `break_lines`) is updated with every width compared with `width`."""

    def measure(s: str) -> float:
        return ems(s) * size

    def fits(s: str) -> bool:
        w = measure(s.rstrip())
        if w <= width:
            seen[0] = max(seen[0], w)
            return True
        seen[1] = min(seen[1], w)
        return False

    lines: list[str] = []
    start = pos = 0
    line_w = 0.0  # the line's width including its trailing spaces
    within, beyond = seen[0], seen[1]
    measured, reached = _measured_atoms(text, fields, ems, spans, join)
    seen[2] += reached
    for atom, core_ems, core_m, spaced_ems, joined in measured:
        while True:
            if core_ems is None:
                core_w = 0.0
            else:
                core_w = core_ems * size
                if joined is not None and start < pos:
                    # The join sees text[max(start, pos - JOIN_CONTEXT):pos]: the one kept with the atom (made with
                    # the paragraph before it) unless the line started within that.
                    if start == 0 or start <= pos - JOIN_CONTEXT:
                        core_w += joined * size
                    else:
                        core_w += join(text[start:pos], atom) * size  # type: ignore[misc]
            w = line_w + core_w
            if w <= width:
                if w > within:
                    within = w
                # Spaces are measured with the atom before them (LibreOffice sets a space after a hanzi in the CJK
                # face): measure(atom) - measure(core), the core measured even when empty.
                if spaced_ems is not None:
                    line_w += core_w + (spaced_ems * size - core_m * size)
                else:
                    line_w += core_w + 0.0
                pos += len(atom)
                break
            if w < beyond:
                beyond = w
            if start < pos:
                lines.append(text[start:pos].rstrip())
                start, line_w = pos, 0.0
                continue
            # The atom alone is too wide: break inside it.
            seen[0], seen[1] = within, beyond
            pieces = _split_long(atom, fits)
            within, beyond = seen[0], seen[1]
            lines.extend(p.rstrip() for p in pieces[:-1])
            pos += len(atom)
            start = pos - len(pieces[-1])
            line_w = measure(pieces[-1])
            break
    seen[0], seen[1] = within, beyond
    line = text[start:pos]
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


# A paragraph is one line when its `reach` times the size, times this, is within the width: the walk's roundings
# (a relative 2**-53 for each of its few operations per atom) stay far below it for any paragraph under a million
# atoms (`reach` is infinite for longer ones).
ONE_LINE_MARGIN = 1.0 + 1e-6
_MARGIN_ATOMS = 1_000_000


def reach(
    text: str,
    ems: Callable[[str], float],
    *,
    join: Callable[[str, str], float] | None = None,
    fields: tuple[tuple[int, int], ...] = (),
    spans: Callable[[str], Callable[[int, int], float] | None] | None = None,
) -> float:
    """How wide one paragraph `text` (no newline) can be to the breaker, in the unit of `ems`: the sum of the
    magnitudes of every width `break_lines` adds up while breaking it (given the same measuring functions), so
    every width it compares is at most this times the size, but for its roundings. When `reach * size *
    ONE_LINE_MARGIN` is within the width, `break_lines` gives the one line `text.rstrip()` at that size and width
    without looking at any line (infinite for a paragraph of a million atoms or more)."""
    if "\n" in text:
        raise ValueError("reach is of one paragraph")
    local = next(paragraphs(text, fields))[1] if fields else ()  # as `break_lines` gives them to the paragraph
    return _measured_atoms(text, local, ems, spans, join)[1]


@lru_cache(maxsize=16384)
def _measured_atoms(
    text: str,
    fields: tuple[tuple[int, int], ...],
    ems: Callable[[str], float],
    spans: Callable[[str], Callable[[int, int], float] | None] | None,
    join: Callable[[str, str], float] | None,
) -> tuple[tuple[tuple[str, float | None, float, float | None, float | None], ...], float]:
    """Each atom of a paragraph (`field_atoms` with link spans) with the widths in the unit of `ems` of its core
    (None: it is all white space; then also as measured, `ems("")`) and of the whole atom when it ends in white
    space (else None), and its join to the text before it in the paragraph (None: no join, or no core); and the
    paragraph's `reach`."""
    span = spans(text) if spans is not None else None
    if span is None:

        def span(a: int, b: int) -> float:
            return ems(text[a:b])

    out = []
    pos = 0
    reach = 0.0
    for atom in field_atoms(text, fields) if fields else atoms(text):
        core = atom.rstrip()
        core_ems = span(pos, pos + len(core)) if core else None
        joined = join(text[max(0, pos - JOIN_CONTEXT) : pos], atom) if join is not None and core and pos else None
        spaced = span(pos, pos + len(atom)) if len(core) < len(atom) else None
        core_m = core_ems if core_ems is not None else span(pos, pos)
        out.append((atom, core_ems, core_m, spaced, joined))
        reach += abs(core_ems or 0.0) + abs(joined or 0.0) + (abs(spaced - core_m) if spaced is not None else 0.0)
        pos += len(atom)
    return tuple(out), reach if len(out) < _MARGIN_ATOMS else math.inf


def _lone_ideograph(line: str) -> bool:
    """Whether `line` holds exactly one ideograph or kana, with at most punctuation around it."""
    wide = [c for c in line if is_wide(c) and c not in NO_START and c not in NO_END]
    return len(wide) == 1 and all(is_wide(c) or c in NO_START or c in NO_END for c in line)


def _no_lone_last_ideograph(
    lines: list[str], width: float, ems: Callable[[str], float], size: float, seen: list[float]
) -> list[str]:
    """Pull one more character down when the last line is a single ideograph or kana (`seen`: as `_break_para`'s)."""
    if len(lines) < 2 or not _lone_ideograph(lines[-1]):
        return lines
    before = atoms(lines[-2])
    last = before[-1] if before else ""
    # Only an ideograph joined to the next line without a space can move, and the line before keeps one.
    if len(before) < 2 or not last or not is_wide(last[0]) or last != last.rstrip():
        return lines
    moved = last + lines[-1]
    w = ems(moved) * size
    if w > width:
        seen[1] = min(seen[1], w)
        return lines
    seen[0] = max(seen[0], w)
    return [*lines[:-2], "".join(before[:-1]).rstrip(), moved]
