"""Which characters text in recap may hold, decided once: every string the models read goes through here.

Refused (a located error at load; nothing is dropped silently, so what renders is what was written):
- C0 control characters other than tab, line feed and carriage return (XML 1.0 forbids them; lxml refuses them),
- DEL and the C1 control characters U+0080–U+009F (U+0085, NEXT LINE, crashes text shaping),
- lone surrogates U+D800–U+DFFF (not characters; they cannot be encoded),
- the noncharacters U+FDD0–U+FDEF and U+xxFFFE/U+xxFFFF of every plane (XML 1.0 forbids U+FFFE and U+FFFF).
A text that holds nothing visible (only white space, zero-width and other format characters, fillers such as
U+3164 or variation selectors) counts as empty.
"""

from __future__ import annotations

import re
import unicodedata

_NONCHARACTERS = "".join(f"\\U{plane:04X}FFFE\\U{plane:04X}FFFF" for plane in range(0x11))
_FORBIDDEN = f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ufdd0-\\ufdef{_NONCHARACTERS}]"


FORBIDDEN = re.compile(_FORBIDDEN)
"""One character text may not hold."""


# Characters that draw nothing although they are not white space or format characters.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f\u180e\u17b4\u17b5") | frozenset(
    map(chr, [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)])  # variation selectors
)
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})


def char_problem(text: str) -> str | None:
    """Why `text` cannot be used, as "what; what to do", naming the first refused character; None when it can."""
    # Every refused character is one str.isprintable refuses (Cc, Cs, and the noncharacters, which are Cn for
    # good), and that test costs a twentieth of the search: most text (no tab or newline) is passed by it alone.
    if text.isprintable():
        return None
    found = FORBIDDEN.search(text)
    if found is None:
        return None
    code = ord(found.group())
    kind = (
        "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a control character" if code < 0xA0 else "a noncharacter"
    )
    return (
        f"the character U+{code:04X} ({kind}, at character {found.start() + 1}) is not allowed in text; "
        "remove it (text may not hold control characters, surrogates or noncharacters)"
    )


def is_blank(text: str) -> bool:
    """Whether `text` shows nothing: empty, or only white space and invisible characters such as U+200B."""
    if "!" <= text[:1] <= "~":  # most text starts with a visible ASCII character: not blank, without the lookups
        return False
    return all(ch in _FILLERS or unicodedata.category(ch) in _INVISIBLE_CATEGORIES for ch in text)


# The same rule for editors, as JSON Schema patterns (ECMA 262 without the u flag, which Python's re also reads):
# no refused character of the Basic Multilingual Plane (astral noncharacters cannot be written there), and, for
# text that must not be empty, at least one character outside white space and the common invisible ones.
_REFUSED_CLASS = (
    "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ud800-\\udfff\\ufdd0-\\ufdef\\ufffe\\uffff"
)
_INVISIBLE_CLASS = (
    "\\s\\u00ad\\u034f\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064"
    "\\u2800\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0"
)
ALLOWED_PATTERN = f"^[^{_REFUSED_CLASS}]*$"
"""A text holding no refused character."""
VISIBLE_PATTERN = f"^[^{_REFUSED_CLASS}]*[^{_REFUSED_CLASS}{_INVISIBLE_CLASS}][^{_REFUSED_CLASS}]*$"
"""A text holding no refused character and something to see."""
