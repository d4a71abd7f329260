"""The plans, recap's public middle stage: what a recap becomes before any file format.

Two plans, each built by one function from the validated model and the theme, each a frozen value of plain
data that `recap plan deck|sketch --json` prints:

- `deck_plan(recap, theme) -> Deck`: the slides, with every box, paragraph, line pitch, type size and run
  final, laid on the theme's template (`Deck.template` names its file and the layout serving each slide).
  The pptx renderer writes it as it is; any other slide renderer can paint it (decks.plan.deck.plan).
- `sketch_plan(recap, theme, layout=, paper=, orientation=, max_takeaways=, qr=) -> Sketch`: the one-page sketchnote
  as drawing primitives (paths, text runs in one font file each, boxes, links, turns of a card
  askew; decks.plan.sketch.primitives).

A renderer declares which it consumes (`Renderer.consumes`: "model", "deck" or "sketch"); the CLI builds that
once and hands it over. Submodules are imported only when a plan is built, so listing commands stays cheap.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec.structs import replace

from decks.errors import OutputError, Problem
from decks.options import Option

if TYPE_CHECKING:
    from decks.model import Recap
    from decks.plan.deck.plan import Deck, Template
    from decks.plan.sketch.primitives import Sketch
    from decks.plan.template import Resolved
    from decks.themes.model import Theme

QR_MODES = ("all", "emphasis", "source", "none")  # decks.plan.sketch.build's `qr`
# The options that shape a sketch: every renderer that consumes the sketch offers them.
SKETCH_OPTIONS = (
    Option("paper", "Paper size (default: the theme's).", None, ("a4", "letter", "a3")),
    Option(
        "layout",
        "How cards are arranged (default: the theme's; vertical for a portrait page of up to 8 items).",
        None,
        ("modular", "path", "radial", "vertical", "popcorn"),
    ),
    Option("orientation", "Page orientation (default: the theme's, landscape).", None, ("landscape", "portrait")),
    Option(
        "qr",
        "QR codes: 'emphasis' (default) one for the source post and one on each emphasised item's video; 'all' one on "
        "every video too; 'source' only the post's; 'none'.",
        None,
        QR_MODES,
    ),
    Option("max_takeaways", "Show at most N takeaways per item (the rest are listed as warnings).", None, None, int),
    Option(
        "no_abridge",
        "Refuse content that does not fit one page instead of leaving the least important out.",
        False,
        None,
        bool,
    ),
)
SKETCH_OPTION_NAMES = tuple(o.name for o in SKETCH_OPTIONS)


class DeckSetup(msgspec.Struct, frozen=True):
    """What a deck plan is laid on, read once per theme and template: the template and its resolved layouts,
    the theme the text is measured with (the template's fonts when its master decides them), the font
    families the master supplies, and warnings about the template."""

    template: Template
    resolved: Resolved
    measured: Theme
    inherited: tuple[str, ...]
    warnings: tuple[str, ...]


def deck_setup(theme: Theme) -> DeckSetup:
    """The template of `theme` resolved and the measuring theme: the first half of `deck_plan`, which a warm
    process (`recap watch`) keeps between builds."""
    from decks.plan.deck.plan import Template  # lazy: each output loads only its own planner
    from decks.plan.template import load  # lazy: each output loads only its own planner
    from decks.plan.template_fonts import measuring_theme  # lazy: each output loads only its own planner

    path, resolved = load(theme)
    measured, inherited, notes = measuring_theme(theme, resolved)
    template = Template(
        path, resolved.master, resolved.layouts, resolved.sample_colors, resolved.link_color, resolved.body_color
    )
    return DeckSetup(template, resolved, measured, tuple(inherited), (*resolved.warnings, *notes))


def finish_deck(deck: Deck, theme: Theme, setup: DeckSetup) -> Deck:
    """The planned slides with what the template and theme decide about them: background, colours, the icons'
    colour, the families the master draws, and the font files every run is measured with."""
    from decks.plan.template_fonts import deck_fonts  # lazy: each output loads only its own planner

    slides = theme.slides
    colors = slides.decides("colors")
    return replace(
        deck,
        background=theme.palette.background if slides.decides("background") else None,
        colors=colors,
        icon_color=theme.palette.accent if colors else setup.resolved.colors.get("accent1", theme.palette.accent),
        inherited=setup.inherited,
        fonts=deck_fonts(deck, setup.measured),
    )


MAX_DECK_ITEMS = 1_000  # a talk's worth many times over; it bounds the deck's work (about a second per 1,000)


def deck_too_big(recap: Recap) -> str | None:
    """Why no deck is made of `recap` (too many items for any talk), or None; `recap check` warns of it too."""
    n = len(recap.all_items)
    if n <= MAX_DECK_ITEMS:
        return None
    return f"the recap has {n:,} items; a deck holds at most {MAX_DECK_ITEMS:,}"


def deck_plan(recap: Recap, theme: Theme) -> Deck:
    """The deck plan of `recap` in `theme`, laid on the theme's template (or the bundled one)."""
    from decks.plan.deck.planner import build_plan  # lazy: each output loads only its own planner

    too_big = deck_too_big(recap)
    if too_big:
        raise OutputError([Problem("the deck", too_big, "split the recap into several files, a part or two each")])

    setup = deck_setup(theme)
    geometry = setup.resolved.geometry
    deck = build_plan(recap, setup.measured, geometry, template=setup.template, warnings=setup.warnings)
    return finish_deck(deck, theme, setup)


def sketch_plan(
    recap: Recap,
    theme: Theme,
    layout: str | None = None,
    paper: str | None = None,
    orientation: str | None = None,
    max_takeaways: int | None = None,
    no_abridge: bool = False,
    qr: str | None = None,
) -> Sketch:
    """The one-page sketchnote of `recap` in `theme`; raises `OutputError` when it cannot be made."""
    from decks.plan.sketch import build  # lazy: each output loads only its own planner

    # The cards letter the content's inline markup in its styles; the rest is plain words (build's docstring).
    return build(
        recap,
        theme,
        layout=layout,
        paper=paper,
        orientation=orientation,
        max_takeaways=max_takeaways,
        abridge=not no_abridge,
        qr=qr,
    )


def to_data(plan: Any) -> Any:
    """A plan (or any part of one) as JSON-ready data: its values (msgspec Structs) as objects with their class
    under "type", tuples as lists, paths as strings."""

    names = getattr(type(plan), "__struct_fields__", None)
    if names is not None:
        out: dict[str, Any] = {"type": type(plan).__name__}
        for name in names:
            out[name] = to_data(getattr(plan, name))
        return out
    if isinstance(plan, (list, tuple)):
        return [to_data(v) for v in plan]
    if isinstance(plan, dict):
        return {str(k): to_data(v) for k, v in plan.items()}
    if isinstance(plan, PurePath):
        return str(plan)
    if isinstance(plan, float):
        return round(plan, 4)
    return plan


__all__ = [
    "SKETCH_OPTIONS",
    "SKETCH_OPTION_NAMES",
    "DeckSetup",
    "deck_plan",
    "deck_setup",
    "finish_deck",
    "sketch_plan",
    "to_data",
]
