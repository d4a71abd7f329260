"""The template a deck plan is laid on: in the package (read by decks.readers.template), find a layout for each
slide role by name or placeholder types, and read the layouts' boxes (a placeholder without its own `<a:xfrm>`
takes the master's).

A role whose layout is missing falls back to another layout (with a warning), never to a crash: the
plan's boxes are then derived from the fallback's, and text goes into added text boxes when the layout
has no placeholder for it. A template without a slide size, master or layouts, and placeholders too small for
one line at the floor, are `ContentError`s naming the file, layout and placeholder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import msgspec
from lxml import etree

from decks.assets import assets_dir
from decks.errors import ContentError, Problem
from decks.opc import (
    QN_A,
    QN_P,
    QN_R,
    RT_SLIDE_LAYOUT,
    RT_SLIDE_MASTER,
    RT_THEME,
    TITLES,
)
from decks.plan.deck.plan import (
    PLACEHOLDER_TYPES,
    Frame,
    Geometry,
    Layout,
    LayoutRole,
    Placeholder,
    PlaceholderType,
    default_geometry,
)
from decks.plan.geometry import EMU_PER_PT, Rect, xfrm_box
from decks.plan.keepout import clear_of, logos
from decks.plan.stacks import stacks_for
from decks.plan.template_colors import body_color, link_color, sample_colors
from decks.readers.template import FIELD, PACKAGE_HINT, TemplatePackage, read_template, template_error
from decks.themes.model import Theme

# Layout names, first found wins, compared case-insensitively: recap's own, then PowerPoint's, LibreOffice
# Impress's ("Title, Content"), Google Slides' ("Title and body") and Keynote's ("Title & Bullets") for the
# same layout, so a template saved by any of them gets the layout its maker meant.
NAMES: dict[LayoutRole, tuple[str, ...]] = {
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
SHAPES = {QN_P + t for t in ("sp", "pic", "graphicFrame", "cxnSp", "grpSp", "contentPart")}
# A box of a role's frame that a layout placeholder may give (`Resolved.sources`).
FrameBox = Literal["title", "body", "aside"]
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


def placeholders(root: etree._Element) -> list[Placeholder]:
    """Each placeholder shape in the `<p:spTree>` of a slide, layout, master or notes master part."""
    tree = root.find(f"{QN_P}cSld/{QN_P}spTree")
    out: list[Placeholder] = []
    for shape in tree if tree is not None else ():
        if shape.tag not in SHAPES or not len(shape):
            continue
        nv = shape[0]
        ph = nv.find(f"{QN_P}nvPr/{QN_P}ph")
        if ph is None:
            continue
        c_nv = nv.find(f"{QN_P}cNvPr")
        xfrm = shape.find(f"{QN_P}spPr/{QN_A}xfrm")
        if xfrm is None:
            xfrm = shape.find(f"{QN_P}xfrm")
        box = xfrm_box(xfrm)
        attrs = {k: v for k, v in ph.attrib.items() if k in ("type", "orient", "sz", "idx")}
        out.append(
            Placeholder(
                c_nv.get("name", "") if c_nv is not None else "",
                # a type outside the standard's list (a file no Office client opens) is read as "obj"
                PLACEHOLDER_TYPES.get(ph.get("type", "obj"), "obj"),
                int(ph.get("idx", "0")),
                attrs,
                box,
            )
        )
    return out


class Resolved(msgspec.Struct):
    """Each role's layout and the geometry the planner works on; where each role's title and body boxes come
    from (for messages); the master's theme fonts (major/minor, latin/ea) and colours."""

    layouts: dict[LayoutRole, Layout]
    geometry: Geometry
    master: str
    warnings: list[str] = msgspec.field(default_factory=list)
    sources: dict[LayoutRole, dict[FrameBox, Placeholder]] = msgspec.field(default_factory=dict)
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


def _latent(layout: Layout, master: dict[str, Rect], kind: PlaceholderType) -> Rect | None:
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
    tree = root.find(f"{QN_P}cSld/{QN_P}spTree")
    out: list[Rect] = []
    for shape in tree if tree is not None else ():
        if shape.tag == QN_P + "pic" and shape.find(f"{QN_P}nvPicPr/{QN_P}nvPr/{QN_P}ph") is None:
            xfrm = shape.find(f"{QN_P}spPr/{QN_A}xfrm")
        elif shape.tag == QN_P + "grpSp" and shape.find(f".//{QN_P}pic") is not None:
            xfrm = shape.find(f"{QN_P}grpSpPr/{QN_A}xfrm")
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
        node = root.find(f"{QN_A}themeElements/{QN_A}fontScheme/{QN_A}{which}Font")
        for script in ("latin", "ea"):
            face = node.find(QN_A + script) if node is not None else None
            if face is not None and face.get("typeface"):
                fonts[f"{which}_{script}"] = face.get("typeface", "")
    colors: dict[str, str] = {}
    scheme = root.find(f"{QN_A}themeElements/{QN_A}clrScheme")
    for node in scheme if scheme is not None else ():
        if not isinstance(node.tag, str) or not len(node):
            continue
        value = node[0].get("val") if node[0].tag == QN_A + "srgbClr" else node[0].get("lastClr")
        if value:
            colors[etree.QName(node).localname] = "#" + value.upper()
    return fonts, colors


