"""The deck plan's text set line by line, for renderers that paint slides themselves (PDF, SVG).

The plan records each paragraph's size, pitch, runs with the face and style that draw them, and where its lines
end (`Para.ends`, the text engine's decision): they are set as recorded, never broken a second way; a paragraph a
plan holds without its ends (a plan made by hand) is set as written, a line per hard break. Painting reads the plan
and the theme's font stacks (decks.plan.stacks), never the planner's fitter. Each line is then
placed as LibreOffice places a PowerPoint paragraph with exact line spacing and zero insets: the box's anchor
decides where the stack of lines starts, and each baseline sits a fifth of the size above the bottom of its line
(`DESCENT`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from decks.model.inline import Style
from decks.plan.deck.plan import Deck, Para, Run, Slide, TextBox
from decks.plan.deck.text import ZWSP, offset_after_lines
from decks.plan.stacks import Stacks, office_stacks, run_faces
from decks.text.faces import Face
from decks.text.fallback import FontStack
from decks.text.office import OfficeStack, east_asian, field_height
from decks.text.runs import RunFaces, run_size
from decks.text.shaping import bidi_levels, has_rtl, in_visual_order, visual
from decks.themes.model import Theme

BULLETS = ("•", "–")  # as the pptx renderer writes them: a dot at level 0, a dash below
# Where LibreOffice puts the baseline in a line of exact pitch, in ems above the line's bottom. Measured on its PDFs
# of recap's decks (within 0.005 em): the same for every face (Carlito, whose descent is 0.27 em, Comic Neue's 0.35,
# lines with hanzi), as if every face's descent were a fifth of its size (PowerPoint files are set with
# font-independent line heights).
DESCENT = 0.2
FONT_INDEPENDENT = 1.2  # LibreOffice's height of a line of text in a PowerPoint file, in ems of its size
# The slant of an italic run drawn from an upright face (tan of about 11 degrees, as office suites slant a face
# without an italic cut): a skew keeps the advances, so the run stays as wide as it was measured.
ITALIC_SKEW = 0.2
KERN_STEP = 0.5  # points of kerning gathered in a piece before it is cut and the rest moved (see _as_office_sets)


@dataclass(frozen=True)
class Piece:
    """Text in one face at one size on one line, from `x` (points, left edge) on the line's baseline."""

    text: str
    face: Face
    size: float
    color: str  # "#RRGGBB"
    x: float
    width: float
    bold: bool = False  # a heading or bold run: the face is already a bold file
    link: str | None = None
    italic: bool = False  # an italic run: drawn slanted (a skew keeps the upright advances it was measured with)


@dataclass(frozen=True)
class Line:
    """One line of a paragraph: its baseline and top (points from the slide's top) and its pieces."""

    top: float
    baseline: float
    height: float
    pieces: tuple[Piece, ...]
    para: int  # which paragraph of the box
    first: bool  # the paragraph's first line (where a bullet goes)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass(frozen=True)
class SetBox:
    """A text box of the plan with its paragraphs set into lines."""

    box: TextBox
    lines: tuple[Line, ...]


