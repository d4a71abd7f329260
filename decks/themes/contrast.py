"""Readability of a theme's palette: WCAG 2.1 contrast of every text colour on every colour it is drawn on.

Which rule applies to which pair (WCAG 2.1 SC 1.4.3, level AA):

- normal text, 4.5:1: ink and muted on background and on surface (body text, dates, captions); accent2 on
  background and on surface, because accent2 is the link colour and links are set at body or small size.
- large text, 3:1: accent on background and on surface (titles and headings, 18 pt and up; rules and
  highlights are not text and need no more); on_accent on accent (banner titles set large on an accent fill).
"""

from __future__ import annotations

import msgspec

from decks.colors import contrast_ratio, format_ratio, relative_luminance
from decks.errors import Problem
from decks.themes.chain import locate, theme_layers
from decks.themes.model import Theme

NORMAL_TEXT = 4.5
LARGE_TEXT = 3.0


class Pair(msgspec.Struct, frozen=True):
    """A text colour drawn on a background colour, both palette keys, and the ratio it needs."""

    text: str
    background: str
    minimum: float
    use: str


PAIRS: tuple[Pair, ...] = (
    Pair("ink", "background", NORMAL_TEXT, "body text"),
    Pair("ink", "surface", NORMAL_TEXT, "body text in boxes"),
    Pair("muted", "background", NORMAL_TEXT, "dates, captions, slide numbers"),
    Pair("muted", "surface", NORMAL_TEXT, "captions in boxes"),
    Pair("accent", "background", LARGE_TEXT, "titles"),
    Pair("accent", "surface", LARGE_TEXT, "headings in boxes"),
    Pair("accent2", "background", NORMAL_TEXT, "links"),
    Pair("accent2", "surface", NORMAL_TEXT, "links in boxes"),
    Pair("on_accent", "accent", LARGE_TEXT, "banner titles on an accent fill"),
)


def contrast_problems(theme: Theme) -> list[Problem]:
    """One problem for each pair of `PAIRS` below its minimum, located at the text colour's key."""

    layers = None  # read only when a pair fails: rendering calls this on every run
    palette = theme.palette
    problems: list[Problem] = []
    for pair in PAIRS:
        fg, bg = getattr(palette, pair.text), getattr(palette, pair.background)
        ratio = contrast_ratio(fg, bg)
        if ratio >= pair.minimum:
            continue
        layers = layers if layers is not None else theme_layers(theme)
        file, line, col = locate(layers, ("palette", pair.text))
        # Push the text away from the background: on a dark background text gets lighter, and vice versa.
        dark_bg = relative_luminance(bg) < relative_luminance(fg)
        hint = (
            f"lighten {pair.text} or darken {pair.background}"
            if dark_bg
            else f"darken {pair.text} or lighten {pair.background}"
        )
        problems.append(
            Problem(
                file or f"theme '{theme.name}'",
                f"contrast {format_ratio(ratio)}:1 on {pair.background} {bg} is below {pair.minimum:g}:1 ({pair.use})",
                hint,
                f"palette.{pair.text}",
                line,
                col,
            )
        )
    return problems
