"""Raw PresentationML for the presentation-level parts: the core and app properties and the least
presProps/viewProps/tableStyles (composed as text), and the template's presentation, theme and master parts, which
recap edits with lxml (its slides, notes master, embedded fonts and sections; link colours; text styles).
"""

from __future__ import annotations

import uuid
from typing import Any

from lxml import etree

from decks.markup import esc
from decks.opc import (
    CT_PRES_PROPS,
    CT_TABLE_STYLES,
    CT_VIEW_PROPS,
    NS_P14,
    QN_A,
    QN_P,
    QN_P14,
    QN_R,
    RT_PRES_PROPS,
    RT_TABLE_STYLES,
    RT_VIEW_PROPS,
    nsdecls,
    parse,
)
from decks.renderers.pptx.oxml import NSDECLS, XML_DECL, srgb

SECTION_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"


def _a(tag: str) -> str:
    return QN_A + tag


def section_guid(index: int, name: str) -> str:
    """A stable, unique GUID for a section (uuid5 of its position and name)."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"recap-section:{index}:{name}")).upper() + "}"


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


# `presentation` is Any: an lxml element, and lxml has no type information here (see [tool.mypy] in pyproject.toml).
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
            etree.SubElement(node, _a("srgbClr")).set("val", srgb(color))
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
                etree.SubElement(etree.SubElement(rpr, _a("solidFill")), _a("srgbClr")).set("val", srgb(color))
    etree.SubElement(styles, f"{QN_P}otherStyle")
    ext = root.find(f"{QN_P}extLst")  # txStyles comes last but for extLst (CT_SlideMaster's sequence)
    if ext is not None:
        ext.addprevious(styles)
    else:
        root.append(styles)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
