"""The vocabulary of an OPC package (a .pptx): relationship and content types, a relationship, and where a
part's relationships item lives. Shared by the plan, which reads a template's layouts, and the pptx renderer,
which writes the deck.
"""

from __future__ import annotations

import posixpath
from functools import cache
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from lxml import etree

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_OFFICE_DOCUMENT = _RT + "officeDocument"
RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
RT_APP = _RT + "extended-properties"
RT_SLIDE = _RT + "slide"
RT_SLIDE_LAYOUT = _RT + "slideLayout"
RT_SLIDE_MASTER = _RT + "slideMaster"
RT_NOTES_SLIDE = _RT + "notesSlide"
RT_NOTES_MASTER = _RT + "notesMaster"
RT_THEME = _RT + "theme"
RT_IMAGE = _RT + "image"
RT_HYPERLINK = _RT + "hyperlink"
RT_PRES_PROPS = _RT + "presProps"
RT_VIEW_PROPS = _RT + "viewProps"
RT_TABLE_STYLES = _RT + "tableStyles"

_CT = "application/vnd.openxmlformats-officedocument."
CT_PRESENTATION = _CT + "presentationml.presentation.main+xml"
CT_SLIDE = _CT + "presentationml.slide+xml"
CT_NOTES_SLIDE = _CT + "presentationml.notesSlide+xml"
CT_NOTES_MASTER = _CT + "presentationml.notesMaster+xml"
CT_THEME = _CT + "theme+xml"
CT_PRES_PROPS = _CT + "presentationml.presProps+xml"
CT_VIEW_PROPS = _CT + "presentationml.viewProps+xml"
CT_TABLE_STYLES = _CT + "presentationml.tableStyles+xml"
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
CT_APP = _CT + "extended-properties+xml"
CT_RELS = "application/vnd.openxmlformats-package.relationships+xml"
# The XML namespaces of the parts recap reads and writes, by the prefix Office gives them: the one table (as
# python-pptx's oxml/ns.py). `NS_X` is a bare URI (for `xmlns:` declarations and lxml nsmaps); `QN_X` is the
# same in Clark notation, put before a local name to spell an element or attribute as lxml does
# (QN_P + "sld" is `<p:sld>`, QN_R + "id" is `r:id`).
NAMESPACES = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",  # DrawingML
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",  # PresentationML
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",  # r:id, r:embed, r:link
    "p14": "http://schemas.microsoft.com/office/powerpoint/2010/main",  # PowerPoint 2010 (sections)
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",  # mc:AlternateContent
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",  # a .rels item
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",  # [Content_Types].xml
}
NS_A = NAMESPACES["a"]
NS_P = NAMESPACES["p"]
NS_R = NAMESPACES["r"]
NS_P14 = NAMESPACES["p14"]
NS_MC = NAMESPACES["mc"]
NS_PR = NAMESPACES["pr"]
NS_CT = NAMESPACES["ct"]
QN_A = "{" + NS_A + "}"
QN_P = "{" + NS_P + "}"
QN_R = "{" + NS_R + "}"
QN_P14 = "{" + NS_P14 + "}"
QN_MC = "{" + NS_MC + "}"
QN_PR = "{" + NS_PR + "}"
QN_CT = "{" + NS_CT + "}"
# `<p:ph type>` values (ST_PlaceholderType) of a slide's title.
TITLES = ("title", "ctrTitle")
# Extensions that get a <Default> content type; every other part gets an <Override>.
DEFAULTS = {"rels": CT_RELS, "xml": "application/xml", "png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif"}


class Rel(msgspec.Struct, frozen=True):
    """One relationship: `target` is an absolute partname ("/ppt/...") or, when `external`, a URL."""

    rid: str
    reltype: str
    target: str
    external: bool = False


def rels_name(partname: str) -> str:
    """The partname of `partname`'s relationships item ("/" is the package itself)."""
    folder, base = posixpath.split(partname)
    return posixpath.join(folder, "_rels", base + ".rels")


# The one parser of a template's XML (check and render alike): no DTD loaded, no entity expanded, nothing
# fetched, no huge trees. A part that declares a DOCTYPE at all is refused by `parse` (a template is untrusted
# input, and no Office part has one).
@cache
def parser() -> etree.XMLParser:
    """The parser, made on first use (the sketch path never imports lxml)."""
    from lxml import etree  # lazy: lxml only for Office parts; `recap pdf` and `--help` load this module

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


class UnsafeXML(ValueError):
    """A part that is not well-formed XML, or declares a DOCTYPE; the message says which."""


def parse(blob: bytes) -> etree._Element:
    """`blob` parsed by `parser()`; `UnsafeXML` when it is not well-formed or has a `<!DOCTYPE>`."""
    from lxml import etree  # lazy: lxml only for Office parts; `recap pdf` and `--help` load this module

    try:
        root = etree.fromstring(blob, parser())
    except etree.XMLSyntaxError as exc:
        raise UnsafeXML(f"is not well-formed XML ({_excerpt(str(exc))})") from None
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.system_url or info.public_id:
        raise UnsafeXML("declares a DOCTYPE (a DTD or entities), which no Office part has")
    return root


def _excerpt(text: str, limit: int = 120) -> str:
    text = "".join(c if c.isprintable() else " " for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def nsdecls(*prefixes: str) -> str:
    """The `xmlns:` declarations of `prefixes` (from NAMESPACES), in that order, for XML written as text."""
    return " ".join(f'xmlns:{prefix}="{NAMESPACES[prefix]}"' for prefix in prefixes)
