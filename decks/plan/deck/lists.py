"""Lists set on slides: a list in one column or two, whichever sets it larger, continued on "(cont.)" slides
when it does not fit one. `ListSlides` makes an item's list (beside its picture or not), the agenda's and the key
takeaways' lists of groups (a day's heading and its lines) and the resources' two columns of links, and measures
where each column and slide ends.

The `Planner` (decks.plan.deck.planner) and the deck's fixed slides (decks.plan.deck.fixed) hold one, built with
the build's `SlideKit` (decks.plan.deck.kit)."""

from __future__ import annotations

from pathlib import Path

from msgspec.structs import replace

from decks.model import Item
from decks.model.inline import escape, plain
from decks.plan.deck.fit import Src, capacity
from decks.plan.deck.images import KEEP, cover
from decks.plan.deck.kit import SlideKit
from decks.plan.deck.measures import (
    COLUMN_GAP,
    COLUMNS_GAIN,
    COLUMNS_LINES,
    COLUMNS_SAVE,
    CREDIT_GAP,
    HEADING_CUT,
    LIST_SPACE,
    NEAR,
    QUOTE_SPACE,
    TITLE_ICON,
    TITLE_ICON_GAP,
)
from decks.plan.deck.notes import item_notes
from decks.plan.deck.pages import paginate
from decks.plan.deck.paragraphs import takeaway_srcs
from decks.plan.deck.plan import Design, ItemDesign, Picture, Run, SlideDraft, SlideKind, TextBox
from decks.plan.deck.text import marked
from decks.plan.geometry import Rect
from decks.plan.icons import choose


class ListSlides:
    """The slides of lists of one build, all made with its `kit`."""

    def __init__(self, kit: SlideKit) -> None:
        self.kit = kit
        self.fitter, self.recap, self.theme = kit.fitter, kit.recap, kit.theme
        self.sizes, self.labels = kit.sizes, kit.labels

    def body_srcs(self, item: Item) -> list[Src]:
        """The item's summary and takeaways as a list."""
        srcs: list[Src] = []
        if item.summary:
            srcs.append(Src(marked(item.summary, "accent")))
        srcs.extend(takeaway_srcs(item.takeaways, space=LIST_SPACE if srcs else 0.0))
        return srcs

    def near(self, size: float) -> float:
        """The least size a list is set at before it continues: a little under the deck's body size."""
        return max(self.fitter.floor, round(size * NEAR * 2) / 2)

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
            if chunks and self.arrange([*chunks[-1], *group], top) is not None:
                chunks[-1] = [*chunks[-1], *group]
            else:
                chunks.append(_first(group))
        pages: list[tuple[list[list[Src]], float]] = []
        for chunk in chunks:
            one = self.arrange(chunk, top)
            if one is not None:
                pages.append(one)
                continue
            left, _ = self.column_boxes()
            columns = [_first(c) for c in paginate(self.fitter, chunk, left, top)]
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

    def column_boxes(self, body: Rect | None = None) -> tuple[Rect, Rect]:
        """`body` (the content layout's body box by default) as two columns."""
        body = body or self.kit.frame("content").body
        assert body is not None
        width = (body.w - COLUMN_GAP) / 2
        return Rect(body.x, body.y, width, body.h), Rect(body.right - width, body.y, width, body.h)

    def arrange(self, srcs: list[Src], top: float, body: Rect | None = None) -> tuple[list[list[Src]], float] | None:
        """`srcs` in `body` (the content layout's body box by default), as (columns, size): one column, or two
        when that sets them larger (a long list of short lines); None when they do not fit even in two columns
        at the floor."""
        body = body or self.kit.frame("content").body
        assert body is not None
        one = self.fitter.fit(srcs, body, top)
        if one is not None and one.size >= top:
            return [srcs], one.size
        left, _ = self.column_boxes(body)
        if sum(len(s.text) for s in srcs) > 2 * capacity(left, min(top, self.fitter.floor)):
            # More text than two columns could hold even at the floor: one of the halves would not fit (a long
            # agenda, which is paginated instead), so they are not laid out to find that out.
            return ([srcs], one.size) if one is not None else None
        halves = self.halves(srcs, left)
        two = [self.fitter.fit(h, left, top) for h in halves] if len(halves) == 2 else []
        two_size = min((laid.size for laid in two if laid is not None), default=0.0) if all(two) else 0.0
        # Two columns wrap more: they are worth it only when they set the text clearly larger (or fit it at all)
        # without breaking many more lines (a list of short lines, not of sentences).
        lines = sum(self.fitter.laid(h, left.w, two_size).line_count for h in halves) if two_size else 0
        if two_size and lines <= len(srcs) * COLUMNS_LINES and (one is None or two_size > one.size * COLUMNS_GAIN):
            return halves, two_size
        return ([srcs], one.size) if one is not None else None

    def halves(self, srcs: list[Src], box: Rect) -> list[list[Src]]:
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
            left, right = self.column_boxes()
            slide.texts.append(self.fitter.text_box("body", columns[0], left, size, "body"))
            slide.texts.append(self.fitter.text_box("column", columns[1], right, size))
        slide.notes = notes if not n else self.continued(title)  # the first names all: see continued
        self.kit.decorate(slide)
        self.kit.footer(slide)
        return slide

    def continued(self, title: str) -> str:
        """The notes of a continuation slide: that it continues `title`. The first slide's notes name the whole
        list; repeating them on every "(cont.)" slide made notes quadratic in the list (an agenda of 1,000 1 KB
        titles: some 1 GB of notes, a 986 MB HTML page)."""
        t = self.labels
        return t.sentences((t.gettext("{title}, continued").format(title=plain(title)),))

    def item_slides(self, item: Item, size: float, design: ItemDesign, picture: bool) -> list[SlideDraft]:
        """The item's summary and takeaways as a list at the deck's body size (continued on more slides when they
        do not fit), its icon at the title's end; beside its picture for "picture-right" and "picture-left"."""
        has_image = design != "bullets" and picture
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
            with self.fitter.floor_at(self.near(size)):
                pages = paginate(self.fitter, srcs, body, size)
        # Many short lines (no picture beside them) go in two columns on one slide when that saves a "(cont.)"
        # slide.
        columns = None
        if srcs and not has_image and len(pages) == 2:
            arranged = self.arrange(srcs, size, body)
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
                left, right = self.column_boxes(body)
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
            slide.notes = notes if n == 0 else self.continued(item.title)
            self.kit.decorate(slide)
            self.kit.footer(slide)
            slides.append(slide)
        return slides

    def image(self, path: Path, alt: str, area: Rect) -> Picture:
        """The image filling `area`, cropped to its aspect and centred (whole in the file, so PowerPoint can move
        the crop); a picture far wider or taller than `area` keeps `KEEP` of it and is shown smaller."""
        box, display, crop = cover(self.kit.image_size(path), area, KEEP)
        return Picture(box, alt, path=path, display=display, crop=crop)

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
        columns = paginate(self.fitter, srcs, left, top)
        if len(columns) == 1:
            columns = self.balance(columns[0], left, top)
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
            slide.notes = notes if not n else self.continued(title)  # the first names all: see continued
            self.kit.decorate(slide)
            self.kit.footer(slide)
            slides.append(slide)
        return slides

    def balance(self, srcs: list[Src], box: Rect, top: float) -> list[list[Src]]:
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


def _first(srcs: list[Src]) -> list[Src]:
    """`srcs` opening a box: no space above the first paragraph (a client would add it at the top)."""
    if srcs and srcs[0].space_before:
        return [replace(srcs[0], space_before=0.0), *srcs[1:]]
    return list(srcs)
