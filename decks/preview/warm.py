"""The deck plan built again after an edit, reusing what the edit did not touch.

`decks.plan.deck_plan` starts from nothing each time. A preview builds the plan after every save of one file, so
`WarmPlanner` takes the same steps (the template resolved, the `Planner`'s slides, `with_faces`, the glyph
warnings) but keeps, between builds in one theme: the resolved template (until its file changes), every
paragraph layout the fitter computed (an unchanged paragraph in an unchanged box is not measured again), each
slide's face pass, and the slides of every item, and of the agenda, takeaways and resources, whose inputs did
not change (an item's slides depend only on the item, its picture file, the footer's event line and the
language). The result equals `deck_plan`'s (a test checks, across edits).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from decks.model import Recap
from decks.plan.deck.plan import Deck, Slide
from decks.themes.model import Theme

_MAX_LAYOUTS = 200_000  # kept paragraph layouts; past this the cache starts again (memory stays bounded)


class WarmPlanner:
    """Builds deck plans of successive versions of one content file in one theme."""

    def __init__(self) -> None:
        self._theme: Theme | None = None
        self._layouts: dict[Any, Any] = {}
        self._faced: dict[int, tuple[Slide, Slide]] = {}
        self._template: tuple[Any, Any] | None = None
        self._items: dict[Any, list[Slide]] = {}
        self._frozen: dict[int, tuple[Slide, str, Slide]] = {}
        self._reprs: dict[tuple[int, bool], tuple[Any, str]] = {}

    def deck(self, recap: Recap, theme: Theme) -> Deck:
        from decks.plan import deck_setup, finish_deck
        from decks.plan.deck.faces import with_faces
        from decks.plan.deck.images import picture_size
        from decks.plan.deck.planner import clear_shapes, glyph_warnings
        from decks.plan.template import template_path
        from decks.readers.template import read_template

        if theme is not self._theme:
            self._theme, self._layouts, self._faced, self._template, self._items = theme, {}, {}, None, {}
            self._frozen = {}
        package = read_template(template_path(theme))  # itself cached by the file's time and size
        if self._template is None or self._template[0] is not package:
            self._template = (package, deck_setup(theme))
        setup = self._template[1]
        measured = setup.measured

        planner = _planner_class()(recap, measured, setup.resolved.geometry, picture_size)
        planner.kept, planner.made = self._items, {}
        planner.frozen, planner.froze = self._frozen, {}
        planner.reprs, planner.common = self._reprs, _common(recap)
        self._reprs = planner.reprs_now = {}
        if len(self._layouts) > _MAX_LAYOUTS:
            self._layouts.clear()
        planner._layouts = self._layouts  # the fitter's memo of paragraph layouts, shared across builds
        deck = planner.plan()
        self._items = planner.made  # only the latest version's items are worth keeping
        self._frozen = planner.froze
        # A kept slide is the very object of the last build (see `_KeptDraft`): found by identity first, since
        # hashing a slide (every box, run and line in it) several times a build costs more than planning a few.
        faced: dict[int, tuple[Slide, Slide]] = {}
        slides = []
        for slide in deck.slides:
            held = self._faced.get(id(slide)) or faced.get(id(slide))
            if held is not None and held[0] is slide:
                done = held[1]
            else:
                cleared = clear_shapes(slide, setup.resolved.geometry)
                done = with_faces(replace(deck, slides=(cleared,)), measured).slides[0]
            faced[id(slide)] = (slide, done)
            slides.append(done)
        self._faced = faced  # only the latest deck's slides are worth keeping
        missing = glyph_warnings(recap, measured)
        built = replace(deck, slides=tuple(slides), template=setup.template, warnings=(*setup.warnings, *missing))
        return finish_deck(built, theme, setup)


def _picture_stamp(item: Any) -> Any:
    """The time and size of an item's picture file (its slides depend on the picture's size)."""
    if item.image is None:
        return None
    try:
        st = Path(item.image.path).stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def _common(recap: Recap) -> Any:
    """What every slide's footer and labels depend on: the event and the language."""
    return (repr(recap.event), recap.event_name, recap.language)


@cache
def _planner_class() -> Any:
    from decks.plan.deck.plan import SlideDraft
    from decks.plan.deck.planner import Planner

    class KeepingPlanner(Planner):
        """A `Planner` that takes an item's slides from the last build when the item did not change."""

        kept: dict[Any, list[Slide]]
        made: dict[Any, list[Slide]]
        frozen: dict[int, tuple[Slide, str, Slide]]  # a kept slide's id -> (it, its section, the final slide)
        froze: dict[int, tuple[Slide, str, Slide]]  # the same, of this build
        reprs: dict[tuple[int, bool], tuple[Any, str]]  # an item's id -> (it, its repr), of the last build
        reprs_now: dict[tuple[int, bool], tuple[Any, str]]  # the same, of this build
        common: Any

        def _repr(self, item: Any, links: bool = False) -> str:
            """repr(item) (or of its links), kept by identity: an item the reader did not read again is the same
            object."""
            key = (id(item), links)
            held = self.reprs_now.get(key) or self.reprs.get(key)
            if held is None or held[0] is not item:
                held = (item, repr(item.links if links else item))
            self.reprs_now[key] = held
            return held[1]

        def _kept(self, key: Any, make: Any) -> list[SlideDraft]:
            slides = self.kept.get(key) or self.made.get(key)
            if slides is None:
                slides = [draft.freeze() for draft in make()]
            self.made[key] = slides
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

        def item_slides(self, item: Any, designs: list[str], size: float) -> list[SlideDraft]:
            # An item's slides depend on its layouts and the deck's body size too (its neighbours pick them).
            key = ("item", self._repr(item), _picture_stamp(item), self.common, tuple(designs), size)
            return self._kept(key, lambda: super(KeepingPlanner, self).item_slides(item, designs, size))

        def agenda_slides(self) -> list[SlideDraft]:
            r = self.recap
            key = ("agenda", repr([(p.title, p.date, [i.title for i in p.items]) for p in r.all_parts]), self.common)
            return self._kept(key, super().agenda_slides)

        def takeaway_slides(self) -> list[SlideDraft]:
            r = self.recap
            marked = [t for i in r.all_items for t in i.takeaways if t.key]
            key = ("takeaways", repr(r.key_takeaways), repr(marked), self.common)
            return self._kept(key, super().takeaway_slides)

        def resource_slides(self) -> list[SlideDraft]:
            r = self.recap
            links = [(i.title, self._repr(i, links=True)) for i in r.all_items]
            key = ("resources", repr(links), repr(r.resources), repr(r.source), self.common)
            return self._kept(key, super().resource_slides)

    class _KeptDraft(SlideDraft, dict=True):
        """A copy of a kept slide, to be planned on like any draft: when the planner leaves it as it was (but
        for the section it sets), `freeze` gives the very `Slide` object of the last build, so that what is
        kept by slide downstream (the faces, the page's SVG) is found by identity."""

        # `origin` and `planner` are attributes set by `kept_from`, not fields of the draft (dict=True holds them).

        def kept_from(self, origin: Slide, planner: Any) -> _KeptDraft:
            self.origin, self.planner = origin, planner
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
            held = self.planner.froze.get(id(o)) or self.planner.frozen.get(id(o))
            if held is None or held[0] is not o or held[1] != self.section:
                held = (o, self.section, super().freeze())
            self.planner.froze[id(o)] = held
            return held[2]

    return KeepingPlanner


def _same(a: list[Any], b: tuple[Any, ...]) -> bool:
    """Whether two sequences hold the very same objects."""
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))