def resolve(tpl: TemplatePackage, source: str) -> Resolved:
    """Layouts for every role in the template's first slide master, with fallbacks and warnings for those the
    template lacks."""
    pres = tpl.xml(tpl.main)
    width, height = _slide_size(pres, source)
    master_name = _first_master(tpl, pres, source)
    master_xml = tpl.xml(master_name)
    master = _master_boxes(master_xml)
    all_layouts, keepouts = _master_layouts(tpl, master_name, master_xml, width, height, source)
    by_name: dict[str, Layout] = {}
    for each in all_layouts:
        by_name.setdefault(each.name.casefold(), each)
    found = _found_layouts(all_layouts, by_name)
    defaults = _default_frames(width, height)
    warnings: list[str] = []
    layouts: dict[LayoutRole, Layout] = {}
    frames: dict[LayoutRole, Frame] = {}
    sources: dict[LayoutRole, dict[FrameBox, Placeholder]] = {}
    for role in NAMES:
        layout = found.get(role)
        if layout is None:
            layout = found.get("content") or by_name.get("title only") or by_name.get("blank") or all_layouts[0]
            warnings.append(
                f"template {source} has no '{NAMES[role][0]}' layout (nor one with the placeholders it needs); "
                f"{role} slides use '{layout.name}' instead"
            )
            frame, used = _fallback_frame(role, layout, master, defaults[role])
        else:
            frame, used = _layout_frame(layout, master, defaults[role])
        if role == "picture" and frame.aside is None:
            frame, used = defaults["picture"], {}
        layouts[role] = layout
        frames[role] = _cleared(frame, layout, master, keepouts.get(layout.partname, ()))
        sources[role] = used
    fonts, colors = theme_fonts(tpl, master_name)
    samples, unreadable = sample_colors(tpl, master_name, master_xml, colors)
    link, unread_link = link_color(tpl, master_name, master_xml, colors)
    title_rpr = master_xml.find(f"{QN_P}txStyles/{QN_P}titleStyle/{QN_A}lvl1pPr/{QN_A}defRPr")
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


def _slide_size(pres: etree._Element, source: str) -> tuple[float, float]:
    """The slide size in points; a presentation part without a size, or without the two lists the pptx renderer
    puts recap's beside, is a located error."""
    size = pres.find(QN_P + "sldSz")
    try:
        width, height = int(size.get("cx")) / EMU_PER_PT, int(size.get("cy")) / EMU_PER_PT
    except (AttributeError, TypeError, ValueError):
        width, height = 0.0, 0.0
    if width <= 0 or height <= 0:
        raise template_error(source, "the presentation gives no slide size (<p:sldSz>)", "save the template again")
    # The deck's presentation part is the template's with recap's lists put beside these two (by the pptx
    # renderer): a template without them would pass here only to fail there.
    for tag, what in (("sldMasterIdLst", "no list of slide masters"), ("notesSz", "no notes size")):
        if pres.find(QN_P + tag) is None:
            raise template_error(source, f"the presentation part has {what} (<p:{tag}>)", PACKAGE_HINT)
    return width, height


def _default_frames(width: float, height: float) -> dict[LayoutRole, Frame]:
    """recap's own boxes for each role (laid out on 960 x 540 pt), scaled to the slide."""
    sx, sy = width / 960, height / 540

    def scaled(b: Rect) -> Rect:
        return Rect(b.x * sx, b.y * sy, b.w * sx, b.h * sy)

    return {
        role: Frame(scaled(f.title), scaled(f.body) if f.body else None, scaled(f.aside) if f.aside else None)
        for role, f in default_geometry().frames.items()
    }


def _first_master(tpl: TemplatePackage, pres: etree._Element, source: str) -> str:
    """The partname of the first slide master in the presentation's list, else of any it relates to."""
    first = pres.find(f"{QN_P}sldMasterIdLst/{QN_P}sldMasterId")
    master_name = tpl.related(tpl.main, first.get(QN_R + "id", "")) if first is not None else None
    if master_name is None:
        master_name = next((r.target for r in tpl.rels(tpl.main) if r.reltype == RT_SLIDE_MASTER), None)
    if master_name is None or master_name not in tpl.blobs:
        raise template_error(source, "the template has no slide master", "save it from PowerPoint's Slide Master view")
    return master_name


def _master_boxes(master_xml: etree._Element) -> dict[str, Rect]:
    """The master's placeholder boxes by placeholder type (the first of each), which layouts inherit."""
    master: dict[str, Rect] = {}
    for ph in placeholders(master_xml):
        if ph.box is not None:
            master.setdefault(ph.type, ph.box)
    if "title" in master:
        master["ctrTitle"] = master["title"]
    return master


