"""The item layouts beyond a list (docs/layouts.md): statement, sidebar, quote, fact, two columns, cards and a
picture across the whole slide. Each builds one slide from an item, or gives None when the item's text does not
fit it at the deck's body size or above the floor (the planner then tries the item's next layout).

The `Planner` (decks.plan.deck.planner) holds them; they build with the build's `SlideKit` (decks.plan.deck.kit): its
boxes, fitting, decoration and footer. Every text sits in its own box, no box over another's text; the body
placeholder holds the slide's main text. An item's list is decks.plan.deck.lists; the deck's own designed slides
(timeline, numbered cards, QR codes) are decks.plan.deck.deck_layouts.
"""

from __future__ import annotations

from itertools import product

from msgspec.structs import replace

from decks.model import Item
from decks.model.inline import escape, plain
from decks.plan.deck.fit import Src
from decks.plan.deck.images import cover
from decks.plan.deck.kit import SlideKit
from decks.plan.deck.measures import (
    BAND,
    BAND_BODY_GAP,
    BAND_CREDIT_DROP,
    BAND_FOOT,
    BAND_LIST_SPACE,
    BAND_MAX,
    BAND_RULE_H,
    BAND_TITLE_DROP,
    BAND_TITLE_H,
    BLOCK_SPACE,
    CARD_ICON,
    CARD_ICON_GAP,
    CARD_MIN,
    CARD_SLACK,
    COLUMN_RULE,
    COLUMN_RULE_H,
    COLUMN_RULE_W,
    FIGURE_LABEL_SCALE,
    FIGURE_LABEL_SPACE,
    FIGURE_RULE_GAP,
    FIGURE_RULE_INSET,
    FIGURE_RULE_W,
    FIGURE_SCALE,
    FIGURE_W,
    GAP,
    LEAD_GAP,
    LEAD_SCALE,
    LEAD_SHARE,
    LIST_SPACE,
    LONE_FIGURE_INSET,
    MARGIN,
    NEXT_POINT_SPACE,
    PAD,
    PANEL_W,
    POINT_SPACE,
    QUOTE_MARK,
    QUOTE_MARK_DROP,
    QUOTE_MARK_SHARE,
    QUOTE_SPACE,
    QUOTE_SUMMARY_SCALE,
    QUOTE_SUMMARY_SPACE,
    SIDE_GAP,
    SPARSE,
    SPOT_ICON,
    SPOT_ROOM,
    SPOT_W,
    STATEMENT_INSET,
    STATEMENT_SCALE,
    STATEMENT_TITLE_SCALE,
    SUB_SCALE,
    TITLE_ICON,
    TITLE_ICON_GAP,
)
from decks.plan.deck.paragraphs import takeaway_srcs
from decks.plan.deck.plan import Design, Picture, PlaceholderRole, Run, Shape, SlideDraft, TextBox
from decks.plan.deck.text import marked
from decks.plan.geometry import Rect
from decks.plan.icons import choose, get
from decks.plan.keepout import overlaps


def snug(text: float, head: float, width: float, room: float) -> float:
    """The height of a card whose text needs `text` points under a `head` (its icon or number): enough for both
    and its padding, at least 0.6 of its `width` so it still reads as a card, at most the `room` there is."""
    return round(min(room, max(head + text + PAD + CARD_SLACK, width * CARD_MIN)), 2)


def centred(box: TextBox) -> TextBox:
    """`box` with its paragraphs centred across."""
    return replace(box, paras=tuple(replace(p, align="c") for p in box.paras))


