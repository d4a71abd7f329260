"""The template a deck plan is laid on: read its zip as raw parts, find a layout for each slide role by name or
placeholder types, and read the layouts' boxes (a placeholder without its own `<a:xfrm>` takes the master's).

A role whose layout is missing falls back to another layout (with a warning), never to a crash: the
plan's boxes are then derived from the fallback's, and text goes into added text boxes when the layout
has no placeholder for it. A file that is no template (not a zip, a zip bomb, no master or layouts, broken XML)
and placeholders too small for one line at the floor are `ContentError`s naming the file, layout and placeholder.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path

import msgspec
from lxml import etree

from decks.assets import assets_dir
from decks.errors import ContentError, Problem
from decks.opc import (
    RT_OFFICE_DOCUMENT,
    RT_SLIDE_LAYOUT,
    RT_SLIDE_MASTER,
    RT_THEME,
    TITLES,
    A,
    P,
    R,
    Rel,
    UnsafeXML,
    parse,
    rels_name,
)
from decks.plan.deck.plan import Deck, FontFile, Frame, Geometry, Layout, Placeholder, default_geometry
from decks.plan.geometry import EMU_PER_PT, Rect, xfrm_box
from decks.plan.keepout import clear_of, logos
from decks.plan.template_colors import body_color, link_color, sample_colors
from decks.plan.template_parts import MACRO_MAIN_TYPES, MAIN_TYPES, Inert, Refused, relationships
from decks.themes.model import Theme

PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Layout names, first found wins, compared case-insensitively: recap's own, then PowerPoint's, LibreOffice
# Impress's ("Title, Content"), Google Slides' ("Title and body") and Keynote's ("Title & Bullets") for the
# same layout, so a template saved by any of them gets the layout its maker meant.
NAMES: dict[str, tuple[str, ...]] = {
    "title": ("Recap Title", "Title Slide", "Title & Subtitle"),
    "section": ("Recap Section", "Section Header", "Section"),
    "content": ("Recap Content", "Title and Content", "Title, Content", "Title and body", "Title & Bullets"),
    "picture": (
        "Recap Content + Picture",
        "Two Content",
        "Title, 2 Content",
        "Title and two columns",
        "Title, Bullets & Photo",
    ),
    "closing": ("Recap Closing", "Title and Content", "Title, Content", "Title and body", "Title & Bullets"),
}
# `<p:ph type>` values (ST_PlaceholderType) besides the titles (decks.opc); a `<p:ph>` without `type` is "obj".
BODIES = ("body", "obj", "subTitle")
LATENT = ("dt", "ftr", "sldNum")  # never cloned onto a slide: the master draws them
# The master placeholder a layout placeholder inherits its box from (python-pptx's LayoutPlaceholder rule).
BASE_TYPE = {"ctrTitle": "title", "title": "title", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}
SHAPES = {P + t for t in ("sp", "pic", "graphicFrame", "cxnSp", "grpSp", "contentPart")}
# A template is read whole into memory: a zip whose parts inflate past this is refused (a zip bomb), as is one
# with more parts than any real deck has. The one check of a template package: `recap check` (through the theme
# loader) and the deck plan both read it here.
MAX_UNCOMPRESSED = 300 * 2**20
MAX_PARTS = 10_000
PACKAGE_HINT = "save the template from PowerPoint or LibreOffice as .pptx (or .potx)"
FIELD = "slides.template"
MIN_PICTURE = 36.0  # points: a picture slot smaller than half an inch across is no picture slot


def template_path(theme: Theme) -> Path:
    """The theme's template file, else the bundled 16:9 one or python-pptx's default (4:3) copied beside it."""
    if theme.slides.template is not None:
        path = theme.slides.template
        if not path.is_absolute() and theme.folder is not None:
            path = theme.folder / path
        return path
    name = "python-pptx-4x3.pptx" if theme.slides.size == "4:3" else "recap-16x9.pptx"
    return assets_dir() / "templates" / name


def template_error(source: str, message: str, hint: str) -> ContentError:
    """A template that cannot be used: exit 1, naming the file."""
    return ContentError([Problem(source, message, hint, FIELD)])


@lru_cache(maxsize=4)
def _read(path: Path, mtime: int, size: int) -> TemplatePackage:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise template_error(str(path), f"cannot read the template ({exc.strerror})", "check the path") from None
    return TemplatePackage(data, str(path))


def read_template(path: Path) -> TemplatePackage:
    """The template at `path`, read once per process while the file is unchanged (the plan reads its layouts,
    the pptx renderer copies its parts)."""
    try:
        st = path.stat()
    except OSError:
        raise template_error(str(path), "template not found", "check slides.template in the theme") from None
    return _read(path, st.st_mtime_ns, st.st_size)


class TemplatePackage:
    """A .pptx (or .potx) read as raw parts: blobs by partname in zip order, content types, and relationships;
    made inert as it is read (decks.plan.template_parts): only the parts recap understands are kept, with no
    external relationship, active part or unsafe action, and `warnings` say what went."""

    def __init__(self, data: bytes, source: str = "template") -> None:
        self.source = source
        name = f"the template {Path(source).name}"

        def refuse(what: str, hint: str = PACKAGE_HINT) -> ContentError:
            return template_error(source, f"{name} {what}", hint)

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                infos = [i for i in z.infolist() if not i.filename.endswith("/")]
                if not infos:
                    raise refuse("is an empty zip")
                if len(infos) > MAX_PARTS:
                    raise refuse(f"has {len(infos):,} parts, over {MAX_PARTS:,}")
                locked = next((i for i in infos if i.flag_bits & 0x1), None)
                if locked is not None:
                    raise refuse(
                        f"has an encrypted entry ({_entry_name(locked.filename)})",
                        "save the template again without a password (File > Info > Protect Presentation)",
                    )
                total = sum(i.file_size for i in infos)
                if total > MAX_UNCOMPRESSED:
                    raise refuse(
                        f"unpacks to {total / 2**20:,.0f} MB, over the {MAX_UNCOMPRESSED // 2**20} MB recap reads"
                    )
                # Every part is read (and its checksum checked) now: a damaged template fails here, not mid-render.
                self.blobs = {"/" + i.filename: _inflate(z, i) for i in infos}
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            EOFError,
            NotImplementedError,
            ValueError,
            RuntimeError,
            OSError,
            zlib.error,
            struct.error,
        ) as exc:
            raise refuse(f"is not a readable .pptx ({_entry_name(str(exc))})") from None
        not_pptx = "is a zip but not a PowerPoint presentation or template"
        if "/[Content_Types].xml" not in self.blobs:
            raise refuse(not_pptx)
        types = self.xml("/[Content_Types].xml")
        del self.blobs["/[Content_Types].xml"]
        self.defaults = {
            (d.get("Extension") or "").lower(): d.get("ContentType") or "" for d in types.iter(CT + "Default")
        }
        self.overrides = {o.get("PartName") or "": o.get("ContentType") or "" for o in types.iter(CT + "Override")}
        self._rels: dict[str, list[Rel]] = {}
        main = next((r.target for r in self.rels("/") if r.reltype == RT_OFFICE_DOCUMENT), None)
        if main is None or main not in self.blobs or self.content_type(main) not in MAIN_TYPES | MACRO_MAIN_TYPES:
            raise refuse(not_pptx)
        self.main = main
        try:
            inert = Inert(self.blobs, self.content_type, main)
        except Refused as exc:
            raise refuse(f"cannot be used: {exc.message}", exc.hint) from None
        self.blobs, self.warnings = inert.blobs, [f"template {source}: {w}" for w in inert.warnings]
        self._rels = dict(inert.rels)

    def content_type(self, partname: str) -> str:
        """The part's content type: its `<Override>`, else its extension's `<Default>`."""
        ext = posixpath.splitext(partname)[1][1:].lower()
        return self.overrides.get(partname) or self.defaults.get(ext, "application/octet-stream")

    def rels(self, partname: str) -> list[Rel]:
        """The part's relationships, internal targets made absolute partnames."""
        if partname not in self._rels:
            item = "/_rels/.rels" if partname == "/" else rels_name(partname)
            blob = self.blobs.get(item)
            found = relationships(item, self._parse(item, blob)) if blob is not None else []
            self._rels[partname] = [rel for _, rel in found]
        return self._rels[partname]

    def related(self, partname: str, rid: str) -> str | None:
        """The partname `partname` relates to by `rid`, if any."""
        return next((r.target for r in self.rels(partname) if r.rid == rid), None)

    def xml(self, partname: str) -> etree._Element:
        """The part parsed (safely: no entities, no network)."""
        blob = self.blobs.get(partname)
        if blob is None:
            raise template_error(self.source, f"the part {partname} is missing", "save the template again")
        return self._parse(partname, blob)

    def _parse(self, partname: str, blob: bytes) -> etree._Element:
        try:
            return parse(blob)
        except UnsafeXML as exc:
            raise template_error(
                self.source, f"the template {Path(self.source).name}: the part {partname} {exc}", PACKAGE_HINT
            ) from None


