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

from decks.gcpause import paused_gc
from decks.model import Item, Recap
from decks.plan import DeckSetup, deck_setup, finish_deck
from decks.plan.coverage import texts
from decks.plan.deck.faces import with_faces
from decks.plan.deck.images import picture_size
from decks.plan.deck.mirror import mirrored
from decks.plan.deck.plan import Deck, FontFile, Slide
from decks.plan.deck.planner import Planner, clear_shapes, glyph_warnings
from decks.plan.deck.reuse import SlideCache
from decks.plan.template import template_path
from decks.plan.template_fonts import deck_fonts
from decks.readers.template import TemplatePackage, read_template
from decks.themes.model import Theme


class WarmPlanner:
    """Builds deck plans of successive versions of one content file in one theme."""

    def __init__(self) -> None:
        self._theme: Theme | None = None
        self._cache = SlideCache()
        self._faced: dict[int, tuple[Slide, Slide, tuple[FontFile, ...]]] = {}  # a slide's faces and fonts
        self._template: tuple[TemplatePackage, DeckSetup] | None = None
        self._chars: dict[int, tuple[Item, frozenset[str]]] = {}  # each item's characters, by its identity
        self._drawn: tuple[str, frozenset[str]] | None = None  # (language, characters its fonts were found to draw)

    def deck(self, recap: Recap, theme: Theme) -> Deck:
        if theme is not self._theme:
            self._theme, self._cache, self._faced, self._template = theme, SlideCache(), {}, None
            self._chars, self._drawn = {}, None
        package = read_template(template_path(theme))  # itself cached by the file's time and size
        if self._template is None or self._template[0] is not package:
            self._template = (package, deck_setup(theme))
        setup = self._template[1]
        with paused_gc():  # the caches hold a million objects: a full collection mid-build costs a second
            return self._build(recap, theme, setup)

    def _build(self, recap: Recap, theme: Theme, setup: DeckSetup) -> Deck:
        measured = setup.measured
        geometry = setup.resolved.geometry
        deck = Planner(recap, measured, geometry, picture_size, reuse=self._cache).plan()
        # A kept slide is the very object of the last build: found by identity first, since hashing a slide
        # (every box, run and line in it) several times a build costs more than planning a few.
        faced: dict[int, tuple[Slide, Slide, tuple[FontFile, ...]]] = {}
        slides = []
        fonts: dict[tuple[str, bool], FontFile] = {}
        for slide in deck.slides:
            held = self._faced.get(id(slide)) or faced.get(id(slide))
            if held is None or held[0] is not slide:
                cleared = clear_shapes(mirrored(slide, geometry, recap.language), geometry)
                done = with_faces(replace(deck, slides=(cleared,)), measured).slides[0]
                held = (slide, done, deck_fonts(replace(deck, slides=(done,)), measured))
            faced[id(slide)] = held
            slides.append(held[1])
            # `deck_fonts` of the whole deck keeps each (family, bold)'s first run, in slide order: so does this.
            for font in held[2]:
                fonts.setdefault((font.family, font.bold), font)
        self._faced = faced  # only the latest deck's slides are worth keeping
        missing = self._glyph_warnings(recap, measured)
        built = replace(deck, slides=(), template=setup.template, warnings=(*setup.warnings, *missing))
        # What the template and theme decide (`finish_deck`), with the fonts gathered slide by slide above rather
        # than from every run of the deck again.
        finished = finish_deck(built, theme, setup)
        return replace(finished, slides=tuple(slides), fonts=tuple(sorted(fonts.values(), key=_font_order)))

    def _glyph_warnings(self, recap: Recap, measured: Theme) -> tuple[str, ...]:
        """`glyph_warnings(recap, measured)`, without asking the fonts again when every character the recap shows
        was already found drawn in its language: an item's characters are kept by the item's identity (an item
        the reader did not read again is the same object)."""
        parts = [part.model_copy(update={"items": []}) for part in recap.parts]
        shown = _chars(recap.model_copy(update={"items": [], "parts": parts}))  # all but the items
        seen: dict[int, tuple[Item, frozenset[str]]] = {}
        for item in recap.all_items:
            held = self._chars.get(id(item))
            if held is None or held[0] is not item:
                held = (item, frozenset(_chars(_NO_TEXT.model_copy(update={"items": [item]}))))
            seen[id(item)] = held
            shown.update(held[1])
        self._chars = seen  # only the latest recap's items are worth keeping
        if self._drawn is not None and self._drawn[0] == recap.language and shown <= self._drawn[1]:
            return ()
        warnings = glyph_warnings(recap, measured)
        self._drawn = (recap.language, frozenset(shown)) if not warnings else None
        return warnings


# A recap showing no text, to find the characters of one item with `texts` (the one list of what is shown).
_NO_TEXT = Recap.model_validate({"title": "-", "items": [{"title": "-"}]}).model_copy(
    update={"title": "", "event": None, "presenter": None, "intro": None, "items": [], "parts": [], "closing": None}
)


def _chars(recap: Recap) -> set[str]:
    return set().union(*(text for _, text in texts(recap)))


def _font_order(font: FontFile) -> tuple[str, bool]:
    return (font.family, font.bold)  # `deck_fonts`'s order
