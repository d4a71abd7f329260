"""Raw DrawingML/PresentationML for slides and notes: shapes, text bodies, paragraphs, runs, pictures; each
function names the element it makes. The presentation-level parts are in presentation_xml.py.

Slides and notes are composed as XML text and never parsed: python-pptx's object API re-walks the tree on every
property access, and importing it cost more than writing a whole deck.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from functools import lru_cache

from decks.markup import esc
from decks.opc import nsdecls
from decks.plan.geometry import EMU_PER_PT

NSDECLS = nsdecls("a", "p", "r")
XML_DECL = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


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
        f'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="{srgb(background)}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
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
        f'<a:solidFill><a:srgbClr val="{srgb(color)}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        if fill
        else f'<a:noFill/><a:ln w="{emu(stroke)}"><a:solidFill><a:srgbClr val="{srgb(color)}"/></a:solidFill></a:ln>'
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
        fill = f'<a:defRPr><a:solidFill><a:srgbClr val="{srgb(color)}"/></a:solidFill></a:defRPr>'
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
        clr = f'<a:buClr><a:srgbClr val="{srgb(bullet_color)}"/></a:buClr>' if bullet_color else ""
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
    fill = f'<a:solidFill><a:srgbClr val="{srgb(color)}"/></a:solidFill>' if color else ""
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


def srgb(color: str) -> str:
    """`#aabbcc` as DrawingML writes an sRGB colour (`<a:srgbClr val="AABBCC"/>`)."""
    return color.lstrip("#").upper()


def notes_slide(slots: Iterable[tuple[str, dict[str, str]]], text: str, rtl: bool = False) -> str:
    """A notes slide part's `<p:notes>`: the notes master's slide image, body and slide number placeholders
    (name and `<p:ph>` attributes), the body holding one plain paragraph per line of `text`, right to left and
    flush right in a right-to-left deck (`rtl`)."""
    shapes = []
    ppr = '<a:pPr algn="r" rtl="1"/>' if rtl else ""
    for n, (name, ph) in enumerate(slots, 2):
        attrs = "".join(f' {k}="{esc(v)}"' for k, v in ph.items())
        body = ""
        if ph.get("type") == "body":
            paras = "".join(
                f"<a:p>{ppr}<a:r><a:t>{esc(line)}</a:t></a:r></a:p>" if line else "<a:p/>" for line in text.split("\n")
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
