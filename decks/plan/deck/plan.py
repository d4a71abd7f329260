"""The deck plan as pure data: the template's boxes (`Geometry`) and layouts (`Template`), and the slides, text
boxes, paragraphs, runs, pictures and shapes a renderer writes as they are.

Every value is frozen and made of plain values (numbers, strings, paths, tuples), so a plan can be printed as
JSON (`recap plan deck --json`) and compared. No python-pptx and no measuring here: `decks.plan.deck.planner`
decides what goes where; a renderer translates it and decides nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, get_args

import msgspec

from decks.plan.geometry import Rect
from decks.plan.icons import Icon

# -- The plan's roles: every name a field of the plan may hold, so a type checker checks each value the planner
# writes (a misspelt role is an error before it is a slide drawn wrong). Each is a `Literal`; msgspec writes it as
# the plain string it is, so the JSON plan reads as before.

# The template layout a slide is laid on (`Slide.layout`, the keys of `Geometry.frames` recap reads).
LayoutRole = Literal["title", "section", "content", "picture", "closing"]
# What a slide is in the talk (`Slide.kind`).
SlideKind = Literal["title", "intro", "agenda", "section", "item", "takeaways", "resources", "closing"]
# The deck plan's named layouts (docs/layouts.md): what a slide's boxes are arranged as, on the template layout
# (role) it is laid on. The item layouts are those a content item's `layout:` may name (decks.model.ItemLayout).
ItemDesign = Literal[
    "bullets",
    "sidebar",
    "statement",
    "quote",
    "fact",
    "two-columns",
    "cards",
    "picture-right",
    "picture-left",
    "picture-full",
    "spotlight",
]
# `Slide.design`: an item layout, or one of the deck's own slides' ("" while the planner has not named it).
Design = Literal[ItemDesign, "cover", "agenda", "timeline", "section", "numbered", "list", "links", "closing", ""]
# What a text box holds (`TextBox.role`): a renderer names its shape after it.
BoxRole = Literal[
    "title",
    "subtitle",
    "body",
    "column",
    "lead",
    "figure",
    "card",
    "ordinal",
    "links",
    "caption",
    "number",
    "date",
    "footer",
]
# The layout placeholder a text box fills (`TextBox.placeholder`; None: a text box recap adds).
PlaceholderRole = Literal["title", "body", "number", "date", "footer"]
# Where a box's text sits vertically: top, centre, bottom (DrawingML's `anchor`).
Anchor = Literal["t", "ctr", "b"]
# How a paragraph's lines are set across: left, centred, right (DrawingML's `algn`).
Align = Literal["l", "c", "r"]
# The font stack that draws a paragraph: the theme's heading (bold) or body fonts.
FontRole = Literal["heading", "body"]
# A colour by its role: a field of the theme's palette (decks.themes.model.Palette).
ColorRole = Literal["background", "surface", "ink", "muted", "accent", "accent2", "on_accent"]
# A decorative shape's outline: a rectangle, a rounded one, an ellipse.
ShapeKind = Literal["rect", "round", "ellipse"]
# A field a client fills in (`Run.field`): the slide number.
FieldKind = Literal["slidenum"]
# A template placeholder's `<p:ph type>` (OOXML's ST_PlaceholderType; a `<p:ph>` without one is "obj").
PlaceholderType = Literal[
    "title",
    "body",
    "ctrTitle",
    "subTitle",
    "dt",
    "sldNum",
    "ftr",
    "hdr",
    "obj",
    "chart",
    "tbl",
    "clipArt",
    "dgm",
    "media",
    "sldImg",
    "pic",
]

ROLES: tuple[LayoutRole, ...] = get_args(LayoutRole)
ITEM_LAYOUTS: tuple[ItemDesign, ...] = get_args(ItemDesign)
# Each placeholder type by its name in the XML, for a reader to look up what a template says.
PLACEHOLDER_TYPES: dict[str, PlaceholderType] = {t: t for t in get_args(PlaceholderType)}
LAYOUTS: tuple[Design, ...] = (
    "cover",
    "agenda",
    "timeline",
    "section",
    *ITEM_LAYOUTS,
    "numbered",
    "list",
    "links",
    "closing",
)


class Frame(msgspec.Struct, frozen=True):
    """The boxes a layout offers: its title and body placeholders, and an aside (a picture slot)."""

    title: Rect
    body: Rect | None = None
    aside: Rect | None = None
    # The layout's footer, slide-number and date placeholders (a template's own are used when it has them).
    footer: Rect | None = None
    number: Rect | None = None
    date: Rect | None = None
    keepout: tuple[Rect, ...] = ()  # pictures (logos) the master or layout draws: recap covers none of them


class Geometry(msgspec.Struct, frozen=True):
    """The slide size and each layout role's boxes, in points, as the template has them."""

    width: float
    height: float
    frames: dict[LayoutRole, Frame]


