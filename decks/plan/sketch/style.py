"""The sketchnote's look at one scale: type sizes, colours per day, font stacks, the pen, and text runs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from decks.i18n import Catalogue, messages, right_to_left
from decks.model.inline import Style as Inline
from decks.plan.sketch.lettering import letters
from decks.plan.sketch.primitives import Color, TextRun
from decks.plan.sketch.rough import Pen
from decks.plan.stacks import hand_run_faces, stacks_for
from decks.text.breaking import has_wide
from decks.text.fallback import FontStack, strip_ignorable
from decks.text.runs import RunFaces, Styles, run_size
from decks.text.shaping import Around, base_rtl, has_rtl, visual_pieces
from decks.themes.model import Theme

MM = 72 / 25.4
# How far an italic run leans: tan 12 degrees, an oblique's usual angle (TextRun.slant).
SLANT = 0.2126
# How wide the stroke that emboldens a face with no bold cut is, against the size (TextRun.embolden).
EMBOLDEN = 0.035
QR_SIDE = 12.5 * MM  # the code's modules, quiet zone not counted: at least 12 mm so phones read it from paper
# Sparse content grows its type up to these sizes (points) per role: past them lettering shouts, so the
# page is filled by captions and air instead (never by a drawing that only covers area).
CEILING = {"body": 22.0, "heading": 28.0, "banner": 50.0}


def labels(language: str) -> Catalogue:
    """The words the sketchnote adds, from the one catalogue the deck uses too (decks.i18n)."""
    return messages(language)


@dataclass(frozen=True)
class Style:
    """Everything a layout needs to measure and draw at scale `k` (body size = theme body × k)."""

    theme: Theme
    k: float
    hand: FontStack
    bold: FontStack
    pen: Pen
    captions: bool = True  # summaries and day intros are lettered (dropped first when the page is full)
    reach: float = 1.0  # the page's size against A4's: a bigger sheet raises the ceilings alike
    least: float = 0.0  # no lettering smaller: the size at which the faces drawing the content read (reading_floor)
    # The page reads right to left (the recap's language is written so): every paragraph's base direction is
    # right to left (decks.text.shaping.paragraph_rtl), and the banner and footer are laid out from the right.
    rtl: bool = False
    # Card plans at this scale by (spec id, width): filled by cards.plan_card, lives as long as the style. Each
    # is a CardPlan, which this module cannot name (cardplan imports it; the layer test forbids the circle).
    plans: dict[tuple[int, float], object] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def make(
        cls,
        theme: Theme,
        k: float,
        captions: bool = True,
        reach: float = 1.0,
        language: str | None = None,
        least: float = 0.0,
    ) -> Style:
        stacks = stacks_for(theme, language)
        pen = Pen(theme.sketch.seed, theme.sketch.roughness, theme.sketch.stroke)
        rtl = right_to_left(language or "")
        return cls(theme, k, stacks.hand, stacks.hand_bold, pen, captions, reach, least=least, rtl=rtl)

    # The stacks styled runs (inline markup) are lettered in: by the hand face, and by the bold one (titles).
    # Made when a text has styles: most pages have none, and the monospace face need not be loaded for them.
    @cached_property
    def hand_faces(self) -> RunFaces:
        return hand_run_faces(self.hand, self.bold)[0]

    @cached_property
    def bold_faces(self) -> RunFaces:
        return hand_run_faces(self.hand, self.bold)[1]

    def faces(self, stack: FontStack) -> RunFaces:
        """The stacks styled runs of text set in `stack` (the hand face or its bold) are drawn in."""
        return self.bold_faces if stack is self.bold else self.hand_faces

    @property
    def body(self) -> float:
        return _capped(self.theme.sizes.sketch.body, self.k, "body", self.reach)

    @property
    def leading(self) -> float:
        return self.theme.sizes.sketch.leading

    @property
    def heading(self) -> float:
        return _capped(self.theme.sizes.sketch.heading, self.k, "heading", self.reach)

    @property
    def banner(self) -> float:
        return _capped(self.theme.sizes.sketch.banner, self.k, "banner", self.reach)

    @property
    def small(self) -> float:
        # Day tabs and the footer: never below the legibility floor, nor where the content's faces stop reading.
        return max(self.theme.sizes.sketch.floor, self.least, self.body * 0.85)

    @property
    def pad(self) -> float:
        return 2.5 + 0.45 * self.body

    @property
    def gap(self) -> float:
        return 3.0 + 0.5 * self.body

    def part_color(self, part: int) -> Color:
        # Neighbouring days always differ; two accents keep to sketchnote practice.
        p = self.theme.palette
        return (p.accent2, p.accent)[part % 2]

    def width(self, text: str, stack: FontStack, size: float) -> float:
        return stack.width(strip_ignorable(text), size)

    def styled_runs(
        self,
        text: str,
        styles: Styles,
        stack: FontStack,
        x: float,
        baseline: float,
        size: float,
        color: Color,
        rtl: bool | None = None,
        around: Around = (None, None),
    ) -> list[TextRun]:
        """`text` (one line) set in `stack` with the styled stretches `styles` (offsets into `text`): each stretch
        in its style's stack (`faces`), italic slanted, code at its smaller size (`run_size`), and placed where
        the widths before it end, as `decks.text.runs.StyledText` measured the line. `rtl`: the base direction of
        the line's paragraph (None: the line's own); a line with right-to-left text is drawn in visual order, each
        stretch keeping its style. `around`: the direction of the paragraph's letters before and after the line
        (decks.text.shaping.visual)."""
        if not styles:
            return self.runs(text, stack, x, baseline, size, color, rtl=rtl, around=around)
        if has_rtl(text) or rtl:
            return self._bidi_runs(
                text, styles, stack, x, baseline, size, color, base_rtl(text) if rtl is None else rtl, around
            )
        faces = self.faces(stack)
        out: list[TextRun] = []
        at = 0
        for a, b, style in (*styles, (len(text), len(text), 0)):
            for lo, hi, st in ((at, min(a, len(text)), 0), (min(a, len(text)), min(b, len(text)), style)):
                if lo >= hi:
                    continue
                piece, drawn, at_size = text[lo:hi], faces.stack(st), run_size(size, st)
                slant = SLANT if st & Inline.ITALIC else 0.0
                regular = stack if st & Inline.BOLD and drawn is not stack else None
                out += self.runs(piece, drawn, x, baseline, at_size, color, slant, regular)
                x += drawn.width(piece, at_size)
            at = max(at, min(b, len(text)))
        return out

    def _bidi_runs(
        self,
        text: str,
        styles: Styles,
        stack: FontStack,
        x: float,
        baseline: float,
        size: float,
        color: Color,
        rtl: bool,
        around: Around = (None, None),
    ) -> list[TextRun]:
        """A styled line with right-to-left text: cut where a style or the bidi level changes, the pieces in
        drawing order (`decks.text.shaping.visual_pieces`), each drawn in its style's faces, left to right."""
        faces = self.faces(stack)
        style_at = [0] * len(text)
        for a, b, st in styles:
            style_at[a:b] = [st] * (min(b, len(text)) - a)
        cuts = [k for k in range(1, len(text)) if style_at[k] != style_at[k - 1]]
        out: list[TextRun] = []
        for a, _, drawn in visual_pieces(text, cuts, rtl, around):
            st = style_at[a]
            piece_stack, at_size = faces.stack(st), run_size(size, st)
            slant = SLANT if st & Inline.ITALIC else 0.0
            regular = stack if st & Inline.BOLD and piece_stack is not stack else None
            out += self.runs(drawn, piece_stack, x, baseline, at_size, color, slant, regular, ordered=True)
            x += sum(face.width(chunk, at_size) for face, chunk in piece_stack.drawn_segments(drawn))
        return out

    def runs(
        self,
        text: str,
        stack: FontStack,
        x: float,
        baseline: float,
        size: float,
        color: Color,
        slant: float = 0.0,
        regular: FontStack | None = None,
        ordered: bool = False,
        rtl: bool | None = None,
        around: Around = (None, None),
    ) -> list[TextRun]:
        """`text` as one run per face, so each character is drawn by the first face that has it; `slant` leans the
        runs of an italic stretch, but for Chinese and Japanese, which have no italic and stay upright (as the
        deck sets them: decks.plan.deck.faces). `regular`: the stack of the bold stretch's paragraph; a run its
        bold stack draws in the same face as that one (no bold cut) is emboldened. `ordered`: `text` is in drawing
        order already (joined and reordered: `_bidi_runs`), and is only cut where the face changes. `rtl`: the base
        direction of the line's paragraph (None: the line's own); `around`: of its letters before and after it."""
        out: list[TextRun] = []
        for face, chunk in stack.drawn_segments(text) if ordered else stack.segments(text, rtl, around):
            w = face.width(chunk, size)
            if chunk.strip():
                glyphs = letters(chunk, face, x, baseline, size, str(self.pen.seed), self.theme.sketch.roughness)
                out.append(
                    TextRun(
                        x,
                        baseline,
                        chunk,
                        face.path,
                        size,
                        color,
                        w,
                        face.ascent * size,
                        face.descent * size,
                        glyphs,
                        slant if slant and not has_wide(chunk) else 0.0,
                        size * EMBOLDEN if regular is not None and regular.draws(chunk.strip()[0]) is face else 0.0,
                    )
                )
            x += w
        return out


