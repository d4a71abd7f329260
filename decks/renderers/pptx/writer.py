"""Write a deck plan into a .pptx: placeholders of named layouts, explicit sizes and line pitch, same bytes."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import os
import re
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.slide import CT_Slide
from pptx.parts.image import ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart

from decks.layout.deck import ZWSP, Para, Picture, Slide, TextBox, build_plan
from decks.model import Recap
from decks.renderers.pptx import oxml
from decks.renderers.pptx.images import icon_png, icon_px, prepare
from decks.renderers.pptx.package import package_bytes
from decks.renderers.pptx.template import BODIES, TITLES, resolve, template_path
from decks.text.fallback import FontStack
from decks.text.stacks import face_of, stacks_for
from decks.themes.model import Theme

BULLETS = ("•", "–")
Slot = tuple[str, dict[str, str], int]  # a layout placeholder: name, <p:ph> attributes, order in the layout


def fixed_date() -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else 2019-01-01."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime(2019, 1, 1)


class Writer:
    def __init__(self, recap: Recap, theme: Theme) -> None:
        self.recap, self.theme = recap, theme
        self.palette = theme.palette.model_dump()
        stacks = stacks_for(theme)
        self.stacks = {"heading": stacks.heading, "body": stacks.body}
        cjk = face_of(theme.fonts.cjk)
        self.ea = cjk.family if cjk else stacks.body.primary.family
        self.lang = recap.language
        self.warnings: list[str] = []
        # Image parts by what they show, so an icon used on many slides is one part of the package.
        self._images: dict[Any, Any] = {}
        self._partnames: set[str] = set()
        self._notes_proto: Any = None

    def write(self) -> bytes:
        path = template_path(self.theme)
        if path is not None and not path.is_file():
            from decks.errors import OutputError, Problem

            raise OutputError([Problem(str(path), "template not found", "check slides.template in the theme")])
        prs = Presentation(str(path) if path else None)
        resolved = resolve(prs, path.name if path else "python-pptx default")
        self.warnings.extend(resolved.warnings)
        oxml.set_link_colors(prs.slide_master.part, self.palette["accent2"])
        deck = build_plan(self.recap, self.theme, resolved.geometry)
        self._partnames = {str(part.partname) for part in prs.part.package.iter_parts()}
        slots = {role: _slots(layout) for role, layout in resolved.layouts.items()}
        for n, slide in enumerate(deck.slides):
            self.slide(prs, resolved.layouts[slide.layout], slots[slide.layout], slide, n + 1)
        ids = [int(s) for s in prs.slides._sldIdLst.xpath("./p:sldId/@id")]
        oxml.sections(prs.part._element, deck.sections, ids)
        self.core(prs)
        return package_bytes(prs.part.package)

    def core(self, prs: Any) -> None:
        props = prs.core_properties
        props.title = self.recap.title
        props.author = self.recap.presenter.name if self.recap.presenter else "recap"
        props.last_modified_by = "recap"
        props.subject = self.recap.event_name
        props.language = self.recap.language
        props.created = props.modified = props.last_printed = fixed_date()
        props.revision = 1

    def _partname(self, pattern: str) -> PackURI:
        """The first unused partname of the pattern (python-pptx's next_partname walks every part each time)."""
        n = 1
        while pattern % n in self._partnames:
            n += 1
        self._partnames.add(pattern % n)
        return PackURI(pattern % n)

    def slide(
        self, prs: Any, layout: Any, slots: dict[str, tuple[str, dict[str, str]]], plan: Slide, number: int
    ) -> None:
        """One slide part, its XML composed in one go; placeholders are those of the layout the plan fills."""
        pres = prs.part
        part = SlidePart(self._partname("/ppt/slides/slide%d.xml"), CT.PML_SLIDE, pres.package, CT_Slide.new())
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        shapes: list[str] = []
        ids = iter(range(2, 10_000))
        # Decorations first: they sit under everything else.
        for shape in plan.shapes:
            shapes.append(oxml.rect(next(ids), f"Accent {shape.color}", _xywh(shape.box), self.palette[shape.color]))
        placed, boxes = [], []
        for box in [plan.title, *plan.texts]:
            slot = slots.get(box.placeholder) if box.placeholder else None
            if box.placeholder and slot is None:
                self._warn_once(f"layout '{layout.name}' has no {box.placeholder} placeholder; used a text box")
            (placed if slot else boxes).append((box, slot))
        # Placeholders in the layout's order (title, then body), then added text boxes in the plan's order.
        for box, slot in sorted(placed, key=lambda b: b[1][2]) + boxes:
            body = self.text(part, box, number)
            if slot:
                shapes.append(oxml.text_shape(next(ids), slot[0], _xywh(box.box), body, slot[1]))
            else:
                shapes.append(oxml.text_shape(next(ids), f"{box.role.capitalize()} text", _xywh(box.box), body))
        for pic in plan.pictures:
            image = self.image_part(pres.package, pic)
            name = f"Icon {pic.icon.name}" if pic.icon is not None else f"Picture {Path(str(pic.path)).stem}"
            shapes.append(oxml.picture(next(ids), name, pic.alt, part.relate_to(image, RT.IMAGE), _xywh(pic.box)))
        part._element = parse_xml(oxml.slide(self.palette["background"], shapes))
        prs.slides._sldIdLst.add_sldId(pres.relate_to(part, RT.SLIDE))
        self.notes(pres, part, plan.notes)

    def image_part(self, package: Any, pic: Picture) -> Any:
        """The package's part for a picture: an icon drawn once per icon and colour, an image file made safe."""
        if pic.icon is not None:
            key: Any = (pic.icon.font, pic.icon.char, self.palette["accent"], icon_px(max(pic.display)))
            if key not in self._images:
                self._images[key] = self._add_image(package, icon_png(*key), "png")
            return self._images[key]
        assert pic.path is not None
        # The same file shown at the same size (an image reused across items) is prepared once.
        shown = (Path(pic.path), pic.display)
        if shown not in self._images:
            data, ext = prepare(*shown)
            key = hashlib.sha1(data).digest()
            if key not in self._images:
                self._images[key] = self._add_image(package, data, ext)
            self._images[shown] = self._images[key]
        return self._images[shown]

    def _add_image(self, package: Any, data: bytes, ext: str) -> Any:
        content_type = {"png": CT.PNG, "jpg": CT.JPEG, "gif": CT.GIF}[ext]
        return ImagePart(self._partname(f"/ppt/media/image%d.{ext}"), content_type, package, data)

    def notes(self, pres: Any, slide_part: Any, text: str) -> None:
        """The slide's notes page: python-pptx clones the notes master's placeholders for the first one, and
        the rest are copies of it with their own text (cloning walks the master's tree every time)."""
        if self._notes_proto is None:
            notes_part = NotesSlidePart.new(pres.package, slide_part)
            slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
            self._notes_proto = copy.deepcopy(notes_part._element)
            master = notes_part.part_related_by(RT.NOTES_MASTER)
            self._notes_master = master
            self._partnames.add(str(notes_part.partname))
        else:
            element = copy.deepcopy(self._notes_proto)
            name = self._partname("/ppt/notesSlides/notesSlide%d.xml")
            notes_part = NotesSlidePart(name, CT.PML_NOTES_SLIDE, pres.package, element)
            notes_part.relate_to(self._notes_master, RT.NOTES_MASTER)
            notes_part.relate_to(slide_part, RT.SLIDE)
            slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
        body = notes_part.notes_slide.notes_placeholder
        if body is not None:
            oxml.notes_text(body.text_frame._txBody, text)

    def _warn_once(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def text(self, part: Any, box: TextBox, number: int) -> str:
        """The `<p:txBody>` of a text box (relating its links to `part`)."""
        if not box.paras:
            size = self.theme.sizes.slides.body
            empty = oxml.paragraph(
                (),
                level=0,
                size=size,
                pitch=size * 1.2,
                space_before=0,
                indent=0,
                bullet=None,
                bullet_color="#000000",
                align="l",
                lang=self.lang,
            )
            return oxml.text_body(box.anchor, [empty])
        return oxml.text_body(box.anchor, [self.paragraph(part, para, n, number) for n, para in enumerate(box.paras)])

    def paragraph(self, part: Any, para: Para, n: int, number: int) -> str:
        stack = self.stacks[para.font]
        runs: list[str] = []
        for run in para.runs:
            color = self.palette[run.color]
            if run.field == "slidenum":
                runs.append(
                    oxml.run(
                        str(number),
                        size=para.size,
                        color=color,
                        latin=stack.primary.family,
                        ea=self.ea,
                        cs=stack.primary.family,
                        lang=self.lang,
                        bold=False,
                        field="slidenum",
                    )
                )
                continue
            rid = part.relate_to(run.link, RT.HYPERLINK, is_external=True) if run.link else None
            for family, text in (seg for piece in _pieces(run.text, rid) for seg in _segments(stack, piece)):
                runs.append(
                    oxml.run(
                        text,
                        size=para.size,
                        color=color,
                        latin=family,
                        ea=self.ea,
                        cs=stack.primary.family,
                        lang=self.lang,
                        bold=para.font == "heading",
                        link_rid=rid,
                    )
                )
        return oxml.paragraph(
            runs,
            level=para.level,
            size=para.size,
            pitch=para.pitch,
            space_before=para.space_before if n else 0.0,
            indent=para.indent,
            bullet=BULLETS[min(para.level, 1)] if para.bullet else None,
            bullet_color=self.palette["accent"],
            align={"l": "l", "r": "r", "c": "ctr"}[para.align],
            lang=self.lang,
        )


def _slots(layout: Any) -> dict[str, Slot]:
    """The layout's title and body placeholders: name, `<p:ph>` attributes to copy, and order in the layout."""
    slots: dict[str, Slot] = {}
    body: tuple[int, str, dict[str, str], int] | None = None
    for order, ph in enumerate(layout.iter_cloneable_placeholders()):
        el = ph._element
        attrs = {k: v for k, v in el.ph.attrib.items() if k in ("type", "orient", "sz", "idx")}
        kind = ph.placeholder_format.type
        if kind in TITLES and "title" not in slots:
            slots["title"] = (ph.name, attrs, order)
        elif kind in BODIES:
            idx = ph.placeholder_format.idx
            if body is None or idx < body[0]:
                body = (idx, ph.name, attrs, order)
    if body is not None:
        slots["body"] = body[1:]
    return slots


_WORD_END = re.compile(r"(?<=[\s\u200b])(?=[^\s\u200b])")


def _pieces(text: str, link: str | None) -> list[str]:
    """A linked run cut after each space and zero-width space: LibreOffice makes each linked run one field,
    which it never breaks between words (a link longer than the line is cut mid-word), so each word is a run
    of its own, and the lines break where the engine measured them."""
    return _WORD_END.split(text) if link else [text]


def _segments(stack: FontStack, text: str) -> list[tuple[str, str]]:
    """`text` cut into runs by the family that draws each character, as the engine measured it (a ZWSP, or a
    character no face has, joins the run before)."""
    out: list[tuple[str, str]] = []
    for ch in text:
        face = None if ch == ZWSP else stack.face_for(ch)
        family = face.family if face else (out[-1][0] if out else stack.primary.family)
        if out and out[-1][0] == family:
            out[-1] = (family, out[-1][1] + ch)
        else:
            out.append((family, ch))
    return out


def _xywh(box: Any) -> tuple[float, float, float, float]:
    return (box.x, box.y, box.w, box.h)


def write_pptx(recap: Recap, theme: Theme) -> tuple[bytes, list[str]]:
    """The .pptx bytes for `recap` in `theme`, and warnings."""
    writer = Writer(recap, theme)
    data = writer.write()
    return data, writer.warnings
