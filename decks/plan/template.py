"""The template a deck plan is laid on: read its zip as raw parts, find a layout for each slide role by name or
placeholder types, and read the layouts' boxes (a placeholder without its own `<a:xfrm>` takes the master's).

A role whose layout is missing falls back to another layout (with a warning), never to a crash: the
plan's boxes are then derived from the fallback's, and text goes into added text boxes when the layout
has no placeholder for it.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from decks.assets import assets_dir
from decks.opc import RT_OFFICE_DOCUMENT, RT_SLIDE_LAYOUT, RT_SLIDE_MASTER, Rel, rels_name
from decks.plan.deck.plan import Frame, Geometry, Layout, Placeholder, default_geometry
from decks.plan.geometry import Rect
from decks.themes.model import Theme

EMU_PER_PT = 12700
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
NAMES: dict[str, tuple[str, ...]] = {
    "title": ("Recap Title", "Title Slide"),
    "section": ("Recap Section", "Section Header"),
    "content": ("Recap Content", "Title and Content"),
    "picture": ("Recap Content + Picture", "Two Content"),
    "closing": ("Recap Closing", "Title and Content"),
}
# `<p:ph type>` values (ST_PlaceholderType); a `<p:ph>` without `type` is "obj".
TITLES = ("title", "ctrTitle")
BODIES = ("body", "obj", "subTitle")
LATENT = ("dt", "ftr", "sldNum")  # never cloned onto a slide: the master draws them
# The master placeholder a layout placeholder inherits its box from (python-pptx's LayoutPlaceholder rule).
BASE_TYPE = {"ctrTitle": "title", "title": "title", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}
SHAPES = {P + t for t in ("sp", "pic", "graphicFrame", "cxnSp", "grpSp", "contentPart")}


def template_path(theme: Theme) -> Path:
    """The theme's template file, else the bundled 16:9 one or python-pptx's default (4:3) copied beside it."""
    if theme.slides.template is not None:
        path = theme.slides.template
        if not path.is_absolute() and theme.folder is not None:
            path = theme.folder / path
        return path
    name = "python-pptx-4x3.pptx" if theme.slides.size == "4:3" else "recap-16x9.pptx"
    return assets_dir() / "templates" / name


@lru_cache(maxsize=4)
def _read(path: Path, mtime: int, size: int) -> TemplatePackage:
    return TemplatePackage(path.read_bytes())


def read_template(path: Path) -> TemplatePackage:
    """The template at `path`, read once per process while the file is unchanged (the plan reads its layouts,
    the pptx renderer copies its parts)."""
    st = path.stat()
    return _read(path, st.st_mtime_ns, st.st_size)


class TemplatePackage:
    """A .pptx read as raw parts: blobs by partname in zip order, content types, and relationships."""

    def __init__(self, data: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.blobs = {"/" + i.filename: z.read(i) for i in z.infolist() if not i.filename.endswith("/")}
        types = etree.fromstring(self.blobs.pop("/[Content_Types].xml"))
        self.defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.iter(CT + "Default")}
        self.overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(CT + "Override")}
        self._rels: dict[str, list[Rel]] = {}
        self.main = next(r.target for r in self.rels("/") if r.reltype == RT_OFFICE_DOCUMENT)

    def content_type(self, partname: str) -> str:
        """The part's content type: its `<Override>`, else its extension's `<Default>`."""
        ext = posixpath.splitext(partname)[1][1:].lower()
        return self.overrides.get(partname) or self.defaults.get(ext, "application/octet-stream")

    def rels(self, partname: str) -> list[Rel]:
        """The part's relationships, internal targets made absolute partnames."""
        if partname not in self._rels:
            blob = self.blobs.get(rels_name(partname))
            out: list[Rel] = []
            if blob is not None:
                folder = posixpath.dirname(partname)
                for rel in etree.fromstring(blob).iter(PR + "Relationship"):
                    external = rel.get("TargetMode") == "External"
                    target = rel.get("Target", "")
                    if not external:
                        target = posixpath.normpath(
                            target if target.startswith("/") else posixpath.join(folder, target)
                        )
                    out.append(Rel(rel.get("Id", ""), rel.get("Type", ""), target, external))
            self._rels[partname] = out
        return self._rels[partname]

    def related(self, partname: str, rid: str) -> str:
        """The partname `partname` relates to by `rid`."""
        return next(r.target for r in self.rels(partname) if r.rid == rid)

    def xml(self, partname: str) -> etree._Element:
        """The part parsed."""
        return etree.fromstring(self.blobs[partname])


def placeholders(root: etree._Element) -> list[Placeholder]:
    """Each placeholder shape in the `<p:spTree>` of a slide, layout, master or notes master part."""
    tree = root.find(f"{P}cSld/{P}spTree")
    out: list[Placeholder] = []
    for shape in tree if tree is not None else ():
        if shape.tag not in SHAPES or not len(shape):
            continue
        nv = shape[0]
        ph = nv.find(f"{P}nvPr/{P}ph")
        if ph is None:
            continue
        c_nv = nv.find(f"{P}cNvPr")
        xfrm = shape.find(f"{P}spPr/{A}xfrm")
        if xfrm is None:
            xfrm = shape.find(f"{P}xfrm")
        box = None
        off, ext = (xfrm.find(A + "off"), xfrm.find(A + "ext")) if xfrm is not None else (None, None)
        if off is not None and ext is not None:
            x, y, w, h = (
                int(e.get(k, "0")) / EMU_PER_PT for e, k in ((off, "x"), (off, "y"), (ext, "cx"), (ext, "cy"))
            )
            box = Rect(x, y, w, h)
        attrs = {k: v for k, v in ph.attrib.items() if k in ("type", "orient", "sz", "idx")}
        out.append(
            Placeholder(
                c_nv.get("name", "") if c_nv is not None else "",
                ph.get("type", "obj"),
                int(ph.get("idx", "0")),
                attrs,
                box,
            )
        )
    return out