# The smallest lettering against the body size: sub-points (cards.py letters them at 0.9 of it).
SMALLEST = 0.9


def reading_floor(theme: Theme, language: str | None, texts: Iterable[str]) -> float:
    """The size no lettering of the page goes below: the largest `reads:` of the theme's fonts that draw some of
    `texts` in the hand faces (0 when none says)."""
    from decks.plan.stacks import spec_path

    fonts = theme.fonts
    reads: dict[Path, float] = {}
    for spec in (fonts.hand, fonts.hand_bold, fonts.cjk, fonts.cjk_bold, *fonts.languages, *fonts.fallbacks):
        if spec is not None and spec.reads is not None and (path := spec_path(spec)) is not None:
            reads[path] = max(reads.get(path, 0.0), spec.reads)
    if not reads:
        return 0.0
    stacks = stacks_for(theme, language)
    chars = set().union(*texts)  # each character once: 10,000 items hold a few hundred
    return max(
        (
            reads.get(stack.draws(ch).path, 0.0)
            for ch in chars
            if not ch.isspace()
            for stack in (stacks.hand, stacks.hand_bold)
        ),
        default=0.0,
    )


def _capped(size: float, k: float, role: str, reach: float = 1.0) -> float:
    """`size` scaled by `k`, but a sparse page's growth stops at the role's ceiling (a theme's own size stays)."""
    return size * k if k <= 1.0 else min(size * k, max(size, CEILING[role] * reach))


def baseline_in(top: float, size: float, pitch: float) -> float:
    """The baseline of a line box starting at `top`: glyphs centred in the pitch (Comic Neue's metrics)."""
    return top + (pitch - 1.35 * size) / 2 + 1.0 * size
