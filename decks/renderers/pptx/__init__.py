"""The `recap pptx` renderer: the deck plan written as an editable PowerPoint package (decks.renderers.pptx.writer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from decks.options import Option, OptionValue
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
    options = (
        Option(
            "embed_fonts",
            "Embed fonts in the deck: auto (those not on every machine, when their licence allows), all, none. "
            "PowerPoint shows embedded fonts; LibreOffice and Google Slides ignore them.",
            "auto",
            ("auto", "all", "none"),
        ),
        Option("embed_whole_fonts", "Embed whole fonts, not subsets: for editing the deck elsewhere.", flag=True),
    )

    def render(  # type: ignore[override]
        self,
        deck: Deck,
        theme: Theme,
        embed_fonts: str | None = None,
        embed_whole_fonts: bool = False,
        **options: OptionValue,
    ) -> Rendered:
        from decks.renderers.pptx.writer import write_pptx  # lazy: --help loads this package

        data, warnings = write_pptx(deck, theme, embed=embed_fonts or "auto", whole=bool(embed_whole_fonts))
        return Rendered(data, warnings)
