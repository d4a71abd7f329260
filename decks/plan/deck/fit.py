"""Fitting paragraphs to boxes: `Src` (a paragraph before fitting) and the `Fitter`, which measures with the
theme's fonts (decks.text), finds the largest size that fits a box, balances a heading's lines and cuts with "…"
what cannot fit; cutting a list across pages is decks.plan.deck.pages, with this `Fitter`'s measures. Its one job
is setting paragraphs in one box; it runs past 400 lines because the size search, a heading's balancing and the
"…" cut share the `Fitter`'s cached layouts and font stacks, and apart they would each reach into them.

One speed trick lives here (`Fitter.line_width`): balancing a heading or a card's text measures dozens of
candidate lines, each a slice of the text; an ASCII one is read off the text's measure (its advances and
kerning, which `OfficeStack.spans` gives for any slice, context-free) instead of being laid out on its own, to
the same bit (tests/plan/deck/test_fit.py). `recap pptx`: the example 0.85x CPU, 1,000 distinct items 0.82x."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property, lru_cache

import msgspec
from msgspec.structs import replace

from decks.plan.deck.plan import Anchor, BoxRole, FontRole, Para, PlaceholderRole, Run, TextBox
from decks.plan.deck.text import line_ends, slice_runs, soft_breaks
from decks.plan.geometry import Rect
from decks.plan.stacks import Stacks, office_stacks, run_faces
from decks.text.fallback import FontStack
from decks.text.fitting import Block, Laid, largest_fitting, layout, line_pitch, size_steps
from decks.text.headings import balance, phrases
from decks.text.office import OfficeStack
from decks.text.runs import RunFaces, StyledText, styles_of
from decks.themes.model import Theme


class Src(msgspec.Struct, frozen=True, dict=True, cache_hash=True):
    """A paragraph before fitting."""

    runs: tuple[Run, ...]
    font: FontRole = "body"
    level: int = 0
    bullet: bool = False
    scale: float = 1.0
    space_before: float = 0.0  # ems
    keep_with_next: bool = False

    # Fitting keys its layouts on paragraphs (their hash is kept: cache_hash) and reads their text many times.
    @cached_property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


# A line measured narrower than this is never broken by a layout 1e6 points wide (`Fitter.line_width`).
_UNBROKEN = 1e5


def _broken(runs: tuple[Run, ...], text: str, lines: Sequence[str]) -> tuple[Run, ...]:
    """`runs` (whose text is `text`) with a hard break where each of `lines` (slices of `text` in order, trailing
    space left out) ends, the space between two lines dropped: a balanced heading's runs, each keeping its
    style."""
    cuts: list[tuple[int, int]] = []  # (end of a line, start of the next) in `text`
    at = 0
    for line in lines:
        start = text.find(line, at)
        if start < 0:
            return runs
        if cuts:
            cuts[-1] = (cuts[-1][0], start)
        at = start + len(line)
        cuts.append((at, at))
    cuts.pop()
    out: list[Run] = []
    pos = 0
    for end, start in [*cuts, (len(text), len(text))]:
        out += [r for r in slice_runs(runs, pos, end) if r.text]
        if end < len(text):
            last = out.pop() if out else Run("")
            out.append(replace(last, text=last.text + "\n"))
        pos = start
    merged: list[Run] = []
    for run in out:  # a run cut only by a break is one run again, its break inside it
        if merged and replace(merged[-1], text="") == replace(run, text=""):
            merged[-1] = replace(run, text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return tuple(merged)


# A fitter's memo of paragraph layouts: (paragraphs, width, size) -> their layout.
Layouts = dict[tuple[tuple[Src, ...], float, float], Laid]


class Fitter:
    """Fits paragraphs to boxes in one theme: the largest size that fits, down to the theme's floor; what does
    not fit even there is cut with "…" (titles, footers) or paginated (bodies: decks.plan.deck.pages)."""

    def __init__(
        self,
        theme: Theme,
        language: str | None = None,
        layouts: Layouts | None = None,
    ) -> None:
        # Measured as LibreOffice sets the PPTX (decks.text.office), so lines break where it breaks them.
        self.stacks: Stacks = office_stacks(theme, language)
        self._theme = theme
        self.language = language
        self.floor = theme.sizes.slides.floor
        # The floor of sub-points' smaller type: the theme's, even while a list is paginated at the deck's body
        # size (`floor` then raised to it, so pages are cut where that size fills them).
        self.points_floor = self.floor
        self.leading = theme.sizes.slides.leading
        # Fitting and paginating lay out the same paragraphs at the same size again and again (a page is
        # fitted when it is cut, then again when its box is made): each layout is computed once, and each fit
        # (a body is fitted when it is paginated, arranged and set; every slide's footer is the same line).
        # `layouts` is a memo kept from an earlier fitter in the same theme (a warm process's: decks.plan.deck.reuse).
        self._layouts: Layouts = {} if layouts is None else layouts
        self._fits: dict[tuple[tuple[Src, ...], float, float, float, float], Laid | None] = {}
        self._balanced: dict[tuple[Src, float, float, float, float | None, bool, float], Src] = {}
        self._made_blocks: dict[tuple[Src, float], Block] = {}  # a paragraph's block, the same at most sizes
        self._paras: dict[tuple[tuple[Src, ...], float, float], tuple[Para, ...]] = {}

    def stack(self, font: FontRole) -> FontStack:
        return self.stacks.heading if font == "heading" else self.stacks.body

    @cached_property
    def run_faces(self) -> dict[str, RunFaces]:
        """The stacks styled runs (bold, code) are measured and drawn in, by paragraph font (decks.text.runs);
        made when a paragraph has such a run (4 ms of faces a deck without markup need not load)."""
        return run_faces(self._theme, self.language)

    def run_stack(self, font: FontRole, style: int) -> FontStack:
        """The stack a run of `style` in a paragraph of `font` is measured and drawn in."""
        return self.stack(font) if not style else self.run_faces[font].stack(style)

    def styled(self, src: Src) -> StyledText | None:
        """How a paragraph's styled runs are measured (decks.text.runs), or None when all of it is plain."""
        if all(not r.style for r in src.runs):
            return None
        styles = styles_of(tuple((r.text, r.style) for r in src.runs))
        return StyledText(self.run_faces[src.font], styles) if styles else None

    def _blocks(self, srcs: Sequence[Src], size: float) -> Iterator[Block]:
        made = self._made_blocks
        for s in srcs:
            # Sub-points are smaller, but never below the floor.
            scale = max(s.scale, min(1.0, self.points_floor / size)) if s.scale < 1 else s.scale
            block = made.get((s, scale))
            if block is None:
                block = made[(s, scale)] = Block(
                    s.text, self.stack(s.font), scale, _indent(s), s.space_before, link_spans(s.runs), self.styled(s)
                )
            yield block

    def _least_height(self, srcs: Sequence[Src], size: float) -> float:
        """Less than (or, but for rounding, as much as) the height of `srcs` laid out at `size` or larger: each
        paragraph takes at least one line of the leading times its size. A list taller than its box even so (a
        long agenda tried on one slide) is refused without laying it out at every size the search tries."""
        floor = self.points_floor
        if size <= 0:
            return 0.0
        sizes = (size * (max(s.scale, min(1.0, floor / size)) if s.scale < 1 else s.scale) for s in srcs)
        return self.leading * sum(sizes)

    def laid(self, srcs: Sequence[Src], width: float, size: float) -> Laid:
        """`srcs` laid out at `size` in lines a little narrower than `width` (as fitting breaks them), once."""
        key = (tuple(srcs), width, size)
        laid = self._layouts.get(key)
        if laid is None:
            laid = self._layouts[key] = layout(self._blocks(srcs, size), width, size, self.leading)
        return laid

    @contextmanager
    def floor_at(self, floor: float) -> Iterator[None]:
        """Fitting and paginating with `floor` as the least size while the block runs (a list paginated at the
        deck's body size, so its pages are cut where that size fills them)."""
        was, self.floor = self.floor, floor
        try:
            yield
        finally:
            self.floor = was

    def laid_until(self, srcs: Sequence[Src], width: float, size: float, until: float) -> Laid:
        """`srcs` laid out at `size` only as far as the first paragraph that ends below `until` points (a probe
        of where a page ends: not kept)."""
        return layout(self._blocks(srcs, size), width, size, self.leading, until=until)

    def lines(self, srcs: Sequence[Src], width: float, size: float) -> Laid:
        """The plan's lines of paragraphs fitted at `size`: broken at the box's full width, as LibreOffice breaks
        them (fitting decided on lines broken a little narrower, which are never fewer, so these fit too)."""
        return layout(self._blocks(srcs, size), width, size, self.leading, safety=1.0)

    def fit(self, srcs: Sequence[Src], box: Rect, top: float, low: float | None = None) -> Laid | None:
        """The layout at the largest size that fits `box`, or None when even `low` does not."""
        low = self.floor if low is None else low
        key = (tuple(srcs), box.w, box.h, top, low)
        try:
            return self._fits[key]
        except KeyError:
            pass
        if (
            box.w <= 0
            or box.h <= 0
            or sum(len(s.text) for s in srcs) > capacity(box, min(top, low))
            or self._least_height(srcs, min(top, low)) > box.h * 1.001
        ):
            self._fits[key] = None
            return None

        def attempt(size: float) -> tuple[float, Laid]:
            laid = self.laid(srcs, box.w, size)
            return max(laid.height / box.h, laid.width / box.w), laid

        found = largest_fitting(_size_steps(top, min(top, low)), attempt)
        laid = self._fits[key] = found[1] if found else None
        return laid

    def line_pitch(self, size: float, text: str) -> float:
        """The pitch of a one-line paragraph of `text` in the body face, by the text engine's rule."""
        return _down(line_pitch(size, self.leading, self.stacks.body, text))

    def paras(self, srcs: Sequence[Src], laid: Laid, width: float) -> tuple[Para, ...]:
        # Most boxes are set again on other slides (every footer, a title with "(cont.)"): each is set once.
        key = (tuple(srcs), laid.size, width)
        try:
            return self._paras[key]
        except KeyError:
            pass
        out = []
        for src, lb in zip(srcs, self.lines(srcs, width, laid.size).blocks, strict=True):
            runs = soft_breaks(src.runs, lb.lines)
            out.append(
                Para(
                    runs,
                    round(lb.size, 2),
                    _down(lb.pitch),
                    src.font,
                    src.level,
                    src.bullet,
                    round(_indent(src) * lb.size, 2),
                    _down(src.space_before * lb.size),
                    lines=len(lb.lines),
                    ends=line_ends(src.text, lb.lines),
                )
            )
        made = self._paras[key] = tuple(out)
        return made

    def text_box(
        self,
        role: BoxRole,
        srcs: Sequence[Src],
        box: Rect,
        top: float,
        placeholder: PlaceholderRole | None = None,
        anchor: Anchor = "t",
        low: float | None = None,
    ) -> TextBox:
        """Paragraphs fitted to `box`; when they cannot fit even at `low`, the last lines are cut with "…"."""
        srcs = [self.one_weight(s) for s in srcs]
        laid = self.fit(srcs, box, top, low)
        if laid is None:
            srcs, laid = self._truncate(srcs, box, low or self.floor)
        return TextBox(role, box, self.paras(srcs, laid, box.w), placeholder, anchor)

    def balanced(self, src: Src, box: Rect, top: float, low: float | None = None, grow: bool = False) -> Src:
        """A heading (one paragraph of one run) with its lines ended where a designer ends them
        (decks.text.headings): at phrase boundaries, about equally wide, no one-word or one-character last line,
        written as hard breaks so every client breaks there. As it was when it fits one line, or when the
        balanced lines would set it smaller or in more lines than the engine's own breaks (more lines are
        taken when `grow`, for a short text in a box with room under it: a card)."""
        key = (src, box.w, box.h, top, low, grow, self.floor)
        found = self._balanced.get(key)
        if found is None:
            # The same card text is balanced for each layout an item is tried in, and a deck repeats its
            # texts: 2.0 s of a 1,000-item deck's 6 s were these, recomputed (bench/bench_pptx.py).
            found = self._balanced[key] = self._balance(src, box, top, low, grow)
        return found

    def _balance(self, src: Src, box: Rect, top: float, low: float | None, grow: bool) -> Src:
        src = self.one_weight(src)
        text = src.text
        if not src.runs or "\n" in text or any(r.link or r.field for r in src.runs):
            return src
        laid = self.fit([src], box, top, low)
        if laid is None or len(laid.blocks[0].lines) < 2:
            return src
        size = laid.size
        measured = self._slices(src)

        def width(line: str) -> float:
            if len(src.runs) == 1:
                return self.line_width(src, line, size, measured)
            # A line of a text with styled runs (the content's markup) is measured in its runs' faces where it
            # is in the text; found more than once, in its widest setting, so it is never wider than measured.
            widest, at = 0.0, text.find(line)
            while at >= 0:
                piece = replace(src, runs=slice_runs(src.runs, at, at + len(line)))
                widest = max(widest, self.laid([piece], 1e6, size).width)
                at = text.find(line, at + 1)
            return widest

        # A little narrower than the box: fitting breaks lines with the same safety, so they fit as laid here.
        lines = balance(phrases(text, self.language), width, box.w * 0.97)
        if lines is None or (len(lines) > len(laid.blocks[0].lines) and not grow):
            return src
        broken = replace(src, runs=_broken(src.runs, text, lines))
        again = self.fit([broken], box, top, low)
        if again is None or again.size < size or len(again.blocks[0].lines) != len(lines):
            return src
        return broken

    def line_width(
        self, src: Src, text: str, size: float, measured: Callable[[int, int], float] | None = None
    ) -> float:
        """How wide `text`, a line of the one-run paragraph `src`, is set at `size`: as `laid` measures it alone,
        on a line too wide to break. A line that is a slice of the paragraph is read off `measured`
        (`_slices`): the speed trick of this module (see its docstring)."""
        at = src.text.find(text) if measured is not None and text else -1
        if measured is not None and at >= 0:
            ems = measured(at, at + len(text))
            if 0 <= ems * size < _UNBROKEN:
                return max(0.0, 0.0 + ems * (size * src.scale))  # `layout`'s sums, in its order
        run = src.runs[0]
        return self.laid([replace(src, runs=(replace(run, text=text),))], 1e6, size).width

    def _slices(self, src: Src) -> Callable[[int, int], float] | None:
        """The width in ems of any slice of `src`'s text, as `layout` measures that slice as a line of its own
        (its advances and kerning, context-free: `OfficeStack.spans`), or None when `line_width` must lay
        slices out: text that is not ASCII, styled or linked runs, a scaled or indented paragraph."""
        stack = self.stack(src.font)
        run = src.runs[0]
        if (
            len(src.runs) != 1
            or run.style
            or run.link
            or run.field
            or src.scale != 1.0
            or _indent(src)
            or "\n" in src.text
            or not isinstance(stack, OfficeStack)
        ):
            return None
        return stack.spans(src.text)

    def one_weight(self, src: Src) -> Src:
        """A heading whose East Asian characters have no bold cut (Klee, Nanum: one weight) set regular all along:
        a line whose Latin part is bold beside regular kanji or hangul reads as two weights. Measured, written and
        painted with the body faces, so every renderer agrees."""
        if src.font != "heading":
            return src
        heading, body = self.stacks.heading, self.stacks.body
        for ch in {c for c in src.text if unicodedata.east_asian_width(c) in ("W", "F")}:
            face = heading.face_for(ch)
            other = body.face_for(ch)
            if face is not None and other is not None and face.path == other.path:
                return replace(src, font="body")
        return src

    def _truncate(self, srcs: Sequence[Src], box: Rect, size: float) -> tuple[list[Src], Laid]:
        """The paragraphs that fit at `size`, and the next one cut short with "…" (display only: titles and
        footers; the full text stays in the notes). One layout finds the whole paragraphs that fit; the cut is
        found by bisection over the characters the box could possibly hold, so a huge title costs a few
        layouts of a box's worth of text, not one per character."""
        laid = self.laid(srcs, box.w, size)
        count = 0
        for lb in laid.blocks:
            if lb.top + lb.height > box.h:
                break
            count += 1
        kept = list(srcs[:count])
        if count < len(srcs):
            src = srcs[count]
            text = src.text[: capacity(box, size) + 1]

            def trial(n: int) -> Src:
                if any(r.style for r in src.runs):  # styled runs keep their styles up to the cut
                    head = [replace(r, link=None) for r in slice_runs(src.runs, 0, len(text[:n].rstrip()))]
                    return replace(src, runs=(*head[:-1], replace(head[-1], text=head[-1].text + "…")))
                return replace(src, runs=(replace(src.runs[0], text=text[:n].rstrip() + "…", link=None),))

            lo, hi = 0, len(text) - 1  # the longest prefix that fits with the ellipsis, by bisection
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if self.laid([*kept, trial(mid)], box.w, size).height <= box.h:
                    lo = mid
                else:
                    hi = mid - 1
            if lo > 0 and text[:lo].strip():
                kept.append(trial(lo))
        if not kept:
            kept = [replace(srcs[0], runs=(Run("…"),))]
        return kept, self.laid(kept, box.w, size)


