"""`recap svg`: the one-page sketchnote as SVG, painting the same primitives as the PDF and PNG backends.

Text stays text (`<text>` in the face's family name, so it can be searched, copied and edited); the fonts
are referenced, not embedded, so the picture looks as intended where Comic Neue and the theme's other
fonts are installed. Links are `<a href>` areas. Numbers are written to a hundredth of a point: same
input, same bytes.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from decks.layout.sketch.primitives import Box, Link, Path, Sketch, TextRun
from decks.model import Recap
from decks.renderers.base import Rendered, Renderer
from decks.renderers.pdf import SKETCH_OPTIONS, sketch_for
from decks.themes.model import Theme


def _n(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def paint(sketch: Sketch) -> bytes:
    """The SVG of a laid-out page (user units are points)."""
    from decks.text.fonts import load_face

    families: dict[FilePath, str] = {}

    def family(font: FilePath) -> str:
        if font not in families:
            # The generic fallback keeps a reader without the font from showing serif hand-lettering.
            families[font] = f"'{load_face(font).family}', sans-serif"
        return families[font]

    w, h = _n(sketch.width), _n(sketch.height)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}">',
        f"<title>{escape(sketch.title)}</title>",
        f'<rect width="{w}" height="{h}" fill="{sketch.background}"/>',
        '<g stroke-linecap="round" stroke-linejoin="round">',
    ]
    prims = sketch.primitives
    i = 0
    while i < len(prims):
        prim = prims[i]
        if isinstance(prim, Path) and len(prim.points) >= 2:
            d = "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in prim.points) + (" Z" if prim.closed else "")
            paint_ = f'fill="{prim.fill}"' if prim.fill else 'fill="none"'
            if prim.stroke:
                paint_ += f' stroke="{prim.stroke}" stroke-width="{_n(prim.width)}"'
            out.append(f'<path d="{d}" {paint_}/>')
        elif isinstance(prim, Box):
            # Consecutive boxes of one colour (a QR code's modules) become one path.
            parts = []
            while i < len(prims) and isinstance(prims[i], Box) and prims[i].fill == prim.fill:  # type: ignore[union-attr]
                r = prims[i].rect  # type: ignore[union-attr]
                parts.append(f"M{_n(r.x)} {_n(r.y)}h{_n(r.w)}v{_n(r.h)}h{_n(-r.w)}Z")
                i += 1
            out.append(f'<path d="{"".join(parts)}" fill="{prim.fill}"/>')
            continue
        elif isinstance(prim, TextRun):
            out.append(
                f'<text x="{_n(prim.x)}" y="{_n(prim.y)}" font-family={quoteattr(family(prim.font))} '
                f'font-size="{_n(prim.size)}" fill="{prim.color}" xml:space="preserve">{escape(prim.text)}</text>'
            )
        elif isinstance(prim, Link):
            r = prim.rect
            out.append(
                f"<a href={quoteattr(prim.url)}>"
                f'<rect x="{_n(r.x)}" y="{_n(r.y)}" width="{_n(r.w)}" height="{_n(r.h)}" fill="#000" fill-opacity="0"/>'
                "</a>"
            )
        i += 1
    out += ["</g>", "</svg>", ""]
    return "\n".join(out).encode("utf-8")


class SvgRenderer(Renderer):
    """The one-page sketchnote as SVG (the same layout as `recap pdf`)."""

    name = "svg"
    suffix = ".svg"
    description = "The one-page sketchnote as SVG: text stays text, links are links (the same layout as recap pdf)."
    options = SKETCH_OPTIONS

    def render(self, recap: Recap, theme: Theme, **options: Any) -> Rendered:
        sketch = sketch_for(recap, theme, options)
        return Rendered(paint(sketch), list(sketch.warnings))
