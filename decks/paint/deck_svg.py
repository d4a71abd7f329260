"""The deck plan's slides painted as SVG, one `<svg>` per slide: background, shapes, each text box's lines as
the text engine broke them (decks.paint.deck) in real `<text>`, links as `<a href>`, icons as outlines and
pictures as inlined images with their alt text. Fonts are named by CSS family (`FontFaces`), whose
`@font-face` rules either inline a subset of each font (one self-contained file) or point at a URL (the live
preview, which serves the font files and so never pays for subsetting).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

from decks.i18n import messages
from decks.markup import esc
from decks.model.urls import ascii_url
from decks.paint.deck import Piece, Setter, icon_origin
from decks.paint.fontdata import glyph_path, num, subset
from decks.plan.deck.plan import Deck, Picture, Slide
from decks.text.faces import Face
from decks.text.shaping import has_rtl

_SUBSETS: dict[tuple[Path, frozenset[str]], str] = {}  # base64 subsets, kept for a process that renders again


_NAMES: dict[Path, str] = {}  # one CSS family per font file for the process, so painted slides can be kept


def css_name(path: Path) -> str:
    """The CSS family of a font file: `recap-` and its file name (a second file of that name gets a number)."""
    if path not in _NAMES:
        base = "recap-" + "".join(c if c.isalnum() or c == "-" else "-" for c in path.stem)
        taken = set(_NAMES.values())
        name, n = base, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        _NAMES[path] = name
    return _NAMES[path]


class FontFaces:
    """The font files some slides use and the characters each draws; `css` gives their `@font-face` rules."""

    def __init__(self) -> None:
        self.chars: dict[Path, set[str]] = {}
        self.families: dict[Path, str] = {}

    def family(self, face: Face, text: str) -> str:
        """The `font-family` value for `text` in `face` (its own subset's name, then the font's, then generic)."""
        path = face.path
        if path not in self.families:
            self.families[path] = f"'{css_name(path)}', '{face.family}', sans-serif"
        self.chars.setdefault(path, set()).update(text)
        return self.families[path]

    def merge(self, other: FontFaces) -> None:
        for path, chars in other.chars.items():
            self.chars.setdefault(path, set()).update(chars)
            self.families.setdefault(path, other.families[path])

    def css(self, url: Callable[[Path], str] | None = None) -> str:
        """`@font-face` rules: each font inlined as a base64 subset, or at `url(path)` when given."""
        rules = []
        for path in self.chars:
            name = css_name(path)
            if url is not None:
                src = f"url({url(path)})"
            else:
                key = (path, frozenset(self.chars[path]))
                if key not in _SUBSETS:
                    _SUBSETS[key] = base64.b64encode(subset(path, set(key[1]))).decode("ascii")
                src = f"url(data:font/ttf;base64,{_SUBSETS[key]})"
            rules.append(f"@font-face {{ font-family: '{name}'; src: {src}; }}")
        return "\n".join(rules)


def slide_svg(
    deck: Deck,
    slide: Slide,
    number: int,
    setter: Setter,
    fonts: FontFaces,
    image: Callable[[Picture], str],
) -> str:
    """One slide as an `<svg>` element (user units are points); `image` gives a picture's href."""

    palette = setter.palette
    w, h = num(deck.width), num(deck.height)
    label = messages(deck.language or "en").gettext("Slide {number}").format(number=number)
    out = [
        f'<svg class="slide-art" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        f'width="{w}" height="{h}" role="group" aria-label="{esc(label)}">',
        f'<rect width="{w}" height="{h}" fill="{palette["background"]}"/>',
    ]
    for shape in slide.shapes:
        r = shape.box
        color = palette[shape.color]
        paint = f'fill="{color}"' if shape.fill else f'fill="none" stroke="{color}" stroke-width="{num(shape.stroke)}"'
        if shape.kind == "ellipse":
            out.append(
                f'<ellipse cx="{num(r.x + r.w / 2)}" cy="{num(r.y + r.h / 2)}" rx="{num(r.w / 2)}" '
                f'ry="{num(r.h / 2)}" {paint}/>'
            )
            continue
        corner = f' rx="{num(min(r.w, r.h) * 0.06)}"' if shape.kind == "round" else ""
        out.append(f'<rect x="{num(r.x)}" y="{num(r.y)}" width="{num(r.w)}" height="{num(r.h)}"{corner} {paint}/>')
    for set_box in setter.slide(slide, number):
        for line in set_box.lines:
            para = set_box.box.paras[line.para]
            pieces: list[Piece] = list(line.pieces)
            bullet = setter.bullet(para, line, set_box.box)
            spans = []
            if bullet is not None:
                spans.append(_tspan(bullet, fonts, ' aria-hidden="true"'))
            for piece in pieces:
                span = _tspan(piece, fonts, ' text-decoration="underline"' if piece.link else "")
                spans.append(f'<a href="{esc(ascii_url(piece.link))}">{span}</a>' if piece.link else span)
            if spans:
                # A line with right-to-left text is already in drawing order (decks.paint.deck): the browser must
                # not reorder it again.
                drawn = ' direction="ltr" unicode-bidi="bidi-override"' if has_rtl(line.text) else ""
                out.append(f'<text y="{num(line.baseline)}" xml:space="preserve"{drawn}>{"".join(spans)}</text>')
    for pic in slide.pictures:
        r = pic.box
        if pic.qr:
            cell = min(r.w, r.h) / (len(pic.qr) + 4)
            d = "".join(
                f"M{num(r.x + (x + 2) * cell)} {num(r.y + (y + 2) * cell)}h{num(cell)}v{num(cell)}h-{num(cell)}z"
                for y, row in enumerate(pic.qr)
                for x, dark in enumerate(row)
                if dark == "1"
            )
            out.append(
                f'<g role="img" aria-label="{esc(pic.alt)}"><rect x="{num(r.x)}" y="{num(r.y)}" width="{num(r.w)}" '
                f'height="{num(r.h)}" fill="#FFFFFF"/><path d="{d}" fill="#000000"/></g>'
            )
        elif pic.icon is not None:
            x, baseline, size = icon_origin(pic.icon.font, pic.icon.char, (r.x, r.y, r.w, r.h))
            d = glyph_path(pic.icon.font, pic.icon.char, x, baseline, size)
            out.append(f'<path d="{d}" fill="{palette["accent"]}" aria-hidden="true"/>')
        elif pic.path is not None and (href := image(pic)).startswith("#"):
            # A picture the page holds once (decks.renderers.html): a reference to it, in the same box.
            out.append(
                f'<use href="{esc(href)}" x="{num(r.x)}" y="{num(r.y)}" width="{num(r.w)}" height="{num(r.h)}" '
                f'role="img" aria-label="{esc(pic.alt)}"><title>{esc(pic.alt)}</title></use>'
            )
        elif pic.path is not None:
            out.append(
                f'<image href="{esc(href)}" x="{num(r.x)}" y="{num(r.y)}" width="{num(r.w)}" '
                f'height="{num(r.h)}" preserveAspectRatio="xMidYMid {"slice" if any(pic.crop) else "meet"}" '
                f'role="img" aria-label="{esc(pic.alt)}">'
                f"<title>{esc(pic.alt)}</title></image>"
            )
    out.append("</svg>")
    return "\n".join(out)


def _tspan(piece: Piece, fonts: FontFaces, extra: str) -> str:
    family = fonts.family(piece.face, piece.text)
    # An italic run of the content's markup: the browser slants the face it has (no italic file is embedded),
    # which keeps the advances the run was measured with.
    italic = ' font-style="italic"' if piece.italic else ""
    return (
        f'<tspan x="{num(piece.x)}" font-family="{esc(family)}" font-size="{num(piece.size)}" '
        f'fill="{piece.color}"{italic}{extra}>{esc(piece.text)}</tspan>'
    )
