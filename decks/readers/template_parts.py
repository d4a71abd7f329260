"""A template made inert as it is read: which of its parts recap keeps, and the references to what it drops.

Kept: the presentation part, slide masters, slide layouts, themes, the notes and handout masters, the
presentation's properties and table styles, the package's core and app properties, pictures (but SVG, which can
hold scripts and links), sound and video it embeds, and embedded fonts. Dropped: everything else, among them
the template's own slides (recap writes its own), macros (`vbaProject.bin`), OLE objects and embedded packages,
ActiveX controls, legacy VML drawings, custom XML, tags, comments and printer settings. Every external
relationship (hyperlinks, linked pictures, linked OLE objects) is dropped, as is every `ppaction:` but the
slide jumps. A shape that only held what was dropped goes with it; a placeholder that would go, or a layout,
master or theme reached only from outside the package, is a located error: the layout depends on it.

Warnings name the part each active or external thing was dropped from; parts recap simply does not use (custom
XML, tags, printer settings) go without one.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from lxml import etree

from decks.opc import (
    CT_APP,
    CT_CORE,
    CT_PRES_PROPS,
    CT_TABLE_STYLES,
    CT_THEME,
    CT_VIEW_PROPS,
    QN_A,
    QN_MC,
    QN_P,
    QN_PR,
    QN_R,
    RT_NOTES_MASTER,
    RT_OFFICE_DOCUMENT,
    RT_SLIDE_LAYOUT,
    RT_SLIDE_MASTER,
    RT_THEME,
    Rel,
    UnsafeXML,
    parse,
    rels_name,
)

_PML = "application/vnd.openxmlformats-officedocument.presentationml."
MAIN_TYPES = {
    _PML + "presentation.main+xml",
    _PML + "template.main+xml",
    _PML + "slideshow.main+xml",
}
# A .pptm/.potm/.ppsm's main part: kept (written as a plain presentation's), its macros dropped with a warning.
MACRO_MAIN_TYPES = {
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
}
KEPT_TYPES = {
    _PML + "slideMaster+xml",
    _PML + "slideLayout+xml",
    _PML + "notesMaster+xml",
    _PML + "handoutMaster+xml",
    CT_THEME,
    "application/vnd.openxmlformats-officedocument.themeOverride+xml",
    CT_PRES_PROPS,
    CT_VIEW_PROPS,
    CT_TABLE_STYLES,
    CT_CORE,
    CT_APP,
    "application/x-fontdata",
    "application/x-font-ttf",
    "application/vnd.openxmlformats-officedocument.obfuscatedFont",
}
KEPT_MEDIA = ("image/", "audio/", "video/")
SVG = "image/svg+xml"
# Relationships the layout cannot do without: one of these outside the package, or to a part recap does not
# keep, refuses the template.
STRUCTURAL = {RT_OFFICE_DOCUMENT, RT_SLIDE_MASTER, RT_SLIDE_LAYOUT, RT_THEME, RT_NOTES_MASTER}
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MS = "http://schemas.microsoft.com/office/2006/relationships/"
# What an active part is called in a warning, by relationship type (its target is dropped whatever its type).
ACTIVE_RELS = {
    _MS + "vbaProject": "macros (vbaProject)",
    _MS + "vbaProjectSignature": "a macro signature",
    _MS + "wordVbaData": "macro data",
    _RT + "oleObject": "an OLE object",
    _RT + "package": "an embedded package",
    _RT + "control": "an ActiveX control",
    _MS + "activeXControlBinary": "an ActiveX control",
    _RT + "vmlDrawing": "a legacy (VML) drawing",
}
# ... and by content type, for a part reached by some other relationship type.
ACTIVE_TYPES = {
    "application/vnd.ms-office.vbaProject": "macros (vbaProject)",
    "application/vnd.ms-office.vbaProjectSignature": "a macro signature",
    "application/vnd.ms-word.vbaData+xml": "macro data",
    "application/vnd.openxmlformats-officedocument.oleObject": "an OLE object",
    "application/vnd.ms-office.activeX+xml": "an ActiveX control",
    "application/vnd.ms-office.activeX": "an ActiveX control",
    "application/vnd.openxmlformats-officedocument.vmlDrawing": "a legacy (VML) drawing",
    SVG: "an SVG picture (SVG can hold scripts and links; its PNG stays)",
}
# `ppaction:` hyperlinks kept: jumps to a slide of the deck, the first, last, next or previous one; no action.
SAFE_ACTIONS = {
    "ppaction://hlinksldjump",
    "ppaction://hlinkshowjump?jump=firstslide",
    "ppaction://hlinkshowjump?jump=lastslide",
    "ppaction://hlinkshowjump?jump=nextslide",
    "ppaction://hlinkshowjump?jump=previousslide",
    "ppaction://noaction",
}
HLINKS = {QN_A + "hlinkClick", QN_A + "hlinkHover", QN_A + "hlinkMouseOver"}
# Elements that are one item of a list, removed whole when what they name is dropped.
ITEMS = {
    QN_P + "tags",
    QN_P + "custData",
    QN_P + "control",
    QN_P + "legacyDrawing",
    QN_P + "legacyDrawingHF",
    QN_P + "sldId",
    QN_P + "custShow",
    QN_P + "embeddedFont",
}
TREES = {QN_P + "spTree", QN_P + "grpSp"}
MC_ALTERNATE = QN_MC + "AlternateContent"
EXT_LISTS = {QN_A + "extLst", QN_P + "extLst"}


RESAVE = "save the template again from PowerPoint or LibreOffice"


class Refused(ValueError):
    """The template cannot be made inert without breaking what recap needs from it: `part` says where."""

    def __init__(self, part: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.part = part
        self.message = message
        self.hint = hint or RESAVE


def is_rels(name: str) -> bool:
    """Whether partname `name` is a relationships item."""
    folder, base = posixpath.split(name)
    return posixpath.basename(folder) == "_rels" and base.endswith(".rels")


def owner(rels_item: str) -> str:
    """The part a relationships item belongs to ("/" for the package's own)."""
    folder, base = posixpath.split(rels_item)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")]) if base != ".rels" else "/"


def kept_type(content_type: str) -> bool:
    """Whether recap keeps a part of this content type."""
    ct = content_type.strip().lower()
    if ct == SVG:
        return False
    return ct in _KEPT_LOWER or ct.startswith(KEPT_MEDIA)


_KEPT_LOWER = frozenset(t.lower() for t in KEPT_TYPES | MAIN_TYPES | MACRO_MAIN_TYPES)
_MACRO_LOWER = frozenset(t.lower() for t in MACRO_MAIN_TYPES)


def is_xml(content_type: str) -> bool:
    ct = content_type.strip().lower()
    return ct.endswith("+xml") or ct == "application/xml"


def relationships(item: str, root: etree._Element) -> list[tuple[etree._Element, Rel]]:
    """Each `<Relationship>` of the relationships item `item` and what it says, internal targets made absolute
    partnames."""
    folder = posixpath.dirname(owner(item)) if owner(item) != "/" else "/"
    out = []
    for node in root.iter(QN_PR + "Relationship"):
        # anything but Internal (the default) counts as outside: "external", " External" included
        external = (node.get("TargetMode") or "Internal").strip().lower() != "internal"
        target = node.get("Target", "")
        if not external:
            target = posixpath.normpath(target if target.startswith("/") else posixpath.join(folder, target))
        out.append((node, Rel(node.get("Id", ""), node.get("Type", ""), target, external)))
    return out


class Inert:
    """The kept parts of a template (blobs by partname, relationships items rewritten), and warnings."""

    def __init__(self, blobs: dict[str, bytes], content_type: Callable[[str], str], main: str) -> None:
        self.warnings: list[str] = []
        self.rels: dict[str, list[Rel]] = {}  # each kept part's relationships that stay (parsed once, here)
        self._seen: set[str] = set()
        in_order = [n for n in blobs if not is_rels(n) and kept_type(content_type(n))]  # zip order: warnings too
        kept = set(in_order)
        if content_type(main).strip().lower() in _MACRO_LOWER:
            self._warn(f"its presentation part {main} is macro-enabled: the deck is a plain .pptx, without macros")
        dropped: dict[str, set[str]] = {}
        out: dict[str, bytes] = {}
        for name in [*in_order, "/"]:
            item = "/_rels/.rels" if name == "/" else rels_name(name)
            if item not in blobs:
                continue
            try:
                root = parse(blobs[item])
            except UnsafeXML as exc:
                raise Refused(item, f"the part {item} {exc}") from None
            gone: set[str] = set()
            for node, rel in relationships(item, root):
                why = self._why_dropped(rel, blobs, kept, content_type, name)
                if why is None:
                    continue
                if rel.reltype in STRUCTURAL:
                    kind = rel.reltype.rsplit("/", 1)[-1]
                    where = "the package" if name == "/" else f"the part {name}"
                    raise Refused(
                        item,
                        f"{where} relates its {kind} {why}",
                        "save the template as one .pptx or .potx that holds its masters, layouts and themes",
                    )
                node.getparent().remove(node)
                gone.add(rel.rid)
            out[item] = _serialize(root) if gone else blobs[item]
            self.rels[name] = [rel for _, rel in relationships(item, root)]
            dropped[name] = gone
        for name in in_order:
            blob = blobs[name]
            if not is_xml(content_type(name)):
                out[name] = blob
                continue
            try:
                root = parse(blob)
            except UnsafeXML as exc:
                raise Refused(name, f"the part {name} {exc}") from None
            out[name] = _serialize(root) if self._clean(name, root, dropped.get(name, set())) else blob
        self.blobs = {n: out[n] for n in blobs if n in out}

    def _warn(self, message: str) -> None:
        if message not in self._seen:
            self._seen.add(message)
            self.warnings.append(message)

    def _why_dropped(
        self, rel: Rel, blobs: dict[str, bytes], kept: set[str], content_type: Callable[[str], str], source: str
    ) -> str | None:
        """Why `rel` (of part `source`) goes, for a refusal; None when it stays. Warns for what matters."""
        where = "the package" if source == "/" else f"the part {source}"
        if rel.external:
            self._warn(f"dropped {_external_kind(rel.reltype)} outside the template from {where}")
            return "outside the package (TargetMode External)"
        if rel.reltype in ACTIVE_RELS:
            self._warn(f"dropped {ACTIVE_RELS[rel.reltype]} from {where}")
            return f"to {ACTIVE_RELS[rel.reltype]}"
        if rel.target in kept:
            return None
        if rel.target not in blobs:
            # a layout the master lists but lacks is the reader's concern (it is skipped); any other relationship
            # to nothing (a URL written as an internal target) goes
            if rel.reltype in STRUCTURAL:
                return None
            self._warn(f"dropped {_external_kind(rel.reltype)} to a part the template lacks from {where}")
            return "to a part the template lacks"
        kind = ACTIVE_TYPES.get(content_type(rel.target).strip().lower())
        if kind is not None:
            self._warn(f"dropped {kind} from {where}")
        return f"to a part recap does not keep ({rel.target})"

    def _clean(self, name: str, root: etree._Element, gone: set[str]) -> bool:
        """Remove from `root` what names a dropped relationship, and hyperlinks with an unsafe action: True
        when anything changed."""
        changed = False
        for hlink in [e for e in root.iter(*HLINKS)]:
            action = (hlink.get("action") or "").strip()
            if action and action.lower() not in SAFE_ACTIONS:
                self._warn(f"dropped the action '{_short(action)}' of a hyperlink in the part {name}")
                _remove(hlink)
                changed = True
        if not gone:
            return changed
        named = [(e, a) for e in root.iter() for a, v in e.attrib.items() if a.startswith(QN_R) and v in gone]
        for node, attr in named:
            if node is root or any(up is root for up in node.iterancestors()):  # not gone with an earlier one
                self._unlink(name, node, attr)
        return changed or bool(named)

    def _unlink(self, name: str, node: etree._Element, attr: str) -> None:
        """Take away what `node`'s reference `attr` (to a dropped relationship) held."""
        if node.tag in HLINKS:
            _remove(node)
            return
        if node.tag == QN_A + "blip" and attr == QN_R + "link" and node.get(QN_R + "embed"):
            del node.attrib[attr]  # a linked picture with its own embedded copy keeps that copy
            return
        for up in node.iterancestors():
            if up.getparent() is not None and up.getparent().tag in EXT_LISTS:
                _remove(up)  # an extension (an SVG blip, ...) is optional by definition
                return
        target = node
        while target is not None and target.tag not in ITEMS:
            parent = target.getparent()
            if parent is not None and parent.tag in TREES:
                break
            target = parent
        if target is None:
            del node.attrib[attr]
            return
        if target.tag in ITEMS:
            _remove(target)
            return
        # a shape of a shape tree: with the mc:AlternateContent that wraps it, if any
        while target.getparent() is not None and target.getparent().tag == MC_ALTERNATE:
            target = target.getparent()
        outer = target
        for up in target.iterancestors():
            if up.tag == MC_ALTERNATE:
                outer = up
        if outer.find(f".//{QN_P}nvPr/{QN_P}ph") is not None:
            raise Refused(
                name,
                f"the part {name} has a placeholder that holds active or external content",
                "remove the object (OLE, ActiveX, linked picture or link) from that placeholder in the Slide "
                "Master view",
            )
        self._warn(f"removed a shape that held dropped content from the part {name}")
        _remove(outer)


def _remove(node: etree._Element) -> None:
    parent = node.getparent()
    if parent is None:
        return
    parent.remove(node)
    if parent.tag in {QN_P + "custDataLst", QN_P + "controls", QN_P + "custShowLst"} | EXT_LISTS and not len(parent):
        _remove(parent)


def _external_kind(reltype: str) -> str:
    kind = reltype.rsplit("/", 1)[-1]
    return {
        "hyperlink": "a hyperlink",
        "image": "a linked picture",
        "oleObject": "a linked OLE object",
        "video": "a linked video",
        "audio": "a linked sound",
        "media": "linked media",
    }.get(kind, f"a link ({_short(kind)})")


def _short(text: str, limit: int = 40) -> str:
    text = "".join(c if c.isprintable() and c.isascii() else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
