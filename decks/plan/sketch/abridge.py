"""Abridging: when a recap does not fit one page at the legibility floor, keep what matters most and say what
was left out (after the density rule, decks.plan.sketch.density, has left out the detail).

The content is cut into pieces: an item's card (its title) and each takeaway. They are ranked: the key
takeaways' first line and the emphasised items (card and first takeaway) first, then every other item's card
and first takeaway in reading order, then the second takeaways (emphasised first), the third, and so on. The
page keeps the longest prefix of that ranking that fits; what is left is counted for the footer's note and
one grouped warning, with what the density rule left off each card.

For content with more cards than a page could hold, `most_fitting` finds that prefix's length from below (the
speed trick of this module): the page holds a few dozen pieces, the cap a few hundred, and laying out pieces
costs in proportion to how many are laid out.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from msgspec.structs import replace

from decks.plan.sketch.cards import CardSpec
from decks.plan.sketch.leftout import LeftOut, detail, note, warning

__all__ = ["LeftOut", "keep", "left_out", "most_fitting", "note", "ranking", "warning"]

Piece = tuple[int, int]  # (spec index, takeaway index or -1 for the card itself)


def ranking(specs: list[CardSpec], emphasised: set[int]) -> list[Piece]:
    """Every piece of `specs`, most important first."""
    first: list[Piece] = []
    rest: list[Piece] = []
    order = sorted(range(len(specs)), key=lambda i: (specs[i].kind != "key", i not in emphasised, i))
    for i in order:
        s = specs[i]
        head = [(i, -1)] + ([(i, 0)] if s.takeaways else [])
        (first if s.kind == "key" or i in emphasised else rest).extend(head)
    deepest = max((len(s.takeaways) for s in specs), default=0)
    later = [(i, k) for k in range(1, deepest) for i in order if k < len(specs[i].takeaways)]
    return first + rest + later


# A card kept with some of its takeaways: (its index, the takeaways kept, id of the day label it carries).
VariantKey = tuple[int, tuple[int, ...], int]


def keep(
    specs: list[CardSpec], pieces: list[Piece], variants: dict[VariantKey, CardSpec] | None = None
) -> list[CardSpec]:
    """The specs holding only `pieces`, in reading order; a day's label moves to its first card kept.

    `variants` remembers each cut-down spec, so trying a longer prefix hands the layout the same spec objects
    for the cards it had already (their measured plans are reused)."""
    variants = {} if variants is None else variants
    chosen: dict[int, set[int]] = {}
    for i, k in pieces:
        chosen.setdefault(i, set())
        if k >= 0:
            chosen[i].add(k)
    out: list[CardSpec] = []
    label: dict[int, CardSpec] = {}  # part -> the spec that carried its label
    for i, s in enumerate(specs):
        if s.day_label:
            label[s.part] = s
        if i not in chosen:
            continue
        shown = tuple(sorted(chosen[i]))
        carried = label.pop(s.part, None) if s.kind != "key" else None
        key = (i, shown, id(carried))
        if key not in variants:
            takeaways = tuple(s.takeaways[k] for k in shown)
            tab, intro = (carried.day_label, carried.intro) if carried is not None else (None, None)
            if len(shown) == len(s.takeaways) and tab == s.day_label and intro == s.intro:
                # The whole card as the page without abridging has it: that spec itself, so the plans measured
                # for that page (the size search at the floor) are the abridged page's too.
                variants[key] = s
            else:
                variants[key] = replace(s, takeaways=takeaways, day_label=tab, intro=intro)
        out.append(variants[key])
    return out


def left_out(specs: list[CardSpec], pieces: list[Piece]) -> LeftOut:
    """What a page of `pieces` leaves out of `specs`: the items with no card, the takeaways not kept, and what the
    density rule left off each card (decks.plan.sketch.density), kept or not."""
    kept = set(pieces)
    items = tuple(s.title for i, s in enumerate(specs) if s.kind != "key" and (i, -1) not in kept)
    takeaways = sum(1 for i, s in enumerate(specs) for k in range(len(s.takeaways)) if (i, k) not in kept)
    lighter = detail(specs)
    return LeftOut(items, takeaways + lighter.takeaways, points=lighter.points)


FIRST = 16  # pieces first laid out: a page holds more (about eight cards with their first takeaway)


def most_fitting(cap: int, need: Callable[[int], float], first: int = FIRST) -> int | None:
    """The most pieces, at most `cap`, whose page fits (`need(n)`: the share of the page n pieces need, 1.0 or
    less fits), or None when not even one fits; `need` is taken to grow with the pieces kept.

    The speed trick of this module: a page that needs abridging holds far fewer pieces than the `cap` a bare
    card's area allows, and a try lays out every card it keeps, so the search starts at `first` and works up
    (laying out more cards only while fewer fit) rather than down from the cap. The next try is where the line
    through the two tries nearest 1.0 crosses it (the need grows about as the pieces, over the banner's and
    footer's fixed share), between 1.125 and 2 times the largest fitting count while none is over. When two
    tries in a row make poor progress (the interval not halved; while none is over, the count not grown by
    half), the next halves the interval (doubles the count), so the tries are logarithmic in `cap`. Every try
    narrows the interval, so the search ends; its answer is the one any search finds when the need grows with
    the pieces (a count fits exactly when it is at most the answer).
    """
    fit, over = 0, cap + 1  # need(fit) <= 1 (0: none known yet), need(over) > 1 (cap + 1: none known yet)
    tried: dict[int, float] = {}
    n, stalled = max(1, min(first, cap)), 0
    while over - fit > 1:
        ratio = tried[n] = need(n)
        was = (fit, over)
        if ratio <= 1.0:
            fit = n
        else:
            over = n
        if over - fit <= 1:
            break
        if over > cap:  # none over yet: progress is growing the count by half
            poor = fit * 2 < was[0] * 3
        elif fit == 0:  # none fits yet: shrinking it by a third
            poor = over * 3 > was[1] * 2
        else:
            poor = (over - fit) * 2 > was[1] - was[0]
        stalled = stalled + 1 if poor else 0
        below = [m for m in tried if m <= fit]
        above = [m for m in tried if m >= over]
        if below and above:
            a, b = max(below), min(above)
        else:  # tries on one side only: the two nearest 1.0
            a, b, *_ = [*sorted(tried, key=lambda m: abs(tried[m] - 1.0)), None]
        if b is not None and math.isfinite(tried[a]) and math.isfinite(tried[b]) and tried[a] != tried[b]:
            guess = a + (1.0 - tried[a]) * (b - a) / (tried[b] - tried[a])
        elif 0 < ratio < math.inf:
            guess = n / ratio  # one try: the need in proportion to the pieces
        else:
            guess = (fit + over) / 2
        if over > cap:
            guess = 2 * fit if stalled >= 2 else min(max(guess, fit * 1.125 + 1), 2 * fit)
        elif fit == 0:
            guess = over / 2 if stalled >= 2 else max(min(guess, over * 0.875 - 1), over / 2)
        elif stalled >= 2:
            guess = (fit + over) / 2
        if stalled >= 2:
            stalled = 0
        n = min(max(math.floor(guess), fit + 1), over - 1)
    return fit or None