class ItemLayouts:
    """Builders of an item's one-slide layouts, with one build's `SlideKit`; the `Planner` holds one."""

    def __init__(self, kit: SlideKit) -> None:
        self.kit = kit
        # The build's state, by the names the builders read (the kit's own objects).
        self.fitter, self.recap, self.theme, self.geo = kit.fitter, kit.recap, kit.theme, kit.geo
        self.sizes, self.labels = kit.sizes, kit.labels

    # -- shared pieces -----------------------------------------------------------------------------------------

    def _item_slide(self, item: Item, design: Design, icon: bool = True) -> tuple[SlideDraft, Rect]:
        """A slide for `item` in `design` on the content layout: its title (beside the corner icon when `icon`),
        and the body's box (less the links line at its foot, which is added)."""
        f = self.kit.frame("content")
        assert f.body is not None
        tbox = f.title
        size = min(TITLE_ICON, tbox.h)
        if icon:
            tbox = Rect(tbox.x, tbox.y, tbox.w - size - TITLE_ICON_GAP, tbox.h)
        slide = SlideDraft("item", "content", self.kit.heading_box(item.title, tbox, self.sizes.title), design=design)
        if icon:
            glyph = choose(item, self.theme.icons.default, self.recap.language)
            ibox = Rect(f.title.right - size, f.title.y + (f.title.h - size) / 2, size, size)
            slide.pictures.append(Picture(ibox, glyph.label, icon=glyph, display=(size, size)))
        body = f.body
        links, body = self.kit.links_box(item, body)
        if links is not None:
            slide.texts.append(links)
        return slide, body

    def _finish(self, slide: SlideDraft, item: Item, decorate: bool = True) -> SlideDraft:
        slide.notes = item.notes or self.kit.notes_for(item)
        if decorate:
            self.kit.decorate(slide)
        self.kit.footer(slide)
        return slide

    # -- the layouts -----------------------------------------------------------------------------------------

    def statement_slide(self, item: Item, size: float) -> SlideDraft | None:
        """The summary large and centred in the body (and at most one short takeaway under it, muted); an item
        with only a title shows the title itself large and centred."""
        if not item.summary:
            f = self.kit.frame("content")
            assert f.body is not None
            links, body = self.kit.links_box(item, f.body)
            box = Rect(body.x, f.title.y, body.w, body.bottom - f.title.y)
            title = centred(
                self.kit.heading_box(item.title, box, self.sizes.title * STATEMENT_TITLE_SCALE, anchor="ctr")
            )
            slide = SlideDraft("item", "content", title, design="statement")
            if links is not None:
                slide.texts.append(links)
            return self._finish(slide, item, decorate=False)
        slide, body = self._item_slide(item, "statement", icon=False)
        inner = Rect(body.x + body.w * STATEMENT_INSET, body.y, body.w * (1 - 2 * STATEMENT_INSET), body.h)
        # Set large, the statement breaks like a heading: at phrases, in balanced lines.
        srcs = [
            self.fitter.balanced(
                Src(marked(item.summary, "ink"), "heading"), inner, self.sizes.title * STATEMENT_SCALE, size
            )
        ]
        for t in item.takeaways[:1]:
            srcs.append(Src(marked(t.text, "muted"), scale=SUB_SCALE, space_before=BLOCK_SPACE))
        laid = self.fitter.fit(srcs, inner, self.sizes.title * STATEMENT_SCALE, size)
        if laid is None:
            return None
        slide.texts.append(
            centred(
                self.fitter.text_box("body", srcs, inner, self.sizes.title * STATEMENT_SCALE, "body", "ctr", low=size)
            )
        )
        return self._finish(slide, item)

    def sidebar_slide(self, item: Item, size: float) -> SlideDraft | None:
        """The summary large on a card at the left, the takeaways beside it at the deck's body size."""
        # The summary leads; without one, the first of three or more takeaways does, the others support it.
        takeaways = list(item.takeaways)
        headline = item.summary
        if not headline and len(takeaways) >= 3 and not takeaways[0].points:
            headline = takeaways.pop(0).text
        if not headline or not takeaways:
            return None
        f = self.kit.frame("content")
        assert f.body is not None
        _, body = self.kit.links_box(item, f.body)  # the body `_item_slide` gives
        panel = Rect(body.x, body.y, round(body.w * PANEL_W, 2), body.h)
        right = Rect(panel.right + GAP + SIDE_GAP, body.y, body.right - panel.right - GAP - SIDE_GAP, body.h)
        srcs = takeaway_srcs(takeaways)
        # The takeaways at the deck's body size are what most often does not fit: asked before the slide's title
        # and the lead are set (half of the sidebars tried for 1,000 distinct items did not hold them).
        if self.fitter.fit(srcs, right, size, size) is None:
            return None
        slide, body = self._item_slide(item, "sidebar")
        inner = Rect(panel.x + PAD, panel.y + PAD, panel.w - 2 * PAD, panel.h - 2 * PAD)
        lead = [
            self.fitter.balanced(Src(marked(headline, "accent"), "heading"), inner, self.sizes.subtitle * LEAD_SCALE)
        ]
        if self.fitter.fit(lead, inner, self.sizes.subtitle * LEAD_SCALE, self.fitter.floor) is None:
            return None
        slide.shapes.append(self.kit.card(panel))
        slide.texts.append(self.fitter.text_box("lead", lead, inner, self.sizes.subtitle * LEAD_SCALE, anchor="ctr"))
        slide.texts.append(self.fitter.text_box("body", srcs, right, size, "body", "ctr", low=size))
        return self._finish(slide, item)

    def quote_slide(self, item: Item, size: float) -> SlideDraft | None:
        """The quote large beside a quotation mark, who said it under it, the summary (if any) muted below."""
        if item.quote is None or item.takeaways:
            return None
        slide, body = self._item_slide(item, "quote", icon=False)
        mark = min(QUOTE_MARK, body.h / QUOTE_MARK_SHARE)
        glyph = get("quote-left")
        slide.pictures.append(
            Picture(Rect(body.x, body.y + QUOTE_MARK_DROP, mark, mark), glyph.label, icon=glyph, display=(mark, mark))
        )
        box = Rect(body.x + mark + GAP, body.y, body.w - mark - GAP, body.h)
        top = self.sizes.title
        # Set large, the quote breaks like a heading: at phrases, in balanced lines.
        srcs = [self.fitter.balanced(Src(marked(item.quote.text), "heading"), box, top, size)]
        if item.quote.by:
            srcs.append(Src(marked(escape("— " + item.quote.by), "accent"), scale=SUB_SCALE, space_before=QUOTE_SPACE))
        if item.summary:
            srcs.append(Src(marked(item.summary, "muted"), scale=QUOTE_SUMMARY_SCALE, space_before=QUOTE_SUMMARY_SPACE))
        if self.fitter.fit(srcs, box, top, size) is None:
            return None
        slide.texts.append(self.fitter.text_box("body", srcs, box, top, "body", "ctr", low=size))
        return self._finish(slide, item)

    def fact_slide(self, item: Item, size: float) -> SlideDraft | None:
        """The figure very large with its label under it, on the left; the summary and takeaways on the right
        (or the figure centred across when the item has nothing else)."""
        if item.figure is None:
            return None
        slide, body = self._item_slide(item, "fact")
        top = self.sizes.title * FIGURE_SCALE
        left = Rect(body.x, body.y, round(body.w * FIGURE_W, 2), body.h)
        label = Src(marked(item.figure.label, "ink"), scale=FIGURE_LABEL_SCALE, space_before=FIGURE_LABEL_SPACE)
        # The label under the figure, in a narrow column: ended at phrases (not inside データセット).
        fig = [
            Src((Run(item.figure.value, "accent"),), "heading"),
            self.fitter.balanced(label, left, top, self.fitter.floor / FIGURE_LABEL_SCALE),
        ]
        srcs = []
        if item.summary:
            srcs.append(Src(marked(item.summary, "accent")))
        srcs.extend(takeaway_srcs(item.takeaways, space=LIST_SPACE if srcs else 0.0))
        if not srcs:
            inner = Rect(body.x + body.w * LONE_FIGURE_INSET, body.y, body.w * (1 - 2 * LONE_FIGURE_INSET), body.h)
            if self.fitter.fit(fig, inner, top, size) is None:
                return None
            slide.texts.append(centred(self.fitter.text_box("body", fig, inner, top, "body", "ctr", low=size)))
            return self._finish(slide, item)
        right = Rect(left.right + GAP + SIDE_GAP, body.y, body.right - left.right - GAP - SIDE_GAP, body.h)
        if (
            self.fitter.fit(fig, left, top, self.fitter.floor / FIGURE_LABEL_SCALE) is None
            or self.fitter.fit(srcs, right, size, size) is None
        ):
            return None
        rule = Rect(
            left.right + FIGURE_RULE_GAP, body.y + FIGURE_RULE_INSET, FIGURE_RULE_W, body.h - 2 * FIGURE_RULE_INSET
        )
        slide.shapes.append(Shape(rule, "accent2"))
        slide.texts.append(
            self.fitter.text_box("figure", fig, left, top, anchor="ctr", low=self.fitter.floor / FIGURE_LABEL_SCALE)
        )
        slide.texts.append(self.fitter.text_box("body", srcs, right, size, "body", "ctr", low=size))
        return self._finish(slide, item)

    def spotlight_slide(self, item: Item, size: float) -> SlideDraft | None:
        """A sparse item (its list would fill less than `SPARSE` of the body's height at the deck's body `size`):
        the item's icon large on a panel at the right, from the title's top to the body's foot; the summary as a
        lead and the takeaways beside it, centred in the body's height, the takeaways at the theme's body size
        when they fit there (else at the deck's), so a deck has at most two body sizes."""
        if not item.takeaways:
            return None
        f = self.kit.frame("content")
        assert f.body is not None
        # Sparse by the list's measured height as the bullets layout would set it, not by counting characters.
        _, listed = self.kit.links_box(item, f.body)
        as_list = [Src(marked(item.summary, "accent"))] if item.summary else []
        as_list.extend(takeaway_srcs(item.takeaways, space=LIST_SPACE if as_list else 0.0))
        chosen = item.layout is not None and item.layout.value == "spotlight"  # asked for: any short list
        if not chosen and self.fitter.laid(as_list, listed.w, size).height >= listed.h * SPARSE:
            return None
        body = f.body
        # The summary leads; without one, a lone takeaway does (one point is not a list, nor set as one).
        headline, takeaways = item.summary, list(item.takeaways)
        if not headline and len(takeaways) == 1 and not takeaways[0].points:
            headline = takeaways.pop().text
        # The takeaways at the theme's body size, else the deck's; the lead larger, else at their size; the panel
        # as wide as lets the text fit: the first that leaves the block room above and below in its column (text
        # from the title's rule to the links line reads as crammed, a short text in a wide column as lost).
        # A lead alone is set as large as a statement's summary.
        lead_size = self.sizes.subtitle * LEAD_SCALE if takeaways else self.sizes.title * STATEMENT_SCALE
        large = max(self.sizes.body, size)
        tries = ((large, max(lead_size, large)), (size, max(lead_size, size)), (size, size))
        for (top, lead_at), share in product(dict.fromkeys(tries), SPOT_W):
            panel_w = round(body.w * share, 2)
            panel = Rect(round(body.right - panel_w, 2), f.title.y, panel_w, round(body.bottom - f.title.y, 2))
            if any(overlaps(panel, k) for k in f.keepout):  # a template's logo beside the title: the body's height
                panel = Rect(panel.x, body.y, panel.w, body.h)
            side = panel.x - GAP - SIDE_GAP
            links, text = self.kit.links_box(item, Rect(body.x, body.y, round(side - body.x, 2), body.h))
            srcs: list[Src] = []
            if headline:
                # Over takeaways it heads them; alone it is the slide's statement, in the body's face.
                srcs.append(Src(marked(headline, "accent"), "heading" if takeaways else "body", scale=lead_at / top))
            srcs.extend(takeaway_srcs(takeaways, space=BLOCK_SPACE if srcs else 0.0))
            room = Rect(text.x, text.y, text.w, text.h * SPOT_ROOM)
            if self.fitter.fit(srcs, room, top, top) is not None:
                break
        else:
            return None
        if headline:
            # Balanced once the block fits as it is (the tries that do not fit need no balancing), and kept so
            # only while the block still fits its room.
            balanced = [self.fitter.balanced(srcs[0], text, top, top), *srcs[1:]]
            if self.fitter.fit(balanced, room, top, top) is not None:
                srcs = balanced
        tbox = Rect(f.title.x, f.title.y, round(min(f.title.right, side) - f.title.x, 2), f.title.h)
        slide = SlideDraft(
            "item", "content", self.kit.heading_box(item.title, tbox, self.sizes.title), design="spotlight"
        )
        if links is not None:
            slide.texts.append(links)
        slide.shapes.append(self.kit.card(panel))
        icon = round(min(panel.w, panel.h) * SPOT_ICON, 2)
        glyph = choose(item, self.theme.icons.default, self.recap.language)
        # Centred on its panel; without one (a template's master draws the look), level with the text beside it.
        mid = panel.y + panel.h / 2 if self.kit.decorated else text.y + text.h / 2
        ibox = Rect(round(panel.x + (panel.w - icon) / 2, 2), round(mid - icon / 2, 2), icon, icon)
        slide.pictures.append(Picture(ibox, glyph.label, icon=glyph, display=(icon, icon)))
        slide.texts.append(self.fitter.text_box("body", srcs, text, top, "body", "ctr", low=top))
        return self._finish(slide, item)

    def _lead(self, slide: SlideDraft, item: Item, body: Rect, size: float) -> Rect | None:
        """The summary as a lead line over the body (in the body placeholder), and the box left under it."""
        if not item.summary:
            return body
        lead = [Src(marked(item.summary, "accent"))]
        laid = self.fitter.fit(lead, body, size, size)
        if laid is None or laid.height > body.h / LEAD_SHARE:
            return None
        h = laid.height
        slide.texts.append(self.fitter.text_box("body", lead, Rect(body.x, body.y, body.w, h), size, "body", low=size))
        return Rect(body.x, body.y + h + LEAD_GAP, body.w, body.h - h - LEAD_GAP)

    def two_columns_slide(self, item: Item, size: float) -> SlideDraft | None:
        """Two takeaways side by side, each its heading over its sub-points, under the summary."""
        if len(item.takeaways) != 2:
            return None
        slide, body = self._item_slide(item, "two-columns")
        rest = self._lead(slide, item, body, size)
        if rest is None:
            return None
        width = (rest.w - 2 * GAP) / 2
        cols = [
            Rect(rest.x + n * (width + 2 * GAP), rest.y + COLUMN_RULE, width, rest.h - COLUMN_RULE) for n in range(2)
        ]
        groups = [
            [
                Src(marked(t.text, "ink"), "heading", keep_with_next=True),
                *(
                    Src(marked(p), bullet=True, space_before=POINT_SPACE if k == 0 else NEXT_POINT_SPACE)
                    for k, p in enumerate(t.points)
                ),
            ]
            for t in item.takeaways
        ]
        fits = [self.fitter.fit(g, c, size, size) for g, c in zip(groups, cols, strict=True)]
        if any(f is None for f in fits):
            return None
        at = min(f.size for f in fits if f is not None)
        placeholder: PlaceholderRole | None = "body" if not item.summary else None
        for n, (g, c) in enumerate(zip(groups, cols, strict=True)):
            slide.shapes.append(Shape(Rect(c.x, c.y - COLUMN_RULE, COLUMN_RULE_W, COLUMN_RULE_H), "accent2"))
            slide.texts.append(
                self.fitter.text_box(
                    "body" if n == 0 and placeholder else "column", g, c, at, placeholder if n == 0 else None, low=at
                )
            )
        return self._finish(slide, item)

    def cards_slide(self, item: Item, size: float) -> SlideDraft | None:
        """Three or four short takeaways as cards in a row, each with an icon at its top, under the summary."""
        n = len(item.takeaways)
        if not 2 <= n <= 4 or any(t.points for t in item.takeaways):
            return None
        slide, body = self._item_slide(item, "cards", icon=False)
        rest = self._lead(slide, item, body, size)
        if rest is None:
            return None
        width = (rest.w - (n - 1) * GAP) / n
        icon = CARD_ICON
        cards = [Rect(rest.x + k * (width + GAP), rest.y, width, rest.h) for k in range(n)]
        inner = [
            Rect(c.x + PAD, c.y + PAD + icon + CARD_ICON_GAP, c.w - 2 * PAD, c.h - 2 * PAD - icon - CARD_ICON_GAP)
            for c in cards
        ]
        # Short texts in narrow cards: ended at phrases in balanced lines, as a heading is (a Japanese card
        # otherwise breaks inside a word wherever the line is full).
        srcs = [
            [self.fitter.balanced(Src(marked(t.text)), b, size, self.fitter.floor, grow=True)]
            for t, b in zip(item.takeaways, inner, strict=True)
        ]
        top = size
        fits = [self.fitter.fit(s, b, top, self.fitter.floor) for s, b in zip(srcs, inner, strict=True)]
        if any(f is None for f in fits):
            return None
        at = min(f.size for f in fits if f is not None)
        # As tall as the longest text needs (a card, not a column), centred in the space under the summary.
        head = PAD + icon + CARD_ICON_GAP
        h = snug(
            max(self.fitter.laid(s, b.w, at).height for s, b in zip(srcs, inner, strict=True)), head, width, rest.h
        )
        y = round(rest.y + (rest.h - h) / 2, 2)
        cards = [Rect(c.x, y, c.w, h) for c in cards]
        inner = [Rect(b.x, y + head, b.w, h - head - PAD) for b in inner]
        used: set[str] = set()
        for k, (t, card, box) in enumerate(zip(item.takeaways, cards, inner, strict=True)):
            slide.shapes.append(self.kit.card(card))
            glyph = choose(
                Item(title=plain(t.text), summary=plain(item.title)), self.theme.icons.default, self.recap.language
            )
            if glyph.name in used:
                glyph = choose(item, self.theme.icons.default, self.recap.language)
            used.add(glyph.name)
            slide.pictures.append(
                Picture(Rect(card.x + PAD, card.y + PAD, icon, icon), glyph.label, icon=glyph, display=(icon, icon))
            )
            first = k == 0 and not item.summary
            slide.texts.append(
                self.fitter.text_box("body" if first else "card", srcs[k], box, at, "body" if first else None, low=at)
            )
        return self._finish(slide, item)

    def picture_full_slide(self, item: Item, size: float) -> SlideDraft | None:
        """The picture across the whole slide (cropped to fill it), the title and summary in a band at its foot,
        the credit at the band's top right, right under the picture."""
        if item.image is None:
            return None
        w, h = self.geo.width, self.geo.height
        band = min(BAND, h * BAND_MAX)
        top = h - band
        # The picture covers the slide above the band, what overflows cut evenly off both sides.
        box, display, crop = cover(self.kit.image_size(item.image.path), Rect(0, 0, w, top))
        pic = Picture(box, item.image.alt, path=item.image.path, display=display, crop=crop)
        title = self.kit.heading_box(
            item.title, Rect(MARGIN, top + BAND_TITLE_DROP, w - 2 * MARGIN, BAND_TITLE_H), self.sizes.title, anchor="t"
        )
        slide = SlideDraft("item", "content", title, design="picture-full")
        slide.pictures.append(pic)
        if item.image.credit:
            small = self.sizes.small
            line = [Src((Run(item.image.credit, "muted"),))]
            cbox = Rect(
                w * 0.5,
                top + BAND_CREDIT_DROP,
                w * 0.5 - MARGIN,
                self.fitter.laid(line, w * 0.5 - MARGIN, small).height,
            )
            credit = self.fitter.text_box("caption", line, cbox, small, low=small)
            slide.texts.append(replace(credit, paras=tuple(replace(p, align="r") for p in credit.paras)))
        below = Rect(
            MARGIN,
            top + BAND_TITLE_DROP + BAND_TITLE_H + BAND_BODY_GAP,
            w - 2 * MARGIN,
            band - BAND_TITLE_DROP - BAND_TITLE_H - BAND_BODY_GAP - BAND_FOOT,
        )
        srcs = [Src(marked(item.summary, "accent"))] if item.summary else []
        srcs.extend(takeaway_srcs(item.takeaways, space=BAND_LIST_SPACE if srcs else 0.0))
        if srcs:
            if self.fitter.fit(srcs, below, self.sizes.subtitle, self.fitter.floor) is None:
                return None
            slide.texts.append(self.fitter.text_box("body", srcs, below, self.sizes.subtitle, "body"))
        if item.links:
            pass  # the links are on the resources slide and in the notes: the band holds the title and summary
        slide.shapes.append(Shape(Rect(0, top, w, band), "background"))
        slide.shapes.append(Shape(Rect(0, top, w, BAND_RULE_H), "accent"))
        return self._finish(slide, item, decorate=False)