def default_geometry() -> Geometry:
    """The boxes of assets/templates/recap-16x9.pptx (tools/build_template.py), for tests and tools."""
    title, body = Rect(48, 24, 864, 84), Rect(48, 128, 864, 356)
    return Geometry(
        960,
        540,
        {
            "title": Frame(Rect(64, 64, 832, 200), Rect(64, 316, 832, 170)),
            "section": Frame(Rect(64, 150, 832, 150), Rect(64, 316, 832, 150)),
            "content": Frame(title, body),
            "picture": Frame(title, Rect(48, 128, 528, 356), Rect(600, 128, 312, 356)),
            "closing": Frame(Rect(64, 56, 832, 110), Rect(64, 190, 832, 290)),
        },
    )


class Placeholder(msgspec.Struct, frozen=True):
    """A `<p:ph>` shape of a template's layout or master: its name, type, idx, raw attributes and box, if any."""

    name: str
    type: PlaceholderType
    idx: int
    attrs: dict[str, str]
    box: Rect | None


class Layout(msgspec.Struct, frozen=True):
    """A template's slide layout part: its partname, `<p:cSld name>` and placeholders in document order."""

    partname: str
    name: str
    placeholders: tuple[Placeholder, ...]


class Template(msgspec.Struct, frozen=True):
    """The template file the plan was laid on, its first slide master, and the layout serving each role."""

    path: Path
    master: str
    layouts: dict[LayoutRole, Layout]
    # The title's and body's text colours the master shows only in its placeholders' sample text (a template
    # saved by LibreOffice): the writer puts them in the master's text styles. Empty for most templates.
    text_colors: dict[str, str] = msgspec.field(default_factory=dict)
    # The colour the deck's links are drawn in when the template's own link colour does not read on its
    # background (the writer sets it as the theme's hlink, which PowerPoint draws every hyperlink in); None keeps it.
    link_color: str | None = None
    # The colour of the template's body text (its body placeholder's or body style's): text boxes recap adds
    # beside the placeholders (a second column, the links line, a caption) are drawn in it; None: the client's.
    body_color: str | None = None


class Run(msgspec.Struct, frozen=True):
    """A piece of a paragraph: its text, colour role (a palette field), an optional link or field, and the font
    family that draws every character of it (the planner cuts runs where the drawing face changes). A "\n" in
    the text is a line break the plan placed (a title's balanced lines, decks.text.headings): PowerPoint's
    `<a:br/>`, a new line in every renderer."""

    text: str
    color: ColorRole = "ink"
    link: str | None = None
    field: FieldKind | None = None  # "slidenum": the slide number, filled in by the presentation client
    face: str = ""  # the family name; empty until the planner's last pass sets it
    # How the run is drawn: the flags of decks.model.inline.Style (1 bold, 2 italic, 4 code), from the content's
    # inline markup; 0 for plain text. A code run's `face` is the monospace family.
    style: int = 0


class Para(msgspec.Struct, frozen=True):
    """A paragraph as written: its size and exact line pitch in points, bullet level and indent."""

    runs: tuple[Run, ...]
    size: float
    pitch: float
    font: FontRole = "body"  # "heading" (bold) or "body": which font stack draws it
    level: int = 0
    bullet: bool = False
    indent: float = 0.0  # left margin in points (a bullet hangs into it)
    space_before: float = 0.0  # points
    align: Align = "l"
    lines: int = 1
    rtl: bool = False  # a right-to-left paragraph (its first strong character is Hebrew, Arabic ...): set flush right
    # Where each of its lines ends, as offsets into its text without zero-width spaces: the lines the planner broke
    # it into (at the box's full width, as LibreOffice breaks them), so a painter sets them without breaking
    # again. Empty when the plan did not break it (a field, a line recap sets itself).
    ends: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


