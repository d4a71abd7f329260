"""Fonts for SVG: a font file cut down to the characters a page uses (TrueType bytes, no timestamp change, so
the same page gives the same bytes), and a glyph's outline as SVG path data, for icons that must show in viewers
that ignore embedded fonts."""

from __future__ import annotations

import io
from pathlib import Path as FilePath
from typing import Any


def num(v: float) -> str:
    """A number for SVG: at most two decimals, no trailing zeros, never "-0"."""
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def subset(font: FilePath, chars: set[str]) -> bytes:
    """The font cut down to `chars`, as TrueType bytes (no hinting, no layout tables, no timestamp change)."""
    import logging  # lazy: with fontTools, below

    from fontTools import subset  # lazy: --help loads this module

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


def glyph_path(font: FilePath, char: str, x: float, baseline: float, size: float) -> str:
    """An outline of `char` as SVG path data, placed at (x, baseline) and scaled to `size` points."""
    from fontTools.pens.svgPathPen import SVGPathPen  # lazy: --help loads this module
    from fontTools.pens.transformPen import TransformPen  # lazy: --help loads this module

    tt = _outlines(font)
    glyph_set = tt.getGlyphSet()
    name = tt.getBestCmap().get(ord(char))
    if name is None:
        return ""
    scale = size / tt["head"].unitsPerEm
    pen = SVGPathPen(glyph_set, ntos=num)
    glyph_set[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x, baseline)))
    return pen.getCommands()


# Any: a fontTools glyph set, and fontTools has no type information (see [tool.mypy] in pyproject.toml).
_OUTLINES: dict[FilePath, Any] = {}


def _outlines(font: FilePath) -> Any:
    if font not in _OUTLINES:
        from fontTools.ttLib import TTFont  # lazy: --help loads this module

        _OUTLINES[font] = TTFont(str(font), lazy=True)
    return _OUTLINES[font]
