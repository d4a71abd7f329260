"""`recap pdf`: the one-page sketchnote handout, painting the sketch layout's primitives with reportlab.

Fonts are embedded as subsets (reportlab's TTFont), each file registered once and only if the page uses
it; `invariant=1` and the layout's fixed seeds make the same input give the same bytes.
"""

from __future__ import annotations

import io
from pathlib import Path as FilePath
from typing import Any

from decks.layout.sketch.primitives import Box, Link, Path, Sketch, TextRun
from decks.model import Recap
from decks.renderers.base import Option, Rendered, Renderer
from decks.themes.model import Theme

SKETCH_OPTIONS = (
    Option("paper", "Paper size (default: the theme's).", None, ("a4", "letter", "a3")),
    Option("layout", "How cards are arranged (default: the theme's).", None, ("modular", "path")),
    Option("orientation", "Page orientation (default: the theme's, landscape).", None, ("landscape", "portrait")),
    Option("max_takeaways", "Show at most N takeaways per item (the rest are listed as warnings).", None, None, int),
)


def sketch_for(recap: Recap, theme: Theme, options: dict[str, Any]) -> Sketch:
    """The laid-out page for the options both sketch renderers share."""
    from decks.layout.sketch import build

    return build(
        recap,
        theme,
        layout=options.get("layout"),
        paper=options.get("paper"),
        orientation=options.get("orientation"),
        max_takeaways=options.get("max_takeaways"),
    )


def paint(sketch: Sketch) -> bytes:
    """The PDF of a laid-out page."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    names: dict[FilePath, str] = {}
    for font in sketch.fonts():
        name = f"Recap-{font.stem}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font)))
        names[font] = name
    buf = io.BytesIO()
    # The initial font is one the page uses: otherwise reportlab names an unembedded Helvetica.
    first = next(iter(names.values()), "Helvetica")
    c = Canvas(buf, pagesize=(sketch.width, sketch.height), invariant=1, pageCompression=1, initialFontName=first)
    c.setTitle(sketch.title)
    c.setAuthor(sketch.author)
    c.setCreator("recap")
    h = sketch.height
    colors: dict[str, Any] = {}
    state: dict[str, Any] = {}

    def color(hex_: str) -> Any:
        # reportlab parses a colour string on every call; parse each once and skip unchanged settings.
        if hex_ not in colors:
            colors[hex_] = HexColor(hex_)
        return colors[hex_]

    def fill(hex_: str) -> None:
        if state.get("fill") != hex_:
            c.setFillColor(color(hex_))
            state["fill"] = hex_

    def stroke(hex_: str, width: float) -> None:
        if state.get("stroke") != hex_:
            c.setStrokeColor(color(hex_))
            state["stroke"] = hex_
        if state.get("width") != width:
            c.setLineWidth(width)
            state["width"] = width

    fill(sketch.background)
    c.rect(0, 0, sketch.width, h, stroke=0, fill=1)
    c.setLineCap(1)
    c.setLineJoin(1)
    for prim in sketch.primitives:
        if isinstance(prim, TextRun):
            fill(prim.color)
            if state.get("font") != (prim.font, prim.size):
                c.setFont(names[prim.font], prim.size)
                state["font"] = (prim.font, prim.size)
            c.drawString(prim.x, h - prim.y, prim.text)
        elif isinstance(prim, Path):
            if len(prim.points) < 2:
                continue
            p = c.beginPath()
            x0, y0 = prim.points[0]
            p.moveTo(x0, h - y0)
            for x, y in prim.points[1:]:
                p.lineTo(x, h - y)
            if prim.closed:
                p.close()
            if prim.fill:
                fill(prim.fill)
            if prim.stroke:
                stroke(prim.stroke, prim.width)
            c.drawPath(p, stroke=1 if prim.stroke else 0, fill=1 if prim.fill else 0)
        elif isinstance(prim, Box):
            r = prim.rect
            fill(prim.fill)
            c.rect(r.x, h - r.bottom, r.w, r.h, stroke=0, fill=1)
        elif isinstance(prim, Link):
            r = prim.rect
            c.linkURL(prim.url, (r.x, h - r.bottom, r.right, h - r.y), relative=0, thickness=0)
    c.showPage()
    c.save()
    return buf.getvalue()


class PdfRenderer(Renderer):
    """The one-page sketchnote handout as PDF."""

    name = "pdf"
    suffix = ".pdf"
    description = "A one-page sketchnote handout (PDF): banner, a card per item, key takeaways, QR codes."
    options = SKETCH_OPTIONS

    def render(self, recap: Recap, theme: Theme, **options: Any) -> Rendered:
        sketch = sketch_for(recap, theme, options)
        return Rendered(paint(sketch), list(sketch.warnings))
