"""The validated content model: what an event recap holds, free of any file format."""

from decks.model.content import (
    SCHEMA_VERSION,
    Event,
    Handle,
    Image,
    Item,
    Link,
    LinkKind,
    Part,
    Presenter,
    Recap,
    Takeaway,
)

__all__ = [
    "SCHEMA_VERSION",
    "Event",
    "Handle",
    "Image",
    "Item",
    "Link",
    "LinkKind",
    "Part",
    "Presenter",
    "Recap",
    "Takeaway",
]
