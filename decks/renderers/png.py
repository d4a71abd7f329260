"""`recap png`: the one-page sketchnote as a picture, painting the same primitives as the PDF with Pillow.

The page is drawn at twice the output resolution and scaled down, which gives the rough strokes smooth
(anti-aliased) edges; hand lettering is drawn a letter at a time, each turned and sized as the plan says. The
output is 144 dpi (2 px per point). Saved without timestamps: same input, same bytes.
"""

from __future__ import annotations

import io
import math
from pathlib import Path as FilePath
from typing import TYPE_CHECKING

from decks.errors import ExitCode, Problem, RecapError
from decks.options import Option, OptionValue
from decks.plan.sketch.primitives import Box, Path, Sketch, TextRun, Turn, stroke_pieces, turner
from decks.renderers.base import Rendered, Renderer, made_by
from decks.themes.model import Theme

if TYPE_CHECKING:  # Pillow is imported when a page is painted, not with this module
    from PIL.Image import Image as Picture
    from PIL.ImageDraw import ImageDraw
    from PIL.ImageFont import FreeTypeFont

SCALE = 2.0  # pixels per point in the output: 144 dpi
_SUPERSAMPLE = 2
# The picture's size is bounded: an A3 page at 600 dpi is ~7,000 x 9,900 px (~200 MB while drawn, supersampled).
MAX_DPI = 600
MAX_WIDTH = 10_000


def paint(sketch: Sketch, scale: float = SCALE) -> bytes:
    """The PNG of a laid-out page."""
    from PIL import Image, ImageDraw, ImageFont  # lazy: Pillow only for png; --help loads this

    s = scale * _SUPERSAMPLE
    size = (round(sketch.width * s), round(sketch.height * s))
    img = Image.new("RGB", size, sketch.background)
    draw = ImageDraw.Draw(img)
    fonts: dict[tuple[FilePath, float], FreeTypeFont] = {}
    masks: dict[tuple[int, str], tuple[Picture, float, float]] = {}
    turned: dict[tuple[int, str, float, float], tuple[Picture, float, float]] = {}
    # A card askew (primitives.Turn): Pillow has no transform, so its points are turned here and its letters
    # turned further by its angle.
    turn: Turn | None = None
    place = turner(None)
    for prim in sketch.primitives:
        if isinstance(prim, Turn):
            turn = prim if prim.angle else None
            place = turner(turn)
        elif isinstance(prim, TextRun):
            # An emboldened face: the PDF's stroke is centred on the outline, so half of it lies outside.
            heavy = max(1, round(prim.embolden * s / 2)) if prim.embolden else 0
            key = (prim.font, round(prim.size * s, 2))
            if key not in fonts:
                # Runs come shaped and in drawing order from the text engine: draw them as they are.
                fonts[key] = ImageFont.truetype(str(prim.font), key[1], layout_engine=ImageFont.Layout.BASIC)
            if prim.glyphs:  # hand lettering: each letter at its own place, tilt and height, as the PDF draws it
                for ch, (gx, gy, tilt, grow) in zip(prim.text, prim.glyphs, strict=True):
                    if turn is not None:
                        (gx, gy), tilt = place((gx, gy)), tilt + turn.angle
                    glyph = (gx, gy, tilt, grow)
                    _letter(img, draw, ch, glyph, s, fonts[key], masks, prim.color, turned, prim.slant, heavy)
            elif turn is not None:
                x, y = place((prim.x, prim.y))
                _slanted(img, prim.text, x * s, y * s, fonts[key], prim.color, prim.slant, heavy, turn.angle)
            elif prim.slant:
                _slanted(img, prim.text, prim.x * s, prim.y * s, fonts[key], prim.color, prim.slant, heavy)
            else:
                at = (prim.x * s, prim.y * s)
                draw.text(at, prim.text, font=fonts[key], fill=prim.color, anchor="ls", stroke_width=heavy)
        elif isinstance(prim, Path):
            if len(prim.points) < 2:
                continue
            pts = [(x * s, y * s) for x, y in map(place, prim.points)]
            if prim.fill:
                draw.polygon(pts, fill=prim.fill)
            if prim.stroke and prim.pressure:  # a pressed stroke: the area it covers, filled in its colour
                for piece in stroke_pieces(prim):  # piece by piece: Pillow fills even-odd (a circle's ends meet)
                    draw.polygon([(x * s, y * s) for x, y in map(place, piece)], fill=prim.stroke)
            elif prim.stroke:
                if prim.closed:
                    pts.append(pts[0])
                draw.line(pts, fill=prim.stroke, width=max(1, round(prim.width * s)), joint="curve")
        elif isinstance(prim, Box):
            r = prim.rect
            if turn is not None:
                corners = ((r.x, r.y), (r.right, r.y), (r.right, r.bottom), (r.x, r.bottom))
                draw.polygon([(x * s, y * s) for x, y in map(place, corners)], fill=prim.fill)
                continue
            # Pillow's corners are inclusive; a box under a pixel (a code's module on a thumbnail) is one pixel.
            x0, y0 = r.x * s, r.y * s
            draw.rectangle((x0, y0, max(x0, r.right * s - 1), max(y0, r.bottom * s - 1)), fill=prim.fill)
    out = img.resize((round(sketch.width * scale), round(sketch.height * scale)), Image.Resampling.LANCZOS)
    from PIL.PngImagePlugin import PngInfo  # lazy: Pillow only for png; --help loads this

    info = PngInfo()
    info.add_text("Software", made_by(PngRenderer.name))  # which command made it (decks.cli.provenance)
    buf = io.BytesIO()
    out.save(buf, format="PNG", optimize=False, dpi=(72 * scale, 72 * scale), pnginfo=info)
    return buf.getvalue()


