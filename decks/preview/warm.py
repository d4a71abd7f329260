"""The deck plan built again after an edit, reusing what the edit did not touch.

`decks.plan.deck_plan` starts from nothing each time. A preview builds the plan after every save of one file, so
`WarmPlanner` takes the same steps (the template resolved, the `Planner`'s slides, `with_faces`, the glyph
warnings) but keeps, between builds in one theme: the resolved template (until its file changes), a
`decks.plan.deck.reuse.SlideCache` the planner takes its unchanged paragraph layouts and slides from, and each
slide's face pass (found by the slide's identity: an unchanged slide is the very object of the last build). The
result equals `deck_plan`'s (a test checks, across edits).
"""

from __future__ import annotations

from msgspec.structs import replace

from decks.model import Recap
from decks.plan import DeckSetup, deck_setup, finish_deck
from decks.plan.deck.faces import with_faces
from decks.plan.deck.images import picture_size
from decks.plan.deck.mirror import mirrored
from decks.plan.deck.plan import Deck, Slide
from decks.plan.deck.planner import Planner, clear_shapes, glyph_warnings
from decks.plan.deck.reuse import SlideCache
from decks.plan.template import template_path
from decks.readers.template import TemplatePackage, read_template
from decks.themes.model import Theme


class WarmPlanner:
    """Builds deck plans of successive versions of one content file in one theme."""

    def __init__(self) -> None:
        self._theme: Theme | None = None
        self._cache = SlideCache()
        self._faced: dict[int, tuple[Slide, Slide]] = {}
        self._template: tuple[TemplatePackage, DeckSetup] | None = None

    def deck(self, recap: Recap, theme: Theme) -> Deck:
        if theme is not self._theme:
            self._theme, self._cache, self._faced, self._template = theme, SlideCache(), {}, None
        package = read_template(template_path(theme))  # itself cached by the file's time and size
        if self._template is None or self._template[0] is not package:
            self._template = (package, deck_setup(theme))
        setup = self._template[1]
        measured = setup.measured
        geometry = setup.resolved.geometry
        deck = Planner(recap, measured, geometry, picture_size, reuse=self._cache).plan()
        # A kept slide is the very object of the last build: found by identity first, since hashing a slide
        # (every box, run and line in it) several times a build costs more than planning a few.
        faced: dict[int, tuple[Slide, Slide]] = {}
        slides = []
        for slide in deck.slides:
            held = self._faced.get(id(slide)) or faced.get(id(slide))
            if held is not None and held[0] is slide:
                done = held[1]
            else:
                cleared = clear_shapes(mirrored(slide, geometry, recap.language), geometry)
                done = with_faces(replace(deck, slides=(cleared,)), measured).slides[0]
            faced[id(slide)] = (slide, done)
            slides.append(done)
        self._faced = faced  # only the latest deck's slides are worth keeping
        missing = glyph_warnings(recap, measured)
        built = replace(deck, slides=tuple(slides), template=setup.template, warnings=(*setup.warnings, *missing))
        return finish_deck(built, theme, setup)
