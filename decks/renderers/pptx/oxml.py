"""Raw DrawingML/PresentationML helpers for what python-pptx has no API for; each names the element it writes."""

from __future__ import annotations

import uuid
from typing import Any

from lxml import etree

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SECTION_EXT = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
EMU_PER_PT = 12700


def _a(tag: str) -> str:
    return f"{{{A}}}{tag}"


def emu(points: float) -> int:
    return round(points * EMU_PER_PT)


def body_pr(txBody: Any, anchor: str = "t") -> None:
    """`<a:bodyPr>`: zero insets, square wrap, the given anchor, and `<a:noAutofit/>` (no shrink on open)."""
    bp = txBody.find(_a("bodyPr"))
    if bp is None:
        bp = etree.SubElement(txBody, _a("bodyPr"))
        txBody.insert(0, bp)
    for child in list(bp):
        bp.remove(child)
    for key in ("lIns", "tIns", "rIns", "bIns"):
        bp.set(key, "0")
    bp.set("wrap", "square")
    bp.set("anchor", anchor)
    bp.set("rtlCol", "0")
    etree.SubElement(bp, _a("noAutofit"))


def clear_paragraphs(txBody: Any) -> None:
    """Remove every `<a:p>` (and `<a:lstStyle>` content stays): the caller writes its own paragraphs."""
    for p in txBody.findall(_a("p")):
        txBody.remove(p)


def paragraph(
    txBody: Any,
    *,
    level: int,
    size: float,
    pitch: float,
    space_before: float,
    indent: float,
    bullet: str | None,
    bullet_color: str,
    align: str,
) -> Any:
    """A new `<a:p>` with `<a:pPr>`: level, margin, hanging bullet (or `<a:buNone/>`), exact `<a:lnSpc>`."""
    p = etree.SubElement(txBody, _a("p"))
    ppr = etree.SubElement(p, _a("pPr"))
    ppr.set("lvl", str(level))
    ppr.set("algn", align)
    ppr.set("marL", str(emu(indent)))
    hang = min(indent, 1.1 * size) if bullet else 0.0
    ppr.set("indent", str(-emu(hang)))
    ln = etree.SubElement(etree.SubElement(ppr, _a("lnSpc")), _a("spcPts"))
    ln.set("val", str(round(pitch * 100)))
    etree.SubElement(etree.SubElement(ppr, _a("spcBef")), _a("spcPts")).set("val", str(round(space_before * 100)))
    etree.SubElement(etree.SubElement(ppr, _a("spcAft")), _a("spcPts")).set("val", "0")
    if bullet:
        _solid(etree.SubElement(ppr, _a("buClr")), bullet_color)
        etree.SubElement(ppr, _a("buSzPct")).set("val", "100000")
        etree.SubElement(ppr, _a("buFont")).set("typeface", "Arial")
        etree.SubElement(ppr, _a("buChar")).set("char", bullet)
    else:
        etree.SubElement(ppr, _a("buNone"))
    return p


def _solid(parent: Any, color: str) -> None:
    etree.SubElement(parent, _a("srgbClr")).set("val", color.lstrip("#").upper())


def run(
    p: Any,
    text: str,
    *,
    size: float,
    color: str,
    latin: str,
    ea: str,
    cs: str,
    lang: str,
    bold: bool,
    link_rid: str | None = None,
    field: str | None = None,
) -> Any:
    """An `<a:r>` (or `<a:fld>` for a field) whose `<a:rPr>` has sz, lang, colour, `a:latin`/`a:ea`/`a:cs` and
    an optional `<a:hlinkClick r:id>`, children in the schema's order."""
    if field:
        r = etree.SubElement(p, _a("fld"))
        r.set("id", "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "recap-field:" + field)).upper() + "}")
        r.set("type", field)
    else:
        r = etree.SubElement(p, _a("r"))
    rpr = etree.SubElement(r, _a("rPr"))
    rpr.set("lang", lang)
    rpr.set("altLang", "en-US")
    rpr.set("sz", str(round(size * 100)))
    rpr.set("b", "1" if bold else "0")
    rpr.set("i", "0")
    rpr.set("cap", "none")  # the default master's section titles are all caps; show the text as written
    rpr.set("dirty", "0")
    _solid(etree.SubElement(rpr, _a("solidFill")), color)
    etree.SubElement(rpr, _a("latin")).set("typeface", latin)
    etree.SubElement(rpr, _a("ea")).set("typeface", ea)
    etree.SubElement(rpr, _a("cs")).set("typeface", cs)
    if link_rid:
        etree.SubElement(rpr, _a("hlinkClick")).set(f"{{{R}}}id", link_rid)
    etree.SubElement(r, _a("t")).text = text
    return r


def end_paragraph(p: Any, size: float, lang: str) -> None:
    """`<a:endParaRPr>` with the paragraph's size, so an empty last line has the same height."""
    e = etree.SubElement(p, _a("endParaRPr"))
    e.set("lang", lang)
    e.set("sz", str(round(size * 100)))
    e.set("dirty", "0")


def set_descr(pic: Any, text: str) -> None:
    """`<p:cNvPr descr>` of a picture: its alt text."""
    pic.find(f"{{{P}}}nvPicPr/{{{P}}}cNvPr").set("descr", text)


def section_guid(index: int, name: str) -> str:
    """A stable, unique GUID for a section (uuid5 of its position and name)."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"recap-section:{index}:{name}")).upper() + "}"


def sections(presentation: Any, groups: list[tuple[str, list[int]]], slide_ids: list[int]) -> None:
    """`<p14:sectionLst>` in the `<p:extLst>` of `<p:presentation>`: one `<p14:section>` per group of slides."""
    ext_lst = presentation.find(f"{{{P}}}extLst")
    if ext_lst is None:
        ext_lst = etree.SubElement(presentation, f"{{{P}}}extLst")
    for ext in ext_lst.findall(f"{{{P}}}ext"):
        if ext.get("uri") == SECTION_EXT:
            ext_lst.remove(ext)
    ext = etree.Element(f"{{{P}}}ext", uri=SECTION_EXT)
    ext_lst.insert(0, ext)
    lst = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for n, (name, indexes) in enumerate(groups):
        sec = etree.SubElement(lst, f"{{{P14}}}section", name=name, id=section_guid(n, name))
        ids = etree.SubElement(sec, f"{{{P14}}}sldIdLst")
        for i in indexes:
            etree.SubElement(ids, f"{{{P14}}}sldId", id=str(slide_ids[i]))


def remove(element: Any) -> None:
    """Detach an element (an unused placeholder `<p:sp>`) from its parent."""
    element.getparent().remove(element)


def set_link_colors(master_part: Any, color: str) -> None:
    """Set `<a:hlink>` and `<a:folHlink>` in the master's theme part (ppt/theme/themeN.xml) to `color`.

    PowerPoint draws hyperlinks in the theme's link colour whatever the run says, so the theme's colour must be
    the palette's, or links on a dark theme come out dark blue.
    """
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme_part = master_part.part_related_by(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    for tag in ("hlink", "folHlink"):
        for node in root.iter(_a(tag)):
            for child in list(node):
                node.remove(child)
            etree.SubElement(node, _a("srgbClr")).set("val", color.lstrip("#").upper())
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
