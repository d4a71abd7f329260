"""The planner's last pass: cut every run where the face that draws its characters changes, and name that face,
so a renderer writes each run in the font the text engine measured it with and decides nothing itself."""

from __future__ import annotations

import re

from msgspec.structs import replace

from decks.plan.deck.plan import Deck, Para, Run, Slide, TextBox
from decks.plan.deck.text import ZWSP
from decks.text.fallback import FontStack
from decks.text.shaping import base_rtl
from decks.text.stacks import stacks_for
from decks.themes.model import Theme

_WORD_END = re.compile(r"(?<=[\s\u200b])(?=[^\s\u200b])")


def with_faces(deck: Deck, theme: Theme) -> Deck:
    """`deck` with each run cut by drawing face and its `face` set."""
    stacks = stacks_for(theme, deck.language)
    by_role = {"heading": stacks.heading, "body": stacks.body}
    slides: list[Slide] = []
    for slide in deck.slides:
        boxes = tuple(_box(box, by_role) for box in slide.texts)
        slides.append(replace(slide, title=_box(slide.title, by_role), texts=boxes))
    return replace(deck, slides=tuple(slides))


# A deck has tens of thousands of runs: they are made with their constructors, which cost a fraction of
# `dataclasses.replace` (and the field lists below are checked against the classes by the tests).
def _box(box: TextBox, stacks: dict[str, FontStack]) -> TextBox:
    paras = tuple(_para(p, stacks[p.font]) for p in box.paras)
    return TextBox(box.role, box.box, paras, box.placeholder, box.anchor)


def _para(para: Para, stack: FontStack) -> Para:
    runs: list[Run] = []
    for run in para.runs:
        color, link, field = run.color, run.link, run.field
        if field:
            runs.append(Run(run.text, color, link, field, stack.primary.family))
            continue
        for piece in _pieces(run.text, link):
            runs.extend(Run(text, color, link, None, family) for family, text in segments(stack, piece))
    p = para
    rtl = base_rtl(p.text)  # set flush right, its bullet on the right, in every renderer
    align = "r" if rtl and p.align == "l" else p.align
    return Para(tuple(runs), p.size, p.pitch, p.font, p.level, p.bullet, p.indent, p.space_before, align, p.lines, rtl)


def _pieces(text: str, link: str | None) -> list[str]:
    """A linked run cut after each space and zero-width space: LibreOffice makes each linked run one field,
    which it never breaks between words (a link longer than the line is cut mid-word), so each word is a run
    of its own, and the lines break where the engine measured them."""
    return _WORD_END.split(text) if link else [text]


def segments(stack: FontStack, text: str) -> list[tuple[str, str]]:
    """`text` cut into (family, text) pieces by the face that draws each character, as the engine measures it
    (a ZWSP, or a character no face has, joins the piece before)."""
    if not text:
        return []
    # Most text is drawn by one face throughout: look each distinct character up once and be done.
    chars = set(text)
    chars.discard(ZWSP)
    if chars and stack.primary_draws_all(chars):
        return [(stack.primary.family, text)]
    faces = {stack.face_for(ch) for ch in chars}
    if len(faces) == 1:
        (face,) = faces
        if face is not None and (text[0] != ZWSP or face.family == stack.primary.family):
            return [(face.family, text)]
    out: list[tuple[str, str]] = []
    for ch in text:
        face = None if ch == ZWSP else stack.face_for(ch)
        family = face.family if face else (out[-1][0] if out else stack.primary.family)
        if out and out[-1][0] == family:
            out[-1] = (family, out[-1][1] + ch)
        else:
            out.append((family, ch))
    return out
