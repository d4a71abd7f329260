"""The content's recurring pieces as paragraphs before fitting: takeaways as bullets (their points below),
links and presenter handles as linked runs."""

from __future__ import annotations

from collections.abc import Sequence

from decks.i18n import Catalogue
from decks.model import Handle, Link, Takeaway
from decks.plan.deck.fit import Src
from decks.plan.deck.plan import Run
from decks.plan.deck.text import marked


def takeaway_srcs(takeaways: Sequence[Takeaway], space: float = 0.0) -> list[Src]:
    srcs = []
    for n, t in enumerate(takeaways):
        srcs.append(
            Src(marked(t.text), bullet=True, space_before=space if n == 0 else 0.3, keep_with_next=bool(t.points))
        )
        srcs.extend(Src(marked(p, "muted"), level=1, bullet=True, scale=0.85) for p in t.points)
    return srcs


def linked_runs(pieces: Sequence[tuple[str, str | None]], separator: str) -> tuple[Run, ...]:
    """Linked texts in the link colour, joined by a muted separator."""
    runs: list[Run] = []
    for n, (text, url) in enumerate(pieces):
        if n:
            runs.append(Run(separator, "muted"))
        runs.append(Run(text, "accent2", url))
    return tuple(runs)


def link_runs(links: Sequence[Link], t: Catalogue) -> tuple[Run, ...]:
    # "→" is in Calibri, Carlito and Lato, so the line needs no fallback face (which a first run would subset
    # and embed, and PowerPoint would substitute); "▸" was in none of them.
    return linked_runs([(f"→ {t.link_text(link)}", link.url) for link in links], "   ·   ")


def handle_runs(handles: Sequence[Handle], t: Catalogue) -> tuple[Run, ...]:
    on = t.gettext("{handle} ({network})")
    return linked_runs([(on.format(handle=h.handle, network=h.network), h.url) for h in handles], "  ·  ")
