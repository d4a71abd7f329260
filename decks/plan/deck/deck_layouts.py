"""The deck's own slides in their designed layouts: the agenda as a timeline (a rule with a dot per day),
the key takeaways as numbered cards, and the QR codes of the closing slide's addresses. Each builds with the
build's `SlideKit` (decks.plan.deck.kit); the timeline and the cards give None when their text does not fit (the
fixed slides, decks.plan.deck.fixed, then set it as a list). The `Planner` (decks.plan.deck.planner) holds one
`DeckLayouts`, split from the item layouts (decks.plan.deck.layouts), which share its card measure `snug`."""

from __future__ import annotations

from msgspec.structs import replace

from decks.model import Takeaway
from decks.model.inline import escape
from decks.plan.deck.fit import Src
from decks.plan.deck.kit import SlideKit
from decks.plan.deck.layouts import snug
from decks.plan.deck.measures import (
    GAP,
    ITEM_SPACE,
    LIST_SPACE,
    NUMBER,
    NUMBER_GAP,
    NUMBER_SHARE,
    PAD,
    QR,
    QR_AREA,
    QR_CAPTION_GAP,
    QR_CAPTION_LINES,
    QR_CAPTION_LOW,
    QR_CAPTION_ROOM,
    QR_GAP,
    QR_TEXT_GAP,
    TIMELINE_DOT,
    TIMELINE_DROP,
    TIMELINE_RULE_H,
)
from decks.plan.deck.plan import Picture, Run, Shape, SlideDraft
from decks.plan.deck.text import marked
from decks.plan.geometry import Rect
from decks.plan.sketch.qr import matrix


