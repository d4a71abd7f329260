"""The density rule: a page too dense to letter at the theme's body size leaves out detail first, so its key points
are lettered as a hand writes them.

A sketchnoter writes the key points in letters that read as handwriting and leaves the detail to the talk. A
page whose content does not fit at the theme's sketch body size (10 pt by default: a 1.9 mm x-height in the hand
face, about the smallest a fine pen letters; 7 pt, the floor, is a printed handout's type) goes down a ladder of
lighter versions of its cards (`Ladder`), the same for every layout: first without any sub-point (the second
level of bullets), then one trailing takeaway at a time off the item card that shows the most. The heaviest step
that fits at that size with its captions is the page (`lightened`); when not even the lightest fits, the heaviest
that is lettered as large as the lightest, so detail goes only where it makes the key points larger. The size is
the theme's on any paper, so a larger sheet keeps more. Summaries, day intros and the closing line give way after
(decks.plan.sketch's captions rule), and items and first takeaways only when a page does not fit at the floor
(decks.plan.sketch.abridge). The key takeaways' card keeps all its takeaways (the page's conclusions) but no
sub-point. Each card counts what it leaves off (`CardSpec.takeaways_left`, `points_left`), so the footer and the
one warning say it (decks.plan.sketch.leftout), even of a card later abridged away.
"""

from __future__ import annotations

from collections.abc import Callable

from msgspec.structs import replace

from decks.model import Takeaway
from decks.plan.sketch.cards import CardSpec

__all__ = ["Ladder", "lightened", "lightest"]


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
    """The heaviest step of the density rule's ladder (`Ladder`) that `fits` at `size`, for `specs` that do not
    (the page's need shrinks down the ladder: found by bisection). When not even the lightest step fits at `size`,
    the heaviest that fits at the `largest` size the lightest fits at (None: not even at the floor; the lightest
    step then), `specs` themselves when they do: detail goes only as far as it makes the key points larger. About
    one try more than the binary logarithm of the ladder's steps (and, when none fits at `size`, a size search)."""
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
