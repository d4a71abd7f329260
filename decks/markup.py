"""The one way recap writes XML text (the deck's parts, the SVG sketchnote): escaping for content and attributes.

Composed XML is never parsed again, so nothing downstream would catch a character XML 1.0 cannot carry. The
model refuses such characters with a located message; this is the last line, dropping whatever still gets here
(a template's name, a file name) so the output stays well-formed.
"""

from __future__ import annotations

import re

# Tabs and line ends as references, so an attribute keeps them.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
)
# XML 1.0's Char production, negated: C0 controls but tab/LF/CR, surrogates, U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 forbids."""
    return _FORBIDDEN.sub("", text)


# Both in one pass (a deck escapes its text a hundred thousand times): the escapes, and the forbidden dropped.
_ESC_AND_DROP = {**_ESCAPES, **dict.fromkeys([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000)])}
_ESC_AND_DROP.update(dict.fromkeys([0xFFFE, 0xFFFF]))


# What `_ESC_AND_DROP` changes: most text has none of it, and one search costs less than translating.
_TOUCHED = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')


def esc(text: str) -> str:
    """`text` escaped for XML element content and double-quoted attributes."""
    if text.isascii() and text.isprintable():  # most text: no control character, only the markup ones can change
        if "&" in text or "<" in text or ">" in text or '"' in text:
            return text.translate(_ESC_AND_DROP)
        return text
    return text.translate(_ESC_AND_DROP) if _TOUCHED.search(text) else text