def _entry_name(text: str) -> str:
    """A zip entry's name or a zip library's message, cut short and printable, for a message."""
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 80 else text[:79] + "…"


def _inflate(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One entry, read no further than its declared size (a forged header cannot make it inflate more)."""
    with z.open(info) as fh:
        data = fh.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise ValueError(f"{info.filename} inflates past its declared size")
    return data


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
        box = xfrm_box(xfrm)
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


class Resolved(msgspec.Struct):
    """Each role's layout and the geometry the planner works on; where each role's title and body boxes come
    from (for messages); the master's theme fonts (major/minor, latin/ea) and colours."""

    layouts: dict[str, Layout]
    geometry: Geometry
    master: str
    warnings: list[str] = msgspec.field(default_factory=list)
    sources: dict[str, dict[str, Placeholder]] = msgspec.field(default_factory=dict)
    fonts: dict[str, str] = msgspec.field(default_factory=dict)
    colors: dict[str, str] = msgspec.field(default_factory=dict)
    title_bold: bool = False
    sample_colors: dict[str, str] = msgspec.field(default_factory=dict)
    link_color: str | None = None  # a stand-in for the theme's link colour where that does not read
    body_color: str | None = None  # the body placeholder's text colour (template_colors.body_color)


def _box(ph: Placeholder, master: dict[str, Rect]) -> Rect | None:
    return ph.box or master.get(BASE_TYPE.get(ph.type, "body")) or master.get(ph.type)


def _slots(
    layout: Layout, master: dict[str, Rect]
) -> tuple[tuple[Placeholder, Rect] | None, list[tuple[Placeholder, Rect]]]:
    title, bodies = None, []
    for ph in sorted(layout.placeholders, key=lambda p: p.idx):
        box = _box(ph, master)
        if box is None:
            continue
        if ph.type in TITLES and title is None:
            title = (ph, box)
        elif ph.type in BODIES:
            bodies.append((ph, box))
    return title, bodies


def _latent(layout: Layout, master: dict[str, Rect], kind: str) -> Rect | None:
    """The box of the layout's date, footer or slide-number placeholder (only the layout's own placeholders
    show on its slides; a box that is empty counts as none)."""
    for ph in layout.placeholders:
        if ph.type == kind:
            box = _box(ph, master)
            return box if box is not None and box.w > 0 and box.h > 0 else None
    return None


def pictures(root: etree._Element) -> list[Rect]:
    """The boxes of the pictures (logos) a master or layout draws on every slide: its `<p:pic>` shapes that are
    not placeholders, and groups holding one."""
    tree = root.find(f"{P}cSld/{P}spTree")
    out: list[Rect] = []
    for shape in tree if tree is not None else ():
        if shape.tag == P + "pic" and shape.find(f"{P}nvPicPr/{P}nvPr/{P}ph") is None:
            xfrm = shape.find(f"{P}spPr/{A}xfrm")
        elif shape.tag == P + "grpSp" and shape.find(f".//{P}pic") is not None:
            xfrm = shape.find(f"{P}grpSpPr/{A}xfrm")
        else:
            continue
        box = xfrm_box(xfrm)
        if box is not None and box.w > 0 and box.h > 0:
            out.append(box)
    return out


def theme_fonts(tpl: TemplatePackage, master: str) -> tuple[dict[str, str], dict[str, str]]:
    """The master's theme fonts ("major_latin", "major_ea", "minor_latin", "minor_ea"; empty ones left out) and
    colour scheme (dk1, lt1, accent1... as #RRGGBB, system colours by their last value)."""
    part = next((r.target for r in tpl.rels(master) if r.reltype == RT_THEME), None)
    if part is None or part not in tpl.blobs:
        return {}, {}
    root = tpl.xml(part)
    fonts: dict[str, str] = {}
    for which in ("major", "minor"):
        node = root.find(f"{A}themeElements/{A}fontScheme/{A}{which}Font")
        for script in ("latin", "ea"):
            face = node.find(A + script) if node is not None else None
            if face is not None and face.get("typeface"):
                fonts[f"{which}_{script}"] = face.get("typeface", "")
    colors: dict[str, str] = {}
    scheme = root.find(f"{A}themeElements/{A}clrScheme")
    for node in scheme if scheme is not None else ():
        if not isinstance(node.tag, str) or not len(node):
            continue
        value = node[0].get("val") if node[0].tag == A + "srgbClr" else node[0].get("lastClr")
        if value:
            colors[etree.QName(node).localname] = "#" + value.upper()
    return fonts, colors


def resolve(tpl: TemplatePackage, source: str) -> Resolved:
    """Layouts for every role in the template's first slide master, with fallbacks and warnings for those the
    template lacks."""
    pres = tpl.xml(tpl.main)
    size = pres.find(P + "sldSz")
    try:
        width, height = int(size.get("cx")) / EMU_PER_PT, int(size.get("cy")) / EMU_PER_PT  # type: ignore[union-attr]
    except (AttributeError, TypeError, ValueError):
        width, height = 0.0, 0.0
    if width <= 0 or height <= 0:
        raise template_error(source, "the presentation gives no slide size (<p:sldSz>)", "save the template again")
    # The deck's presentation part is the template's with recap's lists put beside these two (by the pptx
    # renderer): a template without them would pass here only to fail there.
    for tag, what in (("sldMasterIdLst", "no list of slide masters"), ("notesSz", "no notes size")):
        if pres.find(P + tag) is None:
            raise template_error(source, f"the presentation part has {what} (<p:{tag}>)", PACKAGE_HINT)
    sx, sy = width / 960, height / 540
    defaults = {
        role: Frame(*(Rect(b.x * sx, b.y * sy, b.w * sx, b.h * sy) if b else None for b in (f.title, f.body, f.aside)))
        for role, f in default_geometry().frames.items()
    }
    first = pres.find(f"{P}sldMasterIdLst/{P}sldMasterId")
    master_name = tpl.related(tpl.main, first.get(R + "id", "")) if first is not None else None
    if master_name is None:
        master_name = next((r.target for r in tpl.rels(tpl.main) if r.reltype == RT_SLIDE_MASTER), None)
    if master_name is None or master_name not in tpl.blobs:
        raise template_error(source, "the template has no slide master", "save it from PowerPoint's Slide Master view")
    master_xml = tpl.xml(master_name)
    master: dict[str, Rect] = {}
    for ph in placeholders(master_xml):
        if ph.box is not None:
            master.setdefault(ph.type, ph.box)
    if "title" in master:
        master["ctrTitle"] = master["title"]
    master_pics = logos(pictures(master_xml), width, height)
    # The master's layouts in its `<p:sldLayoutIdLst>` order, as PowerPoint lists them.
    ids = [e.get(R + "id") for e in master_xml.iterfind(f"{P}sldLayoutIdLst/{P}sldLayoutId")]
    targets = {r.rid: r.target for r in tpl.rels(master_name) if r.reltype == RT_SLIDE_LAYOUT}
    all_layouts = []
    keepouts: dict[str, tuple[Rect, ...]] = {}
    for rid in ids:
        if rid in targets and targets[rid] in tpl.blobs:
            root = tpl.xml(targets[rid])
            c_sld = root.find(P + "cSld")
            name = c_sld.get("name", "") if c_sld is not None else ""
            all_layouts.append(Layout(targets[rid], name, tuple(placeholders(root))))
            shown = master_pics if root.get("showMasterSp", "1") not in ("0", "false") else []
            keepouts[targets[rid]] = (*shown, *logos(pictures(root), width, height))
    if not all_layouts:
        raise template_error(
            source, "the template's slide master has no slide layouts", "add layouts in PowerPoint's Slide Master view"
        )
    by_name: dict[str, Layout] = {}
    for layout in all_layouts:
        by_name.setdefault(layout.name.casefold(), layout)
    found: dict[str, Layout] = {}
    for role, names in NAMES.items():
        chosen = next((by_name[n.casefold()] for n in names if n.casefold() in by_name), None)
        chosen = chosen or _by_types(all_layouts, role)
        if chosen is not None:
            found[role] = chosen
    warnings: list[str] = []
    layouts: dict[str, Layout] = {}
    frames: dict[str, Frame] = {}
    sources: dict[str, dict[str, Placeholder]] = {}
    content = found.get("content")
    for role in NAMES:
        layout = found.get(role)
        used: dict[str, Placeholder] = {}
        if layout is None:
            layout = content or by_name.get("title only") or by_name.get("blank") or all_layouts[0]
            warnings.append(
                f"template {source} has no '{NAMES[role][0]}' layout (nor one with the placeholders it needs); "
                f"{role} slides use '{layout.name}' instead"
            )
            frame = defaults[role]
            title, _ = _slots(layout, master)
            if role not in ("title", "section") and title is not None:
                frame = Frame(title[1], frame.body, frame.aside)
                used["title"] = title[0]
        else:
            title, bodies = _slots(layout, master)
            d = defaults[role]
            frame = Frame(
                title[1] if title else d.title,
                bodies[0][1] if bodies else d.body,
                bodies[1][1] if len(bodies) > 1 else d.aside,
            )
            used.update({k: v[0] for k, v in (("title", title), ("body", bodies[0] if bodies else None)) if v})
            if len(bodies) > 1:
                used["aside"] = bodies[1][0]
        if role == "picture" and frame.aside is None:
            frame = defaults["picture"]
            used = {}
        keep = keepouts.get(layout.partname, ())

        def clear(box: Rect | None, keep: tuple[Rect, ...] = keep) -> Rect | None:
            return clear_of(box, keep) if box is not None else None

        aside = clear(frame.aside)
        if aside is not None and min(aside.w, aside.h) < MIN_PICTURE:
            aside = None  # too small to show a picture in: item pictures are left out rather than drawn inside out
        frame = Frame(
            clear_of(frame.title, keep),
            clear(frame.body),
            aside,
            footer=clear(_latent(layout, master, "ftr")),
            number=clear(_latent(layout, master, "sldNum")),
            date=clear(_latent(layout, master, "dt")),
            keepout=keep,
        )
        layouts[role] = layout
        frames[role] = frame
        sources[role] = used
    fonts, colors = theme_fonts(tpl, master_name)
    samples, unreadable = sample_colors(tpl, master_name, master_xml, colors)
    link, unread_link = link_color(tpl, master_name, master_xml, colors)
    title_rpr = master_xml.find(f"{P}txStyles/{P}titleStyle/{A}lvl1pPr/{A}defRPr")
    title_bold = title_rpr is not None and title_rpr.get("b") in ("1", "true")
    return Resolved(
        layouts,
        Geometry(width, height, frames),
        master_name,
        [*tpl.warnings, *warnings, *unreadable, *unread_link],
        sources,
        fonts,
        colors,
        title_bold,
        samples,
        link,
        samples.get("body") or body_color(master_xml, colors),
    )


def unusable(resolved: Resolved, source: str, floor: float, pitch: float) -> list[Problem]:
    """Problems for each title or body placeholder too small to hold one line at the floor size: `pitch` is the
    height of one line there; a box also needs the width of a few characters."""
    problems: list[Problem] = []
    need_w = 4 * floor
    seen: set[tuple[str, str]] = set()
    for role, frame in resolved.geometry.frames.items():
        layout = resolved.layouts[role]
        for slot, box in (("title", frame.title), ("body", frame.body)):
            if box is None or (box.h >= pitch - 1e-6 and box.w >= need_w - 1e-6):
                continue
            ph = resolved.sources.get(role, {}).get(slot)
            name = ph.name if ph is not None else f"its {slot} box"
            if (layout.name, name) in seen:
                continue
            seen.add((layout.name, name))
            problems.append(
                Problem(
                    source,
                    f"layout '{layout.name}', placeholder '{name}' is {box.w:.1f} x {box.h:.1f} pt"
                    + (" beside the pictures on the master or layout" if frame.keepout else "")
                    + ", too small for "
                    f"one line of text at the floor size {floor:g} pt: it needs at least {need_w:.0f} x {pitch:.1f} pt "
                    f"({need_w / 72 * 2.54:.1f} x {pitch / 72 * 2.54:.2f} cm)",
                    "make the placeholder larger in the template's Slide Master view, or lower sizes.slides.floor",
                    FIELD,
                )
            )
    return problems


KINDS = {
    "title": "title",
    "agenda": "content",
    "section": "section",
    "item": "content",
    "item with picture": "picture",
    "takeaways": "content",
    "resources": "content",
    "closing": "closing",
}


def describe(resolved: Resolved) -> list[str]:
    """For `recap check --theme`: the layout serving each slide kind, the master's pictures recap keeps clear
    of, and the theme fonts the template names."""
    lines = [f"{kind} slides: layout '{resolved.layouts[role].name}'" for kind, role in KINDS.items()]
    pics = sorted({b for f in resolved.geometry.frames.values() for b in f.keepout}, key=lambda b: (b.y, b.x))
    for b in pics:
        lines.append(
            f"picture on the master or a layout at ({b.x:.0f}, {b.y:.0f}) {b.w:.0f} x {b.h:.0f} pt: kept clear"
        )
    for key, face in sorted(resolved.fonts.items()):
        lines.append(f"theme font {key.replace('_', ' ')}: {face}")
    return lines


def _by_types(layouts: list[Layout], role: str) -> Layout | None:
    """A layout whose placeholders suit `role`, when no layout has one of its names."""
    for layout in layouts:
        kinds = [ph.type for ph in layout.placeholders]
        bodies = sum(k in BODIES for k in kinds)
        if role != "title" and "subTitle" in kinds:
            continue  # a title slide's subtitle is no body for a list
        if role == "title" and "ctrTitle" in kinds and "subTitle" in kinds:
            return layout
        if role == "content" and "title" in kinds and bodies == 1:
            return layout
        if role == "picture" and "title" in kinds and bodies == 2:
            return layout
    return None


def load(theme: Theme) -> tuple[Path, Resolved]:
    """The theme's template resolved, or a `ContentError` naming what is wrong with it: missing, not a
    template, or a title or body placeholder too small for one line at the theme's floor size."""
    from decks.text.stacks import stacks_for

    path = template_path(theme)
    if not path.is_file():
        raise template_error(str(path), "template not found", "check slides.template in the theme")
    resolved = resolve(read_template(path), str(path))
    floor = theme.sizes.slides.floor
    stacks = stacks_for(theme)
    leading = theme.sizes.slides.leading
    pitch = max(leading, stacks.body.primary.line_height, stacks.heading.primary.line_height) * floor
    problems = unusable(resolved, str(path), floor, pitch)
    if problems:
        raise ContentError(problems)
    return path, resolved


def template_report(theme: Theme) -> tuple[list[str], list[Problem]]:
    """What `recap check --theme` says about the theme's template: the layout serving each slide kind, the
    pictures kept clear, the theme fonts; or the problems that stop it being used."""
    try:
        path, resolved = load(theme)
    except ContentError as exc:
        return [], list(exc.problems)
    from decks.plan.fontfiles import embeddable, is_universal
    from decks.text.stacks import stacks_for

    measured, inherited, notes = measuring_theme(theme, resolved)
    stacks = stacks_for(measured)
    lines = [f"template {path.name}: {line}" for line in describe(resolved)]
    for role, stack in (("heading", stacks.heading), ("body", stacks.body), ("cjk", None)):
        face = stack.primary if stack is not None else stacks.body.face_for("\u4e00")
        if face is None:
            continue
        lines.append(f"template {path.name}: {role}: {face.family} measured with {face.path}")
        if is_universal(face.family) or face.family in inherited:
            continue
        why = embeddable(face.path)
        if why is None:
            lines.append(
                f"template {path.name}: {role}: {face.family} is not on every machine: recap pptx embeds it "
                "(PowerPoint shows it; LibreOffice and Google Slides draw a substitute unless it is installed"
                + ("; ideographs are one em wide in every CJK face, so the text still fits)" if role == "cjk" else ")")
            )
        else:
            lines.append(
                f"template {path.name}: {role}: {face.family} is not on every machine and cannot be embedded "
                f"({why}): machines without it draw a substitute"
            )
    lines += [f"template {path.name}: warning: {w}" for w in (*resolved.warnings, *notes)]
    return lines, []


def measuring_theme(theme: Theme, resolved: Resolved) -> tuple[Theme, tuple[str, ...], list[str]]:
    """The theme the deck is measured with: when the template's master decides the fonts, its theme fonts
    (major for headings, minor for body, East Asian for CJK) found as files (decks.plan.fontfiles), else the
    theme as it is. Also the families the master supplies (runs in them name no typeface) and warnings for
    fonts measured with a stand-in."""
    if theme.slides.decides("fonts") or not resolved.fonts:
        return theme, (), []
    from decks.plan.fontfiles import find_font
    from decks.themes.model import FontSpec

    fonts, folder = resolved.fonts, theme.folder
    update: dict[str, FontSpec] = {}
    warnings: list[str] = []
    inherited: list[str] = []

    def spec(family: str, bold: bool) -> FontSpec:
        found = find_font(family, bold, folder)
        if found.how == "stand-in":
            warnings.append(
                f"the template's font '{family}' is neither bundled, in the theme folder nor installed: "
                f"{found.describe()}; install it (or put its .ttf in the theme folder) to measure it exactly"
            )
        if family not in inherited:
            inherited.append(family)
        return FontSpec(file=found.path, family=family, margin=found.margin)

    if fonts.get("major_latin"):
        update["heading"] = spec(fonts["major_latin"], True)
    if fonts.get("minor_latin"):
        update["body"] = spec(fonts["minor_latin"], False)
    ea = fonts.get("minor_ea") or fonts.get("major_ea")
    if ea:
        # Ideographs are one em in every CJK face: a missing East Asian font is measured with the theme's own.
        found = find_font(ea, False, folder)
        if found.how != "stand-in":
            update["cjk"] = FontSpec(file=found.path, family=ea)
            bold = find_font(ea, True, folder)
            update["cjk_bold"] = FontSpec(file=bold.path, family=ea)
            inherited.append(ea)
    measured = theme.model_copy(update={"fonts": theme.fonts.model_copy(update=update)})
    return measured, tuple(inherited), warnings


def deck_fonts(deck: Deck, theme: Theme) -> tuple[FontFile, ...]:
    """Every (family, bold) a run of `deck` names, with the file `theme`'s stacks measured it with."""
    from decks.plan.fontfiles import measures_for
    from decks.text.stacks import stacks_for

    stacks = stacks_for(theme)
    out: dict[tuple[str, bool], FontFile] = {}
    for slide in deck.slides:
        for box in (slide.title, *slide.texts):
            for para in box.paras:
                stack = stacks.heading if para.font == "heading" else stacks.body
                bold = para.font == "heading"
                for run in para.runs:
                    key = (run.face, bold and not run.field)
                    if key in out or not run.face:
                        continue
                    face = next((f for f in stack.faces if f.family == run.face), stack.primary)
                    # A bundled twin or a stand-in measures for the family but is not it: never embedded.
                    own = not measures_for(run.face, face.path)
                    out[key] = FontFile(run.face, key[1], face.path, own)
    return tuple(sorted(out.values(), key=lambda f: (f.family, f.bold)))
