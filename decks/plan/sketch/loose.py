"""Cards placed as a hand places them: a grid's cards nudged off their columns and rows by a seeded amount.

A sketchnoter draws boxes one after another by eye, so no two share a left edge or a top to the point, and no
two in a column are exactly as wide. `loosen` takes a layout's placements and, for each card, draws from a
generator seeded by the card's key: a width a few per cent narrower (only where the card's text keeps its
lines, so nothing grows), a shift left or right within what that frees and a sliver of the gap, and a drop
within the free room under it. Each card stays inside the box it was given widened by a sliver of the gap on
the sides that face another card (never past the page's area), and moves down only into room that is free to
the next card under it, so no two cards come closer than most of a gap and none leaves the page.
"""

from __future__ import annotations

from decks.plan.sketch.cards import plan_card
from decks.plan.sketch.modular import Placed
from decks.plan.sketch.primitives import Rect
from decks.plan.sketch.style import Style

NARROWER = 0.07  # of the width, at most, a card is drawn narrower than its column
SIDEWAYS = 0.12  # of the gap, at most, a card leans into the gap beside it
DROP = 0.8  # body sizes, at most, a card drops into free room under it


def loosen(placed: list[Placed], area: Rect, style: Style) -> list[Placed]:
    """`placed` with each card a little narrower, left or right and lower, as drawn by eye (see the module)."""
    gap = style.gap
    out: list[Placed] = []
    for n, (plan, x, y, h) in enumerate(placed):
        rng = style.pen.rng(f"loose:{plan.spec.key}")
        shrink, lean, drop = rng.random(), rng.random(), rng.random()
        narrow = plan
        for f in (shrink * NARROWER, shrink * NARROWER / 2, shrink * NARROWER / 4):
            trial = plan_card(plan.spec, plan.width * (1 - f), style)
            if trial.height <= plan.height + 1e-6 and len(trial.tab_lines) == len(plan.tab_lines):
                narrow = trial
                break
        # Where the card may sit sideways: its box, and a sliver of the gap beside it unless that is the area's edge.
        lo = max(area.x, x - SIDEWAYS * gap)
        hi = min(area.right, x + plan.width + SIDEWAYS * gap)
        nx = lo + max(0.0, hi - lo - narrow.width) * lean
        # Free room under the card: to the next card under it (with the gap kept) or to the area's bottom.
        below = [
            oy - gap - (y + h)
            for m, (other, ox, oy, _) in enumerate(placed)
            if m != n and oy >= y + h - 0.5 and ox < x + plan.width + gap and ox + other.width > x - gap
        ]
        room = max(0.0, min([area.bottom - (y + h), *below]))
        ny = y + min(room, style.body * DROP) * drop
        out.append((narrow, nx, ny, h - plan.height + narrow.height))
    return out