def _master_layouts(
    tpl: TemplatePackage, master_name: str, master_xml: etree._Element, width: float, height: float, source: str
) -> tuple[list[Layout], dict[str, tuple[Rect, ...]]]:
    """The master's layouts in its `<p:sldLayoutIdLst>` order, as PowerPoint lists them, and for each (by
    partname) the logos on it and on the master (when it shows the master's shapes) that text keeps clear of."""
    master_pics = logos(pictures(master_xml), width, height)
    ids = [e.get(QN_R + "id") for e in master_xml.iterfind(f"{QN_P}sldLayoutIdLst/{QN_P}sldLayoutId")]
    targets = {r.rid: r.target for r in tpl.rels(master_name) if r.reltype == RT_SLIDE_LAYOUT}
    all_layouts = []
    keepouts: dict[str, tuple[Rect, ...]] = {}
    for rid in ids:
        if rid in targets and targets[rid] in tpl.blobs:
            root = tpl.xml(targets[rid])
            c_sld = root.find(QN_P + "cSld")
            name = c_sld.get("name", "") if c_sld is not None else ""
            all_layouts.append(Layout(targets[rid], name, tuple(placeholders(root))))
            shown = master_pics if root.get("showMasterSp", "1") not in ("0", "false") else []
            keepouts[targets[rid]] = (*shown, *logos(pictures(root), width, height))
    if not all_layouts:
        raise template_error(
            source, "the template's slide master has no slide layouts", "add layouts in PowerPoint's Slide Master view"
        )
    return all_layouts, keepouts


def _found_layouts(all_layouts: list[Layout], by_name: dict[str, Layout]) -> dict[LayoutRole, Layout]:
    """The layout for each role the template has one for: by one of its names, else by its placeholders."""
    found: dict[LayoutRole, Layout] = {}
    for role, names in NAMES.items():
        chosen = next((by_name[n.casefold()] for n in names if n.casefold() in by_name), None)
        chosen = chosen or _by_types(all_layouts, role)
        if chosen is not None:
            found[role] = chosen
    return found


def _fallback_frame(
    role: LayoutRole, layout: Layout, master: dict[str, Rect], default: Frame
) -> tuple[Frame, dict[FrameBox, Placeholder]]:
    """The boxes of a role laid on another role's layout: recap's own, but the layout's title box for slides
    other than title and section slides (whose titles stand elsewhere)."""
    used: dict[FrameBox, Placeholder] = {}
    frame = default
    title, _ = _slots(layout, master)
    if role not in ("title", "section") and title is not None:
        frame = Frame(title[1], frame.body, frame.aside)
        used["title"] = title[0]
    return frame, used


def _layout_frame(layout: Layout, master: dict[str, Rect], default: Frame) -> tuple[Frame, dict[FrameBox, Placeholder]]:
    """The boxes of a role's own layout: its title, first body and second body (the aside) placeholders, recap's
    own box for any it lacks; and the placeholder behind each box."""
    title, bodies = _slots(layout, master)
    frame = Frame(
        title[1] if title else default.title,
        bodies[0][1] if bodies else default.body,
        bodies[1][1] if len(bodies) > 1 else default.aside,
    )
    used: dict[FrameBox, Placeholder] = {}
    if title:
        used["title"] = title[0]
    if bodies:
        used["body"] = bodies[0][0]
    if len(bodies) > 1:
        used["aside"] = bodies[1][0]
    return frame, used


def _cleared(frame: Frame, layout: Layout, master: dict[str, Rect], keep: tuple[Rect, ...]) -> Frame:
    """`frame` kept clear of the logos in `keep`, with the layout's footer, slide number and date boxes."""

    def clear(box: Rect | None) -> Rect | None:
        return clear_of(box, keep) if box is not None else None

    aside = clear(frame.aside)
    if aside is not None and min(aside.w, aside.h) < MIN_PICTURE:
        aside = None  # too small to show a picture in: item pictures are left out rather than drawn inside out
    return Frame(
        clear_of(frame.title, keep),
        clear(frame.body),
        aside,
        footer=clear(_latent(layout, master, "ftr")),
        number=clear(_latent(layout, master, "sldNum")),
        date=clear(_latent(layout, master, "dt")),
        keepout=keep,
    )


def unusable(resolved: Resolved, source: str, floor: float, pitch: float) -> list[Problem]:
    """Problems for each title or body placeholder too small to hold one line at the floor size: `pitch` is the
    height of one line there; a box also needs the width of a few characters."""
    problems: list[Problem] = []
    need_w = 4 * floor
    seen: set[tuple[str, str]] = set()
    for role, frame in resolved.geometry.frames.items():
        layout = resolved.layouts[role]
        slots: tuple[tuple[FrameBox, Rect | None], ...] = (("title", frame.title), ("body", frame.body))
        for slot, box in slots:
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


def _by_types(layouts: list[Layout], role: LayoutRole) -> Layout | None:
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
