"""`recap slides`: the deck as PDF, painted with reportlab straight from the deck plan (no office suite).

One page per slide at the plan's slide size: background, the plan's shapes, every text box set line by line as
the text engine broke it (decks.paint.deck), in the face each run names, pictures and icons in their boxes,
links as URI annotations. Fonts are embedded as subsets; `invariant=1` gives the same bytes every run. Speaker
notes go on a page after each slide (`--notes page`), into a text annotation on the slide (`annotations`), or
nowhere (`none`).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from decks.imagefiles import open_image, open_picture, read_picture
from decks.imageheaders import probe
from decks.model.urls import ascii_url
from decks.options import Option, OptionValue
from decks.paint.deck import ITALIC_SKEW, SetBox, Setter, icon_origin
from decks.paint.pdffonts import register
from decks.plan.deck.plan import Deck, Picture, Slide
from decks.renderers.base import Rendered, Renderer, made_by
from decks.text.breaking import break_lines
from decks.text.faces import Face
from decks.themes.model import Theme

if TYPE_CHECKING:  # Pillow is imported when a picture is drawn, not with this module
    from PIL.ImageFile import ImageFile

# reportlab has no type information (see [tool.mypy] in pyproject.toml): what it makes is Any, named here.
RLCanvas = Any  # a reportlab.pdfgen.canvas.Canvas
RLImage = Any  # a reportlab.lib.utils.ImageReader
RLPath = Any  # a reportlab path object (Canvas.beginPath)


def paint(deck: Deck, theme: Theme, notes: str = "none") -> bytes:
    """The PDF of a deck plan: a page per slide (and a notes page after each with `notes="page"`)."""
    from reportlab import rl_config  # lazy: --help loads this module
    from reportlab.pdfgen.canvas import Canvas  # lazy: --help loads this module

    setter = Setter(theme, deck.language, kern=True)
    palette: dict[str, str] = theme.palette.model_dump()
    body = setter.stacks.body
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=(deck.width, deck.height),
        invariant=1,
        pageCompression=1,
        initialFontName=register(body.primary.path),
        lang=deck.language,
    )
    c.setTitle(deck.title)
    c.setAuthor(deck.author)
    c.setSubject(deck.subject)
    c.setCreator(made_by(SlidesRenderer.name))
    images: dict[Path, RLImage] = {}  # each picture read and decoded once, however many slides show it
    for number, slide in enumerate(deck.slides, 1):
        _slide(c, deck, slide, setter, number, palette, images)
        if notes == "annotations" and slide.notes:
            # A note icon in the top-left corner; viewers show the speaker notes when it is opened.
            c.textAnnotation(slide.notes, Rect=(4, deck.height - 24, 24, deck.height - 4), relative=0)
        c.bookmarkPage(f"s{number}")
        c.addOutlineEntry(_outline_title(slide, number), f"s{number}", 0)
        c.showPage()
        if notes == "page":
            _notes_page(c, deck, slide, number, body.primary, palette, setter)
            c.showPage()
    a85 = rl_config.useA85
    rl_config.useA85 = 0  # plain Flate streams: reportlab's ASCII85 is slow and bigger
    try:
        c.save()
    finally:
        rl_config.useA85 = a85
    return buf.getvalue()


def _outline_title(slide: Slide, number: int) -> str:
    return f"{number}. " + " ".join(p.text for p in slide.title.paras).replace("\u200b", "").replace("\n", " ")


def _slide(
    c: RLCanvas,
    deck: Deck,
    slide: Slide,
    setter: Setter,
    number: int,
    palette: dict[str, str],
    images: dict[Path, RLImage],
) -> None:
    from reportlab.lib.colors import HexColor  # lazy: --help loads this module

    h = deck.height
    c.setFillColor(HexColor(palette["background"]))
    c.rect(0, 0, deck.width, h, stroke=0, fill=1)
    for shape in slide.shapes:
        r = shape.box
        color = HexColor(palette[shape.color])
        c.setFillColor(color)
        c.setStrokeColor(color)
        c.setLineWidth(shape.stroke)
        fill, stroke = (1, 0) if shape.fill else (0, 1)
        if shape.kind == "ellipse":
            c.ellipse(r.x, h - r.bottom, r.right, h - r.y, stroke=stroke, fill=fill)
        elif shape.kind == "round":
            c.roundRect(r.x, h - r.bottom, r.w, r.h, min(r.w, r.h) * 0.06, stroke=stroke, fill=fill)
        else:
            c.rect(r.x, h - r.bottom, r.w, r.h, stroke=stroke, fill=fill)
    for set_box in setter.slide(slide, number):
        _text(c, h, set_box, setter)
    for pic in slide.pictures:
        _picture(c, h, pic, palette, images)


def _text(c: RLCanvas, h: float, set_box: SetBox, setter: Setter) -> None:
    from reportlab.lib.colors import HexColor  # lazy: --help loads this module

    if not set_box.lines:
        return
    text = c.beginText()
    links: list[_Link] = []
    for line in set_box.lines:
        para = set_box.box.paras[line.para]
        pieces = list(line.pieces)
        bullet = setter.bullet(para, line, set_box.box)
        if bullet is not None:
            pieces.insert(0, bullet)
        for piece in pieces:
            text.setFont(register(piece.face.path), piece.size)
            text.setFillColor(HexColor(piece.color))
            if piece.italic:
                # An italic run of the content's markup, slanted: a skew keeps the upright advances it was
                # measured with (decks.text.runs), and the text stays the words for search.
                text.setTextTransform(1, 0, ITALIC_SKEW, 1, piece.x, h - line.baseline)
            else:
                text.setTextOrigin(piece.x, h - line.baseline)
            text.textOut(piece.text)
            if piece.link:
                top, bottom = h - line.top, h - line.top - line.height
                base = h - line.baseline
                links.append((piece.link, piece.x, bottom, piece.x + piece.width, top, base, piece.color, piece.size))
    c.drawText(text)
    for url, x0, y0, x1, y1, base, color, size in _merge_links(links):
        # Links are underlined, as PowerPoint and LibreOffice show a hyperlinked run.
        c.setStrokeColor(HexColor(color))
        c.setLineWidth(max(0.5, size / 18))
        c.line(x0, base - size * 0.1, x1, base - size * 0.1)
        c.linkURL(ascii_url(url), (x0, y0, x1, y1), relative=0, thickness=0)


_Link = tuple[str, float, float, float, float, float, str, float]  # url, box, baseline, colour, size


def _merge_links(links: list[_Link]) -> list[_Link]:
    """Adjacent pieces of one link on one line, in one colour, become one clickable, underlined stretch."""
    out: list[_Link] = []
    for link in links:
        prev = out[-1] if out else None
        if (
            prev
            and prev[0] == link[0]
            and prev[6] == link[6]
            and abs(prev[2] - link[2]) < 0.01
            and link[1] - prev[3] < 1
        ):
            out[-1] = (*prev[:3], link[3], *prev[4:])
        else:
            out.append(link)
    return out


def _picture(c: RLCanvas, h: float, pic: Picture, palette: dict[str, str], images: dict[Path, RLImage]) -> None:
    from reportlab.lib.colors import HexColor  # lazy: --help loads this module

    r = pic.box
    if pic.qr:
        # Dark modules on a white square with a two-module quiet zone, as the deck's QR picture.
        n = len(pic.qr)
        cell = min(r.w, r.h) / (n + 4)
        c.setFillColor(HexColor("#FFFFFF"))
        c.rect(r.x, h - r.bottom, r.w, r.h, stroke=0, fill=1)
        c.setFillColor(HexColor("#000000"))
        for y, row in enumerate(pic.qr):
            for x, dark in enumerate(row):
                if dark == "1":
                    c.rect(r.x + (x + 2) * cell, h - r.y - (y + 3) * cell, cell, cell, stroke=0, fill=1)
        return
    if pic.icon is not None:
        # The icon's outline as a filled path: a picture, not text a reader would copy or hear.
        left, baseline, size = icon_origin(pic.icon.font, pic.icon.char, (r.x, r.y, r.w, r.h))
        c.setFillColor(HexColor(palette["accent"]))
        c.drawPath(_glyph_path(c, pic.icon.font, pic.icon.char, left, h - baseline, size), stroke=0, fill=1)
        return
    if pic.path is None:
        return
    path = Path(pic.path)
    if path not in images:
        images[path] = _image(path)
    # reportlab keeps one image XObject per distinct image (by its digest): drawn again, it is only referenced.
    if any(pic.crop):
        # The whole picture drawn larger, clipped to its box: what the crop cut off falls outside.
        left, top, right, bottom = pic.crop
        w, ht = r.w / (1 - left - right), r.h / (1 - top - bottom)
        c.saveState()
        clip = c.beginPath()
        clip.rect(r.x, h - r.bottom, r.w, r.h)
        c.clipPath(clip, stroke=0, fill=0)
        c.drawImage(images[path], r.x - left * w, h - r.bottom - bottom * ht, w, ht, mask="auto")
        c.restoreState()
        return
    c.drawImage(images[path], r.x, h - r.bottom, r.w, r.h, mask="auto")


def _glyph_path(c: RLCanvas, font: Path, char: str, x: float, y: float, size: float) -> RLPath:
    """The outline of `char` in `font` as a reportlab path, its origin at (x, y) in PDF space, `size` points."""
    from fontTools.pens.basePen import BasePen  # lazy: --help loads this module
    from fontTools.pens.transformPen import TransformPen  # lazy: --help loads this module
    from fontTools.ttLib import TTFont  # lazy: --help loads this module

    path = c.beginPath()

    class Pen(BasePen):  # quadratic curves reach it as cubics (BasePen converts them)
        def _moveTo(self, p: tuple[float, float]) -> None:
            path.moveTo(*p)

        def _lineTo(self, p: tuple[float, float]) -> None:
            path.lineTo(*p)

        def _curveToOne(self, p1: tuple[float, float], p2: tuple[float, float], p3: tuple[float, float]) -> None:
            path.curveTo(*p1, *p2, *p3)

        def _closePath(self) -> None:
            path.close()

    tt = TTFont(str(font), lazy=True)
    try:
        glyphs = tt.getGlyphSet()
        name = tt.getBestCmap().get(ord(char))
        if name is not None:
            scale = size / tt["head"].unitsPerEm
            pen = Pen(glyphs)
            glyphs[name].draw(TransformPen(pen, (scale, 0, 0, scale, x, y)))
    finally:
        tt.close()
    return path


def _image(path: Path) -> RLImage:
    """A reportlab image of a picture file, turned upright by its EXIF orientation.

    The bytes are read once, within the cap, and checked (`read_picture`); reportlab is given those bytes and
    opens them through `open_image` (one Pillow plugin, never a path opened again).
    """
    from reportlab.lib.utils import ImageReader  # lazy: --help loads this module

    class CheckedReader(ImageReader):
        def _read_image(self, fp: io.BytesIO) -> ImageFile:
            return open_picture(fp.read())

    raw = read_picture(path)
    header = probe(raw)
    if header is not None and header.format != "GIF" and not (header.format == "JPEG" and b"Exif" in raw[:65536]):
        # A plain PNG or JPEG goes in as it is (a JPEG keeps its own compression).
        return CheckedReader(io.BytesIO(raw))
    from PIL import ImageOps  # lazy: --help loads this module

    with open_image(raw) as img:
        img.load()
        upright = ImageOps.exif_transpose(img)
        if upright.mode not in ("RGB", "RGBA", "L", "LA"):
            upright = upright.convert("RGBA")
        return ImageReader(upright)


def _notes_page(
    c: RLCanvas, deck: Deck, slide: Slide, number: int, face: Face, palette: dict[str, str], setter: Setter
) -> None:
    """The speaker notes of a slide on a page of their own, headed by the slide's number and title."""
    from reportlab.lib.colors import HexColor  # lazy: --help loads this module

    h, margin = deck.height, 48.0
    c.setFillColor(HexColor(palette["background"]))
    c.rect(0, 0, deck.width, h, stroke=0, fill=1)
    stack = setter.stacks.body
    y = margin
    text = c.beginText()
    for size, color, content in (
        (setter.floor, palette["muted"], _outline_title(slide, number)),
        (setter.floor, palette["ink"], slide.notes),
    ):
        width = deck.width - 2 * margin

        def measured(s: str, size: float = size) -> float:
            return stack.width(s, size)

        for line in break_lines(content, width, measured):
            y += size * 1.2
            if y > h - margin:
                break
            x = margin
            for seg_face, seg in stack.segments(line):
                text.setFont(register(seg_face.path), size)
                text.setFillColor(HexColor(color))
                text.setTextOrigin(x, h - y)
                text.textOut(seg)
                x += seg_face.width(seg, size)
        y += size * 0.6
    c.drawText(text)


class SlidesRenderer(Renderer):
    """The deck as PDF, one page per slide, painted from the deck plan."""

    name = "slides"
    suffix = ".pdf"
    default_suffix = ".slides.pdf"
    description = (
        "The deck as PDF (one page per slide, fonts embedded), painted from the deck plan without an office suite."
    )
    consumes = "deck"
    options = (
        Option(
            "notes",
            "Speaker notes: none, a page after each slide, or a text annotation on the slide.",
            "none",
            ("none", "page", "annotations"),
        ),
    )

    def render(  # type: ignore[override]
        self, deck: Deck, theme: Theme, notes: str = "none", **options: OptionValue
    ) -> Rendered:
        return Rendered(paint(deck, theme, notes))
