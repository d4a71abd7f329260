"""The deck plan's entry point and its choices: `build_plan` makes a recap's `Deck`, and the `Planner` orders its
slides, chooses each item's layout (decks.plan.deck.picking, docs/layouts.md) and the one body size of the deck's
lists (`body_size`), and builds each item's slides in the layout chosen.

What it holds does the building, all with one `SlideKit` (decks.plan.deck.kit): the item layouts
(decks.plan.deck.layouts), the deck's designed slides (decks.plan.deck.deck_layouts), lists in one column or two,
continued on more slides (decks.plan.deck.lists), and the title, agenda, section, takeaway, resource and closing
slides (decks.plan.deck.fixed). A list of short lines goes in two columns when that saves a slide, agendas are
lists under each day's heading (a slide per day when they do not fit), generated key takeaways are capped per day
to keep one slide, and a one-part recap has no section slide."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from msgspec.structs import replace

from decks.gcpause import paused_gc
from decks.model import Item, Recap
from decks.model.inline import plain
from decks.model.paths import dotted
from decks.plan.coverage import describe_char, missing_glyphs
from decks.plan.deck.deck_layouts import DeckLayouts
from decks.plan.deck.faces import with_faces
from decks.plan.deck.fit import Fitter
from decks.plan.deck.fixed import FixedSlides
from decks.plan.deck.images import picture_size
from decks.plan.deck.kit import SlideKit
from decks.plan.deck.layouts import ItemLayouts
from decks.plan.deck.lists import ListSlides
from decks.plan.deck.measures import BODY_SIZE_INSET
from decks.plan.deck.mirror import mirrored
from decks.plan.deck.pages import paginate
from decks.plan.deck.picking import Holding, candidates, pick
from decks.plan.deck.plan import (
    Deck,
    Design,
    Geometry,
    ItemDesign,
    Slide,
    SlideDraft,
    SlideKind,
    Template,
    default_geometry,
)
from decks.plan.deck.reuse import SlideCache
from decks.plan.geometry import Rect
from decks.plan.keepout import overlaps
from decks.themes.model import Theme


class Planner:
    """Builds the slides of one recap in one theme on one geometry; its `fitter` sets every text box, its
    `item_layouts` and `deck_layouts` build the slides in designed layouts, its `lists` the lists and its `fixed`
    the slides around the items, all with one `kit`."""

    def __init__(
        self,
        recap: Recap,
        theme: Theme,
        geometry: Geometry,
        image_size: Callable[[Path], tuple[int, int]] = picture_size,
        reuse: SlideCache | None = None,
    ) -> None:
        # A warm process's cache (decks.plan.deck.reuse): its paragraph layouts, and in `plan` its slides of what
        # did not change since its last build.
        self.reuse = reuse
        fitter = Fitter(theme, recap.language, reuse.layouts if reuse is not None else None)
        # What every slide builder shares (decks.plan.deck.kit), and the layouts, which build with it.
        self.kit = SlideKit(recap, theme, geometry, fitter, image_size)
        self.item_layouts = ItemLayouts(self.kit)
        self.deck_layouts = DeckLayouts(self.kit)
        self.lists = ListSlides(self.kit)  # lists in columns, continued on more slides
        self.fixed = FixedSlides(self.kit, self.lists, self.deck_layouts)  # the slides around the items
        self.fitter, self.recap, self.theme, self.geo = fitter, recap, theme, geometry
        self.sizes, self.labels, self.decorated = self.kit.sizes, self.kit.labels, self.kit.decorated
        # The slides `_holds` built to learn whether a layout holds an item, by (id of item, design, size):
        # `item_slides` takes the one chosen instead of building it again (decks.plan.deck.picking).
        self._built: dict[tuple[int, ItemDesign, float], SlideDraft | None] = {}

    def plan(self) -> Deck:
        recap, lab = self.recap, self.labels
        made = self.reuse.start(recap) if self.reuse is not None else _made
        size = self.body_size()
        slides: list[SlideDraft] = [
            self.fixed.title_slide(),
            *self.intro_slides(size),
            *made("agenda", self.fixed.agenda_slides),
        ]
        for s in slides:
            s.section = lab.gettext("Introduction")
        designs = self.designs(size)
        for part in recap.all_parts:
            # A one-part recap (top-level items) has nothing for a section slide to announce.
            part_slides = [self.fixed.section_slide(part)] if recap.parts else []
            for item in part.items:
                part_slides.extend(made("item", self.item_slides, item, designs[id(item)], size))
            for s in part_slides:
                s.section = plain(part.title)
            slides.extend(part_slides)
        self._built.clear()  # the layouts that were tried and not taken
        wrap = [
            *made("takeaways", self.fixed.takeaway_slides),
            *made("resources", self.fixed.resource_slides),
            self.fixed.closing_slide(),
        ]
        for s in wrap:
            s.section = lab.gettext("Wrap-up")
        slides.extend(wrap)
        if not self.decorated:
            # A template's master draws the deck's look: none of recap's shapes (cards, rules, dots) in its colours.
            for s in slides:
                s.shapes.clear()
        return Deck(
            self.geo.width,
            self.geo.height,
            tuple(s.freeze() for s in slides),
            recap.language,
            title=plain(recap.title),
            subject=recap.event.name if recap.event else plain(recap.title),
            author=recap.presenter.name if recap.presenter else "recap",
        )

    def _has_picture(self, item: Item) -> bool:
        return item.image is not None and "picture" in self.geo.frames and self.kit.frame("picture").aside is not None

    def designs(self, size: float) -> dict[int, list[ItemDesign]]:
        """Each item's layout (decks.plan.deck.picking), by the item's id: no more than three
        slides in a row of one layout, a section slide breaking the run, pictures taking sides in turn."""
        out: dict[int, list[ItemDesign]] = {}
        before: list[Design] = ["agenda"]
        side = self.kit.variant("picture")
        for part in self.recap.all_parts:
            if self.recap.parts:
                before.append("section")
            options = []
            for item in part.items:
                picture = self.kit.image_size(item.image.path) if self._has_picture(item) and item.image else None

                def holds(design: ItemDesign, item: Item = item) -> bool:  # `pick` asks later: bound to this item
                    return self._holds(item, design, size)

                opts: Sequence[ItemDesign] = Holding(candidates(item, picture), holds)
                if picture and item.layout is None and opts[0] != "picture-full":
                    first: ItemDesign = "picture-left" if side == "left" else "picture-right"
                    opts = [first, *(o for o in opts if o != first)]
                    side = "left" if side == "right" else "right"
                options.append(opts)

            def slides(n: int, design: ItemDesign, items: list[Item] = part.items) -> int:
                return self._pages(items[n], size) if design == "bullets" else 1

            def pinned(n: int, items: list[Item] = part.items) -> bool:
                return items[n].layout is not None

            chosen = pick(options, before, pinned, slides)
            for item, first in zip(part.items, chosen, strict=True):
                out[id(item)] = [first]  # it holds the item: `pick` chose among the layouts that do
            before.extend(chosen)
        return out

    def _holds(self, item: Item, design: ItemDesign, size: float) -> bool:
        """Whether `design` can hold the item on one slide (a list, beside a picture or not, always can)."""
        build = self._builders().get(design)
        if build is None:
            return True

        def built() -> bool:
            made = self._built[(id(item), design, size)] = build(item, size)
            return made is not None

        if self.reuse is not None:  # a warm process's answer of its last build, while the item is the same
            return self.reuse.holds(item, design, size, built)
        return built()

    def _builders(self) -> dict[ItemDesign, Callable[[Item, float], SlideDraft | None]]:
        return {
            "statement": self.item_layouts.statement_slide,
            "sidebar": self.item_layouts.sidebar_slide,
            "quote": self.item_layouts.quote_slide,
            "fact": self.item_layouts.fact_slide,
            "two-columns": self.item_layouts.two_columns_slide,
            "cards": self.item_layouts.cards_slide,
            "picture-full": self.item_layouts.picture_full_slide,
            "spotlight": self.item_layouts.spotlight_slide,
        }

    def _pages(self, item: Item, size: float) -> int:
        """How many slides the item's list takes at the deck's body size (or near it)."""
        if self.reuse is not None:  # a warm process's answer of its last build, while the item is the same
            return self.reuse.of_item("pages", item, size, lambda: self._count_pages(item, size))
        return self._count_pages(item, size)

    def _count_pages(self, item: Item, size: float) -> int:
        srcs = self.lists.body_srcs(item)
        f = self.kit.frame("content")
        assert f.body is not None
        _, body = self.kit.links_box(item, f.body)
        if not srcs or self.fitter.fit(srcs, body, size, self.lists.near(size)) is not None:
            return 1
        with self.fitter.floor_at(self.lists.near(size)):
            return len(paginate(self.fitter, srcs, body, size))

    def body_size(self) -> float:
        """The deck's one body size: the largest of the theme's sizes (from its body size down to its floor) at
        which three in four of the items' lists fit their slide. A list that does not fit there is set a little
        smaller (down to `NEAR` of it, never below the floor), and continues on another slide when even that does
        not fit."""
        sizes = []
        for item in self.recap.all_items:
            if self.reuse is not None:  # a warm process's answer of its last build, while the item is the same
                size = self.reuse.of_item("size", item, None, partial(self._list_size, item))
            else:
                size = self._list_size(item)
            if size is not None:
                sizes.append(size)
        if not sizes:
            return self.sizes.body
        sizes.sort()
        return max(self.fitter.floor, sizes[len(sizes) // 4])

    def _list_size(self, item: Item) -> float | None:
        """The largest size the item's list fits its slide at (the floor when none), None without a list."""
        srcs = self.lists.body_srcs(item)
        if not srcs:
            return None
        f = self.kit.frame("content")
        assert f.body is not None
        _, body = self.kit.links_box(item, f.body)
        laid = self.fitter.fit(srcs, Rect(body.x, body.y, body.w - BODY_SIZE_INSET, body.h), self.sizes.body)
        return laid.size if laid is not None else self.fitter.floor

    def intro_slides(self, size: float) -> list[SlideDraft]:
        """The recap's intro, set large and centred as a statement under the word "Introduction" (continued as a
        list when it is too long for one) at the deck's body `size`, its words also the slide's notes."""
        intro = self.recap.intro
        if not intro:
            return []
        item = Item(title=self.labels.gettext("Introduction"), summary=intro)
        slides = self.item_slides(item, ["statement"], size)
        for slide in slides:
            slide.kind = "intro"
            slide.notes = plain(intro)
        return slides

    def item_slides(self, item: Item, designs: list[ItemDesign], size: float) -> list[SlideDraft]:
        """The item's slides in the first of its `designs` that holds it (a list always does)."""
        builders = self._builders()
        for design in designs:
            build = builders.get(design)
            if build is not None:
                key = (id(item), design, size)
                made = self._built.pop(key) if key in self._built else build(item, size)
                if made is not None:
                    return [made]
            elif design == "bullets" or (design in ("picture-right", "picture-left") and self._has_picture(item)):
                return self.lists.item_slides(item, size, design, self._has_picture(item))
        return self.lists.item_slides(item, size, "bullets", self._has_picture(item))