# The same few grids (a title's, the body's, the footer's) serve every box: each is made once.
_size_steps = lru_cache(maxsize=256)(size_steps)


def capacity(box: Rect, size: float) -> int:
    """More characters than `box` can hold at `size`: no line is less than 0.8 em high, and no visible character
    narrower than a fifth of an em (zero-width ones aside, which only make a piece hold less than it could)."""
    lines = max(1, int(box.h // (size * 0.8)) + 1)
    return lines * (int(box.w / (size * 0.2)) + 1) + 1


def link_spans(runs: Sequence[Run]) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets of the linked runs in the paragraph's text, neighbours with one link as one."""
    spans: list[tuple[int, int]] = []
    at, last = 0, None
    for run in runs:
        end = at + len(run.text)
        if run.link and run.text:
            if spans and last == run.link and spans[-1][1] == at:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((at, end))
        last = run.link if run.text else last
        at = end
    return tuple(spans)


def _indent(src: Src) -> float:
    """The paragraph's left margin in ems: room for a bullet, and more for each level."""
    return (1.1 if src.bullet else 0.0) + 1.2 * src.level


def _down(value: float) -> float:
    """`value` to the hundredth of a point below: a pitch or space rounded up could set the lines a hair taller
    than the height they were fitted in (0.01 pt over the box on two lines of 56.2148 pt)."""
    return math.floor(value * 100 + 1e-6) / 100
