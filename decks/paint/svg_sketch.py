"""The sketch (decks.plan.sketch) painted as SVG text: what `recap svg` writes and what the HTML recap inlines.

Text stays text (`<text>`, so it can be searched, copied and edited), in fonts embedded as subsets
(`@font-face` with the glyphs the page uses), so a browser shows the hand lettering and the hanzi without
the fonts installed. Icons are drawn as paths from the icon font's outlines, so they show even in viewers
that ignore embedded fonts. Links are `<a href>` areas. Numbers are written to a hundredth of a point and
the subsets are made without timestamps: same input, same bytes.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable
from pathlib import Path as FilePath

from decks.markup import esc
from decks.model.urls import ascii_url
from decks.paint.fontdata import glyph_path as _glyph_path
from decks.paint.fontdata import num as _n
from decks.paint.fontdata import subset as _subset
from decks.plan.icons import icon_fonts
from decks.plan.sketch.primitives import Box, Link, Path, Sketch, TextRun, Turn, stroke_area
from decks.text.metrics import load_face


def paint(sketch: Sketch, font_url: Callable[[FilePath], str] | None = None) -> bytes:
    """The SVG of a laid-out page (user units are points); fonts inlined as subsets, or at `font_url(file)`."""

    icon_font = {font.resolve() for font in icon_fonts()}  # an icon is painted as a path, not text
    runs = [p for p in sketch.primitives if isinstance(p, TextRun)]
    used: dict[FilePath, set[str]] = {}
    for run in runs:
        if run.font.resolve() not in icon_font:
            used.setdefault(run.font, set()).update(run.text)
    families: dict[FilePath, str] = {}
    faces = []
    for n, font in enumerate(sorted(used)):
        # An own family name for each subset, so an installed font of the same name cannot stand in for it;
        # the font's real name and a generic family follow, for viewers that ignore embedded fonts.
        families[font] = f"'recap-f{n}', '{load_face(font).family}', sans-serif"
        if font_url is not None:
            faces.append(f"@font-face {{ font-family: 'recap-f{n}'; src: url({font_url(font)}); }}")
            continue
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
    turned = False  # inside a card's <g> turned about its centre (primitives.Turn)
    i = 0
    while i < len(prims):
        prim = prims[i]
        if isinstance(prim, Turn):
            if turned:
                out.append("</g>")
            turned = bool(prim.angle)
            if turned:
                out.append(f'<g transform="rotate({_n(prim.angle)} {_n(prim.about[0])} {_n(prim.about[1])})">')
        elif isinstance(prim, Path) and len(prim.points) >= 2 and prim.stroke and prim.pressure:
            # A pressed stroke (swelling and tapering): the area it covers, filled in its colour.
            if prim.fill:
                d = "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in prim.points) + " Z"
                out.append(f'<path d="{d}" fill="{prim.fill}"/>')
            d = "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in stroke_area(prim)) + " Z"
            out.append(f'<path d="{d}" fill="{prim.stroke}"/>')
        elif isinstance(prim, Path) and len(prim.points) >= 2:
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
        elif isinstance(prim, TextRun) and prim.font.resolve() in icon_font:
            d = "".join(_glyph_path(prim.font, ch, prim.x, prim.y, prim.size) for ch in prim.text)
            out.append(f'<path d="{d}" fill="{prim.color}"/>')
        elif isinstance(prim, TextRun) and prim.slant:
            # Italic: the run (lettered or straight) skewed about its baseline origin, so its advances are kept.
            x0, y0 = prim.x, prim.y
            lean = _n(-math.degrees(math.atan(prim.slant)))
            out.append(
                f'<g transform="translate({_n(x0)} {_n(y0)}) skewX({lean}) translate({_n(-x0)} {_n(-y0)})">'
                + _text(prim, families[prim.font])
                + "</g>"
            )
        elif isinstance(prim, TextRun):
            out.append(_text(prim, families[prim.font]))
        elif isinstance(prim, Link):
            r = prim.rect
            out.append(
                f'<a href="{esc(ascii_url(prim.url))}">'
                f'<rect x="{_n(r.x)}" y="{_n(r.y)}" width="{_n(r.w)}" height="{_n(r.h)}" fill="#000" fill-opacity="0"/>'
                "</a>"
            )
        i += 1
    out += ["</g>", "</g>", "</svg>", ""] if turned else ["</g>", "</svg>", ""]
    return "\n".join(out).encode("utf-8")


def _text(prim: TextRun, family: str) -> str:
    """A run as one <text>: hand lettering with each letter placed and tilted on its own (it still selects and
    searches whole), else set as one string at its origin; a regular face emboldened is stroked too."""
    ink = f'fill="{prim.color}"'
    if prim.embolden:
        ink += f' stroke="{prim.color}" stroke-width="{_n(prim.embolden)}"'
    if prim.glyphs:
        xs = " ".join(_n(g[0]) for g in prim.glyphs)
        ys = " ".join(_n(g[1]) for g in prim.glyphs)
        turns = " ".join(_n(g[2]) for g in prim.glyphs)
        return (
            f'<text x="{xs}" y="{ys}" rotate="{turns}" font-family="{esc(family)}" '
            f'font-size="{_n(prim.size)}" {ink} direction="ltr" unicode-bidi="bidi-override" '
            f'xml:space="preserve">{esc(prim.text)}</text>'
        )
    return (
        f'<text x="{_n(prim.x)}" y="{_n(prim.y)}" font-family="{esc(family)}" '
        f'font-size="{_n(prim.size)}" {ink} direction="ltr" unicode-bidi="bidi-override" '
        f'xml:space="preserve">{esc(prim.text)}</text>'
    )
