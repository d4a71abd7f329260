"""Raw DrawingML/PresentationML for the parts recap writes; each function names the element or part it makes.

Slides, notes and properties are composed as XML text and never parsed: python-pptx's object API re-walks the
tree on every property access, and importing it cost more than writing a whole deck. Only the template's
presentation and theme parts, which recap edits, go through lxml.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from lxml import etree

from decks.markup import esc
from decks.opc import NS_P14, QN_A, QN_P, QN_P14, QN_R, nsdecls, parse
from decks.plan.geometry import EMU_PER_PT

SECTION_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
NSDECLS = nsdecls("a", "p", "r")
XML_DECL = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def _a(tag: str) -> str:
    return QN_A + tag


def emu(points: float) -> int:
    return round(points * EMU_PER_PT)


@lru_cache(maxsize=4096)
def xfrm(x: float, y: float, w: float, h: float) -> str:
    """`<a:xfrm>` of a box given in points (a deck's boxes are a few dozen, on a thousand slides)."""
    return f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'


def slide(background: str | None, shapes: Iterable[str]) -> str:
    """The slide part's `<p:sld>`: a solid `<p:bg>` (none when `background` is None: the master's shows) and
    the shapes in z-order (the first is drawn first, underneath)."""
    bg = (
        f'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="{_hex(background)}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
        if background
        else ""
    )
    return (
        f"{XML_DECL}<p:sld {NSDECLS}><p:cSld>{bg}"
        '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
        + "".join(shapes)
        + "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    )


_GEOMETRY = {"rect": "rect", "round": "roundRect", "ellipse": "ellipse"}


def rect(
    shape_id: int,
    name: str,
    box: tuple[float, float, float, float],
    color: str,
    kind: str = "rect",
    fill: bool = True,
    stroke: float = 1.5,
) -> str:
    """A `<p:sp>` rectangle, rounded rectangle ("round") or ellipse, filled with no outline, or (`fill` False)
    only outlined `stroke` points wide; no shadow."""
    adj = '<a:gd name="adj" fmla="val 6000"/>' if kind == "round" else ""
    paint = (
        f'<a:solidFill><a:srgbClr val="{_hex(color)}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        if fill
        else f'<a:noFill/><a:ln w="{emu(stroke)}"><a:solidFill><a:srgbClr val="{_hex(color)}"/></a:solidFill></a:ln>'
    )
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{esc(name)}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr>{xfrm(*box)}<a:prstGeom prst="{_GEOMETRY.get(kind, "rect")}"><a:avLst>{adj}</a:avLst></a:prstGeom>'
        f"{paint}<a:effectLst/></p:spPr></p:sp>"
    )


def text_shape(
    shape_id: int,
    name: str,
    box: tuple[float, float, float, float],
    body: str,
    ph: dict[str, str] | None = None,
) -> str:
    """A `<p:sp>` carrying text: a placeholder when `ph` gives its `<p:ph>` attributes, else a text box."""
    nv, geometry = _text_shape_parts(name, None if ph is None else tuple(ph.items()))
    return f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" {nv}<p:spPr>{xfrm(*box)}{geometry}</p:spPr>{body}</p:sp>'


@lru_cache(maxsize=256)
def _text_shape_parts(name: str, ph: tuple[tuple[str, str], ...] | None) -> tuple[str, str]:
    """What `text_shape` writes after the shape's id up to its box, and after its box (a deck has few kinds)."""
    if ph is not None:
        attrs = "".join(f' {k}="{esc(v)}"' for k, v in ph)
        nv = f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph{attrs}/></p:nvPr>'
        geometry = ""  # a placeholder takes its geometry and fill from the layout
    else:
        nv = '<p:cNvSpPr txBox="1"/><p:nvPr/>'
        geometry = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
    return f'name="{esc(name)}"/>{nv}</p:nvSpPr>', geometry


def text_body(anchor: str, paragraphs: Iterable[str], color: str | None = None) -> str:
    """`<p:txBody>` whose `<a:bodyPr>` has zero insets, square wrap, the anchor and `<a:noAutofit/>` (PowerPoint
    must not shrink on open what recap measured to fit); its `<a:lstStyle>` gives every level `color` when set
    (a text box beside a body placeholder, on a template whose body colour the master's text styles lack)."""
    return _text_body_head(anchor, color) + "".join(paragraphs) + "</p:txBody>"


@lru_cache(maxsize=64)
def _text_body_head(anchor: str, color: str | None) -> str:
    levels = ""
    if color:
        fill = f'<a:defRPr><a:solidFill><a:srgbClr val="{_hex(color)}"/></a:solidFill></a:defRPr>'
        levels = "".join(f"<a:lvl{n}pPr>{fill}</a:lvl{n}pPr>" for n in range(1, 10))
    lst_style = f"<a:lstStyle>{levels}</a:lstStyle>" if levels else "<a:lstStyle/>"
    return (
        f'<p:txBody><a:bodyPr lIns="0" tIns="0" rIns="0" bIns="0" wrap="square" anchor="{anchor}" rtlCol="0">'
        f"<a:noAutofit/></a:bodyPr>{lst_style}"
    )


def paragraph(
    runs: Iterable[str],
    *,
    level: int,
    size: float,
    pitch: float,
    space_before: float,
    indent: float,
    bullet: str | None,
    bullet_color: str | None,
    align: str,
    lang: str,
    rtl: bool = False,
) -> str:
    """`<a:p>` with `<a:pPr>` (level, margin, hanging bullet or `<a:buNone/>`, exact `<a:lnSpc>`), the runs, and
    an `<a:endParaRPr>` of the paragraph's size, so an empty last line has the same height."""
    head = paragraph_head(level, size, pitch, space_before, indent, bullet, bullet_color, align, rtl)
    return head + "".join(runs) + paragraph_tail(lang, size)


# A deck's paragraphs come in a few dozen styles, and its runs in a few dozen properties, each written thousands
# of times: their XML is made once (`paragraph` and `run` are these pieces put together).
@lru_cache(maxsize=1024)
def paragraph_head(
    level: int,
    size: float,
    pitch: float,
    space_before: float,
    indent: float,
    bullet: str | None,
    bullet_color: str | None,
    align: str,
    rtl: bool,
) -> str:
    """The opening `<a:p>` and its `<a:pPr>`, as `paragraph` writes them."""
    hang = min(indent, 1.1 * size) if bullet else 0.0
    if bullet:
        clr = f'<a:buClr><a:srgbClr val="{_hex(bullet_color)}"/></a:buClr>' if bullet_color else ""
        bu = f'{clr}<a:buSzPct val="100000"/><a:buFont typeface="Arial"/><a:buChar char="{esc(bullet)}"/>'
    else:
        bu = "<a:buNone/>"
    direction = ' rtl="1"' if rtl else ""
    return (
        f'<a:p><a:pPr lvl="{level}" algn="{align}" marL="{emu(indent)}" indent="{-emu(hang)}"{direction}'
        ' hangingPunct="0">'
        f'<a:lnSpc><a:spcPts val="{round(pitch * 100)}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{round(space_before * 100)}"/></a:spcBef>'
        f'<a:spcAft><a:spcPts val="0"/></a:spcAft>{bu}</a:pPr>'
    )


@lru_cache(maxsize=256)
def paragraph_tail(lang: str, size: float) -> str:
    """The `<a:endParaRPr>` and closing `</a:p>`, as `paragraph` writes them."""
    return f'<a:endParaRPr lang="{esc(lang)}" sz="{round(size * 100)}" dirty="0"/></a:p>'


def run(
    text: str,
    *,
    size: float,
    color: str | None,
    latin: str | None,
    ea: str | None,
    cs: str | None,
    lang: str,
    bold: bool,
    link_rid: str | None = None,
    field: str | None = None,
) -> str:
    """An `<a:r>` (or `<a:fld>` for a field) whose `<a:rPr>` has sz, lang, colour, `a:latin`/`a:ea`/`a:cs` and
    an optional `<a:hlinkClick r:id>`, children in the schema's order; a colour or typeface that is None is left
    to the master."""
    rpr = run_properties(size, color, latin, ea, cs, lang, bold, link_rid)
    if field:
        return f'<a:fld id="{_field_id(field)}" type="{field}">{rpr}<a:t>{esc(text)}</a:t></a:fld>'
    return text_run(rpr, text)


@lru_cache(maxsize=16)
def _field_id(field: str) -> str:
    """A field's stable GUID (uuid5 of its type: every slide number of a deck has the same)."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "recap-field:" + field)).upper() + "}"


def text_run(rpr: str, text: str) -> str:
    """An `<a:r>` of `text` with the `<a:rPr>` `rpr` (from `run_properties`)."""
    return f"<a:r>{rpr}<a:t>{esc(text)}</a:t></a:r>"


@lru_cache(maxsize=1024)
def run_properties(
    size: float,
    color: str | None,
    latin: str | None,
    ea: str | None,
    cs: str | None,
    lang: str,
    bold: bool,
    link_rid: str | None,
    italic: bool = False,
) -> str:
    """`<a:rPr>` of a run, as `run` writes it; `italic` for an italic run of the content's markup."""
    link = f'<a:hlinkClick r:id="{link_rid}"/>' if link_rid else ""
    fill = f'<a:solidFill><a:srgbClr val="{_hex(color)}"/></a:solidFill>' if color else ""
    faces = "".join(
        f'<a:{tag} typeface="{esc(face)}"/>' for tag, face in (("latin", latin), ("ea", ea), ("cs", cs)) if face
    )
    # cap="none": the default master's section titles are all caps; show the text as written.
    return (
        f'<a:rPr lang="{esc(lang)}" altLang="en-US" sz="{round(size * 100)}" b="{1 if bold else 0}" '
        f'i="{1 if italic else 0}" '
        f'cap="none" dirty="0">{fill}{faces}{link}</a:rPr>'
    )


def _src_rect(crop: tuple[float, float, float, float]) -> str:
    """`<a:srcRect>`: the fractions of the picture cut off each edge (l, t, r, b), in thousandths of a percent."""
    if not any(crop):
        return ""
    left, top, right, bottom = (round(v * 100_000) for v in crop)
    return f'<a:srcRect l="{left}" t="{top}" r="{right}" b="{bottom}"/>'


def picture(
    shape_id: int,
    name: str,
    alt: str,
    rid: str,
    box: tuple[float, float, float, float],
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
) -> str:
    """A `<p:pic>` showing the related image `rid` (less what `crop` cuts off its edges) stretched over `box`,
    with its alt text in `descr`."""
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{esc(name)}" descr="{esc(alt)}"/>'
        '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{rid}"/>{_src_rect(crop)}<a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr>{xfrm(*box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


def _hex(color: str) -> str:
    return color.lstrip("#").upper()


def section_guid(index: int, name: str) -> str:
    """A stable, unique GUID for a section (uuid5 of its position and name)."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"recap-section:{index}:{name}")).upper() + "}"


def notes_slide(slots: Iterable[tuple[str, dict[str, str]]], text: str) -> str:
    """A notes slide part's `<p:notes>`: the notes master's slide image, body and slide number placeholders
    (name and `<p:ph>` attributes), the body holding one plain paragraph per line of `text`."""
    shapes = []
    for n, (name, ph) in enumerate(slots, 2):
        attrs = "".join(f' {k}="{esc(v)}"' for k, v in ph.items())
        body = ""
        if ph.get("type") == "body":
            paras = "".join(
                f"<a:p><a:r><a:t>{esc(line)}</a:t></a:r></a:p>" if line else "<a:p/>" for line in text.split("\n")
            )
            body = f"<p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody>"
        shapes.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{n}" name="{esc(name)}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f"<p:nvPr><p:ph{attrs}/></p:nvPr></p:nvSpPr><p:spPr/>{body}</p:sp>"
        )
    return (
        f"{XML_DECL}<p:notes {NSDECLS}><p:cSld><p:spTree>"
        '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>'
        '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
        + "".join(shapes)
        + "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    )


def core_properties(*, title: str, subject: str, creator: str, language: str, date: str) -> str:
    """The core properties part (`docProps/core.xml`): `<cp:coreProperties>` with title, subject, author,
    language, revision 1 and every date `date` (W3CDTF, UTC)."""
    stamp = f'xsi:type="dcterms:W3CDTF">{date}'
    subject_el = f"<dc:subject>{esc(subject)}</dc:subject>" if subject else ""
    return (
        f"{XML_DECL}<cp:coreProperties"
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title>{subject_el}<dc:creator>{esc(creator)}</dc:creator>"
        "<cp:lastModifiedBy>recap</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"<dcterms:created {stamp}</dcterms:created><dcterms:modified {stamp}</dcterms:modified>"
        f"<dc:language>{esc(language)}</dc:language><cp:lastPrinted>{date}</cp:lastPrinted></cp:coreProperties>"
    )


def presentation_parts() -> list[tuple[str, str, str, str]]:
    """The presentation-level parts PowerPoint expects (it offers to repair a deck without viewProps), as
    (relationship type, partname, content type, XML) with the least each may hold; a template saved by
    LibreOffice has no viewProps or tableStyles, and recap adds what a template lacks."""
    from decks.opc import CT_PRES_PROPS, CT_TABLE_STYLES, CT_VIEW_PROPS, RT_PRES_PROPS, RT_TABLE_STYLES, RT_VIEW_PROPS

    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    ns = NSDECLS
    return [
        (RT_PRES_PROPS, "/ppt/presProps.xml", CT_PRES_PROPS, f"{head}<p:presentationPr {ns}/>"),
        (
            RT_VIEW_PROPS,
            "/ppt/viewProps.xml",
            CT_VIEW_PROPS,
            f'{head}<p:viewPr {ns}><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/>'
            '</p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>',
        ),
        (
            RT_TABLE_STYLES,
            "/ppt/tableStyles.xml",
            CT_TABLE_STYLES,
            f'{head}<a:tblStyleLst {nsdecls("a")} def="{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}"/>',
        ),
    ]


def app_properties(*, slides: int, notes: int, presentation_format: str, application: str = "recap") -> str:
    """The extended properties part (`docProps/app.xml`): `<Properties>` with the slide and notes counts, and
    the application that made the deck (the command, so recap knows its own file before replacing one)."""
    return (
        f"{XML_DECL}<Properties"
        ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<TotalTime>0</TotalTime><Application>{esc(application)}</Application>"
        f"<PresentationFormat>{esc(presentation_format)}</PresentationFormat>"
        f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides><MMClips>0</MMClips>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )


def presentation(
    blob: bytes,
    slides: list[tuple[int, str]],
    notes_master: str,
    groups: list[tuple[str, list[int]]],
    fonts: list[tuple[str, dict[str, str]]] = (),  # type: ignore[assignment]
    subset: bool = True,
) -> bytes:
    """The template's `<p:presentation>` with recap's slides: `<p:sldIdLst>` of (id, rId), a
    `<p:notesMasterIdLst>` naming the notes master's rId, the embedded fonts in `<p:embeddedFontLst>`
    (typeface and rIds by style), and the sections in `<p:extLst>`; the template's own slides and custom shows
    (which name them) are gone."""
    root = parse(blob)
    for tag in ("sldIdLst", "custShowLst", "notesMasterIdLst"):
        for old in root.findall(f"{QN_P}{tag}"):
            root.remove(old)
    # Children in CT_Presentation's order: sldMasterIdLst, notesMasterIdLst, handoutMasterIdLst, sldIdLst, sldSz...
    masters = root.find(f"{QN_P}sldMasterIdLst")
    nm = etree.Element(f"{QN_P}notesMasterIdLst")
    etree.SubElement(nm, f"{QN_P}notesMasterId").set(f"{QN_R}id", notes_master)
    masters.addnext(nm)
    handout = root.find(f"{QN_P}handoutMasterIdLst")
    lst = etree.Element(f"{QN_P}sldIdLst")
    for sid, rid in slides:
        etree.SubElement(lst, f"{QN_P}sldId", id=str(sid)).set(f"{QN_R}id", rid)
    (handout if handout is not None else nm).addnext(lst)
    if fonts:
        embedded_fonts(root, fonts, subset)
    sections(root, groups, [sid for sid, _ in slides])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def embedded_fonts(presentation: Any, fonts: list[tuple[str, dict[str, str]]], subset: bool) -> None:
    """`<p:embeddedFontLst>` after `<p:notesSz>` (CT_Presentation's order), one `<p:embeddedFont>` per typeface
    the template does not embed already (PowerPoint wants each once), and the flags that say fonts are embedded."""
    lst = presentation.find(f"{QN_P}embeddedFontLst")
    if lst is None:
        lst = etree.Element(f"{QN_P}embeddedFontLst")
        anchor = presentation.find(f"{QN_P}smartTags")
        if anchor is None:
            anchor = presentation.find(f"{QN_P}notesSz")
        anchor.addnext(lst)
    have = {f.get("typeface") for f in lst.iter(f"{QN_P}font")}
    for family, rids in fonts:
        if family in have:
            continue
        font = etree.SubElement(lst, f"{QN_P}embeddedFont")
        etree.SubElement(font, f"{QN_P}font", typeface=family)
        for style in ("regular", "bold", "italic", "boldItalic"):
            if style in rids:
                etree.SubElement(font, f"{QN_P}{style}").set(f"{QN_R}id", rids[style])
    presentation.set("embedTrueTypeFonts", "1")
    if subset:
        presentation.set("saveSubsetFonts", "1")


def sections(presentation: Any, groups: list[tuple[str, list[int]]], slide_ids: list[int]) -> None:
    """`<p14:sectionLst>` in the `<p:extLst>` of `<p:presentation>`: one `<p14:section>` per group of slides."""
    ext_lst = presentation.find(f"{QN_P}extLst")
    if ext_lst is None:
        ext_lst = etree.SubElement(presentation, f"{QN_P}extLst")
    for ext in ext_lst.findall(f"{QN_P}ext"):
        if ext.get("uri") == SECTION_EXT:
            ext_lst.remove(ext)
    ext = etree.Element(f"{QN_P}ext", uri=SECTION_EXT)
    ext_lst.insert(0, ext)
    lst = etree.SubElement(ext, f"{QN_P14}sectionLst", nsmap={"p14": NS_P14})
    for n, (name, indexes) in enumerate(groups):
        sec = etree.SubElement(lst, f"{QN_P14}section", name=name, id=section_guid(n, name))
        ids = etree.SubElement(sec, f"{QN_P14}sldIdLst")
        for i in indexes:
            etree.SubElement(ids, f"{QN_P14}sldId", id=str(slide_ids[i]))


def set_link_colors(theme: bytes, color: str) -> bytes:
    """The theme part (ppt/theme/themeN.xml) with `<a:hlink>` and `<a:folHlink>` set to `color`.

    PowerPoint draws hyperlinks in the theme's link colour whatever the run says, so the theme's colour must be
    the palette's, or links on a dark theme come out dark blue.
    """
    root = parse(theme)
    for tag in ("hlink", "folHlink"):
        for node in root.iter(_a(tag)):
            for child in list(node):
                node.remove(child)
            etree.SubElement(node, _a("srgbClr")).set("val", _hex(color))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_text_styles(master: bytes, colors: dict[str, str]) -> bytes:
    """The slide master part with a `<p:txStyles>` giving the title's and the body's text colour at every level.

    For a master that had none and showed its colours only in its placeholders' sample text (what LibreOffice
    saves): PowerPoint and LibreOffice look for them here, so the deck's text takes the template's colours.
    """
    root = parse(master)
    styles = etree.Element(f"{QN_P}txStyles")
    for kind, tag in (("title", "titleStyle"), ("body", "bodyStyle")):
        style = etree.SubElement(styles, f"{QN_P}{tag}")
        color = colors.get(kind)
        for level in range(1, 10 if kind == "body" else 2):
            ppr = etree.SubElement(style, _a(f"lvl{level}pPr"))
            rpr = etree.SubElement(ppr, _a("defRPr"))
            if color:
                etree.SubElement(etree.SubElement(rpr, _a("solidFill")), _a("srgbClr")).set("val", _hex(color))
    etree.SubElement(styles, f"{QN_P}otherStyle")
    ext = root.find(f"{QN_P}extLst")  # txStyles comes last but for extLst (CT_SlideMaster's sequence)
    if ext is not None:
        ext.addprevious(styles)
    else:
        root.append(styles)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
