"""What every slide builder of the deck plan shares: the `SlideKit` holds the recap, theme, geometry, the fitter
and the catalogue of recap's words, and makes the pieces slides are built of (a title, the links line, the footer,
the accent decoration, a card, a day's heading). The `Planner` (decks.plan.deck.planner) and its layouts
(decks.plan.deck.layouts) each hold the one kit of a build: the layouts are objects the planner holds, not mixins
of it, and what they use of the build is this class, not the planner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from decks.model import Item, Part, Recap
from decks.model.inline import escape, plain
from decks.plan.deck.fit import Fitter, Src
from decks.plan.deck.labels import labels_for
from decks.plan.deck.measures import (
    BAR_W,
    CARD_STROKE,
    FOOTER_GAP,
    FOOTER_PAD,
    FOOTER_RISE,
    LINKS_GAP,
    MARGIN,
    NUMBER_W,
    PART_SPACE,
    TITLE_RULE_GAP,
    TITLE_RULE_H,
    TITLE_RULE_W,
)
from decks.plan.deck.notes import item_notes
from decks.plan.deck.paragraphs import link_runs
from decks.plan.deck.plan import (
    Align,
    Anchor,
    ColorRole,
    FieldKind,
    Frame,
    Geometry,
    LayoutRole,
    Para,
    Run,
    Shape,
    SlideDraft,
    TextBox,
)
from decks.plan.deck.text import marked
from decks.plan.geometry import Rect
from decks.plan.keepout import clear_of
from decks.themes.model import Theme


class SlideKit:
    """One build's state and the pieces its slides share, for the `Planner` and its layouts."""

    def __init__(
        self,
        recap: Recap,
        theme: Theme,
        geometry: Geometry,
        fitter: Fitter,
        image_size: Callable[[Path], tuple[int, int]],
    ) -> None:
        self.fitter = fitter  # sets every text box
        self.recap, self.theme, self.geo = recap, theme, geometry
        self.sizes = theme.sizes.slides
        self._image_size = image_size
        self._image_sizes: dict[Path, tuple[int, int]] = {}
        self.labels = labels_for(recap.language)
        # recap's accent shapes; without them, text meant for an accent band is drawn in ink.
        self.decorated = theme.slides.decorated

    def image_size(self, path: Path) -> tuple[int, int]:
        if path not in self._image_sizes:
            self._image_sizes[path] = self._image_size(path)
        return self._image_sizes[path]

    def frame(self, role: LayoutRole) -> Frame:
        return self.geo.frames[role]

    def heading_box(self, text: str, box: Rect, top: float, color: ColorRole = "ink", anchor: Anchor = "b") -> TextBox:
        """A slide's or section's title in the title placeholder, its lines ended at phrase boundaries and
        balanced (`Fitter.balanced`). `text` is markup (decks.model.inline): a label recap adds is escaped."""
        src = self.fitter.balanced(Src(marked(text, color), "heading"), box, top)
        return self.fitter.text_box("title", [src], box, top, "title", anchor)

    def variant(self, name: str) -> str:
        """The theme's variant of a layout (decks.themes.model.Variants); ink-like themes, whose surface is
        their background, outline their cards."""
        chosen: str = getattr(self.theme.slides.variants, name)
        if name == "cards" and self.theme.palette.surface == self.theme.palette.background:
            return "outline"
        return chosen

    def notes_for(self, item: Item) -> str:
        return item_notes(item, self.labels)

    def links_box(self, item: Item, body: Rect) -> tuple[TextBox | None, Rect]:
        """The item's links as one line at the foot of `body`, and the box left above it."""
        if not item.links:
            return None, body
        links_src = [Src(link_runs(item.links, self.labels))]
        h = self.fitter.laid(links_src, body.w, self.fitter.floor).height
        box = self.fitter.text_box(
            "links", links_src, Rect(body.x, body.bottom - h, body.w, h), self.fitter.floor, low=self.fitter.floor
        )
        return box, Rect(body.x, body.y, body.w, body.h - h - LINKS_GAP)

    def footer(self, slide: SlideDraft, on_accent: bool = False) -> None:
        """The slide number and the event line: in the layout's own slide-number and footer placeholders when
        the template decides the footer and has them, else in recap's boxes (clear of the template's logos)."""
        w, h = self.geo.width, self.geo.height
        small = self.sizes.small
        color: ColorRole = "on_accent" if on_accent and self.decorated else "muted"
        f = self.frame(slide.layout)
        own = self.theme.slides.decides("footer")
        ph_number = f.number if not own else None
        # As high as one line in the body font (Carlito's line is 1.44 em: more than the usual leading).
        tall = max(self.fitter.leading, self.fitter.stacks.body.primary.line_height) * small + FOOTER_PAD
        number = ph_number or clear_of(Rect(w - MARGIN - NUMBER_W, h - FOOTER_RISE, NUMBER_W, tall), f.keepout)
        if number.h >= small * self.fitter.leading and number.w >= small:
            line = self._line("#", small, color, field="slidenum", align="r")
            slide.texts.append(TextBox("number", number, (line,), "number" if ph_number else None))
        event = self.recap.event
        # The dates as the title slide says them (the language's own form), not the model's ISO shorthand.
        dates = self.labels.format_dates(event.start, event.end) if event else ""
        if not own and f.date is not None and dates:
            slide.texts.append(
                self.fitter.text_box("date", [Src((Run(dates, color),))], f.date, small, "date", low=small)
            )
        if slide.kind != "title":
            said = (event.name if event else plain(self.recap.title)) + (
                f"  ·  {event.hashtag}" if event and event.hashtag else ""
            )
            ph_footer = f.footer if not own else None
            box = ph_footer or clear_of(
                Rect(MARGIN, h - FOOTER_RISE, w - MARGIN - NUMBER_W - MARGIN - FOOTER_GAP, tall), f.keepout
            )
            if said and box.h > 0 and box.w > 0:
                slide.texts.append(
                    self.fitter.text_box(
                        "footer", [Src((Run(said, color),))], box, small, "footer" if ph_footer else None, low=small
                    )
                )

    def _line(
        self, text: str, size: float, color: ColorRole, field: FieldKind | None = None, align: Align = "l"
    ) -> Para:
        pitch = self.fitter.line_pitch(size, text)
        return Para((Run(text, color, field=field),), size, pitch, align=align)

    def decorate(self, slide: SlideDraft) -> None:
        """Accent shapes: a bar on the left edge and a short rule under the title (unless the theme has none)."""
        if not self.decorated:
            return
        t = slide.title.box
        slide.shapes.append(Shape(Rect(0, 0, BAR_W, self.geo.height), "accent"))
        slide.shapes.append(Shape(Rect(t.x, t.bottom + TITLE_RULE_GAP, TITLE_RULE_W, TITLE_RULE_H), "accent2"))

    def part_heading(self, part: Part) -> Src:
        """A day's heading over its list: its title, and its date when it has one."""
        t = self.labels
        head = (
            escape(t.gettext("{part}, {date}")).format(part=part.title, date=escape(t.format_date(part.date)))
            if part.date
            else part.title
        )
        return Src(marked(head, "accent"), "heading", space_before=PART_SPACE, keep_with_next=True)

    def card(self, box: Rect) -> Shape:
        """A card behind text: filled with the surface colour, or outlined where the theme wants no fills."""
        if self.variant("cards") == "outline":
            return Shape(box, "muted", "round", fill=False, stroke=CARD_STROKE)
        return Shape(box, "surface", "round")
