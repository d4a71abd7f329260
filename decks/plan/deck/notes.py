"""Speaker notes written from the content: an item's notes when the content has none."""

from __future__ import annotations

from decks.model import Item


def with_full_stop(text: str) -> str:
    """`text` as a sentence in the notes: ending in a full stop unless it already ends like one."""
    return text if text[-1:] in ".!?。！？" else text + "."


def item_notes(item: Item) -> str:
    """Speaker notes written from the item when the content has none."""
    parts = [with_full_stop(item.summary or item.title)]
    if item.takeaways:
        parts.append("Key points: " + "; ".join(t.text for t in item.takeaways) + ".")
    if item.links:
        parts.append("Links: " + "; ".join(f"{link.text} ({link.url})" for link in item.links) + ".")
    return " ".join(parts)
