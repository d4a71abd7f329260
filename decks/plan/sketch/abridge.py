"""What a dense page leaves out: first detail, so its key points are lettered as a hand writes them (the density
rule), then, when a recap does not fit one page at the legibility floor, all but what matters most; and what was
left out, said once.

The density rule (`lightened`): a sketchnoter writes the key points in letters that read as handwriting and
leaves the detail to the talk. A page whose content does not fit at the theme's body size (10 pt by default: a
1.9 mm x-height in the hand face, about the smallest a fine pen letters; 7 pt, the floor, is print-handout type)
goes down a ladder of lighter versions of its cards, the same for every layout: first without any sub-point
(the second level of bullets), then with each item's takeaways cut to at most n, n from one fewer than the longest
item has down to one, so the longest items lose their trailing bullets first. The first step whose page fits at
that size with its captions (summaries, day intros, the closing line) is the page; when none does, the lightest
is, lettered as large as it fits (captions then give way first, then abridging). The key takeaways' card keeps
all its takeaways (they are the page's conclusions) but no sub-point. Each card counts what it leaves off
(`CardSpec.takeaways_left`, `points_left`), so the footer and the warning say it even of a card later dropped.

Abridging: the content is cut into pieces: an item's card (its title) and each takeaway. They are ranked: the key
takeaways' first line and the emphasised items (card and first takeaway) first, then every other item's card
and first takeaway in reading order, then the second takeaways (emphasised first), the third, and so on. The
page keeps the longest prefix of that ranking that fits; what is left is counted for the footer's note and
one grouped warning.

For content with more cards than a page could hold, `most_fitting` finds that prefix's length from below (the
speed trick of this module): the page holds a few dozen pieces, the cap a few hundred, and laying out pieces
costs in proportion to how many are laid out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

from msgspec.structs import replace

from decks.model import Takeaway
from decks.plan.sketch.cards import CardSpec
from decks.plan.sketch.leftout import LeftOut, detail, note, warning

__all__ = [
    "LeftOut",
    "keep",
    "left_out",
    "lightened",
    "lighter",
    "lightest",
    "most_fitting",
    "note",
    "ranking",
    "warning",
]

Piece = tuple[int, int]  # (spec index, takeaway index or -1 for the card itself)


class Ladder:
    """The density rule's ladder of ever lighter versions of `specs`: step 0 is `specs` as they are; step 1 has
    no sub-points (when there are any); each step after it takes the last takeaway off the item card that shows
    the most (of equals, one not emphasised before one that is, a later one before an earlier), down to one a
    card. A card unchanged from one step to another is the same object, so its measured plans are reused."""

    def __init__(self, specs: list[CardSpec]) -> None:
        self.specs = specs
        self.points = any(t.points for s in specs for t in s.takeaways)
        shown = {i: len(_pool(s)) for i, s in enumerate(specs) if s.kind != "key"}
        rank = {i: (not specs[i].emphasis, i) for i in shown}
        self.cuts: list[int] = []  # the card each step past the sub-points shortens
        while shown and (longest := max(shown.values())) > 1:
            i = max((i for i, n in shown.items() if n == longest), key=rank.__getitem__)
            shown[i] -= 1
            self.cuts.append(i)
        self.cards: dict[tuple[int, int], CardSpec] = {}  # (index, takeaways shown) -> the lighter card

    def __len__(self) -> int:
        return 1 + self.points + len(self.cuts)

    def __getitem__(self, step: int) -> list[CardSpec]:
        if step == 0:
            return self.specs
        cut: dict[int, int] = {}
        for i in self.cuts[: step - self.points]:
            cut[i] = cut.get(i, 0) + 1
        return [
            _light(s, len(_pool(s)) - cut[i] if i in cut else None, self.cards, i) for i, s in enumerate(self.specs)
        ]


def lighter(specs: list[CardSpec]) -> Iterator[list[CardSpec]]:
    """Every step of the density rule's ladder (`Ladder`), heaviest first."""
    ladder = Ladder(specs)
    return (ladder[n] for n in range(len(ladder)))


