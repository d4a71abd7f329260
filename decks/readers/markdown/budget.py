"""How much one post may make, checked before and after the walk, so that `recap import` is bounded.

markdown-it keeps some half a kilobyte per token, and a post of short headings makes three tokens a line: a 1 MB
post of 100,000 headings took 420 MB and 10 s to parse, to make a content file over the content cap that
`recap check` then refuses. So a post is first counted line by line (a few milliseconds for the largest one
read) and refused, at the line where it crosses a budget, when it has more headings or blocks than any recap
holds; after the walk, the content file it would make is estimated item by item and refused, at the item that
crosses it, when it is over the content cap. Every refusal is a `ContentError` located in the post.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from decks.errors import ContentError, Problem
from decks.safeio import LIMITS, MB

MAX_HEADINGS = 2_000
"""Headings a post may have: a recap's deck holds at most 1,000 items (decks.plan.MAX_DECK_ITEMS), plus parts."""
MAX_BLOCKS = 10_000
"""Headings, list items, table rows and paragraphs a post may have (a long recap post has a few hundred)."""
CONTENT_CAP = LIMITS["content"]
"""The content file an import may write: what `recap check` reads."""

# A line that opens a block: an ATX heading, a list item, a table row, or (counted when it follows a blank
# line) a paragraph. Counted without parsing, so a little over what markdown-it would make: never under.
_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|\Z)")
_LIST_OR_ROW = re.compile(r" *(?:[-+*][ \t]|\d{1,9}[.)][ \t]|\|)")


def check_post(text: str, source_name: str) -> None:
    """Refuse (ContentError at the line) a post with more headings or blocks than any recap holds."""
    headings = blocks = 0
    after_blank = True
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            after_blank = True
            continue
        if _HEADING.match(line):
            headings += 1
            blocks += 1
            if headings > MAX_HEADINGS:
                _refuse(
                    source_name,
                    number,
                    f"the post has more than {MAX_HEADINGS:,} headings (this is heading {headings:,})",
                    "a recap holds at most 1,000 items: split the post into several, a few parts each",
                )
        elif _LIST_OR_ROW.match(line) or after_blank:
            blocks += 1
        after_blank = False
        if blocks > MAX_BLOCKS:
            _refuse(
                source_name,
                number,
                f"the post has more than {MAX_BLOCKS:,} headings, list items, table rows and paragraphs",
                "split the post into several, a few parts each",
            )


def check_size(sizes: Iterable[tuple[int, int]], source_name: str) -> None:
    """Refuse the import at the item whose (post line, estimated bytes) takes the content over the cap."""
    total = 0
    for line, size in sizes:
        total += size
        if total > CONTENT_CAP:
            _refuse(
                source_name,
                line,
                f"the post makes a content file over the {CONTENT_CAP / MB:,.1f} MB recap reads (from this item on)",
                "split the post into several, a few parts each",
            )


def check_written(yaml_text: str, line: int, source_name: str) -> None:
    """Refuse a content file over the cap (the estimate's backstop), at the post's last item."""
    size = len(yaml_text.encode("utf-8"))
    if size > CONTENT_CAP:
        _refuse(
            source_name,
            line,
            f"the post makes a content file of {size / MB:,.1f} MB, over the {CONTENT_CAP / MB:,.1f} MB recap reads",
            "split the post into several, a few parts each",
        )


def _refuse(source_name: str, line: int, message: str, hint: str) -> None:
    raise ContentError([Problem(source_name, message, hint, line=line)])