class Setter:
    """Sets the text boxes of one deck plan in one theme (the engine's fonts and memoised layouts are reused)."""

    def __init__(self, theme: Theme, language: str | None = None, kern: bool = False) -> None:
        # The stacks the planner measured with (decks.plan.stacks): the faces a plan's runs name are found in them.
        self.stacks: Stacks = office_stacks(theme, language)
        self._theme, self._language = theme, language
        self.floor = theme.sizes.slides.floor  # the theme's least slide type size (a notes page is set in it)
        # Cut pieces where LibreOffice's kerning has moved the text (`KERN_STEP`): the slides PDF, whose text is
        # read by position; the SVG keeps each run whole, so its text reads as written.
        self.kern = kern
        self.palette: dict[str, str] = theme.palette.model_dump()
        self._faces: dict[tuple[str, str, int], Face] = {}

    @cached_property
    def run_faces(self) -> dict[str, RunFaces]:
        """The stacks of bold and code runs, by paragraph font (made when a deck has such a run)."""
        return run_faces(self._theme, self._language)

    def stack(self, para: Para) -> FontStack:
        return self.stacks.heading if para.font == "heading" else self.stacks.body

    def face(self, para: Para, family: str, style: int = 0) -> Face:
        """The face of the paragraph's stack that the plan named for a run (families repeat across stacks: Lato
        is the heading stack's bold file and the body stack's regular one); a bold or code run's in the stack of
        its style (decks.text.runs)."""
        key = (para.font, family, style)
        if key not in self._faces:
            stack = self.stack(para) if not style else self.run_faces[para.font].stack(style)
            self._faces[key] = next((f for f in stack.faces if f.family == family), stack.primary)
        return self._faces[key]

    def set_box(self, box: TextBox, number: int = 0) -> SetBox:
        """The lines of `box`, placed; `number` fills a slide-number field."""
        lines: list[Line] = []
        height = box.height
        if box.anchor == "b":
            y = box.box.bottom - height
        elif box.anchor == "ctr":
            y = box.box.y + (box.box.h - height) / 2
        else:
            y = box.box.y
        for n, para in enumerate(box.paras):
            if n:
                y += para.space_before
            runs = tuple(
                Run(str(number), r.color, None, None, r.face) if r.field == "slidenum" else r for r in para.runs
            )
            runs = tuple(Run(r.text.replace(ZWSP, ""), r.color, r.link, r.field, r.face, r.style) for r in runs)
            text = "".join(r.text for r in runs)
            if any(r.field for r in para.runs):
                ends = [offset_after_lines(text, (text,))]
            elif para.ends:  # the planner's lines, as it recorded them
                ends = list(para.ends)
            else:  # a paragraph the plan did not break (a plan made by hand): as written, a line per hard break
                ends = [k for k, ch in enumerate(text) if ch == "\n"] + [len(text)]
            start = 0
            for k, end in enumerate(ends):
                while start < end and text[start].isspace():
                    start += 1
                pieces = self._as_office_sets(para, self._pieces(para, runs, start, end))
                if has_rtl(text[start:end]):
                    pieces = _visual(pieces, para.rtl)
                width = sum(gap + p.width for p, gap in pieces)
                x = box.box.x + para.indent
                if para.align == "r":  # a right-to-left paragraph's margin is on the right, as in LibreOffice
                    x = box.box.right - (para.indent if para.rtl else 0.0) - width
                elif para.align == "c":
                    x = box.box.x + (box.box.w - width) / 2
                placed = []
                for p, gap in pieces:
                    x += gap
                    placed.append(Piece(p.text, p.face, p.size, p.color, x, p.width, p.bold, p.link, p.italic))
                    x += p.width
                # LibreOffice sets the baseline by the line's largest run: a line of code alone (0.9 em) sits lower.
                tallest = max((p.size for p in placed if p.text.strip()), default=para.size)
                baseline = y + para.pitch - DESCENT * tallest - _field_rise(placed) * para.size
                lines.append(Line(y, baseline, para.pitch, tuple(placed), n, k == 0))
                y += para.pitch
                start = end
        return SetBox(box, tuple(lines))

    def _as_office_sets(self, para: Para, pieces: list[Piece]) -> list[tuple[Piece, float]]:
        """The pieces of a line as LibreOffice sets them, each with the space before it: East Asian characters of a
        run in the paragraph's own face drawn in its East Asian face (a space or curly quote after a hanzi), the
        space it adds where East Asian and Latin text meet, and its kerning (decks.text.office). Renderers draw a
        piece with its face's plain advances, so a piece is cut where the kerning since its start reaches
        `KERN_STEP` and the rest moved by it: no character is further than that from where LibreOffice sets it."""
        stack = self.stack(para)
        plain = not self.kern and all(p.text.isascii() and p.face is stack.primary for p in pieces)
        if plain or not isinstance(stack, OfficeStack) or stack.ea is None:  # Latin text, set as the plan cut it
            return [(p, 0.0) for p in pieces]
        # Whether each character is set as East Asian text; `previous` is the last one's (None at the line's start).
        scripts: list[bool | None] = list(east_asian("".join(p.text for p in pieces)))
        out: list[tuple[Piece, float]] = []
        k, gap, drift, link = 0, 0.0, 0.0, None
        previous: bool | None = None
        for p in pieces:
            kinds = scripts[k : k + len(p.text)] or [None]
            # Each character in the piece's face: a fallback face's run is drawn in it whatever the script; ASCII in
            # the paragraph's face, unless it is a space after a hanzi (drawn in the East Asian face).
            own = p.face is not stack.primary or (p.text.isascii() and kinds[0] is False)
            if not self.kern and own and kinds.count(kinds[0]) == len(kinds):  # one script: the piece as it is
                space = gap if previous not in (None, kinds[0]) and not (p.link and p.link == link) else 0.0
                out.append((p, space))
                k += len(p.text)
                face = stack.drawn(p.text[-1], bool(kinds[0])) if p.face is stack.primary else p.face
                previous, gap, link = kinds[0], stack.gap(face) * p.size, p.link
                continue
            chunk, face, before, last = "", p.face, 0.0, ""  # LibreOffice kerns within a run, not across runs
            for ch in p.text:
                script = scripts[k]
                k += 1
                drawn = stack.drawn(ch, bool(script)) if p.face is stack.primary else p.face
                after = stack.gap(drawn)
                # None inside a link: LibreOffice reads a link as a field, which it sets as one piece of text.
                space = gap if previous not in (None, script) and not (p.link and p.link == link) else 0.0
                if self.kern and last and drawn is face and not space:
                    drift += stack.kern(face, last, ch) * p.size
                if chunk and (drawn is not face or space or abs(drift) >= KERN_STEP):
                    out.append((replace(p, text=chunk, face=face, width=face.width(chunk, p.size)), before))
                    chunk, before = "", 0.0
                if not chunk:
                    face, before, drift = drawn, before + space + drift, 0.0
                chunk += ch
                previous, gap, last, link = script, after * p.size, ch, p.link
            if chunk:
                out.append((replace(p, text=chunk, face=face, width=face.width(chunk, p.size)), before))
        return out

    def _pieces(self, para: Para, runs: tuple[Run, ...], a: int, b: int) -> list[Piece]:
        out: list[Piece] = []
        pos = 0
        for run in runs:
            end = pos + len(run.text)
            lo, hi = max(a, pos), min(b, end)
            if lo < hi:
                text = run.text[lo - pos : hi - pos]
                face = self.face(para, run.face, run.style)
                size = run_size(para.size, run.style)  # code a little smaller (decks.text.runs)
                out.append(
                    Piece(
                        text,
                        face,
                        size,
                        self.palette[run.color],
                        0.0,
                        face.width(text, size),
                        (para.font == "heading" or bool(run.style & Style.BOLD)) and not run.field,
                        run.link,
                        bool(run.style & Style.ITALIC),
                    )
                )
            pos = end
        # Trailing spaces take no room at a line's end (the engine does not count them either).
        while out and not out[-1].text.rstrip():
            out.pop()
        if out and out[-1].text != out[-1].text.rstrip():
            last = out[-1]
            text = last.text.rstrip()
            out[-1] = Piece(
                text,
                last.face,
                last.size,
                last.color,
                0.0,
                last.face.width(text, last.size),
                last.bold,
                last.link,
                last.italic,
            )
        return out

    def bullet(self, para: Para, line: Line, box: TextBox) -> Piece | None:
        """The bullet of a paragraph's first line, hanging in its indent, in the accent colour."""
        if not (para.bullet and line.first):
            return None
        char = BULLETS[min(para.level, 1)]
        stack = self.stacks.body
        face = stack.face_for(char) or stack.primary
        hang = min(para.indent, 1.1 * para.size)
        width = face.width(char, para.size)
        x = box.box.right - para.indent + hang - width if para.rtl else box.box.x + para.indent - hang
        return Piece(char, face, para.size, self.palette["accent"], x, width)

    def slide(self, slide: Slide, number: int) -> list[SetBox]:
        """Every text box of a slide, title first, set."""
        return [self.set_box(box, number) for box in (slide.title, *slide.texts)]


