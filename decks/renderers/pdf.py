"""`recap pdf`: the one-page sketchnote handout, painting the sketch layout's primitives with reportlab.

Fonts are embedded as subsets (reportlab's TTFont), each file registered once and only if the page uses
it; `invariant=1` and the layout's fixed seeds make the same input give the same bytes.
"""

from __future__ import annotations

import functools
import io
import math
import re
from pathlib import Path as FilePath
from typing import Any

from decks.model.urls import ascii_url
from decks.options import OptionValue
from decks.paint.pdffonts import register
from decks.plan.sketch.primitives import Box, Link, Path, Primitive, Sketch, TextRun, Turn, stroke_area
from decks.renderers.base import Rendered, Renderer, made_by
from decks.themes.model import Theme


def _num(v: float) -> str:
    # Hundredths of a point are finer than any printer; reportlab's own formatter is pure Python and slow.
    return f"{v:.2f}"


@functools.cache
def _path_format(points: int, closed: bool) -> str:
    """The %-format of a path of `points` points: a move, lines, "h" if `closed`, then the painting operator."""
    return "%.2f %.2f m" + " %.2f %.2f l" * (points - 1) + (" h" if closed else "") + " %s"


def _rgb(hex_: str) -> str:
    return " ".join(f"{int(hex_[i : i + 2], 16) / 255:.4g}" for i in (1, 3, 5))


