"""Speaker notes written from the content: an item's notes when the content has none, in plain words (notes
have no styles: the content's inline markup is dropped, decks.model.inline.plain)."""

from __future__ import annotations

from decks.i18n import Catalogue
from decks.model import Item
from decks.model.inline import plain
from decks.model.urls import ascii_url


def item_notes(item: Item, t: Catalogue) -> str:
    """Speaker notes written from the item when the content has none, in the catalogue's language."""
    parts = [plain(item.summary or item.title)]
    if item.takeaways:
        points = t.join_clauses(plain(x.text) for x in item.takeaways)
        parts.append(t.gettext("Key points: {points}").format(points=points))
    if item.links:
        links = (
            t.gettext("{label} ({address})").format(label=t.link_text(x), address=ascii_url(x.url)) for x in item.links
        )
        parts.append(t.gettext("Links: {links}").format(links=t.join_clauses(links)))
    return t.sentences(parts)