def _visual(pieces: list[tuple[Piece, float]], rtl: bool) -> list[tuple[Piece, float]]:
    """A line with right-to-left text in drawing order (Unicode bidi, rule L2): the pieces cut where the
    embedding level changes, runs of pieces at or above each level reversed from the highest level down, and
    the characters of each right-to-left piece as drawn left to right (Arabic joined; decks.text.shaping)."""
    levels = bidi_levels("".join(p.text for p, _ in pieces), rtl)
    cut: list[tuple[Piece, float, int]] = []
    at = 0
    for p, gap in pieces:
        start = 0
        for end in range(1, len(p.text) + 1):
            if end == len(p.text) or levels[at + end] != levels[at + start]:
                text = p.text[start:end]
                part = p if len(text) == len(p.text) else replace(p, text=text, width=p.face.width(text, p.size))
                cut.append((part, gap if start == 0 else 0.0, levels[at + start]))
                start = end
        at += len(p.text)
    in_visual_order(cut)
    out = []
    for p, gap, level in cut:
        # A right-to-left piece of neutrals alone (" · ") has no strong character to set its direction by.
        drawn = (visual(p.text) if has_rtl(p.text) else p.text[::-1]) if level % 2 else p.text
        out.append((replace(p, text=drawn, width=p.face.width(drawn, p.size)) if drawn != p.text else p, gap))
    return out


