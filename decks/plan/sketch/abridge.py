"""Abridging: when a recap does not fit one page at the legibility floor, keep what matters most and say what
was left out.

The content is cut into pieces: an item's card (its title) and each takeaway. They are ranked: the key
takeaways' first line and the emphasised items (card and first takeaway) first, then every other item's card
and first takeaway in reading order, then the second takeaways (emphasised first), the third, and so on. The
page keeps the longest prefix of that ranking that fits; what is left is counted for the footer's note and
one grouped warning.
"""

from __future__ import annotations

from msgspec.structs import replace

from decks.plan.sketch.cards import CardSpec
from decks.plan.sketch.leftout import LeftOut, note, warning

__all__ = ["LeftOut", "keep", "left_out", "note", "ranking", "warning"]

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
            if carried is not None:
                variants[key] = replace(s, takeaways=takeaways, day_label=carried.day_label, intro=carried.intro)
            else:
                variants[key] = replace(s, takeaways=takeaways, day_label=None, intro=None)
        out.append(variants[key])
    return out


def left_out(specs: list[CardSpec], pieces: list[Piece]) -> LeftOut:
    kept = set(pieces)
    items = tuple(s.title for i, s in enumerate(specs) if s.kind != "key" and (i, -1) not in kept)
    takeaways = sum(1 for i, s in enumerate(specs) for k in range(len(s.takeaways)) if (i, k) not in kept)
    return LeftOut(items, takeaways)
