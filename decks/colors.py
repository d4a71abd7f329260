"""Colour arithmetic on "#RRGGBB" strings: mixing two colours, and WCAG 2.1 relative luminance and contrast.
Used by the theme check (decks.themes.contrast), the sketch's shades and the template's text colours."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def mix(a: str, b: str, t: float) -> str:
    """The colour `t` of the way from `a` to `b` (0 is `a`, 1 is `b`): a shade, or a translucent `b` over `a`
    when `t` is its opacity."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02X}" for x, y in zip(ca, cb, strict=True))


def relative_luminance(color: str) -> float:
    """WCAG 2.1 relative luminance of '#RRGGBB': 0 for black, 1 for white."""
    value = color.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    # 0.03928 is the threshold WCAG 2.1 states; sRGB's own 0.04045 gives the same result for 8-bit values.
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two colours, from 1 (same) to 21 (black on white); order does not matter."""
    la, lb = relative_luminance(a), relative_luminance(b)
    lighter, darker = max(la, lb), min(la, lb)
    return (lighter + 0.05) / (darker + 0.05)


def first_readable(color: str, toward: str, shares: Iterable[float], on: Sequence[str], ratio: float) -> str | None:
    """The first of `color` mixed `shares` of the way toward `toward` that reads at `ratio` or more against every
    colour in `on` (a pen on its paper, a band under the ink), or None when none does."""
    for share in shares:
        shade = mix(color, toward, share)
        if all(contrast_ratio(shade, under) >= ratio for under in on):
            return shade
    return None


def format_ratio(ratio: float) -> str:
    """'4.47' for 4.478: rounded down, so a failing ratio never prints as the threshold it missed."""
    return f"{math.floor(ratio * 100) / 100:g}"