def paint(sketch: Sketch) -> bytes:
    """The PDF of a laid-out page.

    Strokes, fills and QR modules are written as PDF path operators directly (`addLiteral`), which is
    several times faster than reportlab's per-call path API; text goes through reportlab text objects,
    one per stretch of consecutive runs, because reportlab subsets and encodes the embedded fonts.
    """
    from reportlab import rl_config  # lazy: reportlab only for pdf; --help loads this
    from reportlab.lib.colors import HexColor  # lazy: reportlab only for pdf; --help loads this
    from reportlab.pdfgen.canvas import Canvas  # lazy: reportlab only for pdf; --help loads this

    hex_colors: dict[str, HexColor] = {}  # reportlab's HexColor parses slowly; a page has a handful of colours

    def color(value: str) -> HexColor:
        if value not in hex_colors:
            hex_colors[value] = HexColor(value)
        return hex_colors[value]

    names = {font: register(font) for font in sketch.fonts()}
    buf = io.BytesIO()
    # The initial font is one the page uses: otherwise reportlab names an unembedded Helvetica.
    first = next(iter(names.values()), "Helvetica")
    c = Canvas(buf, pagesize=(sketch.width, sketch.height), invariant=1, pageCompression=1, initialFontName=first)
    c.setTitle(sketch.title)
    c.setAuthor(sketch.author)
    c.setCreator(made_by(PdfRenderer.name))
    h = sketch.height
    rgb: dict[str, str] = {}
    state: dict[str, str | float] = {}  # the fill and stroke colours and the line width now set
    ops: list[str] = []  # path operators waiting to be handed to the canvas
    saved: dict[str, str | float] | None = None  # `state` when a turn began (primitives.Turn), until it ends

    def fill(hex_: str) -> None:
        # Only a change of colour or width is written: the page switches between a few colours.
        if state.get("fill") != hex_:
            if hex_ not in rgb:
                rgb[hex_] = _rgb(hex_)
            ops.append(rgb[hex_] + " rg")
            state["fill"] = hex_

    def stroke(hex_: str, width: float) -> None:
        if state.get("stroke") != hex_:
            if hex_ not in rgb:
                rgb[hex_] = _rgb(hex_)
            ops.append(rgb[hex_] + " RG")
            state["stroke"] = hex_
        if state.get("width") != width:
            ops.append(_num(width) + " w")
            state["width"] = width

    def flush() -> None:
        if ops:
            c.addLiteral("\n".join(ops))
            ops.clear()

    # Round caps and joins suit a pen; nonzero filling keeps a pen circle's overlapping ends filled.
    ops.append("1 J 1 j")
    fill(sketch.background)
    ops.append(f"0 0 {_num(sketch.width)} {_num(h)} re f")
    prims = sketch.primitives
    letters = _encode_letters(c, names, prims)
    i = 0
    n = len(prims)
    while i < n:
        prim = prims[i]
        if isinstance(prim, TextRun) and prim.glyphs and id(prim) in letters:
            # Hand lettering: each letter with its own tilt, rise and size (decks.plan.sketch.lettering), written
            # as text operators in one text object, so extractors read the run's letters in order, as one word.
            fill(prim.color)
            if prim.embolden:  # a regular face drawn bold: each glyph filled and stroked (render mode 2)
                stroke(prim.color, prim.embolden)
            ops.append("BT")
            if prim.embolden:
                ops.append("2 Tr")
            current = None
            for (subset, code), (gx, gy, tilt, grow) in zip(letters[id(prim)], prim.glyphs, strict=True):
                if current != subset:
                    ops.append(f"{subset} {prim.size:.2f} Tf")
                    current = subset
                # Taller or shorter, never wider: each letter keeps its advance, so words keep their spacing.
                # An italic letter is skewed about its baseline before it is turned (the slant, then the tilt).
                a = math.radians(tilt)
                co, si = math.cos(a), math.sin(a)
                sk = prim.slant
                c_, d_ = si * grow + sk * co, co * grow - sk * si
                ops.append(f"{co:.3f} {-si:.3f} {c_:.3f} {d_:.3f} {gx:.2f} {h - gy:.2f} Tm ({code}) Tj")
            ops.append("0 Tr ET" if prim.embolden else "ET")
            i += 1
            continue
        if isinstance(prim, TextRun):
            if prim.embolden:
                stroke(prim.color, prim.embolden)  # the emboldening stroke's colour and width, before the text
            flush()
            text = c.beginText()
            font = None
            while i < n and isinstance(prims[i], TextRun) and not (prims[i].glyphs and id(prims[i]) in letters):  # type: ignore[union-attr]
                run = prims[i]
                assert isinstance(run, TextRun)
                if run.embolden and run is not prim:
                    break  # an emboldened run starts its own text object, after its stroke is set
                if run.embolden:
                    text.setTextRenderMode(2)
                    text.setStrokeColor(color(run.color))
                if state.get("fill") != run.color:
                    text.setFillColor(color(run.color))
                    state["fill"] = run.color
                if font != (run.font, run.size):
                    text.setFont(names[run.font], run.size)
                    font = (run.font, run.size)
                if run.slant:  # italic: the upright glyphs skewed about the baseline, their advances kept
                    text.setTextTransform(1, 0, run.slant, 1, run.x, h - run.y)
                else:
                    text.setTextOrigin(run.x, h - run.y)
                text.textOut(run.text)
                i += 1
                if run.embolden:
                    text.setTextRenderMode(0)
                    state.pop("stroke", None)  # the text object set the stroke colour itself
                    break
            c.drawText(text)
            continue
        if isinstance(prim, Path):
            pts = prim.points
            if len(pts) >= 2 and prim.stroke and prim.pressure:
                # A pressed stroke (swelling and tapering): the area it covers, filled in its colour.
                if prim.fill:
                    fill(prim.fill)
                    flat = [v for x, y in pts for v in (x, h - y)]
                    ops.append(_path_format(len(pts), True) % (*flat, "f"))
                area = stroke_area(prim)
                fill(prim.stroke)
                flat = [v for x, y in area for v in (x, h - y)]
                ops.append(_path_format(len(area), True) % (*flat, "f"))
            elif len(pts) >= 2:
                if prim.fill:
                    fill(prim.fill)
                if prim.stroke:
                    stroke(prim.stroke, prim.width)
                # Formatted as `_num` does, by one %-format per path: a page has ~7,000 coordinates.
                flat = [v for x, y in pts for v in (x, h - y)]
                end = "B" if prim.fill and prim.stroke else "f" if prim.fill else "S" if prim.stroke else "n"
                ops.append(_path_format(len(pts), prim.closed) % (*flat, end))
        elif isinstance(prim, Box):
            # Consecutive boxes of one colour (a QR code's modules) are filled as one path.
            fill(prim.fill)
            rects = []
            while i < n and isinstance(prims[i], Box) and prims[i].fill == prim.fill:  # type: ignore[union-attr]
                r = prims[i].rect  # type: ignore[union-attr]
                rects.append(f"{r.x:.2f} {h - (r.y + r.h):.2f} {r.w:.2f} {r.h:.2f} re")  # r.bottom, inline
                i += 1
            ops.append(" ".join(rects) + " f")
            continue
        elif isinstance(prim, Link):
            # In the page's upright coordinates (relative=0), turned or not: a link area is invisible.
            r = prim.rect
            c.linkURL(ascii_url(prim.url), (r.x, h - r.bottom, r.right, h - r.y), relative=0, thickness=0)
        elif isinstance(prim, Turn):
            # A card askew: its primitives drawn under a rotation about its centre, in a saved graphics state,
            # whose end restores the colours and width the page had (so `state` goes back to what it was then).
            flush()
            if saved is not None:
                c.restoreState()
                state.clear()
                state.update(saved)
                saved = None
            if prim.angle:
                saved = dict(state)
                c.saveState()
                a = math.radians(prim.angle)
                co, si = math.cos(a), math.sin(a)
                px, py = prim.about[0], h - prim.about[1]
                # Clockwise on the page, y pointing up: (x, y) -> (x cos + y sin, -x sin + y cos), about (px, py).
                c.transform(co, -si, si, co, px - co * px - si * py, py + si * px - co * py)
        i += 1
    flush()
    if saved is not None:
        c.restoreState()
    c.showPage()
    # Plain Flate streams: reportlab's ASCII85 wrapping is pure Python, slow and 25 % bigger.
    a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        c.save()
    finally:
        rl_config.useA85 = a85
    return buf.getvalue()