class TextBox(msgspec.Struct, frozen=True):
    """Paragraphs in a box; `placeholder` says which placeholder carries them ("title", "body") or None."""

    role: BoxRole
    box: Rect
    paras: tuple[Para, ...]
    placeholder: PlaceholderRole | None = None
    anchor: Anchor = "t"

    @property
    def height(self) -> float:
        return sum(p.space_before * (n > 0) + p.pitch * p.lines for n, p in enumerate(self.paras))


class Picture(msgspec.Struct, frozen=True):
    """An image file or an icon, placed in `box` (aspect ratio kept), with alt text."""

    box: Rect
    alt: str
    path: Path | None = None
    icon: Icon | None = None
    display: tuple[float, float] = (0.0, 0.0)  # displayed size in points, to cap the pixels embedded
    # A QR code: its rows of modules ("1" dark), quiet zone not included; drawn in ink on the background.
    qr: tuple[str, ...] = ()
    # The fractions of the picture cut off its left, top, right and bottom edges to fill `box` (a full-bleed
    # picture); `box` then shows the rest, and `display` is the whole picture's size.
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


class Shape(msgspec.Struct, frozen=True):
    """A decorative shape in a palette colour: a rectangle, a rounded one ("round") or an "ellipse", filled, or
    only outlined (`fill` False: a line `stroke` points wide, for themes made for print)."""

    box: Rect
    color: ColorRole
    kind: ShapeKind = "rect"
    fill: bool = True
    stroke: float = 1.5


class Slide(msgspec.Struct, frozen=True):
    """One slide: its kind (title, intro, agenda, section, item, takeaways, resources, closing), the layout role it is
    laid on, its boxes in drawing order (shapes under text boxes under pictures), notes and section."""

    kind: SlideKind
    layout: LayoutRole
    title: TextBox
    texts: tuple[TextBox, ...] = ()
    pictures: tuple[Picture, ...] = ()
    shapes: tuple[Shape, ...] = ()
    notes: str = ""
    section: str = ""
    design: Design = ""  # its layout among LAYOUTS

    @property
    def body(self) -> TextBox | None:
        return next((t for t in self.texts if t.placeholder == "body"), None)


class SlideDraft(msgspec.Struct):
    """A slide while the planner builds it; `freeze` gives the plan's `Slide`."""

    kind: SlideKind
    layout: LayoutRole
    title: TextBox
    texts: list[TextBox] = msgspec.field(default_factory=list)
    pictures: list[Picture] = msgspec.field(default_factory=list)
    shapes: list[Shape] = msgspec.field(default_factory=list)
    notes: str = ""
    section: str = ""
    design: Design = ""

    @property
    def body(self) -> TextBox | None:
        return next((t for t in self.texts if t.placeholder == "body"), None)

    def freeze(self) -> Slide:
        return Slide(
            self.kind,
            self.layout,
            self.title,
            tuple(self.texts),
            tuple(self.pictures),
            tuple(self.shapes),
            self.notes,
            self.section,
            self.design,
        )


class FontFile(msgspec.Struct, frozen=True):
    """A face the deck's runs name: its family, bold or not, the file it was measured with, and whether that
    file is the named font itself (a bundled twin or a stand-in is never embedded)."""

    family: str
    bold: bool
    path: Path
    own: bool = True


class Deck(msgspec.Struct, frozen=True):
    """The whole deck: slide size in points, the slides, the content's language, the template the boxes come
    from, and warnings for the user (characters no font can draw, layouts the template lacks)."""

    width: float
    height: float
    slides: tuple[Slide, ...]
    language: str
    template: Template | None = None
    warnings: tuple[str, ...] = ()
    title: str = ""  # the document's properties: title, subject (the event) and author (the presenter)
    subject: str = ""
    author: str = ""
    # What recap paints and what the template's master decides: the background colour (None: the master's), run
    # and bullet colours (False: the master's), and the families the master's theme fonts supply (runs in them
    # name no typeface, so the template's fonts apply).
    background: str | None = None
    colors: bool = True
    inherited: tuple[str, ...] = ()
    icon_color: str | None = None  # the icons' colour: the palette's accent, or the template's accent1
    fonts: tuple[FontFile, ...] = ()  # every face a run names, with its file (for embedding)

    @property
    def sections(self) -> list[tuple[str, list[int]]]:
        """Sections in order, each with the indexes of its slides."""
        out: list[tuple[str, list[int]]] = []
        for n, slide in enumerate(self.slides):
            if not out or out[-1][0] != slide.section:
                out.append((slide.section, []))
            out[-1][1].append(n)
        return out