def _letter(
    img: Picture,
    draw: ImageDraw,
    ch: str,
    glyph: tuple[float, float, float, float],
    s: float,
    font: FreeTypeFont,
    masks: dict[tuple[int, str], tuple[Picture, float, float]],
    color: str,
    turned: dict[tuple[int, str, float, float], tuple[Picture, float, float]],
    slant: float = 0.0,
    heavy: int = 0,
) -> None:
    """One hand-drawn letter: its coverage (drawn once per face and size; skewed by its slant when italic)
    turned by its tilt (clockwise, about its origin on the baseline) and stretched to its height, then painted
    in `color` at its origin."""
    from PIL import Image  # lazy: Pillow only for png; --help loads this

    gx, gy, tilt, grow = glyph
    if ch.isspace() or (abs(tilt) < 0.05 and abs(grow - 1.0) < 0.002 and not slant):
        draw.text((gx * s, gy * s), ch, font=font, fill=color, anchor="ls", stroke_width=heavy)
        return
    key = (id(font), ch) if not (slant or heavy) else (id(font), f"{ch}/{slant}/{heavy}")
    if key not in masks:
        masks[key] = _mask(ch, font, slant, heavy)
    # Turned letters are kept by tilt in quarter degrees and height in hundredths (under a third of a pixel at
    # the top of a 40 px letter): a page reuses most of them, which halves the time lettering takes.
    tilt, grow = round(tilt * 4) / 4, round(grow, 2)
    turned_key = (id(font), key[1], tilt, grow)
    if turned_key not in turned:
        mask, ox, oy = masks[key]
        if grow != 1.0:
            mask = mask.resize((mask.width, max(1, round(mask.height * grow))), Image.Resampling.BICUBIC)
            oy *= grow
        # Pillow turns counter-clockwise for a positive angle, about `center`: the tilt is clockwise on the page.
        turned[turned_key] = (mask.rotate(-tilt, resample=Image.Resampling.BICUBIC, center=(ox, oy)), ox, oy)
    mask, ox, oy = turned[turned_key]
    img.paste(color, (round(gx * s - ox), round(gy * s - oy)), mask)


