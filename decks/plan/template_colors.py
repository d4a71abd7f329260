"""The text colours a template's master shows only in its placeholders' sample text, kept where they read; and a
link colour that reads where the theme's own does not.

LibreOffice saves a master's title and outline colours in the sample text of its placeholders and writes no
`<p:txStyles>`; no client carries a sample's colour to new slides, so a white-on-navy design comes out black on
navy. The deck writer puts these colours in the master's text styles. A master is not always meant for every
slide (LibreOffice's Vivid has light outline text for its title page's blue band), so a colour is kept only
where it reads on what the master draws behind the placeholder: its top filled shape or picture there, else
its background.
"""

from __future__ import annotations

import colorsys
from typing import TYPE_CHECKING

from lxml import etree

from decks.colors import contrast_ratio, format_ratio, mix
from decks.imagefiles import open_image, picture_problem
from decks.opc import QN_A, QN_P, QN_R, TITLES
from decks.plan.geometry import Rect, xfrm_box

if TYPE_CHECKING:
    from decks.readers.template import TemplatePackage

READABLE = 3.0  # WCAG's contrast for large text: slide text is large


def sample_colors(
    tpl: TemplatePackage, master_name: str, master: etree._Element, scheme: dict[str, str]
) -> tuple[dict[str, str], list[str]]:
    """The colour ("#RRGGBB") of the title's and the body's sample text ("title", "body"), when the master has
    no `<p:txStyles>` and the colour reads on what lies behind that placeholder (`scheme`: the theme's colours);
    and a warning for each sample colour that does not read there."""

    if master.find(QN_P + "txStyles") is not None:
        return {}, []
    out: dict[str, str] = {}
    warnings: list[str] = []
    shapes = _shapes(master)
    for shape in shapes:
        kind = _kind(shape)
        runs = (f"{QN_P}txBody/{QN_A}p/{QN_A}r/{QN_A}rPr", f"{QN_P}txBody/{QN_A}p/{QN_A}endParaRPr")
        fill = next((c for path in runs for c in shape.iterfind(f"{path}/{QN_A}solidFill/{QN_A}srgbClr")), None)
        if kind is None or kind in out or fill is None or not fill.get("val"):
            continue
        color = "#" + fill.get("val", "").upper()
        behind = _behind_placeholder(tpl, master_name, master, shapes, shape, scheme)
        ratio = contrast_ratio(color, behind)
        if ratio >= READABLE:
            out[kind] = color
        else:
            warnings.append(
                f"template {tpl.source}: its {kind} text colour {color} (its master's sample text) has a contrast of "
                f"{format_ratio(ratio)} on the {behind} its master draws there, under {READABLE:g}:1; the "
                "application's default colour is left (slides.override: [colors] sets the theme's palette)"
            )
    return out, warnings


# Where a template's link colour does not read, the first of these scheme colours that does is used instead.
_LINK_STANDINS = ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "dk1", "lt1", "dk2", "lt2")


def link_color(
    tpl: TemplatePackage, master_name: str, master: etree._Element, scheme: dict[str, str]
) -> tuple[str | None, list[str]]:
    """A colour ("#RRGGBB") for the deck's links when the theme's link colour (`hlink`, which PowerPoint draws
    every hyperlink in) does not read on what the master draws behind its body placeholder, and a warning saying
    so; (None, []) when it reads or the theme names none. The stand-in is the first scheme colour that reads
    there (its accents first), else black or white."""
    own = scheme.get("hlink")
    if not own:
        return None, []
    shapes = _shapes(master)
    body = next((shape for shape in shapes if _kind(shape) == "body"), None)
    behind = (
        _behind_placeholder(tpl, master_name, master, shapes, body, scheme)
        if body is not None
        else _background(master, scheme)
    )
    ratio = contrast_ratio(own, behind)
    if ratio >= READABLE:
        return None, []
    standins = [(name, scheme[name]) for name in _LINK_STANDINS if name in scheme]
    name, color = next(
        ((n, c) for n, c in standins if contrast_ratio(c, behind) >= READABLE),
        max((("black", "#000000"), ("white", "#FFFFFF")), key=lambda nc: contrast_ratio(nc[1], behind)),
    )
    warning = (
        f"template {tpl.source}: its link colour {own} has a contrast of {format_ratio(ratio)} on the {behind} its "
        f"master draws behind the body, under {READABLE:g}:1; the deck's links are drawn in {color} ({name}) "
        "instead (slides.override: [colors] sets the theme's palette)"
    )
    return color, [warning]


