"""The deck plan: which slides a recap becomes, and every text box, paragraph size and picture box on them.

The plan is pure data (no python-pptx): the renderer reads placeholder boxes from its template into a
`Geometry`, asks for a plan, and writes it as it is. Every size here comes from measuring the text with the
theme's font files (decks.text), so what the plan says fits does fit; what cannot fit at the theme's floor
size continues on a "(cont.)" slide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from decks.imagefiles import probe
from decks.layout.coverage import describe_char, missing_glyphs
from decks.layout.geometry import Rect
from decks.layout.icons import Icon, choose
from decks.model import Handle, Item, Link, Recap, Takeaway
from decks.model.paths import dotted
from decks.text.breaking import is_wide
from decks.text.fallback import FontStack
from decks.text.fitting import Block, Laid, layout
from decks.text.stacks import Stacks, stacks_for
from decks.themes.model import Theme

ZWSP = "\u200b"  # written where the engine broke inside a word, so PowerPoint and LibreOffice break there too
LEADING = 1.2
ROLES = ("title", "section", "content", "picture", "closing")

_LABELS = {
    "en": {
        "agenda": "Agenda",
        "takeaways": "Key takeaways",
        "resources": "Resources",
        "thanks": "Thank you!",
        "cont": " (cont.)",
        "intro": "Introduction",
        "wrap": "Wrap-up",
        "more": "More resources",
        "slides": "Slides and notes",
        "source": "Source",
        "event": "Event",
        "items": "{n} items",
        "item": "1 item",
    },
    "zh": {
        "agenda": "议程",
        "takeaways": "主要收获",
        "resources": "资源",
        "thanks": "谢谢！",
        "cont": "（续）",
        "intro": "开场",
        "wrap": "总结",
        "more": "更多资源",
        "slides": "幻灯片与笔记",
        "source": "原文",
        "event": "活动",
        "items": "{n} 项",
        "item": "1 项",
    },
}


@dataclass(frozen=True)
class Frame:
    """The boxes a layout offers: its title and body placeholders, and an aside (a picture slot)."""

    title: Rect
    body: Rect | None = None
    aside: Rect | None = None


@dataclass(frozen=True)
class Geometry:
    """The slide size and each layout role's boxes, in points, as the template has them."""

    width: float
    height: float
    frames: dict[str, Frame]