def _made(kind: SlideKind, make: Callable[..., list[SlideDraft]], *args: object) -> list[SlideDraft]:
    """The slides of one `kind` made afresh (`Planner.plan` without a cache)."""
    return make(*args)


def build_plan(
    recap: Recap,
    theme: Theme,
    geometry: Geometry | None = None,
    image_size: Callable[[Path], tuple[int, int]] = picture_size,
    template: Template | None = None,
    warnings: tuple[str, ...] = (),
) -> Deck:
    """The deck plan for `recap` in `theme` on `geometry` (the default 16:9 template's when None), its runs cut
    by the face that draws them."""
    geometry = geometry or default_geometry()
    with paused_gc():  # tens of thousands of layouts, paragraphs and runs, and no cycles among them
        deck = Planner(recap, theme, geometry, image_size).plan()
        slides = (clear_shapes(mirrored(s, geometry, recap.language), geometry) for s in deck.slides)
        deck = replace(deck, slides=tuple(slides))
        deck = with_faces(deck, theme)
    return replace(deck, template=template, warnings=(*warnings, *glyph_warnings(recap, theme)))


def glyph_warnings(recap: Recap, theme: Theme) -> tuple[str, ...]:
    """A warning for each character no font of `theme` has, naming its field."""
    return tuple(
        f"{dotted(where)}: no font of theme '{theme.name}' has {describe_char(ch)}; it shows as a box on the slide"
        for where, ch in missing_glyphs(recap, theme, "slides")
    )


def clear_shapes(slide: Slide, geometry: Geometry) -> Slide:
    """The slide without the accent shapes that would cover a picture of its master or layout (a logo)."""
    keepout = geometry.frames[slide.layout].keepout
    if not keepout or not slide.shapes:
        return slide
    return replace(slide, shapes=tuple(sh for sh in slide.shapes if not any(overlaps(sh.box, k) for k in keepout)))
