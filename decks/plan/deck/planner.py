"""The slides a recap becomes: the `Planner` builds each kind (title, agenda, section, item, takeaways,
resources, closing) with its boxes, decoration, footer and notes; `build_plan` is the entry point."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from decks.model import Item, Link, Recap, Takeaway
from decks.model.paths import dotted
from decks.plan.coverage import describe_char, missing_glyphs
from decks.plan.deck.faces import with_faces
from decks.plan.deck.fit import Fitter, Src
from decks.plan.deck.images import picture_size
from decks.plan.deck.labels import labels_for
from decks.plan.deck.notes import item_notes
from decks.plan.deck.paragraphs import handle_runs, link_runs, takeaway_srcs
from decks.plan.deck.plan import (
    Deck,
    Frame,
    Geometry,
    Para,
    Picture,
    Run,
    Shape,
    Slide,
    SlideDraft,
    Template,
    TextBox,
    default_geometry,
)
from decks.plan.deck.text import display_host, display_url
from decks.plan.geometry import Rect
from decks.plan.icons import choose
from decks.plan.keepout import clear_of, overlaps
from decks.themes.model import Theme


class Planner(Fitter):
    """Builds the slides of one recap in one theme on one geometry."""

    def __init__(
        self,
        recap: Recap,
        theme: Theme,
        geometry: Geometry,
        image_size: Callable[[Path], tuple[int, int]] = picture_size,
    ) -> None:
        super().__init__(theme, recap.language)
        self.recap, self.theme, self.geo = recap, theme, geometry
        self.sizes = theme.sizes.slides
        self._image_size = image_size
        self._image_sizes: dict[Path, tuple[int, int]] = {}
        self.labels = labels_for(recap.language)
        # recap's accent shapes; without them, text meant for an accent band is drawn in ink.
        self.decorated = theme.slides.decorated
        self.on_band = "on_accent" if self.decorated else "ink"

    def image_size(self, path: Path) -> tuple[int, int]:
        if path not in self._image_sizes:
            self._image_sizes[path] = self._image_size(path)
        return self._image_sizes[path]

    def frame(self, role: str) -> Frame:
        return self.geo.frames[role]

    def title_box(self, text: str, box: Rect, top: float, color: str = "ink", anchor: str = "b") -> TextBox:
        return self.text_box("title", [Src((Run(text, color),), "heading")], box, top, "title", anchor)

    def footer(self, slide: SlideDraft, on_accent: bool = False) -> None:
        """The slide number and the event line: in the layout's own slide-number and footer placeholders when
        the template decides the footer and has them, else in recap's boxes (clear of the template's logos)."""
        w, h = self.geo.width, self.geo.height
        small = self.sizes.small
        color = "on_accent" if on_accent and self.decorated else "muted"
        f = self.frame(slide.layout)
        own = self.theme.slides.decides("footer")
        ph_number = f.number if not own else None
        # As high as one line in the body font (Carlito's line is 1.44 em: more than the usual leading).
        tall = max(self.leading, self.stacks.body.primary.line_height) * small + 2
        number = ph_number or clear_of(Rect(w - 48 - 80, h - 34, 80, tall), f.keepout)
        if number.h >= small * self.leading and number.w >= small:
            line = self._line("#", small, color, field="slidenum", align="r")
            slide.texts.append(TextBox("number", number, (line,), "number" if ph_number else None))
        event = self.recap.event
        if not own and f.date is not None and event and event.dates:
            slide.texts.append(
                self.text_box("date", [Src((Run(event.dates, color),))], f.date, small, "date", low=small)
            )
        if slide.kind != "title":
            line = self.recap.event_name + (f"  ·  {event.hashtag}" if event and event.hashtag else "")
            ph_footer = f.footer if not own else None
            box = ph_footer or clear_of(Rect(48, h - 34, w - 48 - 80 - 48 - 24, tall), f.keepout)
            if line and box.h > 0 and box.w > 0:
                slide.texts.append(
                    self.text_box(
                        "footer", [Src((Run(line, color),))], box, small, "footer" if ph_footer else None, low=small
                    )
                )

    def _line(self, text: str, size: float, color: str, field: str | None = None, align: str = "l") -> Para:
        pitch = self.line_pitch(size, text)
        return Para((Run(text, color, field=field),), size, pitch, align=align)

    def decorate(self, slide: SlideDraft) -> None:
        """Accent shapes: a bar on the left edge and a short rule under the title (unless the theme has none)."""
        if not self.decorated:
            return
        t = slide.title.box
        slide.shapes.append(Shape(Rect(0, 0, 12, self.geo.height), "accent"))
        slide.shapes.append(Shape(Rect(t.x, t.bottom + 6, 72, 4), "accent2"))

    def plan(self) -> Deck:
        recap, lab = self.recap, self.labels
        slides: list[SlideDraft] = [self.title_slide(), *self.agenda_slides()]
        for s in slides:
            s.section = lab.gettext("Introduction")
        for part in recap.all_parts:
            part_slides = [self.section_slide(part)]
            for item in part.items:
                part_slides.extend(self.item_slides(item))
            for s in part_slides:
                s.section = part.title
            slides.extend(part_slides)
        wrap = [*self.takeaway_slides(), *self.resource_slides(), self.closing_slide()]
        for s in wrap:
            s.section = lab.gettext("Wrap-up")
        slides.extend(wrap)
        return Deck(
            self.geo.width,
            self.geo.height,
            tuple(s.freeze() for s in slides),
            recap.language,
            title=recap.title,
            subject=recap.event_name or "",
            author=recap.presenter.name if recap.presenter else "recap",
        )

    def title_slide(self) -> SlideDraft:
        recap, f, t = self.recap, self.frame("title"), self.labels
        event, who = recap.event, recap.presenter
        dates = t.format_dates(event.start, event.end) if event else ""
        title = self.title_box(recap.title, f.title, self.sizes.title * 1.3, self.on_band)
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
            subs.append(Src((Run(" — ".join(p for p in (who.name, who.role) if p)),), space_before=0.6))
            if who.handles:
                subs.append(Src(handle_runs(who.handles, self.labels)))
        slide = SlideDraft("title", "title", title)
        assert f.body is not None
        if subs:
            slide.texts.append(self.text_box("subtitle", subs, f.body, self.sizes.subtitle, "body"))
        band = f.title.bottom + (f.body.y - f.title.bottom) / 2
        if self.decorated:
            slide.shapes += [
                Shape(Rect(0, 0, self.geo.width, band), "accent"),
                Shape(Rect(0, band, self.geo.width, 6), "accent2"),
            ]
        when = t.join(p for p in (dates, t.place(event) if event else "") if p)
        if event and when:
            welcome = t.gettext("Welcome! This is {title}, from {event} ({when})")
        elif event:
            welcome = t.gettext("Welcome! This is {title}, from {event}")
        else:
            welcome = t.gettext("Welcome! This is {title}")
        said = [welcome.format(title=recap.title, event=event.name if event else "", when=when)]
        if who:
            i_am = t.gettext("I'm {name}, {role}") if who.role else t.gettext("I'm {name}")
            said.append(i_am.format(name=who.name, role=who.role or ""))
            if who.handles:
                names = t.join(h.handle for h in who.handles)
                said.append(t.gettext("You can find me at {handles}").format(handles=names))
        slide.notes = t.sentences(said)
        self.footer(slide)
        return slide

    def agenda_slides(self) -> list[SlideDraft]:
        srcs: list[Src] = []
        t = self.labels
        for part in self.recap.all_parts:
            head = part.title + (f" · {t.format_date(part.date)}" if part.date else "")
            srcs.append(Src((Run(head, "accent"),), "heading", space_before=0.4, keep_with_next=True))
            srcs.append(Src((Run("  ·  ".join(i.title for i in part.items)),), level=0))
        parts = (
            t.gettext("{part}: {items}").format(part=p.title, items=t.join(i.title for i in p.items))
            for p in self.recap.all_parts
        )
        notes = t.sentence(t.gettext("Here is what I will cover: {parts}").format(parts=t.join_clauses(parts)))
        return self.body_slides("agenda", t.gettext("Agenda"), srcs, notes, self.sizes.body)

    def body_slides(self, kind: str, title: str, srcs: list[Src], notes: str, top: float) -> list[SlideDraft]:
        f = self.frame("content")
        assert f.body is not None
        slides = []
        for n, page in enumerate(self.paginate(srcs, f.body, top)):
            # Continued pages keep the size of the page before, so the type does not jump.
            top = slides[-1].body.paras[0].size if slides and slides[-1].body and slides[-1].body.paras else top
            name = self.labels.gettext("{title} (cont.)").format(title=title) if n else title
            slide = SlideDraft(kind, "content", self.title_box(name, f.title, self.sizes.title))
            slide.texts.append(self.text_box("body", page, f.body, top, "body"))
            slide.notes = notes if not n else self._continued(title, notes)
            self.decorate(slide)
            self.footer(slide)
            slides.append(slide)
        return slides

    def _continued(self, title: str, notes: str = "") -> str:
        """The notes of a continuation slide: that it continues `title`, then `notes`."""
        t = self.labels
        return t.sentences((t.gettext("{title}, continued").format(title=title), notes))

    def section_slide(self, part) -> SlideDraft:
        f, t = self.frame("section"), self.labels
        assert f.body is not None
        title = self.title_box(part.title, f.title, self.sizes.title * 1.2, self.on_band)
        slide = SlideDraft("section", "section", title)
        meta = " · ".join(
            p
            for p in (
                t.format_date(part.date) if part.date else "",
                t.ngettext("{n} item", "{n} items", len(part.items)).format(n=t.format_number(len(part.items))),
            )
            if p
        )
        srcs = [Src((Run(meta, self.on_band),), "heading")]
        if part.intro:
            srcs.append(Src((Run(part.intro, self.on_band),), space_before=0.4))
        slide.texts.append(self.text_box("body", srcs, f.body, self.sizes.subtitle, "body"))
        if self.decorated:
            slide.shapes.append(Shape(Rect(0, 0, self.geo.width, self.geo.height), "accent"))
            slide.shapes.append(Shape(Rect(f.title.x, f.title.bottom + 4, 96, 6), "on_accent"))
        heading = (
            t.gettext("{part}, {date}").format(part=part.title, date=t.format_date(part.date))
            if part.date
            else part.title
        )
        items = t.gettext("In this part: {items}").format(items=t.join(i.title for i in part.items))
        slide.notes = t.sentences((heading, part.intro or "", items))
        self.footer(slide, on_accent=True)
        return slide

    def item_slides(self, item: Item) -> list[SlideDraft]:
        has_image = item.image is not None and "picture" in self.geo.frames and self.frame("picture").aside is not None
        f = self.frame("picture" if has_image else "content")
        assert f.body is not None
        icon = choose(item, self.theme.icons.default)
        srcs: list[Src] = []
        if item.summary:
            srcs.append(Src((Run(item.summary, "accent"),)))
        srcs.extend(takeaway_srcs(item.takeaways, space=0.35 if srcs else 0.0))
        body = f.body
        links_box = None
        if item.links:
            runs = link_runs(item.links, self.labels)
            links_src = [Src(runs)]
            laid = self._laid(links_src, body.w, self.floor)
            h = laid.height
            links_box = self.text_box(
                "links", links_src, Rect(body.x, body.bottom - h, body.w, h), self.floor, low=self.floor
            )
            body = Rect(body.x, body.y, body.w, body.h - h - 10)
        pages = self.paginate(srcs, body, self.sizes.body) if srcs else [[]]
        notes = item.notes or item_notes(item, self.labels)
        slides: list[SlideDraft] = []
        for n, page in enumerate(pages):
            size = self.sizes.body
            if slides and slides[-1].body and slides[-1].body.paras:
                size = max((p.size for p in slides[-1].body.paras if p.level == 0), default=size)
            title_text = self.labels.gettext("{title} (cont.)").format(title=item.title) if n else item.title
            tbox = f.title
            icon_size = min(56.0, tbox.h)
            tbox = Rect(tbox.x, tbox.y, tbox.w - icon_size - 16, tbox.h)
            slide = SlideDraft(
                "item",
                "picture" if has_image and n == 0 else "content",
                self.title_box(title_text, tbox, self.sizes.title),
            )
            if page:
                slide.texts.append(self.text_box("body", page, body, size, "body"))
            else:
                slide.texts.append(TextBox("body", body, (), "body"))
            if links_box is not None and n == 0:
                slide.texts.append(links_box)
            ibox = Rect(f.title.right - icon_size, f.title.y + (f.title.h - icon_size) / 2, icon_size, icon_size)
            slide.pictures.append(Picture(ibox, icon.label, icon=icon, display=(icon_size, icon_size)))
            if has_image and n == 0 and item.image is not None and f.aside is not None:
                slide.pictures.append(self.image(item.image.path, item.image.alt, f.aside))
                if item.image.credit:
                    small = self.sizes.small
                    laid = self._laid([Src((Run(item.image.credit, "muted"),))], f.aside.w, small)
                    cbox = Rect(f.aside.x, f.aside.bottom - laid.height, f.aside.w, laid.height)
                    slide.texts.append(
                        self.text_box("caption", [Src((Run(item.image.credit, "muted"),))], cbox, small, low=small)
                    )
                    # The picture shrinks to leave the caption clear.
                    pic = slide.pictures.pop()
                    area = Rect(f.aside.x, f.aside.y, f.aside.w, f.aside.h - laid.height - 8)
                    slide.pictures.append(self.image(item.image.path, pic.alt, area))
            slide.notes = notes if n == 0 else self._continued(item.title)
            self.decorate(slide)
            self.footer(slide)
            slides.append(slide)
        return slides

    def image(self, path: Path, alt: str, area: Rect) -> Picture:
        """The image scaled to fit `area`, aspect ratio kept, centred across and at the top."""
        pw, ph = self.image_size(path)
        scale = min(area.w / pw, area.h / ph)
        w, h = pw * scale, ph * scale
        box = Rect(area.x + (area.w - w) / 2, area.y, w, h)
        return Picture(box, alt, path=path, display=(w, h))

    def takeaway_slides(self) -> list[SlideDraft]:
        recap = self.recap
        takeaways = recap.key_takeaways or [Takeaway(text=i.summary or i.title) for i in recap.all_items]
        srcs = takeaway_srcs(takeaways)
        lab = self.labels
        notes = lab.gettext("To sum up: {points}").format(points=lab.sentences(t.text for t in takeaways))
        return self.body_slides("takeaways", lab.gettext("Key takeaways"), srcs, notes, self.sizes.body)

    def resource_slides(self) -> list[SlideDraft]:
        srcs: list[Src] = []
        groups: list[tuple[str, list[Link]]] = [(i.title, list(i.links)) for i in self.recap.all_items if i.links]
        more = list(self.recap.resources) + ([self.recap.source] if self.recap.source else [])
        if more:
            groups.append((self.labels.gettext("More resources"), more))
        for title, links in groups:
            space = 0.35 if srcs else 0.0  # less than the usual half line: two columns of links must fit on a slide
            srcs.append(Src((Run(title, "accent"),), "heading", space_before=space, keep_with_next=True))
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
        self, kind: str, title: str, srcs: list[Src], notes: str, top: float, gap: float = 24.0
    ) -> list[SlideDraft]:
        """Slides whose body is two columns: the body placeholder on the left and a text box on the right.

        Short lines (a list of links) fill a full-width box only half way across, so the same list takes half
        the slides in two columns. Each column is its own box, so where a column ends is decided here, by
        measuring, and a group's heading never ends a column (keep_with_next), whatever the client does.
        """
        f = self.frame("content")
        assert f.body is not None
        width = (f.body.w - gap) / 2
        left = Rect(f.body.x, f.body.y, width, f.body.h)
        right = Rect(f.body.right - width, f.body.y, width, f.body.h)
        columns = self.paginate(srcs, left, top)
        if len(columns) == 1:
            columns = self._balance(columns[0], left, top)
        slides: list[SlideDraft] = []
        for n in range(0, len(columns), 2):
            pair = columns[n : n + 2]
            # Both columns at one size, and never larger than the slide before, so the type does not jump.
            sizes = [laid.size for laid in (self.fit(c, left, top) for c in pair) if laid is not None]
            size = min(sizes, default=self.floor)
            top = size
            name = self.labels.gettext("{title} (cont.)").format(title=title) if n else title
            slide = SlideDraft(kind, "content", self.title_box(name, f.title, self.sizes.title))
            slide.texts.append(self.text_box("body", pair[0], left, size, "body"))
            if len(pair) > 1:
                slide.texts.append(self.text_box("column", pair[1], right, size))
            slide.notes = notes if not n else self._continued(title, notes)
            self.decorate(slide)
            self.footer(slide)
            slides.append(slide)
        return slides

    def _balance(self, srcs: list[Src], box: Rect, top: float) -> list[list[Src]]:
        """One column's worth cut in two at the group boundary (a heading) nearest half its height, so a short
        list does not leave the right half of the slide empty; one group stays one column."""
        laid = self.fit(srcs, box, top)
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
        role = "closing" if "closing" in self.geo.frames else "content"
        f = self.frame(role)
        assert f.body is not None
        thanks = lab.gettext("Thank you!")
        slide = SlideDraft("closing", role, self.title_box(thanks, f.title, self.sizes.title * 1.2))
        srcs: list[Src] = []
        if recap.closing:
            srcs.append(Src((Run(recap.closing),)))
        who = recap.presenter
        if who:
            srcs.append(Src((Run(who.name, "accent"),), "heading", space_before=0.6))
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
            srcs.append(Src((Run(heading, "muted"),), "heading", space_before=0.6, keep_with_next=True))
            srcs.extend(Src((Run(lab.link_text(link), "accent2", link.url),)) for link in where)
        slide.texts.append(self.text_box("body", srcs, f.body, self.sizes.subtitle, "body"))
        self.decorate(slide)
        self.footer(slide)
        said = [recap.closing or thanks]
        if who and who.handles:
            on = lab.gettext("{handle} on {network}")
            handles = lab.join(on.format(handle=h.handle, network=h.network) for h in who.handles)
            said.append(lab.gettext("You can find me at {handles}").format(handles=handles))
        if where:
            said.append(lab.gettext("The slides and links are at {address}").format(address=where[-1].url))
        slide.notes = lab.sentences(said)
        return slide


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
    deck = Planner(recap, theme, geometry, image_size).plan()
    deck = replace(deck, slides=tuple(_clear_shapes(s, geometry.frames[s.layout].keepout) for s in deck.slides))
    missing = tuple(
        f"{dotted(where)}: no font of theme '{theme.name}' has {describe_char(ch)}; it shows as a box on the slide"
        for where, ch in missing_glyphs(recap, theme)
    )
    return replace(with_faces(deck, theme), template=template, warnings=(*warnings, *missing))


def _clear_shapes(slide: Slide, keepout: tuple[Rect, ...]) -> Slide:
    """The slide without the accent shapes that would cover a picture of its master or layout (a logo)."""
    if not keepout or not slide.shapes:
        return slide
    return replace(slide, shapes=tuple(sh for sh in slide.shapes if not any(overlaps(sh.box, k) for k in keepout)))
