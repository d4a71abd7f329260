"""The `recap pptx` renderer: an editable, designed PowerPoint deck (python-pptx is imported only to render)."""

from __future__ import annotations

from typing import Any

from decks.model import Recap
from decks.renderers.base import Rendered, Renderer
from decks.themes.model import Theme


class PptxRenderer(Renderer):
    """Recap -> .pptx: title, agenda, a section per day, a slide per item, takeaways, resources, closing."""

    name = "pptx"
    suffix = ".pptx"
    description = "An editable PowerPoint deck: one slide per item, speaker notes, links, a section per day."

    def render(self, recap: Recap, theme: Theme, **options: Any) -> Rendered:
        from decks.renderers.pptx.writer import write_pptx

        data, warnings = write_pptx(recap, theme)
        return Rendered(data, warnings)
