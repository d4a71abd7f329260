"""A right-to-left deck's slides mirrored: what a layout sets at the left of a slide sits at its right.

The layouts (decks.plan.deck.layouts, planner) lay a slide out left to right. In a deck whose language is written
right to left (`decks.i18n.right_to_left`: Arabic, Hebrew, Persian, Urdu ...) a reader starts at the right, so
every box of the body is reflected across the body's middle: the first card, column or figure at the right, a
card's icon at its top right, the quotation mark at the right of the quote (the closing-looking glyph, as a
right-to-left quote opens with it). Text boxes move with their layout; their paragraphs, all right to left in such
a deck, are set flush right (decks.plan.deck.faces). The title row (the title, the icon beside it and the rule
under it) is reflected across the title's box, a title that opens with a Latin name or that recap adds in English
(an untranslated "Agenda") too: it reads from the right like the rest of the slide.

What is not inside the body or the title row stays: the accent bar at the slide's edge, the footer and slide
number (the template's places), a full-bleed picture. A slide is kept as laid out when its reflection would
cover a picture of its master or layout (a logo the layout kept clear of).
"""

from __future__ import annotations

from msgspec.structs import replace

from decks.i18n import right_to_left
from decks.plan.deck.plan import Geometry, Picture, Shape, Slide, TextBox
from decks.plan.geometry import Rect
from decks.plan.icons import get

# Icons whose drawing points one way, by the icon drawn instead on a right-to-left slide.
_FACING = {"quote-left": "quote-right", "quote-right": "quote-left"}
_SLACK = 0.5  # points: a box this far past a region's edge (a rounding) still counts as inside it


def mirrored(slide: Slide, geometry: Geometry, language: str) -> Slide:
    """`slide` as a deck in `language` shows it: reflected when the language is written right to left."""
    if not right_to_left(language):
        return slide
    frame = geometry.frames[slide.layout]
    body = frame.body
    title = frame.title
    below = body.y if body is not None else title.bottom

    def region(box: Rect) -> Rect | None:
        """The region `box` is reflected in: the body, the title row, or none."""
        if body is not None and _inside(box, body):
            return body
        if box.y < below - _SLACK and _across(box, title):
            return title  # the title and the icon beside it
        if box.h <= 12 and title.bottom - _SLACK <= box.y <= below and _across(box, title):
            return title  # the short rule under the title
        return None

    def box_of(box: Rect) -> Rect:
        where = region(box)
        return box if where is None else box.mirrored(where)

    texts = tuple(replace(t, box=box_of(t.box)) if region(t.box) is not None else t for t in slide.texts)
    shapes = tuple(replace(s, box=box_of(s.box)) if region(s.box) is not None else s for s in slide.shapes)
    pictures = tuple(_picture(p, box_of(p.box)) if region(p.box) is not None else p for p in slide.pictures)
    heading = slide.title
    if _across(heading.box, title):
        heading = replace(heading, box=heading.box.mirrored(title))
    pairs: list[tuple[TextBox | Shape | Picture, TextBox | Shape | Picture]] = [
        *zip(slide.texts, texts, strict=True),
        *zip(slide.shapes, shapes, strict=True),
        *zip(slide.pictures, pictures, strict=True),
    ]
    if any(new.box.overlaps(k) and not old.box.overlaps(k) for old, new in pairs for k in frame.keepout):
        return slide
    return replace(slide, title=heading, texts=texts, shapes=shapes, pictures=pictures)


def _picture(picture: Picture, box: Rect) -> Picture:
    """`picture` at `box`, an icon that faces one way turned to face the other."""
    icon = picture.icon
    if icon is not None and icon.name in _FACING:
        turned = get(_FACING[icon.name])
        return replace(picture, box=box, icon=turned, alt=picture.alt if picture.alt != icon.label else turned.label)
    return replace(picture, box=box)


def _inside(box: Rect, region: Rect) -> bool:
    return region.contains(box, _SLACK)


def _across(box: Rect, region: Rect) -> bool:
    """Whether `box` lies within `region`'s left and right edges."""
    return box.x >= region.x - _SLACK and box.right <= region.right + _SLACK
