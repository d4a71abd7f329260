"""Write a deck plan into a .pptx: placeholders of named layouts, explicit sizes and line pitch, same bytes."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from decks.layout.deck import ZWSP, Deck, Para, Slide, TextBox, build_plan
from decks.model import Recap
from decks.renderers.pptx import oxml
from decks.renderers.pptx.images import icon_png, prepare
from decks.renderers.pptx.package import normalize_zip
from decks.renderers.pptx.template import BODIES, TITLES, resolve, template_path
from decks.text.fallback import FontStack
from decks.text.stacks import face_of, stacks_for
from decks.themes.model import Theme

BULLETS = ("•", "–")


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
        for n, slide in enumerate(deck.slides):
            self.slide(prs, resolved.layouts[slide.layout], slide, n + 1)
        ids = [int(s) for s in prs.slides._sldIdLst.xpath("./p:sldId/@id")]
        oxml.sections(prs.part._element, deck.sections, ids)
        self.core(prs, deck)
        buffer = io.BytesIO()
        prs.save(buffer)
        return normalize_zip(buffer.getvalue())

    def core(self, prs: Any, deck: Deck) -> None:
        props = prs.core_properties
        props.title = self.recap.title
        props.author = self.recap.presenter.name if self.recap.presenter else "recap"
        props.last_modified_by = "recap"
        props.subject = self.recap.event_name
        props.language = self.recap.language
        props.created = props.modified = fixed_date()
        props.last_printed = None if False else fixed_date()
        props.revision = 1
        del deck

    def slide(self, prs: Any, layout: Any, plan: Slide, number: int) -> None:
        slide = prs.slides.add_slide(layout)
        # The theme's background on every slide: a template's master may be white under chalk-white text.
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = _rgb(self.palette["background"])
        tree = slide.shapes._spTree
        for shape in plan.shapes:
            sp = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(oxml.emu(v) for v in _xywh(shape.box)))
            sp.fill.solid()
            sp.fill.fore_color.rgb = _rgb(self.palette[shape.color])
            sp.line.fill.background()
            sp.shadow.inherit = False
            sp.name = f"Accent {shape.color}"
            # Decorations sit under everything else (after nvGrpSpPr and grpSpPr).
            tree.remove(sp._element)
            tree.insert(2 + plan.shapes.index(shape), sp._element)
        placeholders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        title_ph = next((ph for ph in placeholders.values() if ph.placeholder_format.type in TITLES), None)
        body_ph = next((ph for idx, ph in sorted(placeholders.items()) if ph.placeholder_format.type in BODIES), None)
        used = set()
        for box in [plan.title, *plan.texts]:
            target = title_ph if box.placeholder == "title" else body_ph if box.placeholder == "body" else None
            if target is None:
                if box.placeholder:
                    self._warn_once(f"layout '{layout.name}' has no {box.placeholder} placeholder; used a text box")
                target = slide.shapes.add_textbox(*(oxml.emu(v) for v in _xywh(box.box)))
                target.name = f"{box.role.capitalize()} text"
            else:
                used.add(target.placeholder_format.idx)
                target.left, target.top, target.width, target.height = (oxml.emu(v) for v in _xywh(box.box))
            self.text(slide, target, box, number)
        for idx, ph in placeholders.items():
            if idx not in used:
                oxml.remove(ph._element)
        for pic in plan.pictures:
            if pic.icon is not None:
                data, ext = icon_png(pic.icon.font, pic.icon.char, self.palette["accent"]), "png"
                name = f"Icon {pic.icon.name}"
            else:
                assert pic.path is not None
                data, ext = prepare(Path(pic.path), pic.display)
                name = f"Picture {Path(pic.path).stem}"
            shape = slide.shapes.add_picture(io.BytesIO(data), *(oxml.emu(v) for v in _xywh(pic.box)))
            shape.name = name
            oxml.set_descr(shape._element, pic.alt)
            del ext
        slide.notes_slide.notes_text_frame.text = plan.notes

    def _warn_once(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def text(self, slide: Any, shape: Any, box: TextBox, number: int) -> None:
        tx = shape.text_frame._txBody
        oxml.body_pr(tx, box.anchor)
        oxml.clear_paragraphs(tx)
        if not box.paras:
            oxml.end_paragraph(
                oxml.paragraph(
                    tx,
                    level=0,
                    size=self.theme.sizes.slides.body,
                    pitch=self.theme.sizes.slides.body * 1.2,
                    space_before=0,
                    indent=0,
                    bullet=None,
                    bullet_color="#000000",
                    align="l",
                ),
                self.theme.sizes.slides.body,
                self.lang,
            )
            return
        for n, para in enumerate(box.paras):
            self.paragraph(slide, tx, para, n, number)

    def paragraph(self, slide: Any, tx: Any, para: Para, n: int, number: int) -> None:
        p = oxml.paragraph(
            tx,
            level=para.level,
            size=para.size,
            pitch=para.pitch,
            space_before=para.space_before if n else 0.0,
            indent=para.indent,
            bullet=BULLETS[min(para.level, 1)] if para.bullet else None,
            bullet_color=self.palette["accent"],
            align={"l": "l", "r": "r", "c": "ctr"}[para.align],
        )
        stack = self.stacks[para.font]
        for run in para.runs:
            rid = slide.part.relate_to(run.link, RT.HYPERLINK, is_external=True) if run.link else None
            if run.field == "slidenum":
                oxml.run(
                    p,
                    str(number),
                    size=para.size,
                    color=self.palette[run.color],
                    latin=stack.primary.family,
                    ea=self.ea,
                    cs=stack.primary.family,
                    lang=self.lang,
                    bold=False,
                    field="slidenum",
                )
                continue
            for family, text in _segments(stack, run.text):
                oxml.run(
                    p,
                    text,
                    size=para.size,
                    color=self.palette[run.color],
                    latin=family,
                    ea=self.ea,
                    cs=stack.primary.family,
                    lang=self.lang,
                    bold=para.font == "heading",
                    link_rid=rid,
                )
        oxml.end_paragraph(p, para.size, self.lang)


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


def _rgb(color: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(color.lstrip("#"))


def write_pptx(recap: Recap, theme: Theme) -> tuple[bytes, list[str]]:
    """The .pptx bytes for `recap` in `theme`, and warnings."""
    writer = Writer(recap, theme)
    data = writer.write()
    return data, writer.warnings