def default_geometry() -> Geometry:
    """The boxes of assets/templates/recap-16x9.pptx (tools/build_template.py), for tests and tools."""
    title, body = Rect(48, 24, 864, 84), Rect(48, 128, 864, 356)
    return Geometry(
        960,
        540,
        {
            "title": Frame(Rect(64, 64, 832, 200), Rect(64, 316, 832, 170)),
            "section": Frame(Rect(64, 150, 832, 150), Rect(64, 316, 832, 150)),
            "content": Frame(title, body),
            "picture": Frame(title, Rect(48, 128, 528, 356), Rect(600, 128, 312, 356)),
            "closing": Frame(Rect(64, 56, 832, 110), Rect(64, 190, 832, 290)),
        },
    )


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph: its text, colour role (a palette field), and an optional link or field."""

    text: str
    color: str = "ink"
    link: str | None = None
    field: str | None = None  # "slidenum": the slide number, filled in by the presentation client


@dataclass(frozen=True)
class Para:
    """A paragraph as written: its size and exact line pitch in points, bullet level and indent."""

    runs: tuple[Run, ...]
    size: float
    pitch: float
    font: str = "body"  # "heading" (bold) or "body": which font stack draws it
    level: int = 0
    bullet: bool = False
    indent: float = 0.0  # left margin in points (a bullet hangs into it)
    space_before: float = 0.0  # points
    align: str = "l"
    lines: int = 1

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class TextBox:
    """Paragraphs in a box; `placeholder` says which placeholder carries them ("title", "body") or None."""

    role: str
    box: Rect
    paras: tuple[Para, ...]
    placeholder: str | None = None
    anchor: str = "t"

    @property
    def height(self) -> float:
        return sum(p.space_before * (n > 0) + p.pitch * p.lines for n, p in enumerate(self.paras))


@dataclass(frozen=True)
class Picture:
    """An image file or an icon, placed in `box` (aspect ratio kept), with alt text."""

    box: Rect
    alt: str
    path: Path | None = None
    icon: Icon | None = None
    display: tuple[float, float] = (0.0, 0.0)  # displayed size in points, to cap the pixels embedded


@dataclass(frozen=True)
class Shape:
    """A decorative filled rectangle in a palette colour."""

    box: Rect
    color: str


@dataclass
class Slide:
    kind: str  # title, agenda, section, item, takeaways, resources, closing
    layout: str  # a role in ROLES
    title: TextBox
    texts: list[TextBox] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    notes: str = ""
    section: str = ""

    @property
    def body(self) -> TextBox | None:
        return next((t for t in self.texts if t.placeholder == "body"), None)


@dataclass
class Deck:
    width: float
    height: float
    slides: list[Slide]
    language: str
    warnings: list[str] = field(default_factory=list)  # for the user: characters no font can draw

    @property
    def sections(self) -> list[tuple[str, list[int]]]:
        """Sections in order, each with the indexes of its slides."""
        out: list[tuple[str, list[int]]] = []
        for n, slide in enumerate(self.slides):
            if not out or out[-1][0] != slide.section:
                out.append((slide.section, []))
            out[-1][1].append(n)
        return out


@dataclass(frozen=True)
class Src:
    """A paragraph before fitting."""

    runs: tuple[Run, ...]
    font: str = "body"
    level: int = 0
    bullet: bool = False
    scale: float = 1.0
    space_before: float = 0.0  # ems
    keep_with_next: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def _image_size(path: Path) -> tuple[int, int]:
    header = probe(path.read_bytes())
    if header is not None:  # a plain PNG/JPEG/GIF: no EXIF to turn it, no need for Pillow
        return header.width, header.height
    from PIL import Image

    with Image.open(path) as img:
        w, h = img.size
        # Pillow finds a PNG's eXIf chunk only by decoding the whole image: look for the chunk's name first.
        if img.format == "PNG" and "exif" not in img.info and b"eXIf" not in path.read_bytes():
            orientation = 1
        else:
            orientation = img.getexif().get(0x0112, 1)
    # EXIF orientations 5-8 turn the picture a quarter, so it shows with width and height swapped.
    return (h, w) if orientation in (5, 6, 7, 8) else (w, h)


class Planner:
    """Builds the slides of one recap in one theme on one geometry."""

    def __init__(
        self,
        recap: Recap,
        theme: Theme,
        geometry: Geometry,
        image_size: Callable[[Path], tuple[int, int]] = _image_size,
    ) -> None:
        self.recap, self.theme, self.geo = recap, theme, geometry
        self.stacks: Stacks = stacks_for(theme)
        self.sizes = theme.sizes.slides
        self.floor = self.sizes.floor
        self._image_size = image_size
        self._image_sizes: dict[Path, tuple[int, int]] = {}
        # Fitting and paginating lay out the same paragraphs at the same size again and again (a page is
        # fitted when it is cut, then again when its box is made): each layout is computed once.
        self._layouts: dict[tuple[tuple[Src, ...], float, float], Laid] = {}
        lang = recap.language.split("-")[0].lower()
        self.labels = _LABELS.get(lang, _LABELS["en"])

    def image_size(self, path: Path) -> tuple[int, int]:
        if path not in self._image_sizes:
            self._image_sizes[path] = self._image_size(path)
        return self._image_sizes[path]

    # ---------- fitting ----------

    def stack(self, font: str) -> FontStack:
        return self.stacks.heading if font == "heading" else self.stacks.body

    def _blocks(self, srcs: Sequence[Src], size: float) -> list[Block]:
        blocks = []
        for s in srcs:
            # Sub-points are smaller, but never below the floor.
            scale = max(s.scale, min(1.0, self.floor / size)) if s.scale < 1 else s.scale
            # LibreOffice spaces Chinese from Latin text (about a quarter em at each change of script), which
            # the engine does not measure: leave that much room, as if the paragraph were indented more.
            indent = _indent(s) + 0.25 * min(_script_changes(s.text), 8)
            blocks.append(Block(s.text, self.stack(s.font), scale, indent, s.space_before))
        return blocks

    def _laid(self, srcs: Sequence[Src], width: float, size: float) -> Laid:
        key = (tuple(srcs), width, size)
        laid = self._layouts.get(key)
        if laid is None:
            laid = self._layouts[key] = layout(self._blocks(srcs, size), width, size, LEADING)
        return laid

    def _sizes(self, top: float, low: float) -> list[float]:
        sizes, s = [top], top - (top % 0.5 or 0.5)
        while s >= low - 1e-9:
            sizes.append(round(s, 2))
            s -= 0.5
        if sizes[-1] > low:
            sizes.append(low)
        return sizes

    def fit(self, srcs: Sequence[Src], box: Rect, top: float, low: float | None = None) -> Laid | None:
        """The layout at the largest size that fits `box`, or None when even `low` does not."""
        low = self.floor if low is None else low
        sizes = self._sizes(top, min(top, low))

        def fits(laid: Laid) -> bool:
            return laid.height <= box.h and laid.width <= box.w

        # Most boxes fit at their top size, and most that do not are paginated because they do not fit
        # even at the floor: try both ends before bisecting the sizes between them.
        first = self._laid(srcs, box.w, sizes[0])
        if fits(first):
            return first
        if len(sizes) == 1 or not fits(self._laid(srcs, box.w, sizes[-1])):
            return None
        lo, hi, best = 1, len(sizes) - 1, None
        while lo <= hi:
            mid = (lo + hi) // 2
            laid = self._laid(srcs, box.w, sizes[mid])
            if fits(laid):
                best, hi = laid, mid - 1
            else:
                lo = mid + 1
        return best

    def paras(self, srcs: Sequence[Src], laid: Laid) -> tuple[Para, ...]:
        out = []
        for src, lb in zip(srcs, laid.blocks, strict=True):
            runs = _soft_breaks(src.runs, lb.lines)
            out.append(
                Para(
                    runs,
                    round(lb.size, 2),
                    round(lb.pitch, 2),
                    src.font,
                    src.level,
                    src.bullet,
                    round(_indent(src) * lb.size, 2),
                    round(src.space_before * lb.size, 2),
                    lines=len(lb.lines),
                )
            )
        return tuple(out)

    def text_box(
        self,
        role: str,
        srcs: Sequence[Src],
        box: Rect,
        top: float,
        placeholder: str | None = None,
        anchor: str = "t",
        low: float | None = None,
    ) -> TextBox:
        """Paragraphs fitted to `box`; when they cannot fit even at `low`, the last lines are cut with "…"."""
        laid = self.fit(srcs, box, top, low)
        if laid is None:
            srcs, laid = self._truncate(srcs, box, low or self.floor)
        return TextBox(role, box, self.paras(srcs, laid), placeholder, anchor)

    def _truncate(self, srcs: Sequence[Src], box: Rect, size: float) -> tuple[list[Src], Laid]:
        # Display only (titles, footers): the full text stays in the notes.
        kept: list[Src] = []
        for src in srcs:
            if self._laid([*kept, src], box.w, size).height > box.h:
                break
            kept.append(src)
        if len(kept) < len(srcs):
            src = srcs[len(kept)]
            text = src.text
            while text:
                text = text[:-1].rstrip()
                trial = replace(src, runs=(replace(src.runs[0], text=text + "…", link=None),))
                if self._laid([*kept, trial], box.w, size).height <= box.h:
                    kept.append(trial)
                    break
        if not kept:
            kept = [replace(srcs[0], runs=(Run("…"),))]
        return kept, self._laid(kept, box.w, size)

    def paginate(self, srcs: Sequence[Src], box: Rect, top: float) -> list[list[Src]]:
        """`srcs` cut into pages that each fit `box` at or above the floor."""
        pages: list[list[Src]] = []
        rest = list(srcs)
        while rest:
            # One layout at the floor gives every prefix's height: blocks stack, and only the first's
            # space above is dropped, which is the same for every prefix. A long list is laid out only as far
            # as one page reaches (a prefix that overflows proves the whole does), not once per page in full.
            laid = self._overflowing_prefix(rest, box)
            if laid is None:
                if self.fit(rest, box, top) is not None:
                    pages.append(rest)
                    break
                laid = self._laid(rest, box.w, self.floor)
            count = 0
            for lb in laid.blocks:
                if lb.top + lb.height > box.h:
                    break
                count += 1
            while count > 1 and rest[count - 1].keep_with_next:
                count -= 1
            if count == 0:
                head, tail = self._split_block(rest[0], box)
                pages.append([head])
                rest = [tail, *rest[1:]]
                continue
            pages.append(rest[:count])
            rest = rest[count:]
        return pages

    def _overflowing_prefix(self, srcs: list[Src], box: Rect) -> Laid | None:
        """The floor layout of a prefix of `srcs` (8, 16, 32... paragraphs) taller than `box`, or None when
        every prefix short of the whole list fits."""
        k = 8
        while k < len(srcs):
            laid = self._laid(srcs[:k], box.w, self.floor)
            if laid.height > box.h:
                return laid
            k *= 2
        return None

    def _split_block(self, src: Src, box: Rect) -> tuple[Src, Src]:
        # One paragraph taller than the whole box: cut it between lines (its runs lose their links' spans
        # only at the cut, since each half keeps the runs it covers).
        laid = self._laid([src], box.w, self.floor)
        lines = laid.blocks[0].lines
        fit_lines = max(1, int(box.h // laid.blocks[0].pitch))
        text = src.text
        cut = _offset_after_lines(text, lines[:fit_lines])
        head = _slice_runs(src.runs, 0, cut)
        tail = _slice_runs(src.runs, cut, len(text))
        return replace(src, runs=head), replace(src, runs=_lstrip_runs(tail), space_before=0)

    # ---------- slides ----------

    def frame(self, role: str) -> Frame:
        return self.geo.frames[role]

    def title_box(self, text: str, box: Rect, top: float, color: str = "ink", anchor: str = "b") -> TextBox:
        return self.text_box("title", [Src((Run(text, color),), "heading")], box, top, "title", anchor)

    def footer(self, slide: Slide, on_accent: bool = False) -> None:
        w, h = self.geo.width, self.geo.height
        small = self.sizes.small
        color = "on_accent" if on_accent else "muted"
        number = Rect(w - 48 - 80, h - 34, 80, small * LEADING + 2)
        slide.texts.append(TextBox("number", number, (self._line("#", small, color, field="slidenum", align="r"),)))
        if slide.kind != "title":
            event = self.recap.event
            line = self.recap.event_name + (f"  ·  {event.hashtag}" if event and event.hashtag else "")
            box = Rect(48, h - 34, w - 48 - 80 - 48 - 24, small * LEADING + 2)
            slide.texts.append(self.text_box("footer", [Src((Run(line, color),))], box, small, low=small))

    def _line(self, text: str, size: float, color: str, field: str | None = None, align: str = "l") -> Para:
        pitch = round(max(LEADING, self.stacks.body.line_height(text)) * size, 2)
        return Para((Run(text, color, field=field),), size, pitch, align=align)

    def decorate(self, slide: Slide) -> None:
        """Accent shapes: a bar on the left edge and a short rule under the title."""
        t = slide.title.box
        slide.shapes.append(Shape(Rect(0, 0, 12, self.geo.height), "accent"))
        slide.shapes.append(Shape(Rect(t.x, t.bottom + 6, 72, 4), "accent2"))

    def plan(self) -> Deck:
        recap, lab = self.recap, self.labels
        slides: list[Slide] = [self.title_slide(), *self.agenda_slides()]
        for s in slides:
            s.section = lab["intro"]
        for part in recap.all_parts:
            part_slides = [self.section_slide(part)]
            for item in part.items:
                part_slides.extend(self.item_slides(item))
            for s in part_slides:
                s.section = part.title
            slides.extend(part_slides)
        wrap = [*self.takeaway_slides(), *self.resource_slides(), self.closing_slide()]
        for s in wrap:
            s.section = lab["wrap"]
        slides.extend(wrap)
        return Deck(self.geo.width, self.geo.height, slides, recap.language)

    def title_slide(self) -> Slide:
        recap, f = self.recap, self.frame("title")
        event, who = recap.event, recap.presenter
        title = self.title_box(recap.title, f.title, self.sizes.title * 1.3, "on_accent")
        subs: list[Src] = []
        if event:
            first = " · ".join(p for p in (event.dates, event.place) if p)
            if event.name.lower() not in recap.title.lower():
                first = " · ".join(p for p in (event.name, first) if p)
            if first:
                subs.append(Src((Run(first, "accent"),), "heading"))
            if event.tagline:
                subs.append(Src((Run(event.tagline, "muted"),)))
        if who:
            subs.append(Src((Run(" — ".join(p for p in (who.name, who.role) if p)),), space_before=0.6))
            if who.handles:
                subs.append(Src(_handle_runs(who.handles)))
        slide = Slide("title", "title", title)
        assert f.body is not None
        if subs:
            slide.texts.append(self.text_box("subtitle", subs, f.body, self.sizes.subtitle, "body"))
        band = f.title.bottom + (f.body.y - f.title.bottom) / 2
        slide.shapes += [
            Shape(Rect(0, 0, self.geo.width, band), "accent"),
            Shape(Rect(0, band, self.geo.width, 6), "accent2"),
        ]
        names = ", ".join(h.handle for h in who.handles) if who else ""
        slide.notes = (
            f"Welcome! This is {recap.title}"
            + (f", from {event.name} ({event.dates}{', ' + event.place if event.place else ''})" if event else "")
            + "."
            + (
                f" I'm {who.name}"
                + (f", {who.role}" if who.role else "")
                + (f"; find me at {names}" if names else "")
                + "."
                if who
                else ""
            )
        )
        self.footer(slide)
        return slide

    def agenda_slides(self) -> list[Slide]:
        srcs: list[Src] = []
        for part in self.recap.all_parts:
            head = part.title + (f" · {part.date.isoformat()}" if part.date else "")
            srcs.append(Src((Run(head, "accent"),), "heading", space_before=0.4, keep_with_next=True))
            srcs.append(Src((Run("  ·  ".join(i.title for i in part.items)),), level=0))
        notes = (
            "Here is what I will cover: "
            + "; ".join(f"{p.title}: {', '.join(i.title for i in p.items)}" for p in self.recap.all_parts)
            + "."
        )
        return self.body_slides("agenda", self.labels["agenda"], srcs, notes, self.sizes.body)

    def body_slides(self, kind: str, title: str, srcs: list[Src], notes: str, top: float) -> list[Slide]:
        f = self.frame("content")
        assert f.body is not None
        slides = []
        for n, page in enumerate(self.paginate(srcs, f.body, top)):
            # Continued pages keep the size of the page before, so the type does not jump.
            top = slides[-1].body.paras[0].size if slides and slides[-1].body and slides[-1].body.paras else top
            name = title + (self.labels["cont"] if n else "")
            slide = Slide(kind, "content", self.title_box(name, f.title, self.sizes.title))
            slide.texts.append(self.text_box("body", page, f.body, top, "body"))
            slide.notes = notes if not n else f"{title}, continued. " + notes
            self.decorate(slide)
            self.footer(slide)
            slides.append(slide)
        return slides

    def section_slide(self, part) -> Slide:
        f = self.frame("section")
        assert f.body is not None
        title = self.title_box(part.title, f.title, self.sizes.title * 1.2, "on_accent")
        slide = Slide("section", "section", title)
        meta = " · ".join(
            p
            for p in (
                part.date.isoformat() if part.date else "",
                (self.labels["item"] if len(part.items) == 1 else self.labels["items"].format(n=len(part.items))),
            )
            if p
        )
        srcs = [Src((Run(meta, "on_accent"),), "heading")]
        if part.intro:
            srcs.append(Src((Run(part.intro, "on_accent"),), space_before=0.4))
        slide.texts.append(self.text_box("body", srcs, f.body, self.sizes.subtitle, "body"))
        slide.shapes.append(Shape(Rect(0, 0, self.geo.width, self.geo.height), "accent"))
        slide.shapes.append(Shape(Rect(f.title.x, f.title.bottom + 4, 96, 6), "on_accent"))
        slide.notes = (
            f"{part.title}"
            + (f", {part.date.isoformat()}" if part.date else "")
            + ". "
            + (part.intro or "")
            + (" Items: " + ", ".join(i.title for i in part.items) + ".")
        )
        self.footer(slide, on_accent=True)
        return slide

    def item_slides(self, item: Item) -> list[Slide]:
        has_image = item.image is not None and "picture" in self.geo.frames and self.frame("picture").aside is not None
        f = self.frame("picture" if has_image else "content")
        assert f.body is not None
        icon = choose(item, self.theme.icons.default)
        srcs: list[Src] = []
        if item.summary:
            srcs.append(Src((Run(item.summary, "accent"),)))
        srcs.extend(_takeaway_srcs(item.takeaways, space=0.35 if srcs else 0.0))
        body = f.body
        links_box = None
        if item.links:
            runs = _link_runs(item.links)
            links_src = [Src(runs)]
            laid = self._laid(links_src, body.w, self.floor)
            h = laid.height
            links_box = self.text_box(
                "links", links_src, Rect(body.x, body.bottom - h, body.w, h), self.floor, low=self.floor
            )
            body = Rect(body.x, body.y, body.w, body.h - h - 10)
        pages = self.paginate(srcs, body, self.sizes.body) if srcs else [[]]
        notes = item.notes or _script(item)
        slides: list[Slide] = []
        for n, page in enumerate(pages):
            size = self.sizes.body
            if slides and slides[-1].body and slides[-1].body.paras:
                size = max(p.size for p in slides[-1].body.paras if p.level == 0)
            title_text = item.title + (self.labels["cont"] if n else "")
            tbox = f.title
            icon_size = min(56.0, tbox.h)
            tbox = Rect(tbox.x, tbox.y, tbox.w - icon_size - 16, tbox.h)
            slide = Slide(
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
            slide.notes = notes if n == 0 else f"{item.title}, continued."
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

    def takeaway_slides(self) -> list[Slide]:
        recap = self.recap
        takeaways = recap.key_takeaways or [Takeaway(text=i.summary or i.title) for i in recap.all_items]
        srcs = _takeaway_srcs(takeaways)
        notes = "To sum up: " + " ".join(_end(t.text) for t in takeaways)
        return self.body_slides("takeaways", self.labels["takeaways"], srcs, notes, self.sizes.body)

    def resource_slides(self) -> list[Slide]:
        srcs: list[Src] = []
        groups: list[tuple[str, list[Link]]] = [(i.title, list(i.links)) for i in self.recap.all_items if i.links]
        more = list(self.recap.resources) + ([self.recap.source] if self.recap.source else [])
        if more:
            groups.append((self.labels["more"], more))
        for title, links in groups:
            space = 0.35 if srcs else 0.0  # less than the usual half line: two columns of links must fit on a slide
            srcs.append(Src((Run(title, "accent"),), "heading", space_before=space, keep_with_next=True))
            for link in links:
                srcs.append(
                    Src(
                        (Run(link.text, "accent2", link.url), Run(" "), Run(display_host(link.url), "muted", link.url)),
                        bullet=True,
                    )
                )
        notes = "Every link from this talk is on these slides, grouped by topic, and all of them are clickable."
        return self.column_slides("resources", self.labels["resources"], srcs, notes, self.sizes.subtitle)

    def column_slides(
        self, kind: str, title: str, srcs: list[Src], notes: str, top: float, gap: float = 24.0
    ) -> list[Slide]:
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
        slides: list[Slide] = []
        for n in range(0, len(columns), 2):
            pair = columns[n : n + 2]
            # Both columns at one size, and never larger than the slide before, so the type does not jump.
            sizes = [laid.size for laid in (self.fit(c, left, top) for c in pair) if laid is not None]
            size = min(sizes, default=self.floor)
            top = size
            name = title + (self.labels["cont"] if n else "")
            slide = Slide(kind, "content", self.title_box(name, f.title, self.sizes.title))
            slide.texts.append(self.text_box("body", pair[0], left, size, "body"))
            if len(pair) > 1:
                slide.texts.append(self.text_box("column", pair[1], right, size))
            slide.notes = notes if not n else f"{title}, continued. " + notes
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

    def closing_slide(self) -> Slide:
        recap, lab = self.recap, self.labels
        role = "closing" if "closing" in self.geo.frames else "content"
        f = self.frame(role)
        assert f.body is not None
        slide = Slide("closing", role, self.title_box(lab["thanks"], f.title, self.sizes.title * 1.2))
        srcs: list[Src] = []
        if recap.closing:
            srcs.append(Src((Run(recap.closing),)))
        who = recap.presenter
        if who:
            srcs.append(Src((Run(who.name, "accent"),), "heading", space_before=0.6))
            if who.handles:
                srcs.append(Src(_handle_runs(who.handles)))
        where: list[Link] = []
        if recap.event and recap.event.url:
            where.append(Link(url=recap.event.url, label=f"{lab['event']}: {display_url(recap.event.url)}"))
        if recap.source:
            where.append(Link(url=recap.source.url, label=f"{lab['source']}: {recap.source.text}"))
        if where:
            srcs.append(Src((Run(lab["slides"], "muted"),), "heading", space_before=0.6, keep_with_next=True))
            srcs.extend(Src((Run(link.text, "accent2", link.url),)) for link in where)
        slide.texts.append(self.text_box("body", srcs, f.body, self.sizes.subtitle, "body"))
        self.decorate(slide)
        self.footer(slide)
        handles = ", ".join(f"{h.handle} on {h.network}" for h in who.handles) if who else ""
        slide.notes = (
            (recap.closing or lab["thanks"])
            + (f" You can find me as {handles}." if handles else "")
            + (
                f" The slides and links are at {recap.source.url if recap.source else recap.event.url}."
                if where and (recap.source or recap.event)
                else ""
            )  # type: ignore[union-attr]
        )
        return slide


def build_plan(
    recap: Recap,
    theme: Theme,
    geometry: Geometry | None = None,
    image_size: Callable[[Path], tuple[int, int]] = _image_size,
) -> Deck:
    """The deck plan for `recap` in `theme` on `geometry` (the default 16:9 template's when None)."""
    deck = Planner(recap, theme, geometry or default_geometry(), image_size).plan()
    deck.warnings.extend(
        f"{dotted(where)}: no font of theme '{theme.name}' has {describe_char(ch)}; it shows as a box on the slide"
        for where, ch in missing_glyphs(recap, theme)
    )
    return deck


# ---------- helpers ----------


def display_url(url: str, limit: int = 60) -> str:
    """A URL shortened for display only (the link keeps the whole address)."""
    short = url.split("://", 1)[-1]
    short = short.removeprefix("www.").rstrip("/")
    if len(short) > limit:
        short = short[: limit - 16] + "…" + short[-15:]
    return short


def display_host(url: str) -> str:
    """Only the site of a URL, for a list of links in a column: the link keeps the whole address, and the name
    of the site says where it goes while keeping the entry to one line."""
    return display_url(url).split("/", 1)[0]


def _end(text: str) -> str:
    return text if text[-1:] in ".!?。！？" else text + "."


def _script(item: Item) -> str:
    """Speaker notes written from the item when the content has none."""
    parts = [_end(item.summary or item.title)]
    if item.takeaways:
        parts.append("Key points: " + "; ".join(t.text for t in item.takeaways) + ".")
    if item.links:
        parts.append("Links: " + "; ".join(f"{link.text} ({link.url})" for link in item.links) + ".")
    return " ".join(parts)


def _takeaway_srcs(takeaways: Sequence[Takeaway], space: float = 0.0) -> list[Src]:
    srcs = []
    for n, t in enumerate(takeaways):
        srcs.append(
            Src((Run(t.text),), bullet=True, space_before=space if n == 0 else 0.3, keep_with_next=bool(t.points))
        )
        srcs.extend(Src((Run(p, "muted"),), level=1, bullet=True, scale=0.85) for p in t.points)
    return srcs


def _linked_runs(pieces: Sequence[tuple[str, str | None]], separator: str) -> tuple[Run, ...]:
    """Linked texts in the link colour, joined by a muted separator."""
    runs: list[Run] = []
    for n, (text, url) in enumerate(pieces):
        if n:
            runs.append(Run(separator, "muted"))
        runs.append(Run(text, "accent2", url))
    return tuple(runs)


def _link_runs(links: Sequence[Link]) -> tuple[Run, ...]:
    return _linked_runs([(f"▸ {link.text}", link.url) for link in links], "   ·   ")


def _handle_runs(handles: Sequence[Handle]) -> tuple[Run, ...]:
    return _linked_runs([(f"{h.handle} ({h.network})", h.url) for h in handles], "  ·  ")


def _indent(src: Src) -> float:
    """The paragraph's left margin in ems: room for a bullet, and more for each level."""
    return (1.1 if src.bullet else 0.0) + 1.2 * src.level


@lru_cache(maxsize=4096)
def _script_changes(text: str) -> int:
    """How often `text` switches between East Asian wide characters and Latin letters or digits."""
    changes, last = 0, None
    for ch in text:
        if ch.isspace():
            continue
        wide = is_wide(ch)
        if not wide and not ch.isalnum():
            continue
        if last is not None and wide != last:
            changes += 1
        last = wide
    return changes


def _offset_after_lines(text: str, lines: Sequence[str]) -> int:
    """The index in `text` just after the given leading lines (and the spaces after them)."""
    pos = 0
    for line in lines:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        pos += len(line)
    return pos


def _soft_breaks(runs: tuple[Run, ...], lines: Sequence[str]) -> tuple[Run, ...]:
    """Runs with a zero-width space where the engine broke inside a word (a URL), so clients break there too."""
    text = "".join(r.text for r in runs)
    cuts = []
    pos = 0
    for line in lines[:-1]:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        pos += len(line)
        if 0 < pos < len(text):
            a, b = text[pos - 1], text[pos]
            if not (a.isspace() or b.isspace() or is_wide(a) or is_wide(b) or a in "-\u2010\u2013\u2014/"):
                cuts.append(pos)
    if not cuts:
        return runs
    out, start = [], 0
    for run in runs:
        end = start + len(run.text)
        inner = [c - start for c in cuts if start < c <= end and c != end] + [
            c - start for c in cuts if c == end and c == start
        ]
        t = run.text
        for c in sorted(inner, reverse=True):
            t = t[:c] + ZWSP + t[c:]
        out.append(replace(run, text=t))
        start = end
    return tuple(out)


def _slice_runs(runs: Sequence[Run], a: int, b: int) -> tuple[Run, ...]:
    out, start = [], 0
    for run in runs:
        end = start + len(run.text)
        lo, hi = max(a, start), min(b, end)
        if lo < hi:
            out.append(replace(run, text=run.text[lo - start : hi - start]))
        start = end
    return tuple(out) or (Run(""),)


def _lstrip_runs(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    if runs and runs[0].text[:1].isspace():
        return (replace(runs[0], text=runs[0].text.lstrip()), *runs[1:])
    return runs
