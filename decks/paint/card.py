"""The social card a link preview shows (Open Graph, 1200x630; 1080x1080 square): the event, the recap's title and
the presenter, lettered in the sketchnote's own faces on its paper, beside a drawn detail of the sketchnote.

Painted from the sketch and the sketchnote's picture, so it looks like the page it stands for. Type is sized by
measuring it with the faces' real metrics (Pillow), largest first, so the title stays readable when the card is
shown at 300x157.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import TYPE_CHECKING

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

from decks.imagefiles import open_picture

if TYPE_CHECKING:
    from decks.plan.sketch.primitives import Sketch

WIDE = (1200, 630)
SQUARE = (1080, 1080)
_PAD = 0.06  # of the card's width


@functools.cache
def _covers(path: Path) -> frozenset[int]:
    with TTFont(str(path), fontNumber=0, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def _face_for(text: str, faces: list[Path]) -> tuple[Path, str] | None:
    """The first face that has every character of `text` but its spaces, and the text; None when none does (the
    card then leaves the words out rather than draw boxes)."""
    for face in faces:
        codes = _covers(face)
        if all(ord(ch) in codes for ch in text if not ch.isspace()):
            return face, text
    return None


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")[:6]
    try:
        r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return 0.0
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _font(path: Path, size: float) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), max(8, round(size)), layout_engine=ImageFont.Layout.BASIC)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """`text` broken into lines no wider than `width`: at spaces, or between any two characters of a script
    written without spaces (CJK), measured with the face."""
    words: list[str] = []
    for word in text.split(" "):
        if font.getlength(word) <= width:
            words.append(word)
            continue
        piece = ""
        for ch in word:  # a word wider than the line (CJK text, a long name): break between characters
            if piece and font.getlength(piece + ch) > width:
                words.append(piece)
                piece = ""
            piece += ch
        if piece:
            words.append(piece)
    lines: list[str] = []
    for word in words:
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines


def _fit(
    text: str, face: Path, width: float, height: float, largest: float, smallest: float
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size (down to `smallest`) at which `text` fits the box, and its lines."""
    size = largest
    while True:
        font = _font(face, size)
        lines = _wrap(text, font, width)
        if len(lines) * size * 1.15 <= height or size <= smallest:
            return font, lines
        size *= 0.92


def _detail(page: bytes, sketch: Sketch, scale: float) -> Image.Image:
    """The sketchnote's most telling region: the largest card of an item (else the whole page)."""

    picture = open_picture(page).convert("RGB")  # recap's own PNG, opened the one way pictures are
    items = [c for c in sketch.containers if c.kind == "item"]
    if not items:
        return picture
    best = max(items, key=lambda c: c.rect.w * c.rect.h)
    r = best.rect
    margin = 8
    box = (
        max(0, round((r.x - margin) * scale)),
        max(0, round((r.y - margin) * scale)),
        min(picture.width, round((r.right + margin) * scale)),
        min(picture.height, round((r.bottom + margin) * scale)),
    )
    return picture.crop(box)


def paint_card(sketch: Sketch, page: bytes, scale: float, words: dict[str, str], square: bool = False) -> bytes:
    """The card's PNG. `page` is the sketchnote drawn at `scale` pixels per point; `words` holds the event, the
    title and the presenter (any may be empty)."""

    width, height = SQUARE if square else WIDE
    card = Image.new("RGB", (width, height), sketch.background)
    draw = ImageDraw.Draw(card)
    # Icons are drawn as glyphs of the Private Use Area: their face letters nothing.
    runs = [
        run for run in sketch.runs() if not all(0xE000 <= ord(ch) <= 0xF8FF or ord(ch) >= 0xF0000 for ch in run.text)
    ]
    # The faces the page letters with, largest first (the banner's, then card titles', then the body's); the ink is
    # the darkest colour the page writes in, so the words read on the paper.
    faces = list(dict.fromkeys(run.font for run in sorted(runs, key=lambda run: -run.size)))
    ink = min((run.color for run in runs), key=_luminance, default="#222222")
    pad = round(width * _PAD)

    detail = _detail(page, sketch, scale)
    if square:
        text_box = (pad, pad, width - 2 * pad, round(height * 0.42))
        slot = (pad, round(height * 0.48), width - 2 * pad, height - round(height * 0.48) - pad)
    else:
        text_box = (pad, pad, round(width * 0.5) - pad, height - 2 * pad)
        slot = (round(width * 0.52), pad, width - round(width * 0.52) - pad, height - 2 * pad)
    ratio = min(slot[2] / detail.width, slot[3] / detail.height)
    shown = detail.resize((max(1, round(detail.width * ratio)), max(1, round(detail.height * ratio))))
    shown = shown.rotate(-2.0, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=sketch.background)
    x = slot[0] + (slot[2] - shown.width) // 2
    y = slot[1] + (slot[3] - shown.height) // 2
    draw.rectangle((x + 7, y + 9, x + shown.width + 7, y + shown.height + 9), fill="#c8c2b8")
    card.paste(shown, (x, y))

    left, top, box_w, box_h = text_box
    cursor = top

    def letter(
        text: str, face_order: list[Path], box_height: float, largest: float, smallest: float
    ) -> ImageFont.FreeTypeFont | None:
        nonlocal cursor
        found = _face_for(text, face_order)
        if found is None:
            return None
        face, shown = found
        font, lines = _fit(shown, face, box_w, box_height, largest, smallest)
        for line in lines[: max(1, int(box_height // (font.size * 1.15)))]:
            # A no-break space kept its words on one line; it is drawn as the space it is (some hand faces map
            # U+00A0 to a glyph with no ink or a box).
            draw.text((left, cursor), line.replace("\u00a0", " "), font=font, fill=ink, anchor="lt")
            cursor += round(font.size * 1.15)
        return font

    body_first = faces[::-1]
    if words.get("event"):
        letter(words["event"], body_first, box_h * 0.2, height * 0.055, height * 0.035)
        cursor += round(height * 0.03)
    presenter = words.get("presenter", "")
    reserve = height * 0.12 if presenter else 0
    if words.get("title"):
        letter(words["title"], faces, top + box_h - cursor - reserve, height * 0.13, height * 0.06)
    if presenter:
        cursor = max(cursor, round(top + box_h - height * 0.08))
        letter(presenter, body_first, height * 0.08, height * 0.05, height * 0.03)
    return _png(card)


def _png(card: Image.Image) -> bytes:
    buffer = io.BytesIO()
    card.save(buffer, format="PNG", optimize=False)  # no timestamps: same input, same bytes
    return buffer.getvalue()
