"""Text on its way into runs: URLs shortened for display, and the engine's line breaks written back into runs
(a zero-width space where a line broke inside a word; runs sliced where a paragraph is cut between pages)."""

from __future__ import annotations

from collections.abc import Sequence

from msgspec.structs import replace

from decks.model.inline import has_markup, spans
from decks.plan.deck.plan import ColorRole, Run
from decks.text.breaking import is_wide

ZWSP = "\u200b"  # written where the engine broke inside a word, so PowerPoint and LibreOffice break there too


def marked(text: str, color: ColorRole = "ink") -> tuple[Run, ...]:
    """A content field's text (with inline markup: decks.model.inline) as runs of one colour, one per style; text
    without markup is one plain run, exactly as before markup existed."""
    if not has_markup(text):
        return (Run(text, color),)
    return tuple(Run(s.text, color, style=int(s.style)) for s in spans(text)) or (Run("", color),)


def display_url(url: str, limit: int = 60) -> str:
    """A URL shortened for display only (the link keeps the whole address)."""
    short = url.split("://", 1)[-1]
    short = short.removeprefix("www.").rstrip("/")
    if len(short) > limit:
        short = short[: limit - 16] + "…" + short[-15:]
    return short


def display_host(url: str) -> str:
    """Only the site of a URL, for a list of links in a column: the link keeps the whole address, and the name
    of the site says where it goes while keeping the entry to one line."""
    return display_url(url).split("/", 1)[0]


def offset_after_lines(text: str, lines: Sequence[str]) -> int:
    """The index in `text` just after the given leading lines (and the spaces after them)."""
    pos = 0
    for line in lines:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        pos += len(line)
    return pos


def line_ends(text: str, lines: Sequence[str]) -> tuple[int, ...]:
    """Where each of `lines` (the engine's lines of `text`) ends, as offsets into `text` without zero-width spaces
    (`Para.ends`)."""
    bare = text.replace(ZWSP, "")
    lines = [line.replace(ZWSP, "") for line in lines]
    return tuple(offset_after_lines(bare, lines[: k + 1]) for k in range(len(lines)))


def soft_breaks(runs: tuple[Run, ...], lines: Sequence[str]) -> tuple[Run, ...]:
    """Runs with a zero-width space where the engine broke inside a word (a URL), so clients break there too."""
    text = "".join(r.text for r in runs)
    cuts = []
    pos = 0
    for line in lines[:-1]:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        pos += len(line)
        if 0 < pos < len(text):
            a, b = text[pos - 1], text[pos]
            if not (a.isspace() or b.isspace() or is_wide(a) or is_wide(b) or a in "-\u2010\u2013\u2014/"):
                cuts.append(pos)
    if not cuts:
        return runs
    out, start = [], 0
    for run in runs:
        end = start + len(run.text)
        inner = [c - start for c in cuts if start < c <= end and c != end] + [
            c - start for c in cuts if c == end and c == start
        ]
        t = run.text
        for c in sorted(inner, reverse=True):
            t = t[:c] + ZWSP + t[c:]
        out.append(replace(run, text=t))
        start = end
    return tuple(out)


def slice_runs(runs: Sequence[Run], a: int, b: int) -> tuple[Run, ...]:
    out, start = [], 0
    for run in runs:
        end = start + len(run.text)
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            out.append(replace(run, text=run.text[lo - start : hi - start]))
        start = end
    return tuple(out) or (Run(""),)


def lstrip_runs(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    if runs and runs[0].text[:1].isspace():
        return (replace(runs[0], text=runs[0].text.lstrip()), *runs[1:])
    return runs