_SHOWN = re.compile(r"(/\S+) [0-9.]+ Tf|\(((?:[^\\()]|\\.|\\[0-7]{1,3})*)\) Tj")
_ESCAPE = re.compile(r"\\([0-7]{1,3}|.)")
_SPECIAL = {"n": 10, "r": 13, "t": 9, "b": 8, "f": 12}


def _unescape(literal: str) -> bytes:
    def one(m: re.Match[str]) -> str:
        e = m.group(1)
        return chr(int(e, 8)) if e[0] in "01234567" else chr(_SPECIAL.get(e, ord(e)))

    return _ESCAPE.sub(one, literal).encode("latin-1")


def _literal(byte: int) -> str:
    return chr(byte) if 32 <= byte < 127 and byte not in (40, 41, 92) else f"\\{byte:03o}"


# `c` is Any: a reportlab Canvas, and reportlab has no type information (see [tool.mypy] in pyproject.toml).
def _encode_letters(
    c: Any, names: dict[FilePath, str], prims: tuple[Primitive, ...]
) -> dict[int, list[tuple[str, str]]]:
    """Per lettered run (by id), each character as (its font subset's resource name, its code as a PDF string).

    reportlab subsets and encodes the embedded fonts: every lettered run of a font is set once, in one text
    object that is never drawn, and its public `getCode()` gives the subsets and codes (one byte a character).
    A run whose codes do not come out one a character is set straight, as any other run."""
    by_font: dict[tuple[FilePath], list[TextRun]] = {}
    for p in prims:
        if isinstance(p, TextRun) and p.glyphs:
            by_font.setdefault((p.font,), []).append(p)
    out: dict[int, list[tuple[str, str]]] = {}
    for (font,), runs in by_font.items():
        text = c.beginText()
        text.setFont(names[font], 10)
        text.textOut("".join(r.text for r in runs))
        codes: list[tuple[str, str]] = []
        subset = ""
        for m in _SHOWN.finditer(text.getCode()):
            if m.group(1):
                subset = m.group(1)
            else:
                codes += [(subset, _literal(b)) for b in _unescape(m.group(2))]
        if len(codes) != sum(len(r.text) for r in runs):
            continue
        at = 0
        for r in runs:
            out[id(r)] = codes[at : at + len(r.text)]
            at += len(r.text)
    return out


class PdfRenderer(Renderer):
    """The one-page sketchnote handout as PDF."""

    name = "pdf"
    suffix = ".pdf"
    description = "A one-page sketchnote handout (PDF): banner, a card per item, key takeaways, QR codes."
    consumes = "sketch"

    def render(self, sketch: Sketch, theme: Theme, **options: OptionValue) -> Rendered:  # type: ignore[override]
        return Rendered(paint(sketch))
