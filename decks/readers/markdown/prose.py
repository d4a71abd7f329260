"""Plain text as the importer writes it: prose lines joined, white space collapsed, widths in columns.

A line break inside CJK prose joins without a space; code and tables keep their lines.
"""

from __future__ import annotations

import re
import unicodedata


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def columns(text: str) -> int:
    return sum(2 if _is_wide(ch) else 1 for ch in text)


def _join_break(match: re.Match[str]) -> str:
    # A line break inside CJK prose is not a space: the two lines run on.
    before = match.string[match.start() - 1] if match.start() else ""
    after = match.string[match.end()] if match.end() < len(match.string) else ""
    return "" if before and after and _is_wide(before) and _is_wide(after) else " "


def clean(text: str) -> str:
    """One line of text: breaks joined as prose, white space collapsed."""
    text = re.sub(r"[ \t]*\n\s*", _join_break, text)
    return " ".join(text.split())


def block_text(text: str) -> str:
    """Several lines kept as lines (code, tables), without trailing blanks that would spoil YAML's | style."""
    lines = [line.rstrip() for line in text.expandtabs(4).splitlines()]
    return "\n".join(lines).strip("\n")
