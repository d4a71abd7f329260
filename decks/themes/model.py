"""The theme model: what a `theme.yaml` may say, validated, with file paths already resolved."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from decks.errors import excerpt
from decks.model.icon_names import check_icon
from decks.model.typed import After, Field, Model, check

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")  # for the schema (ECMA 262: $ is the end); Python checks with fullmatch


def _color(value: str) -> str:
    if not _HEX.fullmatch(value):  # re's $ also matches before a final line feed: "#C2410C\n" passed
        raise ValueError(f"'{excerpt(value, 20)}' is not a colour; write it as #RRGGBB, e.g. #1A73E8")
    return value.upper()


Color = Annotated[str, After(_color, schema={"pattern": _HEX.pattern, "examples": ["#1A73E8"]})]


class Palette(Model):
    """Colours. Text colours are checked against the backgrounds they sit on (WCAG 2.1 AA)."""

    background: Color = Field(description="Page and slide background.")
    surface: Color = Field(description="Boxes and cards drawn on the background.")
    ink: Color = Field(description="Main text.")
    muted: Color = Field(description="Secondary text: dates, captions, slide numbers.")
    accent: Color = Field(description="Titles, rules, highlights.")
    accent2: Color = Field(description="A second accent: links, icons, arrows.")
    on_accent: Color = Field("#FFFFFF", description="Text drawn on an accent-filled shape.")


class FontSpec(Model):
    """A font: a file (under the theme folder or assets/fonts), or a system font found through fontconfig."""

    file: Path | None = Field(
        None, description="A .ttf/.ttc file with TrueType outlines.", examples=["Lato-Regular.ttf"]
    )
    system: str | None = Field(
        None, description="A family name for fontconfig, e.g. 'LXGW WenKai'.", examples=["LXGW WenKai"]
    )
    family: str | None = Field(
        None, description="The family name the deck names; defaults to the font's own.", examples=["Lato"]
    )
    optional: bool = Field(
        False, description="Skip quietly when not installed (for system fallbacks).", examples=[True]
    )
    language: str | None = Field(
        None,
        description="In fonts.languages: the language (BCP 47 prefix: ja, ko, zh-Hant) it is preferred for.",
        examples=["ja"],
    )
    use: Literal["both", "slides", "sketch"] = Field(
        "both",
        description="In fonts.languages: the output it serves (slides: the deck; sketch: the sketchnote).",
        examples=["sketch"],
    )
    weight: Literal["both", "regular", "bold"] = Field(
        "both",
        description="In fonts.languages: the text it serves (bold: titles, regular: the rest; both: either).",
        examples=["bold"],
    )
    margin: float = Field(
        0.0,
        ge=0,
        le=0.5,
        description="Measure text this much wider (0.1 = 10%), for a font measured with a stand-in of similar width.",
        examples=[0.1],
    )
    reads: float | None = Field(
        None,
        ge=4,
        le=24,
        description="The smallest size (points) at which this face reads in print: the sketchnote letters no text "
        "it draws smaller (a hand face with small, thin letters, such as Korean Gaegu, needs more than the floor).",
        examples=[9],
    )

    @check
    def _one_source(self) -> None:
        if self.file is not None and self.system is not None:
            raise ValueError(
                f"this font names both a file ({self.file}) and a system font ('{self.system}'); keep one of them"
            )


class Fonts(Model):
    """The fonts of each role. Characters a font lacks fall back along cjk, fallbacks, then symbol."""

    heading: FontSpec = Field(description="Slide titles.", examples=[{"file": "Lato-Bold.ttf"}])
    body: FontSpec = Field(description="Slide text.", examples=[{"file": "Lato-Regular.ttf"}])
    hand: FontSpec = Field(
        description="Hand lettering for the sketchnote.", examples=[{"file": "RecapHand-Regular.ttf"}]
    )
    hand_bold: FontSpec = Field(
        description="Bold hand lettering for sketchnote titles.", examples=[{"file": "RecapHand-Bold.ttf"}]
    )
    cjk: FontSpec = Field(description="East Asian text.", examples=[{"file": "RecapKai-Regular.ttf"}])
    cjk_bold: FontSpec | None = Field(
        None, description="Bold East Asian text; cjk when absent.", examples=[{"file": "RecapKai-Bold.ttf"}]
    )
    languages: list[FontSpec] = Field(
        default_factory=list,
        description="Fonts for a language (each with language:): tried first for text in that language, where "
        "Han characters look different (Japanese kanji, Korean hanja), and after cjk for any other text.",
        examples=[[{"file": "RecapKlee-Regular.ttf", "language": "ja"}]],
    )
    fallbacks: list[FontSpec] = Field(
        default_factory=list,
        description="Tried after cjk, before symbol.",
        examples=[[{"system": "LXGW WenKai", "optional": True}]],
    )
    symbol: FontSpec = Field(description="Last resort for symbols and arrows.", examples=[{"file": "DejaVuSans.ttf"}])
    emoji: FontSpec | None = Field(
        None, description="Monochrome emoji, tried after symbol.", examples=[{"file": "RecapEmoji-Regular.ttf"}]
    )


class SlideSizes(Model):
    """Type sizes on slides, in points (each within the range docs/SECURITY.md lists)."""

    title: float = Field(40, ge=12, le=72, description="Slide titles.", examples=[40])
    subtitle: float = Field(24, ge=10, le=48, description="Subtitles and part intros.", examples=[24])
    body: float = Field(
        28, ge=12, le=40, description="The largest body size; text shrinks from here to fit.", examples=[28]
    )
    floor: float = Field(
        18, ge=10, le=32, description="Body text never goes below this; the rest continues.", examples=[18]
    )
    small: float = Field(14, ge=8, le=24, description="Links, captions, footers.", examples=[14])
    leading: float = Field(
        1.2,
        ge=0.8,
        le=3,
        description="Line pitch over type size; never below the drawing face's own line height.",
        examples=[1.2],
    )

    @check
    def _floor_not_above_body(self) -> None:
        if self.floor > self.body:
            raise ValueError(
                f"the floor ({self.floor:g} pt) is above the body size ({self.body:g} pt); "
                "make floor at most body (sizes.slides.floor)"
            )


class SketchSizes(Model):
    """Type sizes on the sketchnote, in points, before fitting scales them (each within a documented range)."""

    banner: float = Field(28, ge=12, le=48, description="The title banner.", examples=[28])
    heading: float = Field(13, ge=8, le=24, description="Item titles.", examples=[13])
    body: float = Field(10, ge=6, le=16, description="Takeaways and notes.", examples=[10])
    floor: float = Field(7, ge=5, le=12, description="Legibility floor for body text.", examples=[7])
    leading: float = Field(
        1.22,
        ge=0.8,
        le=3,
        description="Line pitch over type size: hand lettering is set tight, descenders clear caps.",
        examples=[1.22],
    )

    @check
    def _floor_not_above_body(self) -> None:
        if self.floor > self.body:
            raise ValueError(
                f"the floor ({self.floor:g} pt) is above the body size ({self.body:g} pt); "
                "make floor at most body (sizes.sketch.floor)"
            )


class Sizes(Model):
    """Type sizes, in points."""

    slides: SlideSizes = Field(SlideSizes(), description="On slides.", examples=[{"title": 40, "body": 28}])
    sketch: SketchSizes = Field(SketchSizes(), description="On the sketchnote.", examples=[{"banner": 28, "body": 10}])


Decides = Literal["background", "colors", "fonts", "footer"]


class Variants(Model):
    """Which variant of some slide layouts the deck uses (docs/layouts.md): structure chosen without code."""

    title: Literal["band", "plain"] = Field(
        "band", description="The title slide: band (an accent band behind the title) or plain.", examples=["plain"]
    )
    section: Literal["fill", "plain"] = Field(
        "fill",
        description="Section slides: fill (the accent across the slide) or plain (the background, an accent rule).",
        examples=["plain"],
    )
    cards: Literal["filled", "outline"] = Field(
        "filled", description="Cards and panels: filled with the surface colour, or outlined.", examples=["outline"]
    )
    agenda: Literal["timeline", "list"] = Field(
        "timeline",
        description="The agenda of a recap with days: a timeline (a column per day, when it fits) or a list.",
        examples=["list"],
    )
    takeaways: Literal["numbered", "list"] = Field(
        "numbered", description="Key takeaways: numbered cards (up to six, when they fit) or a list.", examples=["list"]
    )
    picture: Literal["right", "left"] = Field(
        "right", description="The side an item's picture takes first (the next one takes the other).", examples=["left"]
    )


class Slides(Model):
    """The deck."""

    size: Literal["16:9", "4:3"] = Field("16:9", description="The slide shape: 16:9 or 4:3.", examples=["16:9"])
    template: Path | None = Field(
        None, description="A .pptx or .potx whose slide master and layouts to use.", examples=["template.pptx"]
    )
    override: list[Decides] = Field(
        default_factory=list,
        description="With a template: what the theme decides instead of the template's master (background, colors, "
        "fonts, footer). Empty: the master decides all four.",
        examples=[["footer"]],
    )
    decorations: bool | None = Field(
        None,
        description="recap's accent bars, rules and bands; default: on without a template, off with one.",
        examples=[True],
    )
    variants: Variants = Field(
        Variants(), description="Variants of the slide layouts (docs/layouts.md).", examples=[{"section": "plain"}]
    )

    def decides(self, what: str) -> bool:
        """Whether the theme (not the template's master) decides `what`: always without a template of its own."""
        return self.template is None or what in self.override

    @property
    def decorated(self) -> bool:
        """Whether recap draws its accent shapes."""
        return self.template is None if self.decorations is None else self.decorations


# The sketchnote's card arrangements, paper sizes and page orientations: a theme's `sketch:` and the CLI's
# `--layout`, `--paper`, `--orientation` (decks.plan.SKETCH_OPTIONS) choose among these.
SketchLayout = Literal["modular", "path", "radial", "vertical", "popcorn"]
Paper = Literal["a4", "letter", "a3"]
Orientation = Literal["landscape", "portrait"]
# Which QR codes the sketch draws (`--qr`; a theme's `sketch.qr: false` is "none").
QrMode = Literal["all", "emphasis", "source", "none"]


class Sketch(Model):
    """The one-page sketchnote."""

    layout: SketchLayout = Field(
        "modular",
        description=(
            "modular, path, radial, vertical or popcorn (modular turns vertical on a portrait page of up to 8 items)."
        ),
        examples=["modular", "path", "radial", "vertical", "popcorn"],
    )
    paper: Paper = Field("a4", description="a4, letter or a3.", examples=["a4"])
    orientation: Orientation = Field("landscape", description="landscape or portrait.", examples=["landscape"])
    roughness: float = Field(
        1.0, ge=0, le=5, description="How hand-drawn lines look, 0 to 5; 0 draws straight lines.", examples=[1.0]
    )
    stroke: float = Field(1.2, gt=0, le=6, description="Line width in points, up to 6.", examples=[1.2])
    seed: int = Field(
        2019, ge=0, le=2**32 - 1, description="The jitter's seed: the same seed draws the same lines.", examples=[2019]
    )
    qr: bool = Field(True, description="QR codes (--qr says which); false draws none.", examples=[True])
    fill: bool = Field(True, description="Fill containers with the surface colour.", examples=[True])


class Icons(Model):
    """Item icons."""

    set: Literal["fontawesome"] = Field(
        "fontawesome", description="The icon set: Font Awesome Free (solid and brands).", examples=["fontawesome"]
    )
    default: Annotated[str, After(check_icon)] = Field(
        "lightbulb", description="The icon when nothing better matches.", examples=["lightbulb"]
    )


class Theme(Model):
    """A whole theme, merged with what it extends."""

    name: str = Field(description="The theme's name, as --theme takes it.", examples=["mine"])
    description: str | None = Field(
        None, description="One line about the theme.", examples=["Dark slides, chalk lettering."]
    )
    extends: str | None = Field(
        None, description="A theme to start from; name only what changes.", examples=["default"]
    )
    palette: Palette = Field(description="Colours.", examples=[{"accent": "#C2410C", "ink": "#1F2430"}])
    fonts: Fonts = Field(description="Fonts by role.", examples=[{"body": {"file": "Lato-Regular.ttf"}}])
    sizes: Sizes = Field(Sizes(), description="Type sizes, in points.", examples=[{"slides": {"body": 28}}])
    slides: Slides = Field(Slides(), description="The deck.", examples=[{"size": "16:9"}])
    sketch: Sketch = Field(Sketch(), description="The sketchnote.", examples=[{"layout": "radial"}])
    icons: Icons = Field(Icons(), description="Item icons.", examples=[{"default": "lightbulb"}])
    folder: Path | None = Field(None, exclude=True, description="Set by the loader; not written in files.")
