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

from collections.abc import Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, TypedDict, TypeVar, get_args

import msgspec
from msgspec.structs import replace

from decks.errors import OutputError, Problem
from decks.options import Option, OptionValue
from decks.themes.model import Orientation, Paper, QrMode, SketchLayout

if TYPE_CHECKING:
    from decks.model import Recap
    from decks.plan.deck.plan import Deck, Template
    from decks.plan.sketch.primitives import Sketch
    from decks.plan.template import Resolved
    from decks.themes.model import Theme

QR_MODES: tuple[QrMode, ...] = get_args(QrMode)
# The options that shape a sketch: every renderer that consumes the sketch offers them. The choices are those of
# the types `sketch_plan` takes (and a theme's `sketch:` holds), so each is named once.
SKETCH_OPTIONS = (
    Option("paper", "Paper size (default: the theme's).", None, get_args(Paper)),
    Option(
        "layout",
        "How cards are arranged (default: the theme's; vertical for a portrait page of up to 8 items).",
        None,
        get_args(SketchLayout),
    ),
    Option("orientation", "Page orientation (default: the theme's, landscape).", None, get_args(Orientation)),
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


class SketchOptions(TypedDict, total=False):
    """The sketch options a command was given (`SKETCH_OPTIONS`), as `sketch_plan` takes them as keywords."""

    layout: SketchLayout | None
    paper: Paper | None
    orientation: Orientation | None
    max_takeaways: int | None
    no_abridge: bool
    qr: QrMode | None


_Choice = TypeVar("_Choice", bound=str)


def _choice(options: Mapping[str, OptionValue], name: str, choices: tuple[_Choice, ...]) -> _Choice | None:
    value = options[name]
    if value is None:
        return None
    for choice in choices:
        if value == choice:
            return choice
    raise OutputError(
        [Problem(f"--{name.replace('_', '-')}", f"unknown {name} {value!r}", f"choose one of {', '.join(choices)}")]
    )


def sketch_options(options: Mapping[str, OptionValue]) -> SketchOptions:
    """The sketch options among `options` (a command's, as the CLI passes them on), each checked for its type:
    a value none of them may hold is an `OutputError` naming the option."""
    out = SketchOptions()
    if "layout" in options:
        out["layout"] = _choice(options, "layout", get_args(SketchLayout))
    if "paper" in options:
        out["paper"] = _choice(options, "paper", get_args(Paper))
    if "orientation" in options:
        out["orientation"] = _choice(options, "orientation", get_args(Orientation))
    if "qr" in options:
        out["qr"] = _choice(options, "qr", QR_MODES)
    if "max_takeaways" in options:
        count = options["max_takeaways"]
        if count is not None and (isinstance(count, bool) or not isinstance(count, int)):
            raise OutputError([Problem("--max-takeaways", f"not a count: {count!r}", "give a whole number")])
        out["max_takeaways"] = count
    if "no_abridge" in options:
        out["no_abridge"] = bool(options["no_abridge"])
    return out


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
    layout: SketchLayout | None = None,
    paper: Paper | None = None,
    orientation: Orientation | None = None,
    max_takeaways: int | None = None,
    no_abridge: bool = False,
    qr: QrMode | None = None,
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


# A JSON value, as `to_data` gives a plan: what `json.dumps` writes as it is.
JsonValue = dict[str, "JsonValue"] | list["JsonValue"] | str | int | float | bool | None


def to_data(plan: object) -> JsonValue:
    """A plan (or any part of one) as JSON-ready data: its values (msgspec Structs) as objects with their class
    under "type", tuples as lists, paths as strings."""

    names = getattr(type(plan), "__struct_fields__", None)
    if names is not None:
        out: dict[str, JsonValue] = {"type": type(plan).__name__}
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
    if plan is None or isinstance(plan, (str, int)):  # bool is an int
        return plan
    raise TypeError(f"a plan holds only plain data, not {type(plan).__name__}")


__all__ = [
    "SKETCH_OPTIONS",
    "SKETCH_OPTION_NAMES",
    "DeckSetup",
    "JsonValue",
    "SketchOptions",
    "deck_plan",
    "deck_setup",
    "finish_deck",
    "sketch_options",
    "sketch_plan",
    "to_data",
]
