"""The slides every recap has around its items: the title slide, the agenda, a part's section slide, the key
takeaways, the resources and the closing slide, each with its boxes, decoration, footer and notes.

The `Planner` (decks.plan.deck.planner) holds one `FixedSlides`; it builds with the build's `SlideKit`
(decks.plan.deck.kit), sets its lists with the build's `ListSlides` (decks.plan.deck.lists) and its designed
agenda, takeaways and QR codes with `DeckLayouts` (decks.plan.deck.deck_layouts)."""

from __future__ import annotations

from decks.model import Link, Part
from decks.model.inline import escape, plain
from decks.model.urls import ascii_url
from decks.plan.deck.deck_layouts import DeckLayouts
from decks.plan.deck.fit import Src
from decks.plan.deck.kit import SlideKit
from decks.plan.deck.lists import ListSlides
from decks.plan.deck.measures import (
    BAR_W,
    BIG_TITLE_SCALE,
    BLOCK_SPACE,
    CEILING,
    COVER_RULE_H,
    COVER_RULE_W,
    COVER_SCALE,
    COVER_SPARSE_SCALE,
    COVER_SPARSE_SUB_SCALE,
    LIST_SPACE,
    PART_SPACE,
    SECTION_RULE_GAP,
    SECTION_RULE_H,
    SECTION_RULE_W,
)
from decks.plan.deck.paragraphs import handle_runs, takeaway_srcs
from decks.plan.deck.plan import Anchor, ColorRole, LayoutRole, Run, Shape, SlideDraft, TextBox
from decks.plan.deck.text import display_host, display_url, marked
from decks.plan.geometry import Rect


class FixedSlides:
    """The fixed slides of one build, made with its `kit`, `lists` and `deck_layouts`."""

    def __init__(self, kit: SlideKit, lists: ListSlides, deck_layouts: DeckLayouts) -> None:
        self.kit, self.lists, self.deck_layouts = kit, lists, deck_layouts
        self.fitter, self.recap, self.geo = kit.fitter, kit.recap, kit.geo
        self.sizes, self.labels, self.decorated = kit.sizes, kit.labels, kit.decorated
        self.on_band: ColorRole = "on_accent" if self.decorated else "ink"

    def title_box(self, text: str, box: Rect, top: float, color: ColorRole = "ink", anchor: Anchor = "b") -> TextBox:
        return self.fitter.text_box("title", [Src(marked(text, color), "heading")], box, top, "title", anchor)

    @property
    def ceiling(self) -> float:
        return self.sizes.body * CEILING

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
        return self.lists.list_slides("agenda", t.gettext("Agenda"), groups, notes, self.ceiling)

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
        slides = self.lists.list_slides("takeaways", title, [takeaway_srcs(takeaways)], notes, self.ceiling)
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
        return self.lists.column_slides("resources", t.gettext("Resources"), srcs, notes, self.sizes.subtitle)

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
