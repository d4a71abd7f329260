"""Write a deck plan into a .pptx package: the template's parts as they are, and slides, notes, pictures,
presentation and properties composed as text (python-pptx is not imported: it cost more than the deck).

The plan decides every box, size, line pitch and run (each run already names the face that draws it); this
module only translates it into PresentationML on the layouts the plan names: the parts and their rels here, each
text box's body in text.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Hashable
from pathlib import Path

from decks.assets import assets_dir
from decks.gcpause import paused_gc
from decks.i18n import right_to_left
from decks.opc import (
    CT_APP,
    CT_CORE,
    CT_NOTES_MASTER,
    CT_NOTES_SLIDE,
    CT_PRESENTATION,
    CT_SLIDE,
    CT_THEME,
    RT_APP,
    RT_CORE,
    RT_IMAGE,
    RT_NOTES_MASTER,
    RT_NOTES_SLIDE,
    RT_OFFICE_DOCUMENT,
    RT_SLIDE,
    RT_SLIDE_LAYOUT,
    RT_THEME,
    TITLES,
    Rel,
    parse,
    rels_name,
)
from decks.plan.deck.plan import Deck, Layout, Picture, Slide, TextBox
from decks.plan.geometry import Rect
from decks.plan.template import BODIES, LATENT, placeholders
from decks.readers.template import TemplatePackage, read_template
from decks.renderers.base import made_by
from decks.renderers.pptx import oxml, presentation_xml
from decks.renderers.pptx.embed import CT_FONTDATA, RT_FONT, embedding, lacking_here, lacking_warning
from decks.renderers.pptx.images import icon_png, icon_px, prepare, qr_png
from decks.renderers.pptx.package import Package, Rels
from decks.renderers.pptx.text import TextBodies
from decks.themes.model import Theme

Slot = tuple[str, dict[str, str], int]  # a layout placeholder: name, <p:ph> attributes, order in the layout
# Parts recap writes itself instead of copying the template's.
REPLACED = (RT_CORE, RT_APP, RT_OFFICE_DOCUMENT)
# The notes master python-pptx adds to a deck, copied (with its theme) beside the templates.
NOTES_PLACEHOLDERS = {
    "sldImg": "Slide Image Placeholder",
    "body": "Notes Placeholder",
    "sldNum": "Slide Number Placeholder",
}
MEDIA = {"png": ("png", "image/png"), "jpg": ("jpeg", "image/jpeg"), "gif": ("gif", "image/gif")}


def fixed_date() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else 2019-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime(2019, 1, 1)


class Writer:
    """One deck: the plan laid on the template's layouts, written part by part into a `Package`."""

    def __init__(self, deck: Deck, theme: Theme, embed: str = "auto", whole: bool = False) -> None:
        self.deck, self.theme = deck, theme
        self.embed, self.whole = embed, whole
        self.palette = theme.palette.model_dump()
        self.texts = TextBodies(deck, theme, self.palette)
        self.warnings: list[str] = []
        # Image parts by what they show, so an icon used on many slides is one part of the package.
        self._images: dict[Hashable, str] = {}  # a picture by what it is made from (QR, icon, file, bytes)
        self._partnames: set[str] = set()
        self._counters: dict[str, int] = {}
        self._notes_template: dict[str, bytes] = {}
        self._notes: dict[str, bytes] = {}  # a notes slide's XML by its text (the placeholders are the deck's)
        self.package = Package()
        # Text boxes beside a body placeholder wear the body's colour (the template's, however it gives it).
        # (A deck in the theme's palette colours every run itself.)
        self.box_color = deck.template.body_color if deck.template and not deck.colors else None

    def write(self) -> bytes:
        """The deck's package bytes: template parts, notes master, slides and notes, presentation, properties."""
        deck = self.deck
        if deck.template is None:
            raise ValueError("the deck plan names no template: build it with decks.plan.deck_plan")
        tpl = read_template(deck.template.path)
        layouts = deck.template.layouts
        # The presentation's own rels, less the template's slides (recap's replace them).
        pres_rels = Rels(tpl.main, [r for r in tpl.rels(tpl.main) if r.reltype != RT_SLIDE])
        core, app = self.copy_template(tpl, deck.template.master, pres_rels)
        notes_master, notes_slots = self.notes_master(pres_rels)
        slots = {role: _slots(layout) for role, layout in layouts.items()}
        slides: list[tuple[int, str]] = []
        for n, slide in enumerate(deck.slides, 1):
            name = self.slide(layouts[slide.layout], slots[slide.layout], slide, n, notes_master, notes_slots)
            slides.append((255 + n, pres_rels.add(RT_SLIDE, name)))
        # A template's notes master keeps its rId; python-pptx wrote no `<p:notesMasterIdLst>` for it, so recap does.
        nm_rid = pres_rels.add(RT_NOTES_MASTER, notes_master)
        for reltype, partname, content_type, xml in presentation_xml.presentation_parts():
            if not any(r.reltype == reltype for r in pres_rels.items):  # what a template saved elsewhere lacks
                name = partname if partname not in self._partnames else self._partname(partname[:-4] + "%d.xml")
                self._partnames.add(name)
                self.package.add(name, content_type, xml.encode("utf-8"))
                pres_rels.add(reltype, name)
        fonts = self.embed_fonts(pres_rels)
        presentation = presentation_xml.presentation(
            tpl.blobs[tpl.main], slides, nm_rid, deck.sections, fonts, subset=not self.whole
        )
        self.package.set(tpl.main, presentation)
        self.package.set_rels(tpl.main, pres_rels.xml())
        self.properties(tpl, core, app, len(slides), deck.width / deck.height)
        return self.package.zip_bytes()

    def copy_template(self, tpl: TemplatePackage, master: str, pres_rels: Rels) -> tuple[str, str]:
        """Add the template's parts that the presentation's kept rels (or the package's: a thumbnail) reach, in
        the template zip's order and as they are, but for the master's theme, which gets the palette's link
        colour (or a stand-in for the template's own that reads). Returns the core and app properties'
        partnames, which recap writes anew."""
        extra = [r for r in tpl.rels("/") if r.reltype not in REPLACED and not r.external]
        keep = self._reachable(tpl, [r for r in pres_rels.items if not r.external] + extra)
        core = next((r.target for r in tpl.rels("/") if r.reltype == RT_CORE), "/docProps/core.xml")
        app = next((r.target for r in tpl.rels("/") if r.reltype == RT_APP), "/docProps/app.xml")
        keep -= {tpl.main, core, app}
        self._partnames = {tpl.main, core, app, *keep}
        theme_part = next((r.target for r in tpl.rels(master) if r.reltype == RT_THEME), None)
        # A .potx's (or .ppsx's, .pptm's) main part is written as a plain presentation's: the deck is a .pptx.
        self.package.add(tpl.main, CT_PRESENTATION, b"")  # its place at the front; written last
        for name in (n for n in tpl.blobs if n in keep):
            blob = tpl.blobs[name]
            if name == theme_part:
                # The palette's link colour when the theme decides colours; else the template's, unless it does
                # not read on the template's background (decks.plan.template_colors.link_color).
                link = (
                    self.palette["accent2"]
                    if self.deck.colors
                    else self.deck.template and self.deck.template.link_color
                )
                if link:
                    blob = presentation_xml.set_link_colors(blob, link)
            if name == master and self.deck.template and self.deck.template.text_colors:
                blob = presentation_xml.set_text_styles(blob, self.deck.template.text_colors)
            self.package.add(name, tpl.content_type(name), blob, tpl.blobs.get(rels_name(name)))
        self._notes_template = {name: tpl.blobs[name] for name in keep}
        return core, app

    def embed_fonts(self, pres_rels: Rels) -> list[tuple[str, dict[str, str]]]:
        """The fonts embedded as `ppt/fonts/fontN.fntdata` parts (decks.renderers.pptx.embed): for each
        typeface, its rIds by style ("regular", "bold"), for `<p:embeddedFontLst>`."""

        embedded, warnings = embedding(self.deck, self.embed, self.whole)
        for warning in warnings:
            self._warn_once(warning)
        lacking = lacking_here(self.deck)
        if lacking:
            self._warn_once(lacking_warning(lacking, {f.family for f in embedded}))
        by_family: dict[str, dict[str, str]] = {}
        for font in embedded:
            name = self._partname("/ppt/fonts/font%d.fntdata")
            self.package.defaults["fntdata"] = CT_FONTDATA
            self.package.add(name, CT_FONTDATA, font.data)
            by_family.setdefault(font.family, {})["bold" if font.bold else "regular"] = pres_rels.add(RT_FONT, name)
        return sorted(by_family.items())

    def notes_master(self, pres_rels: Rels) -> tuple[str, list[tuple[str, dict[str, str]]]]:
        """The notes master's partname (the template's, else python-pptx's default added with its theme) and the
        placeholders each notes slide clones from it: name and `<p:ph>` attributes."""
        name = next((r.target for r in pres_rels.items if r.reltype == RT_NOTES_MASTER), None)
        if name is not None:
            xml = self._notes_template[name]
        else:
            name = self._partname("/ppt/notesMasters/notesMaster%d.xml")
            theme = self._partname("/ppt/theme/theme%d.xml")
            xml = (assets_dir() / "templates" / "notesMaster.xml").read_bytes()
            rels = Rels(name)
            rels.add(RT_THEME, theme)
            self.package.add(name, CT_NOTES_MASTER, xml, rels)
            self.package.add(theme, CT_THEME, (assets_dir() / "templates" / "notesMaster-theme.xml").read_bytes())
        cloned = (ph for ph in placeholders(parse(xml)) if ph.type in NOTES_PLACEHOLDERS)
        # Named as python-pptx names a cloned placeholder: its kind and its shape id (from 2) less one.
        return name, [(f"{NOTES_PLACEHOLDERS[ph.type]} {n}", _ph_attrs(ph.attrs)) for n, ph in enumerate(cloned, 1)]

    @staticmethod
    def _reachable(tpl: TemplatePackage, start: list[Rel]) -> set[str]:
        """Every template part the presentation's kept rels reach, following each part's own rels."""
        seen: set[str] = set()
        todo = [r.target for r in start]
        while todo:
            name = todo.pop()
            if name in seen or name not in tpl.blobs:
                continue
            seen.add(name)
            todo += [r.target for r in tpl.rels(name) if not r.external]
        return seen

    def properties(self, tpl: TemplatePackage, core: str, app: str, slides: int, ratio: float) -> None:
        """docProps/core.xml and app.xml, and the package rels: the template's, with recap's properties."""
        rels = Rels("/")
        rels.add(RT_OFFICE_DOCUMENT, tpl.main)
        rels.add(RT_CORE, core)
        rels.add(RT_APP, app)
        for rel in tpl.rels("/"):
            if rel.reltype not in REPLACED and not rel.external and rel.target in self.package:
                rels.add(rel.reltype, rel.target, rel.external)
        xml = presentation_xml.core_properties(
            title=self.deck.title,
            subject=self.deck.subject,
            creator=self.deck.author or "recap",
            language=self.deck.language,
            date=fixed_date().strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        self.package.add(core, CT_CORE, xml.encode("utf-8"))
        shape = "On-screen Show (4:3)" if abs(ratio - 4 / 3) < 0.01 else "On-screen Show (16:9)"
        shape = shape if min(abs(ratio - 4 / 3), abs(ratio - 16 / 9)) < 0.01 else "Custom"
        self.package.add(
            app,
            CT_APP,
            presentation_xml.app_properties(
                slides=slides, notes=slides, presentation_format=shape, application=made_by("pptx")
            ).encode("utf-8"),
        )
        self.package.set_rels("/", rels.xml())

    def _partname(self, pattern: str) -> str:
        """The first unused partname of the pattern (counting on from the last one it gave)."""
        n = self._counters.get(pattern, 1)
        while pattern % n in self._partnames:
            n += 1
        self._partnames.add(pattern % n)
        self._counters[pattern] = n + 1
        return pattern % n

    def slide(
        self,
        layout: Layout,
        slots: dict[str, Slot],
        plan: Slide,
        number: int,
        notes_master: str,
        notes_slots: list[tuple[str, dict[str, str]]],
    ) -> str:
        """One slide part and its notes part, their XML composed in one go; placeholders are those of the layout
        the plan fills. Returns the slide's partname."""
        name = self._partname("/ppt/slides/slide%d.xml")
        rels = Rels(name)
        rels.add(RT_SLIDE_LAYOUT, layout.partname)
        shapes: list[str] = []
        ids = iter(range(2, 10_000))
        # Decorations first: they sit under everything else.
        for shape in plan.shapes:
            shapes.append(
                oxml.rect(
                    next(ids),
                    f"Accent {shape.color}",
                    _xywh(shape.box),
                    self.palette[shape.color],
                    shape.kind,
                    shape.fill,
                    shape.stroke,
                )
            )
        placed: list[tuple[TextBox, Slot]] = []
        boxes: list[tuple[TextBox, Slot | None]] = []
        for box in [plan.title, *plan.texts]:
            slot = slots.get(box.placeholder) if box.placeholder else None
            if box.placeholder and slot is None:
                self._warn_once(f"layout '{layout.name}' has no {box.placeholder} placeholder; used a text box")
            if slot:
                placed.append((box, slot))
            else:
                boxes.append((box, slot))
        # Placeholders in the layout's order (title, then body), then added text boxes in the plan's order.
        for box, slot in sorted(placed, key=lambda b: b[1][2]) + boxes:
            body = self.texts.body(rels, box, number, None if slot else self.box_color)
            if slot:
                shapes.append(oxml.text_shape(next(ids), slot[0], _xywh(box.box), body, slot[1]))
            else:
                shapes.append(oxml.text_shape(next(ids), f"{box.role.capitalize()} text", _xywh(box.box), body))
        for pic in plan.pictures:
            image = self.image_part(pic)
            if pic.qr:
                label = "QR code"
            elif pic.icon is not None:
                label = f"Icon {pic.icon.name}"
            else:
                label = f"Picture {Path(str(pic.path)).stem}"
            shapes.append(oxml.picture(next(ids), label, pic.alt, rels.add(RT_IMAGE, image), _xywh(pic.box), pic.crop))
        notes = self._partname("/ppt/notesSlides/notesSlide%d.xml")
        rels.add(RT_NOTES_SLIDE, notes)
        self.package.add(name, CT_SLIDE, oxml.slide(self.deck.background, shapes).encode("utf-8"), rels)
        notes_rels = Rels(notes)
        notes_rels.add(RT_NOTES_MASTER, notes_master)
        notes_rels.add(RT_SLIDE, name)
        xml = self._notes.get(plan.notes)
        if xml is None:  # many slides' notes say the same (none, or a day's summary): one XML, deflated once
            rtl = right_to_left(self.deck.language or "")
            xml = self._notes[plan.notes] = oxml.notes_slide(notes_slots, plan.notes, rtl).encode("utf-8")
        self.package.add(notes, CT_NOTES_SLIDE, xml, notes_rels, repeats=True)
        return name

    def image_part(self, pic: Picture) -> str:
        """The package's part for a picture: an icon drawn once per icon and colour, an image file made safe."""
        if pic.qr:
            ink, paper = "#000000", "#FFFFFF"  # dark on light in every theme: phones read inverted codes badly
            qr = ("qr", pic.qr, ink, paper)
            if qr not in self._images:
                self._images[qr] = self._add_image(qr_png(pic.qr, ink, paper), "png")
            return self._images[qr]
        if pic.icon is not None:
            color = self.deck.icon_color or self.palette["accent"]
            icon = (pic.icon.font, pic.icon.char, color, icon_px(max(pic.display)))
            if icon not in self._images:
                self._images[icon] = self._add_image(icon_png(*icon), "png")
            return self._images[icon]
        assert pic.path is not None
        # The same file shown at the same size (an image reused across items) is prepared once.
        shown = (Path(pic.path), pic.display)
        if shown not in self._images:
            data, ext = prepare(*shown)
            digest = hashlib.sha1(data).digest()
            if digest not in self._images:
                self._images[digest] = self._add_image(data, ext)
            self._images[shown] = self._images[digest]
        return self._images[shown]

    def _add_image(self, data: bytes, ext: str) -> str:
        suffix, content_type = MEDIA[ext]
        name = self._partname(f"/ppt/media/image%d.{suffix}")
        self.package.add(name, content_type, data)
        return name

    def _warn_once(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def _slots(layout: Layout) -> dict[str, Slot]:
    """The layout's title and body placeholders: name, `<p:ph>` attributes to copy, and order among those a
    slide clones (python-pptx's `iter_cloneable_placeholders`: all but date, footer and slide number); then its
    date, footer and slide-number placeholders, which a slide shows only when it has its own copy of them."""
    slots: dict[str, Slot] = {}
    body: tuple[int, str, dict[str, str], int] | None = None
    for order, ph in enumerate(p for p in layout.placeholders if p.type not in LATENT):
        if ph.type in TITLES and "title" not in slots:
            slots["title"] = (ph.name, ph.attrs, order)
        elif ph.type in BODIES and (body is None or ph.idx < body[0]):
            body = (ph.idx, ph.name, ph.attrs, order)
    if body is not None:
        slots["body"] = body[1:]
    for order, ph in enumerate((p for p in layout.placeholders if p.type in LATENT), 1000):
        role = {"dt": "date", "ftr": "footer", "sldNum": "number"}[ph.type]
        slots.setdefault(role, (ph.name, ph.attrs, order))
    return slots


def _ph_attrs(attrs: dict[str, str]) -> dict[str, str]:
    """`<p:ph>` attributes less those at their schema default (type obj, orient horz, sz full, idx 0), in the
    order python-pptx writes them when it clones a placeholder."""
    defaults = {"type": "obj", "orient": "horz", "sz": "full", "idx": "0"}
    return {k: attrs[k] for k in ("type", "idx", "orient", "sz") if k in attrs and attrs[k] != defaults[k]}


def _xywh(box: Rect) -> tuple[float, float, float, float]:
    return (box.x, box.y, box.w, box.h)


def write_pptx(deck: Deck, theme: Theme, embed: str = "auto", whole: bool = False) -> tuple[bytes, list[str]]:
    """The .pptx bytes of the deck plan in `theme`, and warnings; `embed` says which fonts to embed ("auto",
    "all", "none"), `whole` embeds them whole instead of subset."""
    writer = Writer(deck, theme, embed, whole)
    with paused_gc():  # a part's XML is thousands of strings, and no cycles
        data = writer.write()
    return data, writer.warnings
