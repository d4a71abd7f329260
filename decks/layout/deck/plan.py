"""The deck plan as pure data: the template's boxes (`Geometry`), and the slides, text boxes, paragraphs, runs,
pictures and shapes a renderer writes as they are.

No python-pptx and no measuring here: `decks.layout.deck.planner` decides what goes where, a renderer reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from decks.layout.geometry import Rect
from decks.layout.icons import Icon

ROLES = ("title", "section", "content", "picture", "closing")


@dataclass(frozen=True)
class Frame:
    """The boxes a layout offers: its title and body placeholders, and an aside (a picture slot)."""

    title: Rect
    body: Rect | None = None
    aside: Rect | None = None


@dataclass(frozen=True)
class Geometry:
    """The slide size and each layout role's boxes, in points, as the template has them."""

    width: float
    height: float
    frames: dict[str, Frame]


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


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph: its text, colour role (a palette field), and an optional link or field."""

    text: str
    color: str = "ink"
    link: str | None = None
    field: str | None = None  # "slidenum": the slide number, filled in by the presentation client


@dataclass(frozen=True)
class Para:
    """A paragraph as written: its size and exact line pitch in points, bullet level and indent."""

    runs: tuple[Run, ...]
    size: float
    pitch: float
    font: str = "body"  # "heading" (bold) or "body": which font stack draws it
    level: int = 0
    bullet: bool = False
    indent: float = 0.0  # left margin in points (a bullet hangs into it)
    space_before: float = 0.0  # points
    align: str = "l"
    lines: int = 1

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class TextBox:
    """Paragraphs in a box; `placeholder` says which placeholder carries them ("title", "body") or None."""

    role: str
    box: Rect
    paras: tuple[Para, ...]
    placeholder: str | None = None
    anchor: str = "t"

    @property
    def height(self) -> float:
        return sum(p.space_before * (n > 0) + p.pitch * p.lines for n, p in enumerate(self.paras))


@dataclass(frozen=True)
class Picture:
    """An image file or an icon, placed in `box` (aspect ratio kept), with alt text."""

    box: Rect
    alt: str
    path: Path | None = None
    icon: Icon | None = None
    display: tuple[float, float] = (0.0, 0.0)  # displayed size in points, to cap the pixels embedded


@dataclass(frozen=True)
class Shape:
    """A decorative filled rectangle in a palette colour."""

    box: Rect
    color: str


@dataclass
class Slide:
    kind: str  # title, agenda, section, item, takeaways, resources, closing
    layout: str  # a role in ROLES
    title: TextBox
    texts: list[TextBox] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    notes: str = ""
    section: str = ""

    @property
    def body(self) -> TextBox | None:
        return next((t for t in self.texts if t.placeholder == "body"), None)


@dataclass
class Deck:
    width: float
    height: float
    slides: list[Slide]
    language: str
    warnings: list[str] = field(default_factory=list)  # for the user: characters no font can draw

    @property
    def sections(self) -> list[tuple[str, list[int]]]:
        """Sections in order, each with the indexes of its slides."""
        out: list[tuple[str, list[int]]] = []
        for n, slide in enumerate(self.slides):
            if not out or out[-1][0] != slide.section:
                out.append((slide.section, []))
            out[-1][1].append(n)
        return out