def lightest(specs: list[CardSpec]) -> list[CardSpec]:
    """The last step of the density rule's ladder (`Ladder`): no sub-point, one takeaway an item card."""
    return [_light(s, 1) for s in specs]


def _light(s: CardSpec, cap: int | None, cards: dict[tuple[int, int], CardSpec] | None = None, i: int = 0) -> CardSpec:
    """`s` without sub-points, an item card with at most `cap` takeaways (None: all), counting what it leaves off;
    `s` itself when it leaves off nothing. A takeaway that only leads in to its sub-points ("Where Swift goes
    further:") says nothing without them: it is left out too, unless the card has no other (then its colon goes).
    `cards` remembers each lighter card by (`i`, takeaways shown)."""
    if not any(t.points for t in s.takeaways) and (cap is None or s.kind == "key" or len(s.takeaways) <= cap):
        return s  # nothing to leave off: the card as it was (its plans reused)
    pool = _pool(s)
    shown = pool if cap is None or s.kind == "key" else pool[:cap]
    key = (i, len(shown))
    if cards is None or key not in cards:
        light = replace(
            s,
            takeaways=tuple(_bare(t) for t in shown),
            takeaways_left=s.takeaways_left + len(s.takeaways) - len(shown),
            points_left=s.points_left + sum(len(t.points) for t in s.takeaways),
        )
        if cards is None:
            return light
        cards[key] = light
    return cards[key]


def lightened(
    specs: list[CardSpec],
    fits: Callable[[list[CardSpec], float], bool],
    size: float,
    largest: Callable[[list[CardSpec]], float | None],
) -> list[CardSpec]:
    """The heaviest step of the density rule's ladder (`Ladder`) that `fits` at `size` (the page's need shrinks
    down the ladder: found by bisection), `specs` when they fit as they are. When not even the lightest step fits
    at `size`, the heaviest that fits at the `largest` size the lightest fits at (None: not even at the floor; the
    lightest step then): detail goes only as far as it makes the key points larger. A page that fits as it is
    costs one try; one that does not, about two more than the binary logarithm of the ladder's steps (and, when
    none fits at `size`, a size search)."""
    if fits(specs, size):
        return specs
    ladder = Ladder(specs)
    last = len(ladder) - 1
    if last == 0:
        return specs
    if not fits(ladder[last], size):
        reached = largest(ladder[last])
        if reached is None:
            return ladder[last]
        size = reached
        if fits(specs, size):
            return specs
    over, fit = 0, last
    while fit - over > 1:
        mid = (over + fit) // 2
        if fits(ladder[mid], size):
            fit = mid
        else:
            over = mid
    return ladder[fit]


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
            if carried is not None:
                variants[key] = replace(s, takeaways=takeaways, day_label=carried.day_label, intro=carried.intro)
            else:
                variants[key] = replace(s, takeaways=takeaways, day_label=None, intro=None)
        out.append(variants[key])
    return out


def _pool(s: CardSpec) -> list[Takeaway]:
    """The takeaways of `s` a lighter card shows from: all but those that lead in to sub-points (when it has
    others)."""
    return [t for t in s.takeaways if not _leads_in(t)] or list(s.takeaways)


def _leads_in(t: Takeaway) -> bool:
    """`t` only introduces its sub-points: its text ends with a colon."""
    return bool(t.points) and t.text.rstrip().endswith((":", "\uff1a"))


def _bare(t: Takeaway) -> Takeaway:
    """`t` without its sub-points (and without the colon that led in to them)."""
    if not t.points:
        return t
    return t.model_copy(update={"points": [], "text": t.text.rstrip().rstrip(":\uff1a").rstrip() or t.text})


def left_out(specs: list[CardSpec], pieces: list[Piece]) -> LeftOut:
    """What a page of `pieces` leaves out of `specs`: the items with no card, the takeaways not kept, and what the
    density rule left off each card (`lightened`), kept or not."""
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