@lru_cache(maxsize=256)
def glyph_bounds(font: Path, char: str) -> tuple[float, float, float, float]:
    """The ink box of `char` in `font`, in ems (x min, y min, x max, y max; y up), for centring an icon."""
    from fontTools.ttLib import TTFont  # lazy: --help loads this module

    tt = TTFont(str(font), lazy=True)
    try:
        name = tt.getBestCmap().get(ord(char))
        upm = tt["head"].unitsPerEm
        glyph = tt["glyf"][name] if name else None
        if glyph is None or not hasattr(glyph, "xMin"):
            return (0.0, 0.0, 1.0, 1.0)
        return (glyph.xMin / upm, glyph.yMin / upm, glyph.xMax / upm, glyph.yMax / upm)
    finally:
        tt.close()


def icon_origin(font: Path, char: str, box: tuple[float, float, float, float]) -> tuple[float, float, float]:
    """Where to draw an icon glyph so its ink is centred in `box` (x, y, w, h; y down) at 0.8 of the box's
    smaller side, as the pptx renderer draws its icon pictures: (x, baseline, size)."""
    x, y, w, h = box
    size = 0.8 * min(w, h)
    x0, y0, x1, y1 = glyph_bounds(font, char)
    gx = x + (w - (x1 - x0) * size) / 2 - x0 * size
    baseline = y + (h + (y1 - y0) * size) / 2 + y0 * size
    return gx, baseline, size


def _field_rise(pieces: list[Piece]) -> float:
    """How much higher, in ems, LibreOffice sets a line holding a link drawn in a face taller than its
    font-independent line (1.2 em): it reads a link as a field, whose face's own height (hhea ascender and
    descender) then counts. Measured: 0.25 em for Recap Klee's 1.448 em; none for Carlito, Recap Kai."""
    tallest = max((field_height(p.face) for p in pieces if p.link), default=0.0)
    return max(0.0, tallest - FONT_INDEPENDENT)


def set_deck(deck: Deck, theme: Theme) -> list[list[SetBox]]:
    """Every slide's text boxes, set."""
    setter = Setter(theme, deck.language)
    return [setter.slide(slide, n) for n, slide in enumerate(deck.slides, 1)]
