"""The planner's last pass: cut every run where the face that draws its characters changes, and name that face,
so a renderer writes each run in the font the text engine measured it with and decides nothing itself."""

from __future__ import annotations

import re
import weakref

from msgspec.structs import replace

from decks.i18n import right_to_left
from decks.model.inline import Style
from decks.plan.deck.plan import Deck, Para, Run, Slide, TextBox
from decks.plan.deck.text import ZWSP
from decks.plan.stacks import run_faces, stacks_for
from decks.text.breaking import has_wide
from decks.text.fallback import FontStack
from decks.text.runs import RunFaces
from decks.text.shaping import base_rtl
from decks.themes.model import Theme

_WORD_END = re.compile(r"(?<=[\s\u200b])(?=[^\s\u200b])")
# Printable ASCII: when the primary face draws all of it, a run of only these needs no look-up per character.
_ASCII = frozenset(map(chr, range(0x20, 0x7F)))
_ASCII_DRAWN: weakref.WeakKeyDictionary[FontStack, bool] = weakref.WeakKeyDictionary()

# A run's cut, by what decides it (text, colour, link, field): a deck repeats names, labels and links, and
# runs are frozen, so one cut serves every repeat.
_Memo = dict[tuple[str, str, str | None, str | None, int], tuple[Run, ...]]


def with_faces(deck: Deck, theme: Theme) -> Deck:
    """`deck` with each run cut by drawing face and its `face` set."""
    stacks = stacks_for(theme, deck.language)
    by_role = {"heading": stacks.heading, "body": stacks.body}
    # The stacks of styled runs, loaded only for a deck that has one (most have no inline markup).
    marked = any(r.style for s in deck.slides for box in (s.title, *s.texts) for p in box.paras for r in p.runs)
    styled = run_faces(theme, deck.language) if marked else None
    memos: dict[str, _Memo] = {}
    slides: list[Slide] = []
    rtl = right_to_left(deck.language or "")  # a right-to-left deck's paragraphs all read right to left
    for s in deck.slides:
        texts = tuple(_box(box, by_role, memos, styled, rtl) for box in s.texts)
        title = _box(s.title, by_role, memos, styled, rtl)
        slides.append(Slide(s.kind, s.layout, title, texts, s.pictures, s.shapes, s.notes, s.section, s.design))
    return replace(deck, slides=tuple(slides))


# A deck has tens of thousands of runs: they (and slides, boxes, paragraphs) are made with their constructors,
# which cost a fraction of `replace` (the field lists are checked against the classes by the tests).
def _box(
    box: TextBox,
    stacks: dict[str, FontStack],
    memos: dict[str, _Memo] | None = None,
    styled: dict[str, RunFaces] | None = None,
    rtl: bool = False,
) -> TextBox:
    memos = {} if memos is None else memos
    paras = []
    for p in box.paras:
        memo = memos.get(p.font)
        if memo is None:
            memo = memos[p.font] = {}
        paras.append(_para(p, stacks[p.font], memo, styled[p.font] if styled is not None else None, rtl))
    return TextBox(box.role, box.box, tuple(paras), box.placeholder, box.anchor)


def _para(p: Para, stack: FontStack, memo: _Memo, styled: RunFaces | None = None, page_rtl: bool = False) -> Para:
    runs: list[Run] = []
    for run in p.runs:
        key = (run.text, run.color, run.link, run.field, run.style)
        cut = memo.get(key)
        if cut is None:
            # A bold or code run is cut by the faces of its style (decks.text.runs), as it was measured.
            drawn = styled.stack(run.style) if run.style and styled is not None else stack
            cut = memo[key] = _cut(run, drawn)
        runs += cut
    text = "".join([r.text for r in p.runs])
    # A right-to-left paragraph is set flush right, its bullet on the right, in every renderer: every paragraph of
    # a right-to-left deck (one that opens with a Latin name too), elsewhere one whose first strong letter is
    # (ASCII has no right-to-left letter, so most paragraphs need no look at the bidi classes).
    rtl = page_rtl or (not text.isascii() and base_rtl(text))  # decks.text.shaping.paragraph_rtl, fast on ASCII
    align = "r" if rtl and p.align == "l" else p.align
    return Para(
        tuple(runs), p.size, p.pitch, p.font, p.level, p.bullet, p.indent, p.space_before, align, p.lines, rtl, p.ends
    )


def _cut(run: Run, stack: FontStack) -> tuple[Run, ...]:
    """`run` cut by drawing face, each piece naming its face; a field is one piece in the primary face."""
    color, link = run.color, run.link
    if run.field:
        return (Run(run.text, color, link, run.field, stack.primary.family),)
    if not run.style & Style.ITALIC:
        return tuple(
            Run(text, color, link, None, family, run.style)
            for piece in _pieces(run.text, link)
            for family, text in segments(stack, piece)
        )
    # Chinese and Japanese have no italic: a piece with ideographs or kana is set upright (a client's slanted
    # hanzi lean out of their line's box, and no typesetter would set them so); its width is the same.
    upright = run.style & ~Style.ITALIC
    return tuple(
        Run(text, color, link, None, family, upright if has_wide(text) else run.style)
        for piece in _pieces(run.text, link)
        for family, text in segments(stack, piece)
    )


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
    # Most text is printable ASCII that the primary face draws: no set of its characters to build and check.
    if text.isascii() and text.isprintable() and _draws_ascii(stack):
        return [(stack.primary.family, text)]
    return _segments(stack, text)


def _draws_ascii(stack: FontStack) -> bool:
    """Whether the primary face of `stack` draws every printable ASCII character (asked once per stack)."""
    try:
        return _ASCII_DRAWN[stack]
    except KeyError:
        drawn = _ASCII_DRAWN[stack] = stack.primary_draws_all(set(_ASCII))
        return drawn


def _segments(stack: FontStack, text: str) -> list[tuple[str, str]]:
    """`segments` without its fast path for printable ASCII (the tests compare the two)."""
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