def _mask(text: str, font: FreeTypeFont, slant: float, heavy: int = 0) -> tuple[Picture, float, float]:
    """The coverage of `text` set at its origin (with room for a turn of a few degrees), skewed by `slant` about
    its baseline when italic, and where that origin is inside it."""
    from PIL import Image, ImageDraw  # lazy: Pillow only for png; --help loads this

    # Whole pixels: FreeType's box at a whole stroke width (typed float by Pillow, for fractional strokes).
    left, top, right, bottom = (int(edge) for edge in font.getbbox(text, anchor="ls", stroke_width=heavy))
    pad = 2 + round(font.size * 0.06)  # room for the turn: at most a few degrees
    lean = math.ceil(slant * max(0, -top)) if slant else 0  # how far the top leans past the upright box
    mask = Image.new("L", (right - left + 2 * pad + lean, bottom - top + 2 * pad), 0)
    ox, oy = pad - left, pad - top  # the origin inside the mask
    ImageDraw.Draw(mask).text((ox, oy), text, font=font, fill=255, anchor="ls", stroke_width=heavy, stroke_fill=255)
    if slant:
        # Each row moves right by `slant` times its height above the baseline (Pillow maps out -> in).
        mask = mask.transform(
            mask.size, Image.Transform.AFFINE, (1, slant, -slant * oy, 0, 1, 0), Image.Resampling.BICUBIC
        )
    return mask, ox, oy


def _slanted(
    img: Picture,
    text: str,
    x: float,
    baseline: float,
    font: FreeTypeFont,
    color: str,
    slant: float,
    heavy: int = 0,
    angle: float = 0.0,
) -> None:
    """A run set straight (not lettered a letter at a time) that is italic or turned (on a card askew): its
    coverage skewed about the baseline and turned by `angle` (clockwise) about its origin, painted with its
    origin at (x, y)."""
    from PIL import Image  # lazy: Pillow only for png; --help loads this

    mask, ox, oy = _mask(text, font, slant, heavy)
    if angle:
        # Room above and below for the far end of the run to rise or fall.
        room = math.ceil(mask.width * abs(math.sin(math.radians(angle)))) + 2
        tall = Image.new("L", (mask.width, mask.height + 2 * room), 0)
        tall.paste(mask, (0, room))
        oy += room
        mask = tall.rotate(-angle, resample=Image.Resampling.BICUBIC, center=(ox, oy))
    img.paste(color, (round(x - ox), round(baseline - oy)), mask)


class PngRenderer(Renderer):
    """The one-page sketchnote as a PNG picture (the same layout as `recap pdf`)."""

    name = "png"
    suffix = ".png"
    description = "The one-page sketchnote as a PNG picture at 144 dpi (the same layout as recap pdf)."
    consumes = "sketch"
    options = (
        Option("dpi", f"Pixels per inch of the page (default 144; at most {MAX_DPI}).", type=int),
        Option("width", f"The picture's width in pixels, the height to scale (at most {MAX_WIDTH}).", type=int),
    )

    def render(  # type: ignore[override]
        self, sketch: Sketch, theme: Theme, dpi: int | None = None, width: int | None = None, **options: OptionValue
    ) -> Rendered:
        return Rendered(paint(sketch, scale_for(sketch, dpi, width)))


def scale_for(sketch: Sketch, dpi: int | None, width: int | None) -> float:
    """Pixels per point for `--dpi N` or `--width PX` (one of them), else the default 144 dpi."""
    if dpi is not None and width is not None:
        raise RecapError([Problem("--dpi/--width", "give one of them", "drop --dpi or --width")], ExitCode.USAGE)
    if dpi is not None:
        if not 18 <= dpi <= MAX_DPI:
            raise RecapError([Problem("--dpi", f"{dpi} is out of range", f"use 18 to {MAX_DPI}")], ExitCode.USAGE)
        return dpi / 72
    if width is not None:
        if not 100 <= width <= MAX_WIDTH:
            raise RecapError(
                [Problem("--width", f"{width} px is out of range", f"use 100 to {MAX_WIDTH}")], ExitCode.USAGE
            )
        return width / sketch.width
    return SCALE
