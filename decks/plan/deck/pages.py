"""Pagination: a list of paragraphs cut into pages that each fit a box at or above the fitter's floor (a long
paragraph cut between lines, a heading never ending a page), the pages then evened out so the last is not a line
alone; within bounds on the work, a list too long for any talk refused with a message.

It sets nothing itself: every measure is the `Fitter`'s (decks.plan.deck.fit), which it is given."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from msgspec.structs import replace

from decks.errors import OutputError, Problem
from decks.plan.deck.fit import Fitter, Src, capacity
from decks.plan.deck.text import lstrip_runs, offset_after_lines, slice_runs
from decks.plan.geometry import Rect
from decks.text.fitting import Laid

# Bounds on the work of pagination (a page costs about a millisecond). One paragraph taking more slides than
# MAX_PAGES is no talk, and it is refused before it is laid out; a list of many short paragraphs (the resources of
# a recap with MAX_DECK_ITEMS items, a few links each, take some 400 columns) may take up to MAX_LIST_PAGES.
MAX_PAGES = 200
MAX_LIST_PAGES = 2_000
EVEN_PAGES = 12  # lists on more pages than this even out only their last two (bounds the work)


def paginate(fitter: Fitter, srcs: Sequence[Src], box: Rect, top: float) -> list[list[Src]]:
    """`srcs` cut into pages that each fit `box` at or above the floor."""
    pages: list[list[Src]] = []
    rest = _presplit(fitter, srcs, box)
    # Every turn takes at least one character or paragraph off `rest`, so this many turns always suffice; a
    # turn beyond them is a bug, reported as one rather than a loop that never ends.
    budget = sum(len(s.text) for s in rest) + len(rest) + 1
    while rest:
        budget -= 1
        if budget < 0:
            raise RuntimeError(f"pagination made no progress in a box of {box.w:.1f} x {box.h:.1f} pt")
        if len(pages) >= MAX_LIST_PAGES:
            raise _too_long(f"one list would need more than {MAX_LIST_PAGES:,} slides", rest[0])
        # One layout at the floor gives every prefix's height: blocks stack, and only the first's
        # space above is dropped, which is the same for every prefix. A long list is laid out only as far
        # as one page reaches (a prefix that overflows proves the whole does), not once per page in full.
        laid = _overflowing_prefix(fitter, rest, box)
        if laid is None:
            if fitter.fit(rest, box, top) is not None:
                pages.append(rest)
                break
            laid = fitter.laid(rest, box.w, fitter.floor)
        count = 0
        for lb in laid.blocks:
            if lb.top + lb.height > box.h:
                break
            count += 1
        while count > 1 and rest[count - 1].keep_with_next:
            count -= 1
        if 0 < count < len(rest) and all(s.keep_with_next for s in rest[:count]):
            # Only headings fit before a paragraph taller than what is left: its first lines come along, so
            # no slide holds a heading alone.
            cut = _split_into(fitter, rest[count], box, laid.blocks[count - 1].top + laid.blocks[count - 1].height)
            if cut is not None:
                pages.append([*rest[:count], cut[0]])
                rest = [cut[1], *rest[count + 1 :]]
                continue
        if count == 0:
            head, tail = _split_block(fitter, rest[0], box)
            if not head.text or not tail.text.strip():
                # Nothing to cut (one line, or no text at all): the paragraph is a page of its own.
                pages.append([rest[0]])
                rest = rest[1:]
                continue
            pages.append([head])
            rest = [tail, *rest[1:]]
            continue
        pages.append(rest[:count])
        rest = rest[count:]
    return _even(fitter, pages, box)


def _split_into(fitter: Fitter, src: Src, box: Rect, used: float) -> tuple[Src, Src] | None:
    """`src` cut between lines so its head fills the `box.h - used` points left under the paragraphs
    above it (its space above included), or None when not one line fits there."""
    room = box.h - used - src.space_before * fitter.floor
    laid = fitter.laid([src], box.w, fitter.floor)
    if room < laid.blocks[0].pitch or len(laid.blocks[0].lines) < 2:
        return None
    head, tail = _split_block(fitter, src, Rect(box.x, box.y, box.w, room))
    if not head.text.strip() or not tail.text.strip():
        return None
    return head, tail


def _even(fitter: Fitter, pages: list[list[Src]], box: Rect) -> list[list[Src]]:
    """The same paragraphs on as many pages, cut so the pages are about as full as each other: the
    first-fit cut fills every page but the last, which may hold one line ("(cont.)" with one bullet).

    The cuts are the ones that make the fullest page least full (bisection over that height, each tried
    by filling pages greedily up to it at the floor), a heading never ending a page and a sub-point never
    starting one when that can be helped. Long runs of pages
    (more than `EVEN_PAGES`) only even out their last two."""
    if len(pages) < 2:
        return pages
    if len(pages) > EVEN_PAGES:
        return [*pages[:-2], *_even(fitter, pages[-2:], box)]
    srcs = [s for page in pages for s in page]
    laid = fitter.laid(srcs, box.w, fitter.floor)
    tops = [b.top for b in laid.blocks]
    ends = [b.top + b.height for b in laid.blocks]

    def cut(limit: float) -> list[int] | None:
        """Where each page starts when pages are filled up to `limit` points, or None past len(pages)."""
        starts: list[int] = []
        i = 0
        while i < len(srcs):
            if len(starts) == len(pages):
                return None
            j = i + 1
            while j < len(srcs) and ends[j] - tops[i] <= limit:
                j += 1
            while j - 1 > i and j < len(srcs) and (srcs[j - 1].keep_with_next or srcs[j].level):
                j -= 1
            starts.append(i)
            i = j
        return starts

    lo = max(ends[-1] - tops[0], 0.0) / len(pages)
    hi = box.h
    best = cut(hi)
    if best is None:  # the first-fit cut is the only one that fits (a page cut inside a paragraph)
        return pages
    for _ in range(24):
        mid = (lo + hi) / 2
        found = cut(mid)
        if found is None:
            lo = mid
        else:
            hi, best = mid, found
    bounds = [*best, len(srcs)]
    evened = [srcs[a:b] for a, b in pairwise(bounds)]
    if any(ends[b - 1] - tops[a] > box.h for a, b in pairwise(bounds)):
        return pages
    return evened


def _presplit(fitter: Fitter, srcs: Sequence[Src], box: Rect) -> list[Src]:
    """`srcs` with every paragraph longer than a box could hold at the floor cut into box-sized pieces first,
    so pagination lays out at most a page's worth of text at a time (linear in the text, not quadratic)."""
    cap = capacity(box, fitter.floor)
    out: list[Src] = []
    for src in srcs:
        pieces = 0  # each a page's worth at the floor, so they count the paragraph's slides
        while len(src.text) > cap:
            pieces += 1
            if pieces > MAX_PAGES:
                raise _too_long(f"one paragraph would need more than {MAX_PAGES} slides", src)
            head, src = _split_block(fitter, src, box)
            out.append(head)
        out.append(src)
    return out


