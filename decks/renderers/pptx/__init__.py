"""The `recap pptx` renderer: the deck plan written as an editable PowerPoint package (decks.renderers.pptx.writer)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from decks.renderers.base import Rendered, Renderer

if TYPE_CHECKING:
    from decks.plan.deck.plan import Deck
    from decks.themes.model import Theme


class PptxRenderer(Renderer):
    """Deck plan -> .pptx: the slides on the template's layouts, with notes, links, pictures and sections."""

    name = "pptx"
    suffix = ".pptx"
    description = "An editable PowerPoint deck: one slide per item, speaker notes, links, a section per day."
    consumes = "deck"

    def render(self, deck: Deck, theme: Theme, **options: Any) -> Rendered:  # type: ignore[override]
        from decks.renderers.pptx.writer import write_pptx

        data, warnings = write_pptx(deck, theme)
        return Rendered(data, warnings)
