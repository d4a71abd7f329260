"""Lettering that looks written: each character of a run gets its own small seeded tilt, baseline shift and size,
as no hand writes the same letter twice alike.

The variation is decided here, in the plan, so the PDF, SVG and PNG painters draw the same letters; each keeps
a run one piece of text (the PDF in one text object, the SVG in one <text> with per-character x, y and rotate),
so the page still searches and selects as words. Only scripts drawn one code point per glyph are varied (Latin,
Greek, Cyrillic, kana, hanzi, Hangul and their punctuation): a run with a combining mark, a right-to-left letter
or a script that shapes its letters together is set as it is.
"""

from __future__ import annotations

import random
import unicodedata
from functools import cache

from decks.text.faces import Face

TILT = 1.6  # degrees, at most, either way
RISE = 0.06  # of the size, at most, up or down
# Of the height, at most, taller or shorter (never wider: words keep their spacing). Two neighbours differ by
# under 5%: poppler (pdftotext, many viewers) starts a new word where the size changes more than that.
GROW = 0.02
STEADY = 14.0  # points: above this size, a letter rises and grows by no more than at it

_SAFE = (
    (0x0020, 0x024F),  # Latin, Latin-1, Latin Extended A and B
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese precomposed letters)
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x214F),  # letterlike symbols
    (0x3000, 0x30FF),  # CJK punctuation, hiragana, katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xFF01, 0xFF60),  # full-width forms
)


@cache
def _safe(ch: str) -> bool:
    cp = ord(ch)
    if not any(lo <= cp <= hi for lo, hi in _SAFE):
        return False
    return not unicodedata.combining(ch) and unicodedata.category(ch) not in ("Mn", "Mc", "Me", "Cf", "Cc")


def variable(text: str) -> bool:
    """Whether `text` can be drawn a character at a time without changing how it reads."""
    return all(map(_safe, text))


def letters(
    text: str, face: Face, x: float, baseline: float, size: float, seed: str, amount: float
) -> tuple[tuple[float, float, float, float], ...]:
    """Each character's origin, tilt and size factor (see primitives.TextRun.glyphs); `amount` scales the
    variation (the theme's roughness: 0 sets the run straight, and returns ())."""
    if amount <= 0 or not variable(text):
        return ()
    rng = random.Random(f"{seed}:{x:.2f}:{baseline:.2f}:{size:.2f}:{text}")
    k = min(1.0, amount)
    out = []
    for ch in text:
        tilt = rng.uniform(-TILT, TILT) * k
        # Up, down and larger by a share of the size, but no more than at STEADY points: a title's letters that
        # jump by points read as another line to a PDF's text extraction (pdfplumber splits "Laun ch" at 3 pt).
        rise = rng.uniform(-RISE, RISE) * min(size, STEADY) * k
        grow = 1.0 + rng.uniform(-GROW, GROW) * k * min(1.0, STEADY / size)
        out.append((round(x, 2), round(baseline + rise, 2), round(tilt, 2), round(grow, 3)))
        x += face.width(ch, size)  # the next letter starts where the typeset one would: words keep their width
    return tuple(out)