def body_color(master: etree._Element, scheme: dict[str, str]) -> str | None:
    """The colour ("#RRGGBB") the master's body placeholder draws its first level in: its own list style's,
    else the master's body text style's; a scheme colour read through the master's colour map, with its
    luminance changes. None when neither names one (or names what recap cannot read).

    Text boxes recap adds beside the placeholders (a second column, the links line, a picture's caption) take
    it, so they read as the body does: the client would draw them in the presentation's default text colour,
    which is not the body's on a template that colours its body text by hand (white on a navy master)."""
    paths = [(master, f"{QN_P}txStyles/{QN_P}bodyStyle/{QN_A}lvl1pPr/{QN_A}defRPr/{QN_A}solidFill")]
    body = next((shape for shape in _shapes(master) if _kind(shape) == "body"), None)
    if body is not None:
        paths.insert(0, (body, f"{QN_P}txBody/{QN_A}lstStyle/{QN_A}lvl1pPr/{QN_A}defRPr/{QN_A}solidFill"))
    for owner, path in paths:
        fill = owner.find(path)
        if fill is not None and len(fill):
            return scheme_color(fill[0], master, scheme)
    return None


_MAPPED = ("bg1", "tx1", "bg2", "tx2")


def scheme_color(node: etree._Element, master: etree._Element, scheme: dict[str, str]) -> str | None:
    """A DrawingML colour element (`<a:srgbClr>`, `<a:schemeClr>`, `<a:sysClr>`) as "#RRGGBB": a scheme name
    through the master's `<p:clrMap>` (tx1 -> dk1 ...), then `<a:lumMod>`/`<a:lumOff>` applied in HSL as
    PowerPoint applies them. None for what it cannot read (a placeholder colour, a preset name)."""

    tag = etree.QName(node).localname
    value = None
    if tag == "srgbClr":
        value = node.get("val")
    elif tag == "sysClr":
        value = node.get("lastClr")
    elif tag == "schemeClr":
        name = node.get("val", "")
        if name in _MAPPED:
            mapping = master.find(QN_P + "clrMap")
            name = mapping.get(name, "") if mapping is not None else {"bg1": "lt1", "tx1": "dk1"}.get(name, name)
        value = scheme.get(name, "").lstrip("#") or None
    if not value or len(value) != 6:
        return None
    r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    mod = node.find(QN_A + "lumMod")
    off = node.find(QN_A + "lumOff")
    if mod is not None or off is not None:
        h, light, sat = colorsys.rgb_to_hls(r, g, b)
        light *= int(mod.get("val", "100000")) / 100000 if mod is not None else 1.0
        light += int(off.get("val", "0")) / 100000 if off is not None else 0.0
        r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, light)), sat)
    return "#" + "".join(f"{round(c * 255):02X}" for c in (r, g, b))


def _shapes(master: etree._Element) -> list[etree._Element]:
    tree = master.find(f"{QN_P}cSld/{QN_P}spTree")
    return list(tree) if tree is not None else []


def _kind(shape: etree._Element) -> str | None:
    """ "title" or "body" for the master's title or body placeholder, else None."""
    ph = shape.find(f"{QN_P}nvSpPr/{QN_P}nvPr/{QN_P}ph")
    if ph is None:
        return None
    return "title" if ph.get("type") in TITLES else "body" if ph.get("type", "obj") in ("body", "obj") else None