class DeckLayouts:
    """Builders of the deck's own slides in their designed layouts: the agenda as a timeline, key takeaways as
    numbered cards, and the QR codes of the closing slide, with one build's `SlideKit`; the `Planner` holds one."""

    def __init__(self, kit: SlideKit) -> None:
        self.kit = kit
        # The build's state, by the names the builders read (the kit's own objects).
        self.fitter, self.recap, self.theme, self.geo = kit.fitter, kit.recap, kit.theme, kit.geo
        self.sizes, self.labels = kit.sizes, kit.labels

    def timeline_slide(self, title: str, notes: str) -> SlideDraft | None:
        """The agenda as a timeline: a rule across the slide with a dot per day, under each its heading and its
        items' titles, every column at one size; None when the recap has no days, more than five, or they do
        not fit one slide at the floor."""
        parts = self.recap.all_parts
        if not self.recap.parts or not 2 <= len(parts) <= 5 or self.kit.variant("agenda") != "timeline":
            return None
        f = self.kit.frame("content")
        assert f.body is not None
        body = f.body
        n = len(parts)
        width = (body.w - (n - 1) * GAP) / n
        dot = TIMELINE_DOT
        cols = [
            Rect(body.x + k * (width + GAP), body.y + dot + TIMELINE_DROP, width, body.h - dot - TIMELINE_DROP)
            for k in range(n)
        ]
        groups = [
            [
                replace(self.kit.part_heading(p), space_before=0.0),
                *(
                    Src(marked(i.title), space_before=LIST_SPACE if k == 0 else ITEM_SPACE)
                    for k, i in enumerate(p.items)
                ),
            ]
            for p in parts
        ]
        fits = [self.fitter.fit(g, c, self.sizes.body) for g, c in zip(groups, cols, strict=True)]
        if any(laid is None for laid in fits):
            return None
        size = min(laid.size for laid in fits if laid is not None)
        slide = SlideDraft(
            "agenda", "content", self.kit.heading_box(escape(title), f.title, self.sizes.title), design="timeline"
        )
        slide.shapes.append(
            Shape(Rect(body.x, body.y + dot / 2 - TIMELINE_RULE_H / 2, body.w, TIMELINE_RULE_H), "muted")
        )
        for k, (g, c) in enumerate(zip(groups, cols, strict=True)):
            slide.shapes.append(Shape(Rect(c.x, body.y, dot, dot), "accent", "ellipse"))
            slide.texts.append(
                self.fitter.text_box("body" if k == 0 else "column", g, c, size, "body" if k == 0 else None, low=size)
            )
        slide.notes = notes
        self.kit.decorate(slide)
        self.kit.footer(slide)
        return slide

    def numbered_slide(self, title: str, takeaways: list[Takeaway], notes: str) -> SlideDraft | None:
        """Key takeaways as numbered cards (two to six, no sub-points), every card's text at one size; None when
        they do not fit one slide at the floor."""
        n = len(takeaways)
        if not 2 <= n <= 6 or any(t.points for t in takeaways) or self.kit.variant("takeaways") != "numbered":
            return None
        f = self.kit.frame("content")
        assert f.body is not None
        body = f.body
        per_row = n if n <= 3 else (2 if n == 4 else 3)
        rows = (n + per_row - 1) // per_row
        w = (body.w - (per_row - 1) * GAP) / per_row
        h = (body.h - (rows - 1) * GAP) / rows
        number = min(NUMBER, h / NUMBER_SHARE)
        cards = [Rect(body.x + (k % per_row) * (w + GAP), body.y + (k // per_row) * (h + GAP), w, h) for k in range(n)]
        inner = [
            Rect(c.x + PAD, c.y + PAD + number + NUMBER_GAP, c.w - 2 * PAD, c.h - 2 * PAD - number - NUMBER_GAP)
            for c in cards
        ]
        top = self.sizes.body
        srcs = [
            [self.fitter.balanced(Src(marked(t.text)), b, top, grow=True)]
            for t, b in zip(takeaways, inner, strict=True)
        ]
        fits = [self.fitter.fit(s, b, top) for s, b in zip(srcs, inner, strict=True)]
        if any(laid is None for laid in fits):
            return None
        size = min(laid.size for laid in fits if laid is not None)
        # Cards as tall as the longest text needs, the rows centred in the body.
        head = PAD + number + NUMBER_GAP
        tall = snug(max(self.fitter.laid(s, b.w, size).height for s, b in zip(srcs, inner, strict=True)), head, w, h)
        y0 = body.y + (body.h - rows * tall - (rows - 1) * GAP) / 2
        cards = [Rect(c.x, round(y0 + (k // per_row) * (tall + GAP), 2), c.w, tall) for k, c in enumerate(cards)]
        inner = [Rect(b.x, c.y + head, b.w, tall - head - PAD) for b, c in zip(inner, cards, strict=True)]
        slide = SlideDraft(
            "takeaways", "content", self.kit.heading_box(escape(title), f.title, self.sizes.title), design="numbered"
        )
        for k, (card, box) in enumerate(zip(cards, inner, strict=True)):
            slide.shapes.append(self.kit.card(card))
            digits = [Src((Run(self.labels.format_number(k + 1), "accent"),), "heading")]
            nbox = Rect(card.x + PAD, card.y + PAD, number * 2, number)
            slide.texts.append(self.fitter.text_box("ordinal", digits, nbox, number, low=self.fitter.floor))
            slide.texts.append(
                self.fitter.text_box(
                    "body" if k == 0 else "card", srcs[k], box, size, "body" if k == 0 else None, low=size
                )
            )
        slide.notes = notes
        self.kit.decorate(slide)
        self.kit.footer(slide)
        return slide

    def qr_codes(self, slide: SlideDraft, body: Rect) -> Rect:
        """The presenter's handles that have an address, as QR codes in a row at the right of `body`, each with its
        handle under it; the box left for the text beside them."""

        who = self.recap.presenter
        handles = [h for h in (who.handles if who else []) if h.url][:3]
        if not handles:
            return body
        area = Rect(body.x + body.w * QR_AREA, body.y, body.w * (1 - QR_AREA), body.h)
        k = len(handles)
        small = self.sizes.small
        side = min(QR, (area.w - (k - 1) * QR_GAP) / k, area.h - small * QR_CAPTION_ROOM)
        total = k * side + (k - 1) * QR_GAP
        x = area.right - total
        y = area.y + (area.h - side - small * QR_CAPTION_LINES) / 2
        for h in handles:
            rows = tuple("".join("1" if v else "0" for v in row) for row in matrix(h.url))
            alt = self.labels.gettext("{handle} on {network}").format(handle=h.handle, network=h.network)
            slide.pictures.append(Picture(Rect(x, y, side, side), alt, qr=rows, display=(side, side)))
            cap = [Src((Run(h.handle, "muted", h.url),))]
            box = self.fitter.text_box(
                "caption",
                cap,
                Rect(x, y + side + QR_CAPTION_GAP, side, small * QR_CAPTION_LINES),
                small,
                low=small * QR_CAPTION_LOW,
            )
            slide.texts.append(replace(box, paras=tuple(replace(p, align="c") for p in box.paras)))
            x += side + QR_GAP
        return Rect(body.x, body.y, area.x - QR_TEXT_GAP - body.x, body.h)
