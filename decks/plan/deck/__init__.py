"""The deck plan: which slides a recap becomes, and every text box, paragraph size and picture box on them.

The plan is pure data (no python-pptx): the renderer reads placeholder boxes from its template into a
`Geometry`, asks for a plan with `build_plan`, and writes it as it is. Every size comes from measuring the text
with the theme's font files (decks.text), so what the plan says fits does fit; what cannot fit at the theme's
floor size continues on a "(cont.)" slide.

`plan` holds the data, `planner` chooses and orders the slides, which `layouts`, `deck_layouts`, `lists` and
`fixed` build with the `kit`, `fit` fits paragraphs to boxes and `pages` cuts lists into pages, `text` writes line
breaks and URLs into runs, `paragraphs` and `notes` word the content's pieces, `labels` the planner's own words,
`images` reads picture sizes.
"""

from decks.plan.deck.plan import (
    ROLES,
    Deck,
    Frame,
    Geometry,
    Para,
    Picture,
    Run,
    Shape,
    Slide,
    TextBox,
    default_geometry,
)
from decks.plan.deck.planner import Planner, build_plan
from decks.plan.deck.text import ZWSP, display_host, display_url
from decks.plan.geometry import Rect

__all__ = [
    "ROLES",
    "ZWSP",
    "Deck",
    "Frame",
    "Geometry",
    "Para",
    "Picture",
    "Planner",
    "Rect",
    "Run",
    "Shape",
    "Slide",
    "TextBox",
    "build_plan",
    "default_geometry",
    "display_host",
    "display_url",
]
