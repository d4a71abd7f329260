"""A command-line option that a stage declares (a renderer, or the sketch every sketch renderer shares), so the
CLI can offer it without importing the stage's code."""

from __future__ import annotations

import msgspec

OptionValue = str | int | float | bool | None
"""The value of a stage's option as the CLI passes it on: of the option's `type`, True/False for a flag, None when
not given."""


class Option(msgspec.Struct, frozen=True):
    """A stage's option, e.g. `--paper a3`."""

    name: str  # the option's long name without dashes, also the keyword passed on
    help: str
    default: OptionValue = None
    choices: tuple[str, ...] | None = None
    type: type = str
    flag: bool = False  # an on/off switch (`--embed-whole-fonts`), False unless given
