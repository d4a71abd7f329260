"""The theme model: what a `theme.yaml` may say, validated, with file paths already resolved."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from decks.model.typed import After, Field, Model, check

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _color(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError(f"'{value}' is not a colour; write it as #RRGGBB, e.g. #1A73E8")
    return value.upper()


Color = Annotated[str, After(_color)]


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

    file: Path | None = Field(None, description="A .ttf/.ttc file with TrueType outlines.")
    system: str | None = Field(None, description="A family name for fontconfig, e.g. 'LXGW WenKai'.")
    family: str | None = Field(None, description="The family name the deck names; defaults to the font's own.")
    optional: bool = Field(False, description="Skip quietly when not installed (for system fallbacks).")


class Fonts(Model):
    """The fonts of each role. Characters a font lacks fall back along cjk, fallbacks, then symbol."""

    heading: FontSpec
    body: FontSpec
    hand: FontSpec = Field(description="Hand lettering for the sketchnote.")
    hand_bold: FontSpec = Field(description="Bold hand lettering for sketchnote titles.")
    cjk: FontSpec = Field(description="East Asian text.")
    cjk_bold: FontSpec | None = None
    fallbacks: list[FontSpec] = Field(default_factory=list, description="Tried after cjk, before symbol.")
    symbol: FontSpec = Field(description="Last resort for symbols and arrows.")


class SlideSizes(Model):
    """Type sizes on slides, in points (each within the range docs/SECURITY.md lists)."""

    title: float = Field(40, ge=12, le=72)
    subtitle: float = Field(24, ge=10, le=48)
    body: float = Field(28, ge=12, le=40, description="The largest body size; text shrinks from here to fit.")
    floor: float = Field(18, ge=10, le=32, description="Body text never goes below this; the rest continues.")
    small: float = Field(14, ge=8, le=24, description="Links, captions, footers.")
    leading: float = Field(
        1.2, ge=0.8, le=3, description="Line pitch over type size; never below the drawing face's own line height."
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

    banner: float = Field(28, ge=12, le=48)
    heading: float = Field(13, ge=8, le=24)
    body: float = Field(10, ge=6, le=16)
    floor: float = Field(7, ge=5, le=12, description="Legibility floor for body text.")
    leading: float = Field(
        1.22, ge=0.8, le=3, description="Line pitch over type size: hand lettering is set tight, descenders clear caps."
    )

    @check
    def _floor_not_above_body(self) -> None:
        if self.floor > self.body:
            raise ValueError(
                f"the floor ({self.floor:g} pt) is above the body size ({self.body:g} pt); "
                "make floor at most body (sizes.sketch.floor)"
            )


class Sizes(Model):
    slides: SlideSizes = SlideSizes()
    sketch: SketchSizes = SketchSizes()


class Slides(Model):
    size: Literal["16:9", "4:3"] = "16:9"
    template: Path | None = Field(None, description="A .pptx whose slide master and layouts to use.")


class Sketch(Model):
    layout: str = Field("modular", description="modular, path or radial.")
    paper: Literal["a4", "letter", "a3"] = "a4"
    orientation: Literal["landscape", "portrait"] = "landscape"
    roughness: float = Field(1.0, ge=0, le=5, description="0 draws straight lines.")
    stroke: float = Field(1.2, gt=0, le=6, description="Line width in points.")
    seed: int = Field(2019, ge=0, le=2**32 - 1, description="The jitter's seed: the same seed draws the same lines.")
    qr: bool = Field(True, description="A QR code for each item with a video link.")
    fill: bool = Field(True, description="Fill containers with the surface colour.")


class Icons(Model):
    set: Literal["fontawesome"] = "fontawesome"
    default: str = Field("lightbulb", description="The icon when nothing better matches.")


class Theme(Model):
    """A whole theme, merged with what it extends."""

    name: str
    description: str | None = None
    extends: str | None = None
    palette: Palette
    fonts: Fonts
    sizes: Sizes = Sizes()
    slides: Slides = Slides()
    sketch: Sketch = Sketch()
    icons: Icons = Icons()
    folder: Path | None = Field(None, exclude=True, description="Set by the loader; not written in files.")
