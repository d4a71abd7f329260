"""`recap svg`: the one-page sketchnote as SVG, painting the same primitives as the PDF and PNG backends.

Text stays text (`<text>`, so it can be searched, copied and edited), in fonts embedded as subsets
(`@font-face` with the glyphs the page uses), so a browser shows the hand lettering and the hanzi without
the fonts installed. Icons are drawn as paths from the icon font's outlines, so they show even in viewers
that ignore embedded fonts. Links are `<a href>` areas. Numbers are written to a hundredth of a point and
the subsets are made without timestamps: same input, same bytes.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path as FilePath
from typing import Any

from decks.markup import esc
from decks.plan.sketch.primitives import Box, Link, Path, Sketch, TextRun
from decks.renderers.base import Rendered, Renderer
from decks.themes.model import Theme


def _n(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _subset(font: FilePath, chars: set[str]) -> bytes:
    """The font cut down to `chars`, as TrueType bytes (no hinting, no layout tables, no timestamp change)."""
    import logging

    from fontTools import subset

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.name_IDs = ["*"]  # keep the copyright and licence records the licences ask to keep
    options.notdef_outline = True
    tt = subset.load_font(str(font), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(tt)
    buffer = io.BytesIO()
    subset.save_font(tt, buffer, options)
    return buffer.getvalue()


def _glyph_path(font: FilePath, char: str, x: float, baseline: float, size: float) -> str:
    """An outline of `char` as SVG path data, placed at (x, baseline) and scaled to `size` points."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.pens.transformPen import TransformPen

    tt = _outlines(font)
    glyph_set = tt.getGlyphSet()
    name = tt.getBestCmap().get(ord(char))
    if name is None:
        return ""
    scale = size / tt["head"].unitsPerEm
    pen = SVGPathPen(glyph_set, ntos=_n)
    glyph_set[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x, baseline)))
    return pen.getCommands()


_OUTLINES: dict[FilePath, Any] = {}


def _outlines(font: FilePath) -> Any:
    if font not in _OUTLINES:
        from fontTools.ttLib import TTFont

        _OUTLINES[font] = TTFont(str(font), lazy=True)
    return _OUTLINES[font]


def paint(sketch: Sketch) -> bytes:
    """The SVG of a laid-out page (user units are points)."""
    from decks.plan.icons import font_path
    from decks.text.fonts import load_face

    icon_font = font_path().resolve()
    runs = [p for p in sketch.primitives if isinstance(p, TextRun)]
    used: dict[FilePath, set[str]] = {}
    for run in runs:
        if run.font.resolve() != icon_font:
            used.setdefault(run.font, set()).update(run.text)
    families: dict[FilePath, str] = {}
    faces = []
    for n, font in enumerate(sorted(used)):
        # An own family name for each subset, so an installed font of the same name cannot stand in for it;
        # the font's real name and a generic family follow, for viewers that ignore embedded fonts.
        families[font] = f"'recap-f{n}', '{load_face(font).family}', sans-serif"
        data = base64.b64encode(_subset(font, used[font])).decode("ascii")
        faces.append(f"@font-face {{ font-family: 'recap-f{n}'; src: url(data:font/ttf;base64,{data}); }}")

    w, h = _n(sketch.width), _n(sketch.height)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}">',
        f"<title>{esc(sketch.title)}</title>",
        "<style>",
        *faces,
        "</style>",
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
        elif isinstance(prim, TextRun) and prim.font.resolve() == icon_font:
            d = "".join(_glyph_path(prim.font, ch, prim.x, prim.y, prim.size) for ch in prim.text)
            out.append(f'<path d="{d}" fill="{prim.color}"/>')
        elif isinstance(prim, TextRun):
            out.append(
                f'<text x="{_n(prim.x)}" y="{_n(prim.y)}" font-family="{esc(families[prim.font])}" '
                f'font-size="{_n(prim.size)}" fill="{prim.color}" direction="ltr" unicode-bidi="bidi-override" '
                f'xml:space="preserve">{esc(prim.text)}</text>'
            )
        elif isinstance(prim, Link):
            r = prim.rect
            out.append(
                f'<a href="{esc(prim.url)}">'
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
    consumes = "sketch"

    def render(self, sketch: Sketch, theme: Theme, **options: Any) -> Rendered:  # type: ignore[override]
        return Rendered(paint(sketch))