def _behind_placeholder(
    tpl: TemplatePackage,
    master_name: str,
    master: etree._Element,
    shapes: list[etree._Element],
    shape: etree._Element,
    scheme: dict[str, str],
) -> str:
    """The colour behind the middle of placeholder `shape` (`_behind`), or the master's background when the
    placeholder has no box of its own."""
    box = _box(shape.find(f"{QN_P}spPr/{QN_A}xfrm"))
    return _behind(tpl, master_name, master, shapes, box, scheme) if box else _background(master, scheme)


def _behind(
    tpl: TemplatePackage,
    master_name: str,
    master: etree._Element,
    shapes: list[etree._Element],
    box: Rect,
    scheme: dict[str, str],
) -> str:
    """The colour behind the middle of `box`: the master's filled shapes and pictures there, top down until an
    opaque one, laid over its background (else the scheme's light 1, a slide's background by default); a
    translucent fill (`<a:alpha>`) is mixed with what it covers."""
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    layers: list[tuple[str, float]] = []  # (colour, opacity), topmost first
    for shape in reversed(shapes):
        if shape.find(f".//{QN_P}ph") is not None:
            continue
        there = _box(shape.find(f"{QN_P}spPr/{QN_A}xfrm"))
        if there is None or not (there.x <= cx <= there.right and there.y <= cy <= there.bottom):
            continue
        if shape.tag == QN_P + "sp":
            fill = shape.find(f"{QN_P}spPr/{QN_A}solidFill/{QN_A}srgbClr")
            if fill is None or not fill.get("val"):
                continue
            alpha = fill.find(QN_A + "alpha")
            opacity = int(alpha.get("val", "100000")) / 100000 if alpha is not None else 1.0
            layers.append(("#" + fill.get("val", "").upper(), max(0.0, min(1.0, opacity))))
        elif shape.tag == QN_P + "pic":
            color = _picture_color(tpl, master_name, shape, there, box)
            if color:
                layers.append((color, 1.0))
        if layers and layers[-1][1] >= 1.0:
            break
    color = _background(master, scheme)
    for top, opacity in reversed(layers):
        color = mix(color, top, opacity)
    return color


def _background(master: etree._Element, scheme: dict[str, str]) -> str:
    """The master's solid background, else the scheme's light 1 (a slide's background by default)."""
    fill = master.find(f"{QN_P}cSld/{QN_P}bg/{QN_P}bgPr/{QN_A}solidFill/{QN_A}srgbClr")
    return "#" + fill.get("val", "").upper() if fill is not None and fill.get("val") else scheme.get("lt1", "#FFFFFF")


def _picture_color(tpl: TemplatePackage, master_name: str, pic: etree._Element, where: Rect, box: Rect) -> str | None:
    """The mean colour of the part of a picture that lies behind `box` (Pillow reads the template's image)."""
    blip = pic.find(f"{QN_P}blipFill/{QN_A}blip")
    part = tpl.related(master_name, blip.get(QN_R + "embed", "")) if blip is not None else None
    if part is None or part not in tpl.blobs or picture_problem(tpl.blobs[part]):
        return None  # not a picture recap can read, or more pixels than it decodes (decks.imagefiles)
    from PIL import Image, UnidentifiedImageError  # lazy: Pillow only for a picture fill

    try:
        with open_image(tpl.blobs[part]) as image:
            w, h = image.size
            left = max(0, int((box.x - where.x) / where.w * w))
            top = max(0, int((box.y - where.y) / where.h * h))
            right = min(w, max(left + 1, int((box.right - where.x) / where.w * w)))
            bottom = min(h, max(top + 1, int((box.bottom - where.y) / where.h * h)))
            pixel = (
                image.convert("RGB")
                .crop((left, top, right, bottom))
                .resize((1, 1), Image.Resampling.BOX)
                .getpixel((0, 0))
            )
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        return None
    if not isinstance(pixel, tuple) or len(pixel) != 3:  # an RGB image's pixel is (r, g, b)
        return None
    r, g, b = pixel
    return f"#{r:02X}{g:02X}{b:02X}"


def _box(xfrm: etree._Element | None) -> Rect | None:
    box = xfrm_box(xfrm)
    return box if box is not None and box.w > 0 and box.h > 0 else None