def _overflowing_prefix(fitter: Fitter, srcs: list[Src], box: Rect) -> Laid | None:
    """The floor layout of a prefix of `srcs` (8, 16, 32... paragraphs) taller than `box`, or None when
    every prefix short of the whole list fits."""
    k = 8
    while k * 2 < len(srcs):
        k *= 2
    if k >= len(srcs):
        return None
    # One pass up to the first paragraph that ends below the box: the layout of the shortest prefix that
    # overflows, which is how the first of 8, 16, 32... that overflows starts (blocks stack).
    laid = fitter.laid_until(srcs[:k], box.w, fitter.floor, box.h)
    return laid if laid.height > box.h else None


def _split_block(fitter: Fitter, src: Src, box: Rect) -> tuple[Src, Src]:
    """One paragraph taller than the whole box, cut between lines: the head fills the box at the floor.
    Only as much text as the box could hold is laid out (its runs keep their links' spans, cut at the cut)."""
    text = src.text
    cap = capacity(box, fitter.floor)
    probe = replace(src, runs=slice_runs(src.runs, 0, cap)) if len(text) > cap else src
    laid = fitter.laid([probe], box.w, fitter.floor)
    lines = laid.blocks[0].lines
    fit_lines = max(1, int(box.h // laid.blocks[0].pitch))
    cut = offset_after_lines(probe.text, lines[:fit_lines]) if fit_lines < len(lines) else len(probe.text)
    cut = max(1, min(cut, len(text) - 1)) if len(text) > 1 else len(text)
    head = slice_runs(src.runs, 0, cut)
    tail = slice_runs(src.runs, cut, len(text))
    return replace(src, runs=head), replace(src, runs=lstrip_runs(tail), space_before=0)


def _too_long(what: str, src: Src) -> OutputError:
    return OutputError(
        [Problem("the deck", f"{what} ('{_preview(src.text)}')", "shorten it, or split it into more items")]
    )


def _preview(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"
