"""Warm re-planning: what one build of a deck plan leaves for the next build of an edited version of the same
content in the same theme (`recap watch` plans after every save).

A `Planner` given a `SlideCache` takes from it, instead of planning them again: every paragraph layout its fitter
computed (an unchanged paragraph in an unchanged box is not measured again), whether each layout holds an
unchanged item (the layouts are chosen from these, for every item, on every build), and the slides of every
item, and of the agenda, takeaways and resources, whose inputs did not change (an item's slides depend only on
the item, its layouts, the deck's body size, its picture file, the footer's event line and the language). A
slide the planner leaves as it was is the very `Slide` object of the last build, so what a caller keeps by slide
(faces, a page's SVG) is found by identity. The plan is the same as without the cache (tests/preview/test_warm.py
checks, across edits). One cache serves one theme.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from itertools import islice
from pathlib import Path
from typing import TypeVar, cast

from decks.model import Item, Recap
from decks.plan.deck.fit import Layouts
from decks.plan.deck.plan import ItemDesign, Slide, SlideDraft, SlideKind

# Paragraph layouts made since the first build that are kept besides the first build's: past this, those are
# dropped (the first build's stay), so memory stays bounded over any number of saves.
MORE_LAYOUTS = 20_000

Made = Callable[..., list[SlideDraft]]
T = TypeVar("T")


class SlideCache:
    """Paragraph layouts and slides kept from one build of a deck plan to the next, in one theme."""

    def __init__(self) -> None:
        self.layouts: Layouts = {}  # the fitter's memo of paragraph layouts, shared across builds
        self._first: int | None = None  # how many layouts the first build made
        self._recap: Recap | None = None
        self._common: Hashable = None
        self._kept: dict[Hashable, list[Slide]] = {}  # a part's key -> its slides, of the last build
        self._made: dict[Hashable, list[Slide]] = {}  # the same, of this build
        self.frozen: dict[int, tuple[Slide, str, Slide]] = {}  # a kept slide's id -> (it, its section, the final)
        self.froze: dict[int, tuple[Slide, str, Slide]] = {}  # the same, of this build
        self._reprs: dict[tuple[int, bool], tuple[Item, str]] = {}  # an item's id -> (it, its repr), of the last build
        self._reprs_now: dict[tuple[int, bool], tuple[Item, str]] = {}  # the same, of this build
        # Facts of items (`of_item`) asked in the last build, and in this one: each of the type its `compute`
        # gives, which its key's `what` names (so `of_item` casts what it finds back to it).
        self._facts: dict[Hashable, object] = {}
        self._facts_now: dict[Hashable, object] = {}

    def start(self, recap: Recap) -> Callable[..., list[SlideDraft]]:
        """Begin a build of `recap`'s plan: what the last build made becomes what this one may keep. Gives the
        planner's way to make a part's slides: `drafts`."""
        # Only the latest build's slides are worth keeping (after a build that failed half-way, the rest are
        # planned again: slower, never wrong, as every slide is found by what it is made from).
        self._kept, self.frozen, self._reprs = self._made, self.froze, self._reprs_now
        self._made, self.froze, self._reprs_now = {}, {}, {}
        self._facts, self._facts_now = self._facts_now, {}
        if self._first is None:
            self._first = len(self.layouts) or None  # at the second build's start: those of the first build
        elif len(self.layouts) > self._first + MORE_LAYOUTS:
            # A dict keeps its order: the first build's layouts are its first `_first` entries. Each is the layout
            # of its paragraphs, width and size, whoever asks: a layout dropped is made again, the same, if needed.
            first = dict(islice(self.layouts.items(), self._first))
            self.layouts.clear()
            self.layouts.update(first)
        self._recap = recap
        self._common = (repr(recap.event), recap.event_name, recap.language)  # every footer and label reads these
        return self.drafts

    def drafts(self, kind: SlideKind, make: Made, *args: object) -> list[SlideDraft]:
        """The slides `make(*args)` gives (the planner's slides of one `kind`: "item", "agenda", "takeaways",
        "resources"), taken from the last build when what they are made from did not change. The arguments after
        an item (its layouts and the deck's body size, which its neighbours decide) are part of the key."""
        key = (kind, self._inputs(kind, args), repr(args[1:]), self._common)
        slides = self._kept.get(key) or self._made.get(key)
        if slides is None:
            slides = [draft.freeze() for draft in make(*args)]
        self._made[key] = slides
        return [
            _KeptDraft(
                s.kind,
                s.layout,
                s.title,
                list(s.texts),
                list(s.pictures),
                list(s.shapes),
                s.notes,
                s.section,
                s.design,
            ).kept_from(s, self)
            for s in slides
        ]

    def holds(self, item: Item, design: ItemDesign, size: float, test: Callable[[], bool]) -> bool:
        """Whether `design` holds `item` on one slide at `size` (the planner's `test`), as the last build found
        when the item, its picture, the event line and the language are the same."""
        return self.of_item("holds", item, (design, size), test)

    def of_item(self, what: str, item: Item, given: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, a fact `what` of one item given `given` (its list's size at the deck's body size, its
        slide count at a size, whether a layout holds it), as an earlier build found it while the item, its
        picture, the event line and the language are the same: each build asks it of every item, while a save
        changes one."""
        key = (what, self._repr(item), _picture_stamp(item), given, self._common)
        if key in self._facts_now:
            return cast(T, self._facts_now[key])
        value = cast(T, self._facts[key]) if key in self._facts else compute()
        self._facts_now[key] = value
        return value

    def _inputs(self, kind: SlideKind, args: tuple[object, ...]) -> Hashable:
        """What the slides of `kind` are made from, besides the event line and language."""
        r = self._recap
        assert r is not None
        if kind == "item":
            item = args[0]
            assert isinstance(item, Item)  # an item's slides are made from the item first
            return (self._repr(item), _picture_stamp(item))
        if kind == "agenda":
            return repr([(p.title, p.date, [i.title for i in p.items]) for p in r.all_parts])
        if kind == "takeaways":
            marked = [t for i in r.all_items for t in i.takeaways if t.key]
            return (repr(r.key_takeaways), repr(marked))
        if kind == "resources":
            links = [(i.title, self._repr(i, links=True)) for i in r.all_items]
            return (repr(links), repr(r.resources), repr(r.source))
        raise ValueError(f"no inputs known for slides of kind {kind!r}")

    def _repr(self, item: Item, links: bool = False) -> str:
        """repr(item) (or of its links), kept by identity: an item the reader did not read again is the same
        object."""
        key = (id(item), links)
        held = self._reprs_now.get(key) or self._reprs.get(key)
        if held is None or held[0] is not item:
            held = (item, repr(item.links if links else item))
        self._reprs_now[key] = held
        return held[1]


class _KeptDraft(SlideDraft, dict=True):
    """A copy of a kept slide, to be planned on like any draft: when the planner leaves it as it was (but for the
    section it sets), `freeze` gives the very `Slide` object of the last build."""

    # `origin` and `cache` are attributes set by `kept_from`, not fields of the draft (dict=True holds them).

    def kept_from(self, origin: Slide, cache: SlideCache) -> _KeptDraft:
        self.origin, self.cache = origin, cache
        return self

    def freeze(self) -> Slide:
        o = self.origin
        same = (
            self.kind == o.kind
            and self.layout == o.layout
            and self.title is o.title
            and _same(self.texts, o.texts)
            and _same(self.pictures, o.pictures)
            and _same(self.shapes, o.shapes)
            and self.notes == o.notes
            and self.design == o.design
        )
        if not same:
            return super().freeze()
        held = self.cache.froze.get(id(o)) or self.cache.frozen.get(id(o))
        if held is None or held[0] is not o or held[1] != self.section:
            held = (o, self.section, super().freeze())
        self.cache.froze[id(o)] = held
        return held[2]


def _same(a: Sequence[object], b: Sequence[object]) -> bool:
    """Whether two sequences hold the very same objects."""
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def _picture_stamp(item: Item) -> tuple[int, int] | None:
    """The time and size of an item's picture file (its slides depend on the picture's size)."""
    if item.image is None:
        return None
    try:
        st = Path(item.image.path).stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)
