"""Fitting paragraphs to boxes: `Src` (a paragraph before fitting) and the `Fitter`, which measures with the
theme's fonts (decks.text) and finds the largest size that fits a box, cuts what cannot fit, and paginates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from decks.plan.deck.plan import Para, Run, TextBox
from decks.plan.deck.text import lstrip_runs, offset_after_lines, slice_runs, soft_breaks
from decks.plan.geometry import Rect
from decks.text.breaking import is_wide
from decks.text.fallback import FontStack
from decks.text.fitting import Block, Laid, layout
from decks.text.stacks import Stacks, stacks_for
from decks.themes.model import Theme

LEADING = 1.2


@dataclass(frozen=True)
class Src:
    """A paragraph before fitting."""

    runs: tuple[Run, ...]
    font: str = "body"
    level: int = 0
    bullet: bool = False
    scale: float = 1.0
    space_before: float = 0.0  # ems
    keep_with_next: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


class Fitter:
    """Fits paragraphs to boxes in one theme: the largest size that fits, down to the theme's floor; what does
    not fit even there is cut with "…" (titles, footers) or paginated (bodies)."""

    def __init__(self, theme: Theme) -> None:
        self.stacks: Stacks = stacks_for(theme)
        self.floor = theme.sizes.slides.floor
        # Fitting and paginating lay out the same paragraphs at the same size again and again (a page is
        # fitted when it is cut, then again when its box is made): each layout is computed once.
        self._layouts: dict[tuple[tuple[Src, ...], float, float], Laid] = {}

    def stack(self, font: str) -> FontStack:
        return self.stacks.heading if font == "heading" else self.stacks.body

    def _blocks(self, srcs: Sequence[Src], size: float) -> list[Block]:
        blocks = []
        for s in srcs:
            # Sub-points are smaller, but never below the floor.
            scale = max(s.scale, min(1.0, self.floor / size)) if s.scale < 1 else s.scale
            # LibreOffice spaces Chinese from Latin text (about a quarter em at each change of script), which
            # the engine does not measure: leave that much room, as if the paragraph were indented more.
            indent = _indent(s) + 0.25 * min(_script_changes(s.text), 8)
            blocks.append(Block(s.text, self.stack(s.font), scale, indent, s.space_before))
        return blocks

    def _laid(self, srcs: Sequence[Src], width: float, size: float) -> Laid:
        key = (tuple(srcs), width, size)
        laid = self._layouts.get(key)
        if laid is None:
            laid = self._layouts[key] = layout(self._blocks(srcs, size), width, size, LEADING)
        return laid

    def _sizes(self, top: float, low: float) -> list[float]:
        sizes, s = [top], top - (top % 0.5 or 0.5)
        while s >= low - 1e-9:
            sizes.append(round(s, 2))
            s -= 0.5
        if sizes[-1] > low:
            sizes.append(low)
        return sizes

    def fit(self, srcs: Sequence[Src], box: Rect, top: float, low: float | None = None) -> Laid | None:
        """The layout at the largest size that fits `box`, or None when even `low` does not."""
        low = self.floor if low is None else low
        sizes = self._sizes(top, min(top, low))

        def fits(laid: Laid) -> bool:
            return laid.height <= box.h and laid.width <= box.w

        # Most boxes fit at their top size, and most that do not are paginated because they do not fit
        # even at the floor: try both ends before bisecting the sizes between them.
        first = self._laid(srcs, box.w, sizes[0])
        if fits(first):
            return first
        if len(sizes) == 1 or not fits(self._laid(srcs, box.w, sizes[-1])):
            return None
        lo, hi, best = 1, len(sizes) - 1, None
        while lo <= hi:
            mid = (lo + hi) // 2
            laid = self._laid(srcs, box.w, sizes[mid])
            if fits(laid):
                best, hi = laid, mid - 1
            else:
                lo = mid + 1
        return best

    def paras(self, srcs: Sequence[Src], laid: Laid) -> tuple[Para, ...]:
        out = []
        for src, lb in zip(srcs, laid.blocks, strict=True):
            runs = soft_breaks(src.runs, lb.lines)
            out.append(
                Para(
                    runs,
                    round(lb.size, 2),
                    round(lb.pitch, 2),
                    src.font,
                    src.level,
                    src.bullet,
                    round(_indent(src) * lb.size, 2),
                    round(src.space_before * lb.size, 2),
                    lines=len(lb.lines),
                )
            )
        return tuple(out)

    def text_box(
        self,
        role: str,
        srcs: Sequence[Src],
        box: Rect,
        top: float,
        placeholder: str | None = None,
        anchor: str = "t",
        low: float | None = None,
    ) -> TextBox:
        """Paragraphs fitted to `box`; when they cannot fit even at `low`, the last lines are cut with "…"."""
        laid = self.fit(srcs, box, top, low)
        if laid is None:
            srcs, laid = self._truncate(srcs, box, low or self.floor)
        return TextBox(role, box, self.paras(srcs, laid), placeholder, anchor)

    def _truncate(self, srcs: Sequence[Src], box: Rect, size: float) -> tuple[list[Src], Laid]:
        # Display only (titles, footers): the full text stays in the notes.
        kept: list[Src] = []
        for src in srcs:
            if self._laid([*kept, src], box.w, size).height > box.h:
                break
            kept.append(src)
        if len(kept) < len(srcs):
            src = srcs[len(kept)]
            text = src.text
            while text:
                text = text[:-1].rstrip()
                trial = replace(src, runs=(replace(src.runs[0], text=text + "…", link=None),))
                if self._laid([*kept, trial], box.w, size).height <= box.h:
                    kept.append(trial)
                    break
        if not kept:
            kept = [replace(srcs[0], runs=(Run("…"),))]
        return kept, self._laid(kept, box.w, size)

    def paginate(self, srcs: Sequence[Src], box: Rect, top: float) -> list[list[Src]]:
        """`srcs` cut into pages that each fit `box` at or above the floor."""
        pages: list[list[Src]] = []
        rest = list(srcs)
        # Every turn takes at least one character or paragraph off `rest`, so this many turns always suffice; a
        # turn beyond them is a bug, reported as one rather than a loop that never ends.
        budget = sum(len(s.text) for s in srcs) + len(srcs) + 1
        while rest:
            budget -= 1
            if budget < 0:
                raise RuntimeError(f"pagination made no progress in a box of {box.w:.1f} x {box.h:.1f} pt")
            # One layout at the floor gives every prefix's height: blocks stack, and only the first's
            # space above is dropped, which is the same for every prefix. A long list is laid out only as far
            # as one page reaches (a prefix that overflows proves the whole does), not once per page in full.
            laid = self._overflowing_prefix(rest, box)
            if laid is None:
                if self.fit(rest, box, top) is not None:
                    pages.append(rest)
                    break
                laid = self._laid(rest, box.w, self.floor)
            count = 0
            for lb in laid.blocks:
                if lb.top + lb.height > box.h:
                    break
                count += 1
            while count > 1 and rest[count - 1].keep_with_next:
                count -= 1
            if count == 0:
                head, tail = self._split_block(rest[0], box)
                if not head.text or not tail.text.strip():
                    # Nothing to cut (one line, or no text at all): the paragraph is a page of its own.
                    pages.append([rest[0]])
                    rest = rest[1:]
                    continue
                pages.append([head])
                rest = [tail, *rest[1:]]
                continue
            pages.append(rest[:count])
            rest = rest[count:]
        return pages

    def _overflowing_prefix(self, srcs: list[Src], box: Rect) -> Laid | None:
        """The floor layout of a prefix of `srcs` (8, 16, 32... paragraphs) taller than `box`, or None when
        every prefix short of the whole list fits."""
        k = 8
        while k < len(srcs):
            laid = self._laid(srcs[:k], box.w, self.floor)
            if laid.height > box.h:
                return laid
            k *= 2
        return None

    def _split_block(self, src: Src, box: Rect) -> tuple[Src, Src]:
        # One paragraph taller than the whole box: cut it between lines (its runs lose their links' spans
        # only at the cut, since each half keeps the runs it covers).
        laid = self._laid([src], box.w, self.floor)
        lines = laid.blocks[0].lines
        fit_lines = max(1, int(box.h // laid.blocks[0].pitch))
        text = src.text
        cut = offset_after_lines(text, lines[:fit_lines])
        head = slice_runs(src.runs, 0, cut)
        tail = slice_runs(src.runs, cut, len(text))
        return replace(src, runs=head), replace(src, runs=lstrip_runs(tail), space_before=0)


def _indent(src: Src) -> float:
    """The paragraph's left margin in ems: room for a bullet, and more for each level."""
    return (1.1 if src.bullet else 0.0) + 1.2 * src.level


@lru_cache(maxsize=4096)
def _script_changes(text: str) -> int:
    """How often `text` switches between East Asian wide characters and Latin letters or digits."""
    changes, last = 0, None
    for ch in text:
        if ch.isspace():
            continue
        wide = is_wide(ch)
        if not wide and not ch.isalnum():
            continue
        if last is not None and wide != last:
            changes += 1
        last = wide
    return changes
