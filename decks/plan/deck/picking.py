"""Which layout an item's slide takes, from the shape of its content (docs/layouts.md states the rule).

Pure and deterministic: the same items give the same layouts. `candidates` lists the layouts that suit one item,
best first; `pick` walks the deck's items and takes, for each, the first candidate, unless it is a list after a
list and the item suits another layout (then, of the others, the one not seen for longest), and never one that
makes a fourth slide in a row of one layout (a content item's `layout:` is taken as it is). The planner may still
fall back to the next candidate when a layout cannot hold the item's text on one slide.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import overload

from decks.model import Item
from decks.plan.deck.plan import ITEM_LAYOUTS, Design, ItemDesign

RUN = 3  # at most this many slides in a row share a layout
# A list does not follow a list when the item suits a sidebar or cards: a dense talk of summaries and short
# takeaways alternates lists, sidebars and cards instead of running lists up to the limit. (A list is every other
# layout's fallback, not its alternative: two statements or quotes in a row stay so.)
SOFT = 1
VARIED: ItemDesign = "bullets"
# Nor a spotlight a spotlight: the next sparse item takes its other layout (a sidebar), never a bare list.
SPARE: ItemDesign = "spotlight"
SHORT = 90  # a card's takeaway: at most this many columns (a wide character counts two)
LINE = 140  # a statement's summary, and its one takeaway
# A content item's `layout:` (decks.model.ItemLayout) as the plan's design of that name.
_DESIGNS: dict[str, ItemDesign] = {d: d for d in ITEM_LAYOUTS}


def columns(text: str) -> int:
    """How wide `text` reads, in columns: a wide (East Asian) character counts two."""
    if text.isascii():
        return len(text)  # no ASCII character is wide; asked for every item's texts on every build
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def candidates(item: Item, picture: tuple[int, int] | None = None) -> list[ItemDesign]:
    """The layouts that suit `item`, best first (`picture`: its picture's size in pixels, when it has one)."""
    if item.layout is not None:
        return [_DESIGNS[item.layout.value]]
    takeaways = item.takeaways
    words = columns(item.summary or "") + sum(columns(t.text) + sum(map(columns, t.points)) for t in takeaways)
    if picture is not None:
        w, h = picture
        landscape = w >= h * 1.3
        # A large landscape picture with little text goes across the whole slide, its title in a band.
        if landscape and w >= 1200 and not takeaways and columns(item.summary or "") <= LINE:
            return ["picture-full", "picture-right", "picture-left"]
        return ["picture-right", "picture-left"]
    if item.quote is not None:
        return ["quote", "bullets"]
    if item.figure is not None:
        return ["fact", "bullets"]
    if not takeaways and not item.summary:
        return ["statement", "bullets"] if not item.links else ["bullets", "statement"]
    short_one = len(takeaways) <= 1 and not any(t.points for t in takeaways)
    if item.summary and short_one and columns(item.summary) <= LINE and words <= LINE * 1.5:
        return ["statement", "bullets", "sidebar"]
    if len(takeaways) == 2 and all(t.points for t in takeaways):
        return ["two-columns", "sidebar", "bullets"]
    if 3 <= len(takeaways) <= 4 and all(not t.points and columns(t.text) <= SHORT for t in takeaways):
        return ["cards", "bullets", "sidebar"]
    short = [t for t in takeaways if not t.points and columns(t.text) <= SHORT]
    alternatives: list[ItemDesign] = []
    if (item.summary and takeaways) or len(takeaways) >= 3:
        alternatives.append("sidebar")
    if 2 <= len(takeaways) <= 4 and len(short) == len(takeaways):
        alternatives.append("cards")
    # A list short enough to leave most of its slide bare is a spotlight (the layout measures that, else holds not).
    return ["spotlight", "bullets", *alternatives]


class Holding(Sequence[ItemDesign]):
    """The `designs` (an item's candidates, best first) that hold the item by `holds`, else `fallback`, each
    tested when first read: the planner tests a layout by building its slide, and `pick` mostly reads no further
    than an item's first layout that holds."""

    def __init__(
        self, designs: Sequence[ItemDesign], holds: Callable[[ItemDesign], bool], fallback: ItemDesign = "bullets"
    ) -> None:
        self._designs = list(designs)
        self._untested = list(reversed(designs))
        self._held: list[ItemDesign] = [] if designs else [fallback]
        self._holds = holds
        self._fallback = fallback

    def _test(self, design: ItemDesign | None = None) -> bool:
        """Test the next untested design (or `design`, out of its turn); False when none is left."""
        if not self._untested:
            return False
        if design is None:
            design = self._untested.pop()
        else:
            self._untested.remove(design)
        if self._holds(design):
            self._held.append(design)
            self._held.sort(key=self._designs.index)  # in the order of `designs`, whenever each was tested
        elif not self._untested and not self._held:
            self._held.append(self._fallback)  # none holds: the list always does
        return True

    def rest(self) -> list[ItemDesign]:
        """The designs after the first that holds (`self[0]`), tested or not: the ones `self[1:]` is made of."""
        first = self[0]
        return self._designs[self._designs.index(first) + 1 :] if first in self._designs else []

    def holds(self, design: ItemDesign) -> bool:
        """Whether `design`, one of `rest()`, holds the item: tested now when it was not yet, out of its turn."""
        if design in self._untested:
            self._test(design)
        return design in self._held

    def __iter__(self) -> Iterator[ItemDesign]:
        n = 0
        while n < len(self._held) or self._test():
            if n < len(self._held):
                yield self._held[n]
                n += 1

    def __len__(self) -> int:
        while self._test():
            pass
        return len(self._held)

    @overload
    def __getitem__(self, index: int) -> ItemDesign: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ItemDesign]: ...
    def __getitem__(self, index: int | slice) -> ItemDesign | Sequence[ItemDesign]:
        if isinstance(index, slice) or index < 0:
            len(self)
        else:
            while len(self._held) <= index and self._test():
                pass
        return self._held[index]


