"""The words the planner puts on slides itself (agenda, takeaways, "(cont.)", ...): the content language's
catalogue from decks.i18n, the one place recap's words live."""

from __future__ import annotations

from decks.i18n import Catalogue, messages


def labels_for(language: str) -> Catalogue:
    """The catalogue for a BCP 47 language tag ("zh-Hans" -> Simplified Chinese), English when there is none."""
    return messages(language)