@dataclass
class Resolved:
    """Each role's layout and the geometry the planner works on."""

    layouts: dict[str, Layout]
    geometry: Geometry
    master: str
    warnings: list[str] = field(default_factory=list)


def _box(ph: Placeholder, master: dict[str, Rect]) -> Rect | None:
    return ph.box or master.get(BASE_TYPE.get(ph.type, "body")) or master.get(ph.type)


def _slots(layout: Layout, master: dict[str, Rect]) -> tuple[Rect | None, list[Rect]]:
    title, bodies = None, []
    for ph in sorted(layout.placeholders, key=lambda p: p.idx):
        box = _box(ph, master)
        if box is None:
            continue
        if ph.type in TITLES and title is None:
            title = box
        elif ph.type in BODIES:
            bodies.append(box)
    return title, bodies


def resolve(tpl: TemplatePackage, source: str) -> Resolved:
    """Layouts for every role in the template's first slide master, with fallbacks and warnings for those the
    template lacks."""
    pres = tpl.xml(tpl.main)
    size = pres.find(P + "sldSz")
    width, height = int(size.get("cx")) / EMU_PER_PT, int(size.get("cy")) / EMU_PER_PT
    sx, sy = width / 960, height / 540
    defaults = {
        role: Frame(*(Rect(b.x * sx, b.y * sy, b.w * sx, b.h * sy) if b else None for b in (f.title, f.body, f.aside)))
        for role, f in default_geometry().frames.items()
    }
    first = pres.find(f"{P}sldMasterIdLst/{P}sldMasterId")
    if first is not None:
        master_name = tpl.related(tpl.main, first.get(R + "id"))
    else:
        master_name = next(r.target for r in tpl.rels(tpl.main) if r.reltype == RT_SLIDE_MASTER)
    master_xml = tpl.xml(master_name)
    master: dict[str, Rect] = {}
    for ph in placeholders(master_xml):
        if ph.box is not None:
            master.setdefault(ph.type, ph.box)
    if "title" in master:
        master["ctrTitle"] = master["title"]
    # The master's layouts in its `<p:sldLayoutIdLst>` order, as PowerPoint lists them.
    ids = [e.get(R + "id") for e in master_xml.iterfind(f"{P}sldLayoutIdLst/{P}sldLayoutId")]
    targets = {r.rid: r.target for r in tpl.rels(master_name) if r.reltype == RT_SLIDE_LAYOUT}
    all_layouts = []
    for rid in ids:
        if rid in targets and targets[rid] in tpl.blobs:
            root = tpl.xml(targets[rid])
            c_sld = root.find(P + "cSld")
            name = c_sld.get("name", "") if c_sld is not None else ""
            all_layouts.append(Layout(targets[rid], name, tuple(placeholders(root))))
    by_name: dict[str, Layout] = {}
    for layout in all_layouts:
        by_name.setdefault(layout.name, layout)
    found: dict[str, Layout] = {}
    for role, names in NAMES.items():
        chosen = next((by_name[n] for n in names if n in by_name), None) or _by_types(all_layouts, role)
        if chosen is not None:
            found[role] = chosen
    warnings: list[str] = []
    layouts: dict[str, Layout] = {}
    frames: dict[str, Frame] = {}
    content = found.get("content")
    for role in NAMES:
        layout = found.get(role)
        if layout is None:
            layout = content or by_name.get("Title Only") or by_name.get("Blank") or all_layouts[0]
            warnings.append(
                f"template {source} has no '{NAMES[role][0]}' layout (nor one with the placeholders it needs); "
                f"{role} slides use '{layout.name}' instead"
            )
            frame = defaults[role]
            title, bodies = _slots(layout, master)
            if role not in ("title", "section"):
                frame = Frame(title or frame.title, frame.body, frame.aside)
        else:
            title, bodies = _slots(layout, master)
            d = defaults[role]
            frame = Frame(title or d.title, bodies[0] if bodies else d.body, bodies[1] if len(bodies) > 1 else d.aside)
        if role == "picture" and frame.aside is None:
            frame = defaults["picture"]
        layouts[role] = layout
        frames[role] = frame
    return Resolved(layouts, Geometry(width, height, frames), master_name, warnings)


def _by_types(layouts: list[Layout], role: str) -> Layout | None:
    """A layout whose placeholders suit `role`, when no layout has one of its names."""
    for layout in layouts:
        kinds = [ph.type for ph in layout.placeholders]
        bodies = sum(k in BODIES for k in kinds)
        if role == "title" and "ctrTitle" in kinds and "subTitle" in kinds:
            return layout
        if role == "content" and "title" in kinds and bodies == 1:
            return layout
        if role == "picture" and "title" in kinds and bodies == 2:
            return layout
    return None