def pick(
    options: Sequence[Sequence[ItemDesign]],
    before: Sequence[Design] = (),
    fixed: Callable[[int], bool] | None = None,
    slides: Callable[[int, ItemDesign], int] | None = None,
) -> list[ItemDesign]:
    """A layout per item from its `options` (best first): the first that does not make more than `RUN` slides in
    a row of one layout, counting the slides `before` them and the `slides` each item takes in a layout (a long
    list continues on more). An item with no other choice breaks the run by changing the item before it, when
    that one has another layout; an item whose layout is `fixed` keeps its first."""
    out: list[ItemDesign] = []
    counted: dict[tuple[int, ItemDesign], int] = {}

    def count(n: int, design: ItemDesign) -> int:
        # Asked again and again for the same item (each choice looks back along the run): fitting a long list
        # to count its slides is the costly part, so each answer is kept for this call.
        key = (n, design)
        if key not in counted:
            counted[key] = slides(n, design) if slides else 1
        return counted[key]

    def runs_over(n: int, design: ItemDesign, limit: int = RUN) -> bool:
        # The length of the run of `design` that ends the slides shown so far (`before`, then each chosen
        # layout as many times as it takes slides), walked back from the end only as far as the run goes.
        run = 0
        for m in range(len(out) - 1, -1, -1):
            taken = count(m, out[m])
            if taken == 0:
                continue
            if out[m] != design:
                return run + count(n, design) > limit
            run += taken
        for seen in reversed(before):
            if seen != design:
                break
            run += 1
        return run + count(n, design) > limit

    def last_used(design: ItemDesign) -> int:
        return max((m for m, d in enumerate(out) if d == design), default=-1)

    def free(n: int) -> bool:
        return not (fixed and fixed(n))

    for n, opts in enumerate(options):
        choice = opts[0]
        if free(n) and choice in (VARIED, SPARE) and runs_over(n, choice, SOFT):
            # Of the item's other layouts that break the run, the one not seen for longest (then the better): the
            # first of them that holds, in that order, so a layout passed over is not built to learn it holds.
            rest = opts.rest() if isinstance(opts, Holding) else opts[1:]
            others = sorted((o for o in rest if not runs_over(n, o, SOFT) and o != VARIED), key=last_used)
            choice = next((o for o in others if not isinstance(opts, Holding) or opts.holds(o)), choice)
        if runs_over(n, choice) and free(n):
            choice = next((o for o in opts if not runs_over(n, o)), opts[0])
            if runs_over(n, choice) and n and free(n - 1):
                # No layout of this item breaks the run: the item before it takes another, if it has one.
                was = out.pop()
                other = next((o for o in options[n - 1] if o not in (was, choice) and not runs_over(n - 1, o)), None)
                out.append(other or was)
        out.append(choice)
    return out
