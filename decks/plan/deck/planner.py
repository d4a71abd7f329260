"""The slides a recap becomes: the `Planner` builds each kind (title, agenda, section, item, takeaways,
resources, closing) with its boxes, decoration, footer and notes; `build_plan` is the entry point.

An item's slide takes the layout its content's shape calls for (decks.plan.deck.picking, docs/layouts.md), its
body text at one size for the whole deck (`body_size`); a list of short lines goes in two columns when that saves
a slide, agendas are lists under each day's heading (a slide per day when they do not fit), generated key
takeaways are capped per day to keep one slide, and a one-part recap has no section slide."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from msgspec.structs import replace

from decks.gcpause import paused_gc
from decks.model import Item, Link, Part, Recap
from decks.model.inline import escape, plain
from decks.model.paths import dotted
from decks.model.urls import ascii_url
from decks.plan.coverage import describe_char, missing_glyphs
from decks.plan.deck.faces import with_faces
from decks.plan.deck.fit import Fitter, Src, capacity
from decks.plan.deck.images import KEEP, cover, picture_size
from decks.plan.deck.kit import SlideKit
from decks.plan.deck.layouts import DeckLayouts, ItemLayouts
from decks.plan.deck.measures import (
    BAR_W,
    BIG_TITLE_SCALE,
    BLOCK_SPACE,
    BODY_SIZE_INSET,
    CEILING,
    COLUMN_GAP,
    COLUMNS_GAIN,
    COLUMNS_LINES,
    COLUMNS_SAVE,
    COVER_RULE_H,
    COVER_RULE_W,
    COVER_SCALE,
    COVER_SPARSE_SCALE,
    COVER_SPARSE_SUB_SCALE,
    CREDIT_GAP,
    HEADING_CUT,
    LIST_SPACE,
    NEAR,
    PART_SPACE,
    QUOTE_SPACE,
    SECTION_RULE_GAP,
    SECTION_RULE_H,
    SECTION_RULE_W,
    TITLE_ICON,
    TITLE_ICON_GAP,
)
from decks.plan.deck.mirror import mirrored
from decks.plan.deck.notes import item_notes
from decks.plan.deck.paragraphs import handle_runs, takeaway_srcs
from decks.plan.deck.picking import Holding, candidates, pick
from decks.plan.deck.plan import (
    Anchor,
    ColorRole,
    Deck,
    Design,
    Geometry,
    ItemDesign,
    LayoutRole,
    Picture,
    Run,
    Shape,
    Slide,
    SlideDraft,
    SlideKind,
    Template,
    TextBox,
    default_geometry,
)
from decks.plan.deck.reuse import SlideCache
from decks.plan.deck.text import display_host, display_url, marked
from decks.plan.geometry import Rect
from decks.plan.icons import choose
from decks.plan.keepout import overlaps
from decks.themes.model import Theme


class Planner:
    """Builds the slides of one recap in one theme on one geometry; its `fitter` sets every text box, its
    `item_layouts` and `deck_layouts` build the slides in designed layouts, all with one `kit`."""

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
        self.fitter, self.recap, self.theme, self.geo = fitter, recap, theme, geometry
        self.sizes, self.labels, self.decorated = self.kit.sizes, self.kit.labels, self.kit.decorated
        # The slides `_holds` built to learn whether a layout holds an item, by (id of item, design, size):
        # `item_slides` takes the one chosen instead of building it again (decks.plan.deck.picking).
        self._built: dict[tuple[int, ItemDesign, float], SlideDraft | None] = {}
        self.on_band: ColorRole = "on_accent" if self.decorated else "ink"

    def title_box(self, text: str, box: Rect, top: float, color: ColorRole = "ink", anchor: Anchor = "b") -> TextBox:
        return self.fitter.text_box("title", [Src(marked(text, color), "heading")], box, top, "title", anchor)

    def plan(self) -> Deck:
        recap, lab = self.recap, self.labels
        made = self.reuse.start(recap) if self.reuse is not None else _made
        size = self.body_size()
        slides: list[SlideDraft] = [self.title_slide(), *self.intro_slides(size), *made("agenda", self.agenda_slides)]
        for s in slides:
            s.section = lab.gettext("Introduction")
        designs = self.designs(size)
        for part in recap.all_parts:
            # A one-part recap (top-level items) has nothing for a section slide to announce.
            part_slides = [self.section_slide(part)] if recap.parts else []
            for item in part.items:
                part_slides.extend(made("item", self.item_slides, item, designs[id(item)], size))
            for s in part_slides:
                s.section = plain(part.title)
            slides.extend(part_slides)
        self._built.clear()  # the layouts that were tried and not taken
        wrap = [
            *made("takeaways", self.takeaway_slides),
            *made("resources", self.resource_slides),
            self.closing_slide(),
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
        }

    def _pages(self, item: Item, size: float) -> int:
        """How many slides the item's list takes at the deck's body size (or near it)."""
        if self.reuse is not None:  # a warm process's answer of its last build, while the item is the same
            return self.reuse.of_item("pages", item, size, lambda: self._count_pages(item, size))
        return self._count_pages(item, size)

    def _count_pages(self, item: Item, size: float) -> int:
        srcs = self.body_srcs(item)
        f = self.kit.frame("content")
        assert f.body is not None
        _, body = self.kit.links_box(item, f.body)
        if not srcs or self.fitter.fit(srcs, body, size, self._near(size)) is not None:
            return 1
        with self.fitter.floor_at(self._near(size)):
            return len(self.fitter.paginate(srcs, body, size))

    def _near(self, size: float) -> float:
        """The least size a list is set at before it continues: a little under the deck's body size."""
        return max(self.fitter.floor, round(size * NEAR * 2) / 2)

    def body_srcs(self, item: Item) -> list[Src]:
        """The item's summary and takeaways as a list."""
        srcs: list[Src] = []
        if item.summary:
            srcs.append(Src(marked(item.summary, "accent")))
        srcs.extend(takeaway_srcs(item.takeaways, space=LIST_SPACE if srcs else 0.0))
        return srcs

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
        srcs = self.body_srcs(item)
        if not srcs:
            return None
        f = self.kit.frame("content")
        assert f.body is not None
        _, body = self.kit.links_box(item, f.body)
        laid = self.fitter.fit(srcs, Rect(body.x, body.y, body.w - BODY_SIZE_INSET, body.h), self.sizes.body)
        return laid.size if laid is not None else self.fitter.floor

    def title_slide(self) -> SlideDraft:
        recap, f, t = self.recap, self.kit.frame("title"), self.labels
        event, who = recap.event, recap.presenter
        dates = t.format_dates(event.start, event.end) if event else ""
        # Without a presenter or dates the lower half holds a line or two: larger type balances the slide.
        sparse = who is None and not dates
        banded = self.decorated and self.kit.variant("title") == "band"
        subs: list[Src] = []
        if event:
            first = " · ".join(p for p in (dates, t.place(event)) if p)
            if event.name.lower() not in recap.title.lower():
                first = " · ".join(p for p in (event.name, first) if p)
            if first:
                subs.append(Src((Run(first, "accent"),), "heading"))
            if event.tagline:
                subs.append(Src((Run(event.tagline, "muted"),)))
        if who:
            subs.append(Src((Run(" — ".join(p for p in (who.name, who.role) if p)),), space_before=BLOCK_SPACE))
            if who.handles:
                subs.append(Src(handle_runs(who.handles, self.labels)))
        assert f.body is not None
        tbox = f.title
        if not subs:
            # Nothing under the title: it takes the slide's middle, not its top half over an empty one.
            tbox = Rect(f.title.x, f.title.y, f.title.w, f.body.bottom - f.title.y)
        top = self.sizes.title * (COVER_SPARSE_SCALE if sparse else COVER_SCALE)
        title = self.kit.heading_box(
            recap.title, tbox, top, self.on_band if banded else "accent", "ctr" if not subs else "b"
        )
        slide = SlideDraft("title", "title", title, design="cover")
        if subs:
            anchor: Anchor = "ctr" if sparse else "t"
            top = self.sizes.subtitle * COVER_SPARSE_SUB_SCALE if sparse else self.sizes.subtitle
            # Flush with the title: a template's subtitle box is often inset from its title's (Office's 4:3 title
            # slide), and left-set lines in it would stand indented against the title's.
            under = Rect(f.title.x, f.body.y, f.title.w, f.body.h)
            slide.texts.append(self.fitter.text_box("subtitle", subs, under, top, "body", anchor))
        band = f.title.bottom + (f.body.y - f.title.bottom) / 2 if subs else self.geo.height
        if banded:
            slide.shapes.append(Shape(Rect(0, 0, self.geo.width, band), "accent"))
            if subs:  # the rule under the band, which fills the slide when nothing is under the title
                slide.shapes.append(Shape(Rect(0, band, self.geo.width, COVER_RULE_H), "accent2"))
        elif self.decorated:
            slide.shapes.append(Shape(Rect(f.title.x, band - COVER_RULE_H / 2, COVER_RULE_W, COVER_RULE_H), "accent2"))
        when = t.join(p for p in (dates, t.place(event) if event else "") if p)
        if event and when:
            welcome = t.gettext("Welcome! This is {title}, from {event} ({when})")
        elif event:
            welcome = t.gettext("Welcome! This is {title}, from {event}")
        else:
            welcome = t.gettext("Welcome! This is {title}")
        said = [welcome.format(title=plain(recap.title), event=event.name if event else "", when=when)]
        if who:
            i_am = t.gettext("I'm {name}, {role}") if who.role else t.gettext("I'm {name}")
            said.append(i_am.format(name=who.name, role=who.role or ""))
            if who.handles:
                names = t.join(h.handle for h in who.handles)
                said.append(t.gettext("You can find me at {handles}").format(handles=names))
        slide.notes = t.sentences(said)
        self.kit.footer(slide)
        return slide

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

    @property
    def ceiling(self) -> float:
        return self.sizes.body * CEILING

    def agenda_slides(self) -> list[SlideDraft]:
        """The items as a list under each day's heading (one list, no heading, for a one-part recap), in two
        columns when that sets them larger, a slide per day or run of days when they do not fit on one."""
        t = self.labels
        groups: list[list[Src]] = []
        for part in self.recap.all_parts:
            heading = [self.kit.part_heading(part)] if self.recap.parts else []
            groups.append([*heading, *(Src(marked(i.title), bullet=True) for i in part.items)])
        parts = (
            t.gettext("{part}: {items}").format(part=plain(p.title), items=t.join(plain(i.title) for i in p.items))
            for p in self.recap.all_parts
        )
        notes = t.sentence(t.gettext("Here is what I will cover: {parts}").format(parts=t.join_clauses(parts)))
        timeline = self.deck_layouts.timeline_slide(t.gettext("Agenda"), notes)
        if timeline is not None:
            return [timeline]
        return self.list_slides("agenda", t.gettext("Agenda"), groups, notes, self.ceiling)

    def list_slides(
        self, kind: SlideKind, title: str, groups: list[list[Src]], notes: str, top: float
    ) -> list[SlideDraft]:
        """Slides of a list made of groups (a day's heading and its lines): as many groups on a slide as fit,
        each slide in one column or two, whichever sets the text larger; a group too long for one slide
        continues on "(cont.)" slides in two columns."""
        slides: list[SlideDraft] = []
        for columns, size in self.list_pages(groups, top):
            slides.append(self._columns_slide(kind, title, columns, size, notes, len(slides)))
            top = min(top, size)
        return slides

    def list_pages(self, groups: list[list[Src]], top: float) -> list[tuple[list[list[Src]], float]]:
        """The slides `list_slides` makes, as (columns, size): whole groups packed while they fit one slide."""
        chunks: list[list[Src]] = []
        for group in groups:
            if chunks and self._arrange([*chunks[-1], *group], top) is not None:
                chunks[-1] = [*chunks[-1], *group]
            else:
                chunks.append(_first(group))
        pages: list[tuple[list[list[Src]], float]] = []
        for chunk in chunks:
            one = self._arrange(chunk, top)
            if one is not None:
                pages.append(one)
                continue
            left, _ = self._column_boxes()
            columns = [_first(c) for c in self.fitter.paginate(chunk, left, top)]
            for n in range(0, len(columns), 2):
                pair = columns[n : n + 2]
                sizes = [laid.size for laid in (self.fitter.fit(c, left, top) for c in pair) if laid is not None]
                pages.append((pair, min(sizes, default=self.fitter.floor)))
        # The type never grows from one slide of a list to the next.
        out, size = [], top
        for columns, s in pages:
            size = min(size, s)
            out.append((columns, size))
        return out

    def _column_boxes(self, body: Rect | None = None) -> tuple[Rect, Rect]:
        """`body` (the content layout's body box by default) as two columns."""
        body = body or self.kit.frame("content").body
        assert body is not None
        width = (body.w - COLUMN_GAP) / 2
        return Rect(body.x, body.y, width, body.h), Rect(body.right - width, body.y, width, body.h)

    def _arrange(self, srcs: list[Src], top: float, body: Rect | None = None) -> tuple[list[list[Src]], float] | None:
        """`srcs` in `body` (the content layout's body box by default), as (columns, size): one column, or two
        when that sets them larger (a long list of short lines); None when they do not fit even in two columns
        at the floor."""
        body = body or self.kit.frame("content").body
        assert body is not None
        one = self.fitter.fit(srcs, body, top)
        if one is not None and one.size >= top:
            return [srcs], one.size
        left, _ = self._column_boxes(body)
        if sum(len(s.text) for s in srcs) > 2 * capacity(left, min(top, self.fitter.floor)):
            # More text than two columns could hold even at the floor: one of the halves would not fit (a long
            # agenda, which is paginated instead), so they are not laid out to find that out.
            return ([srcs], one.size) if one is not None else None
        halves = self._halves(srcs, left)
        two = [self.fitter.fit(h, left, top) for h in halves] if len(halves) == 2 else []
        two_size = min((laid.size for laid in two if laid is not None), default=0.0) if all(two) else 0.0
        # Two columns wrap more: they are worth it only when they set the text clearly larger (or fit it at all)
        # without breaking many more lines (a list of short lines, not of sentences).
        lines = sum(self.fitter.laid(h, left.w, two_size).line_count for h in halves) if two_size else 0
        if two_size and lines <= len(srcs) * COLUMNS_LINES and (one is None or two_size > one.size * COLUMNS_GAIN):
            return halves, two_size
        return ([srcs], one.size) if one is not None else None

    def _halves(self, srcs: list[Src], box: Rect) -> list[list[Src]]:
        """`srcs` cut in two columns as even as can be, never after a heading or before a sub-point, at a
        group's start when that is nearly as even; one column when there is nowhere to cut."""
        laid = self.fitter.laid(srcs, box.w, self.fitter.floor)
        tops = [b.top for b in laid.blocks]
        ends = [b.top + b.height for b in laid.blocks]
        cuts = [n for n in range(1, len(srcs)) if not srcs[n - 1].keep_with_next and not srcs[n].level]
        if not cuts:
            return [srcs]

        def tallest(n: int) -> float:
            return max(ends[n - 1], ends[-1] - tops[n])

        best = min(cuts, key=tallest)
        heads = [n for n in cuts if srcs[n].keep_with_next and tallest(n) <= tallest(best) * HEADING_CUT]
        cut = min(heads, key=tallest) if heads else best
        return [srcs[:cut], _first(srcs[cut:])]

    def _columns_slide(
        self, kind: SlideKind, title: str, columns: list[list[Src]], size: float, notes: str, n: int
    ) -> SlideDraft:
        """One slide of a list: one column across the body, or two; the `n`th of its list ("(cont.)" after
        the first)."""
        f = self.kit.frame("content")
        assert f.body is not None
        name = self.labels.gettext("{title} (cont.)").format(title=title) if n else title
        design: Design = "agenda" if kind == "agenda" else "list"
        slide = SlideDraft(
            kind, "content", self.kit.heading_box(escape(name), f.title, self.sizes.title), design=design
        )
        if len(columns) == 1:
            slide.texts.append(self.fitter.text_box("body", columns[0], f.body, size, "body"))
        else:
            left, right = self._column_boxes()
            slide.texts.append(self.fitter.text_box("body", columns[0], left, size, "body"))
            slide.texts.append(self.fitter.text_box("column", columns[1], right, size))
        slide.notes = notes if not n else self._continued(title)  # the first names all: see _continued
        self.kit.decorate(slide)
        self.kit.footer(slide)
        return slide

    def _continued(self, title: str) -> str:
        """The notes of a continuation slide: that it continues `title`. The first slide's notes name the whole
        list; repeating them on every "(cont.)" slide made notes quadratic in the list (an agenda of 1,000 1 KB
        titles: some 1 GB of notes, a 986 MB HTML page)."""
        t = self.labels
        return t.sentences((t.gettext("{title}, continued").format(title=plain(title)),))

    def section_slide(self, part: Part) -> SlideDraft:
        f, t = self.kit.frame("section"), self.labels
        assert f.body is not None
        filled = self.decorated and self.kit.variant("section") == "fill"
        on: ColorRole = self.on_band if filled else "ink"
        title = self.kit.heading_box(
            part.title, f.title, self.sizes.title * BIG_TITLE_SCALE, "on_accent" if filled else "accent"
        )
        slide = SlideDraft("section", "section", title, design="section")
        meta = " · ".join(
            p
            for p in (
                t.format_date(part.date) if part.date else "",
                t.ngettext("{n} item", "{n} items", len(part.items)).format(n=t.format_number(len(part.items))),
            )
            if p
        )
        srcs = [Src((Run(meta, on if filled else "muted"),), "heading")]
        if part.intro:
            srcs.append(Src(marked(part.intro, on), space_before=PART_SPACE))
        slide.texts.append(self.fitter.text_box("body", srcs, f.body, self.sizes.subtitle, "body"))
        section_rule = Rect(f.title.x, f.title.bottom + SECTION_RULE_GAP, SECTION_RULE_W, SECTION_RULE_H)
        if filled:
            slide.shapes.append(Shape(Rect(0, 0, self.geo.width, self.geo.height), "accent"))
            slide.shapes.append(Shape(section_rule, "on_accent"))
        elif self.decorated:
            # A light section slide: the background, the accent bar at the left edge and a rule under the title.
            slide.shapes.append(Shape(Rect(0, 0, BAR_W, self.geo.height), "accent"))
            slide.shapes.append(Shape(section_rule, "accent2"))
        heading = (
            t.gettext("{part}, {date}").format(part=plain(part.title), date=t.format_date(part.date))
            if part.date
            else plain(part.title)
        )
        items = t.gettext("In this part: {items}").format(items=t.join(plain(i.title) for i in part.items))
        slide.notes = t.sentences((heading, part.intro or "", items))
        self.kit.footer(slide, on_accent=filled)
        return slide

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
                return self.list_item_slides(item, size, design)
        return self.list_item_slides(item, size, "bullets")

    def list_item_slides(self, item: Item, size: float, design: ItemDesign) -> list[SlideDraft]:
        """The item's summary and takeaways as a list at the deck's body size (continued on more slides when they
        do not fit), its icon at the title's end; beside its picture for "picture-right" and "picture-left"."""
        has_image = design != "bullets" and self._has_picture(item)
        f = self.kit.frame("picture" if has_image else "content")
        assert f.body is not None
        body, aside = f.body, f.aside
        if has_image and design == "picture-left" and aside is not None:
            # The picture and the text swap sides within the span they share.
            gap = aside.x - body.right
            aside = Rect(body.x, aside.y, aside.w, aside.h)
            body = Rect(aside.right + gap, body.y, body.w, body.h)
        icon = choose(item, self.theme.icons.default, self.recap.language)
        srcs = self.body_srcs(item)
        if item.quote is not None:
            by = escape(f" — {item.quote.by}") if item.quote.by else ""
            srcs.append(Src(marked(f"“{item.quote.text}”{by}", "muted"), space_before=QUOTE_SPACE if srcs else 0.0))
        if item.figure is not None:
            srcs.insert(0, Src(marked(f"{escape(item.figure.value)} {item.figure.label}", "accent"), "heading"))
        links_box, body = self.kit.links_box(item, body)
        pages: list[list[Src]] = [[]]
        if srcs:
            # Each page at the deck's one body size, or near it: a list that does not fit continues on another slide.
            with self.fitter.floor_at(self._near(size)):
                pages = self.fitter.paginate(srcs, body, size)
        # Many short lines (no picture beside them) go in two columns on one slide when that saves a "(cont.)"
        # slide.
        columns = None
        if srcs and not has_image and len(pages) == 2:
            arranged = self._arrange(srcs, size, body)
            if arranged is not None and len(arranged[0]) == 2 and arranged[1] >= size * COLUMNS_SAVE:
                pages = [srcs]
                columns = arranged
        notes = item.notes or item_notes(item, self.labels)
        slides: list[SlideDraft] = []
        for n, page in enumerate(pages):
            title_text = escape(self.labels.gettext("{title} (cont.)")).format(title=item.title) if n else item.title
            tbox = f.title
            icon_size = min(TITLE_ICON, tbox.h)
            tbox = Rect(tbox.x, tbox.y, tbox.w - icon_size - TITLE_ICON_GAP, tbox.h)
            picture_here = has_image and n == 0
            slide = SlideDraft(
                "item",
                "picture" if picture_here else "content",
                self.kit.heading_box(title_text, tbox, self.sizes.title),
                design=design if picture_here else "bullets",
            )
            box = body if picture_here or n == 0 else self.kit.frame("content").body
            assert box is not None
            if columns is not None:
                left, right = self._column_boxes(body)
                slide.texts.append(self.fitter.text_box("body", columns[0][0], left, columns[1], "body"))
                slide.texts.append(self.fitter.text_box("column", columns[0][1], right, columns[1]))
            elif page:
                slide.texts.append(self.fitter.text_box("body", page, box if n == 0 else body, size, "body"))
            else:
                slide.texts.append(TextBox("body", body, (), "body"))
            if links_box is not None and n == 0:
                slide.texts.append(links_box)
            ibox = Rect(f.title.right - icon_size, f.title.y + (f.title.h - icon_size) / 2, icon_size, icon_size)
            slide.pictures.append(Picture(ibox, icon.label, icon=icon, display=(icon_size, icon_size)))
            if picture_here and item.image is not None and aside is not None:
                area = aside
                small = self.sizes.small
                credit = [Src((Run(item.image.credit, "muted"),))] if item.image.credit else []
                ch = self.fitter.laid(credit, aside.w, small).height if credit else 0.0
                if credit:
                    area = Rect(aside.x, aside.y, aside.w, aside.h - ch - CREDIT_GAP)
                pic = self.image(item.image.path, item.image.alt, area)
                slide.pictures.append(pic)
                if credit:
                    # The credit right under the picture, as wide as the picture's column.
                    cbox = Rect(aside.x, pic.box.bottom + CREDIT_GAP, aside.w, ch)
                    slide.texts.append(self.fitter.text_box("caption", credit, cbox, small, low=small))
            slide.notes = notes if n == 0 else self._continued(item.title)
            self.kit.decorate(slide)
            self.kit.footer(slide)
            slides.append(slide)
        return slides

    def image(self, path: Path, alt: str, area: Rect) -> Picture:
        """The image filling `area`, cropped to its aspect and centred (whole in the file, so PowerPoint can move
        the crop); a picture far wider or taller than `area` keeps `KEEP` of it and is shown smaller."""
        box, display, crop = cover(self.kit.image_size(path), area, KEEP)
        return Picture(box, alt, path=path, display=display, crop=crop)

    def takeaway_slides(self) -> list[SlideDraft]:
        """The key takeaways: the content's `key_takeaways`, else the items' takeaways it marks `key: true`; as
        numbered cards when they fit, else as a list. None marked: no slide (the agenda gives the overview)."""
        recap, lab = self.recap, self.labels
        takeaways = list(recap.key_takeaways) or [t for i in recap.all_items for t in i.takeaways if t.key]
        if not takeaways:
            return []
        notes = lab.gettext("To sum up: {points}").format(points=lab.sentences(plain(t.text) for t in takeaways))
        title = lab.gettext("Key takeaways")
        cards = self.deck_layouts.numbered_slide(title, takeaways, notes)
        if cards is not None:
            return [cards]
        slides = self.list_slides("takeaways", title, [takeaway_srcs(takeaways)], notes, self.ceiling)
        for slide in slides:
            slide.design = "list"
        return slides

    def resource_slides(self) -> list[SlideDraft]:
        srcs: list[Src] = []
        groups: list[tuple[str, list[Link]]] = [(i.title, list(i.links)) for i in self.recap.all_items if i.links]
        more = list(self.recap.resources) + ([self.recap.source] if self.recap.source else [])
        if more:
            groups.append((escape(self.labels.gettext("More resources")), more))
        for title, links in groups:
            space = (
                LIST_SPACE if srcs else 0.0
            )  # less than the usual half line: two columns of links must fit on a slide
            srcs.append(Src(marked(title, "accent"), "heading", space_before=space, keep_with_next=True))
            for link in links:
                srcs.append(
                    Src(
                        (
                            Run(self.labels.link_text(link), "accent2", link.url),
                            Run(" "),
                            Run(display_host(link.url), "muted", link.url),
                        ),
                        bullet=True,
                    )
                )
        t = self.labels
        notes = t.sentence(
            t.gettext("Every link from this talk is on these slides, grouped by topic, and all of them are clickable")
        )
        return self.column_slides("resources", t.gettext("Resources"), srcs, notes, self.sizes.subtitle)

    def column_slides(
        self, kind: SlideKind, title: str, srcs: list[Src], notes: str, top: float, gap: float = COLUMN_GAP
    ) -> list[SlideDraft]:
        """Slides whose body is two columns: the body placeholder on the left and a text box on the right.

        Short lines (a list of links) fill a full-width box only half way across, so the same list takes half
        the slides in two columns. Each column is its own box, so where a column ends is decided here, by
        measuring, and a group's heading never ends a column (keep_with_next), whatever the client does.
        """
        f = self.kit.frame("content")
        assert f.body is not None
        width = (f.body.w - gap) / 2
        left = Rect(f.body.x, f.body.y, width, f.body.h)
        right = Rect(f.body.right - width, f.body.y, width, f.body.h)
        columns = self.fitter.paginate(srcs, left, top)
        if len(columns) == 1:
            columns = self._balance(columns[0], left, top)
        slides: list[SlideDraft] = []
        for n in range(0, len(columns), 2):
            pair = columns[n : n + 2]
            # Both columns at one size, and never larger than the slide before, so the type does not jump.
            sizes = [laid.size for laid in (self.fitter.fit(c, left, top) for c in pair) if laid is not None]
            size = min(sizes, default=self.fitter.floor)
            top = size
            name = self.labels.gettext("{title} (cont.)").format(title=title) if n else title
            slide = SlideDraft(
                kind, "content", self.kit.heading_box(escape(name), f.title, self.sizes.title), design="links"
            )
            slide.texts.append(self.fitter.text_box("body", pair[0], left, size, "body"))
            if len(pair) > 1:
                slide.texts.append(self.fitter.text_box("column", pair[1], right, size))
            slide.notes = notes if not n else self._continued(title)  # the first names all: see _continued
            self.kit.decorate(slide)
            self.kit.footer(slide)
            slides.append(slide)
        return slides

    def _balance(self, srcs: list[Src], box: Rect, top: float) -> list[list[Src]]:
        """One column's worth cut in two at the group boundary (a heading) nearest half its height, so a short
        list does not leave the right half of the slide empty; one group stays one column."""
        laid = self.fitter.fit(srcs, box, top)
        assert laid is not None
        cuts = [n for n, s in enumerate(srcs) if n and s.keep_with_next]
        if not cuts:
            return [srcs]
        half = laid.height / 2
        cut = min(cuts, key=lambda n: abs(laid.blocks[n].top - half))
        head, tail = srcs[:cut], [replace(srcs[cut], space_before=0.0), *srcs[cut + 1 :]]
        return [head, tail]

    def closing_slide(self) -> SlideDraft:
        recap, lab = self.recap, self.labels
        role: LayoutRole = "closing" if "closing" in self.geo.frames else "content"
        f = self.kit.frame(role)
        assert f.body is not None
        thanks = lab.gettext("Thank you!")
        slide = SlideDraft("closing", role, self.title_box(escape(thanks), f.title, self.sizes.title * BIG_TITLE_SCALE))
        srcs: list[Src] = []
        if recap.closing:
            srcs.append(Src(marked(recap.closing)))
        who = recap.presenter
        if who:
            srcs.append(Src((Run(who.name, "accent"),), "heading", space_before=BLOCK_SPACE))
            if who.handles:
                srcs.append(Src(handle_runs(who.handles, self.labels)))
        where: list[Link] = []
        if recap.event and recap.event.url:
            label = lab.gettext("Event: {address}").format(address=display_url(recap.event.url))
            where.append(Link(url=recap.event.url, label=label))
        if recap.source:
            label = lab.gettext("Source: {title}").format(title=lab.link_text(recap.source))
            where.append(Link(url=recap.source.url, label=label))
        if where:
            heading = lab.gettext("Slides and notes")
            srcs.append(Src((Run(heading, "muted"),), "heading", space_before=BLOCK_SPACE, keep_with_next=True))
            srcs.extend(Src((Run(lab.link_text(link), "accent2", link.url),)) for link in where)
        body = self.deck_layouts.qr_codes(slide, f.body)
        slide.texts.append(self.fitter.text_box("body", srcs, body, self.sizes.subtitle, "body"))
        slide.design = "closing"
        self.kit.decorate(slide)
        self.kit.footer(slide)
        said = [plain(recap.closing) if recap.closing else thanks]
        if who and who.handles:
            on = lab.gettext("{handle} on {network}")
            handles = lab.join(on.format(handle=h.handle, network=h.network) for h in who.handles)
            said.append(lab.gettext("You can find me at {handles}").format(handles=handles))
        if where:
            said.append(lab.gettext("The slides and links are at {address}").format(address=ascii_url(where[-1].url)))
        slide.notes = lab.sentences(said)
        return slide


def _made(kind: SlideKind, make: Callable[..., list[SlideDraft]], *args: object) -> list[SlideDraft]:
    """The slides of one `kind` made afresh (`Planner.plan` without a cache)."""
    return make(*args)


def _first(srcs: list[Src]) -> list[Src]:
    """`srcs` opening a box: no space above the first paragraph (a client would add it at the top)."""
    if srcs and srcs[0].space_before:
        return [replace(srcs[0], space_before=0.0), *srcs[1:]]
    return list(srcs)


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
