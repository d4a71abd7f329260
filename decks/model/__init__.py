"""The validated content model: what an event recap holds, free of any file format."""

from decks.model.content import (
    SCHEMA_VERSION,
    Event,
    Figure,
    Handle,
    Image,
    Item,
    ItemLayout,
    Link,
    LinkKind,
    Part,
    Presenter,
    Quote,
    Recap,
    Takeaway,
)

__all__ = [
    "SCHEMA_VERSION",
    "Event",
    "Figure",
    "Handle",
    "Image",
    "Item",
    "ItemLayout",
    "Link",
    "LinkKind",
    "Part",
    "Presenter",
    "Quote",
    "Recap",
    "Takeaway",
]
