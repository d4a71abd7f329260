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

from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from decks.model import Recap
from decks.plan.deck.plan import Deck, Slide
from decks.themes.model import Theme

_MAX_LAYOUTS = 200_000  # kept paragraph layouts; past this the cache starts again (memory stays bounded)


class WarmPlanner:
    """Builds deck plans of successive versions of one content file in one theme."""

    def __init__(self) -> None:
        self._theme: Theme | None = None
        self._layouts: dict[Any, Any] = {}
        self._faced: dict[Slide, Slide] = {}
        self._template: tuple[Any, Any] | None = None
        self._items: dict[Any, list[Slide]] = {}

    def deck(self, recap: Recap, theme: Theme) -> Deck:
        from decks.plan import deck_setup, finish_deck
        from decks.plan.deck.faces import with_faces
        from decks.plan.deck.images import picture_size
        from decks.plan.deck.planner import clear_shapes, glyph_warnings
        from decks.plan.template import read_template, template_path

        if theme is not self._theme:
            self._theme, self._layouts, self._faced, self._template, self._items = theme, {}, {}, None, {}
        package = read_template(template_path(theme))  # itself cached by the file's time and size
        if self._template is None or self._template[0] is not package:
            self._template = (package, deck_setup(theme))
        setup = self._template[1]
        measured = setup.measured

        planner = _planner_class()(recap, measured, setup.resolved.geometry, picture_size)
        planner.kept, planner.made = self._items, {}
        if len(self._layouts) > _MAX_LAYOUTS:
            self._layouts.clear()
        planner._layouts = self._layouts  # the fitter's memo of paragraph layouts, shared across builds
        deck = planner.plan()
        self._items = planner.made  # only the latest version's items are worth keeping
        faced: dict[Slide, Slide] = {}
        slides = []
        for slide in deck.slides:
            done = self._faced.get(slide) or faced.get(slide)
            if done is None:
                cleared = clear_shapes(slide, setup.resolved.geometry)
                done = with_faces(replace(deck, slides=(cleared,)), measured).slides[0]
            faced[slide] = done
            slides.append(done)
        self._faced = faced  # only the latest deck's slides are worth keeping
        missing = glyph_warnings(recap, measured)
        built = replace(deck, slides=tuple(slides), template=setup.template, warnings=(*setup.warnings, *missing))
        return finish_deck(built, theme, setup)


def _item_key(recap: Recap, item: Any) -> Any:
    """What an item's slides depend on besides the theme and template: the item (its repr: items hold lists),
    its picture file's time and size, the event (the footer's line) and the language (the labels)."""
    picture = None
    if item.image is not None:
        try:
            st = Path(item.image.path).stat()
            picture = (st.st_mtime_ns, st.st_size)
        except OSError:
            picture = None
    return (repr(item), picture, _common(recap))


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

        def _kept(self, key: Any, make: Any) -> list[SlideDraft]:
            slides = self.kept.get(key) or self.made.get(key)
            if slides is None:
                slides = [draft.freeze() for draft in make()]
            self.made[key] = slides
            return [
                SlideDraft(
                    s.kind, s.layout, s.title, list(s.texts), list(s.pictures), list(s.shapes), s.notes, s.section
                )
                for s in slides
            ]

        def item_slides(self, item: Any) -> list[SlideDraft]:
            return self._kept(
                ("item", _item_key(self.recap, item)), lambda: super(KeepingPlanner, self).item_slides(item)
            )

        def agenda_slides(self) -> list[SlideDraft]:
            r = self.recap
            key = ("agenda", repr([(p.title, p.date, [i.title for i in p.items]) for p in r.all_parts]), _common(r))
            return self._kept(key, super().agenda_slides)

        def takeaway_slides(self) -> list[SlideDraft]:
            r = self.recap
            key = ("takeaways", repr(r.key_takeaways), repr([(i.summary, i.title) for i in r.all_items]), _common(r))
            return self._kept(key, super().takeaway_slides)

        def resource_slides(self) -> list[SlideDraft]:
            r = self.recap
            links = repr([(i.title, i.links) for i in r.all_items])
            key = ("resources", links, repr(r.resources), repr(r.source), _common(r))
            return self._kept(key, super().resource_slides)

    return KeepingPlanner
