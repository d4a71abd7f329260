"""`recap svg`: the one-page sketchnote as SVG, painting the same primitives as the PDF and PNG backends
(the painting itself is decks.paint.svg_sketch, shared with the HTML recap)."""

from __future__ import annotations

from decks.options import OptionValue
from decks.paint.svg_sketch import paint
from decks.plan.sketch.primitives import Sketch
from decks.renderers.base import Rendered, Renderer, made_by
from decks.themes.model import Theme


class SvgRenderer(Renderer):
    """The one-page sketchnote as SVG (the same layout as `recap pdf`)."""

    name = "svg"
    suffix = ".svg"
    description = "The one-page sketchnote as SVG: text stays text, links are links (the same layout as recap pdf)."
    consumes = "sketch"

    def render(self, sketch: Sketch, theme: Theme, **options: OptionValue) -> Rendered:  # type: ignore[override]
        head, _, rest = paint(sketch).partition(b"\n")  # after the XML declaration, which must come first
        mark = f"<!-- {made_by(self.name)} -->".encode()  # which command made it (decks.cli.provenance)
        return Rendered(b"\n".join((head, mark, rest)))
