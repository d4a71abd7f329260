"""The JSON Schemas of content and theme files, for editors (VS Code's YAML extension) and for tests."""

from __future__ import annotations

import json

from decks.model import Recap
from decks.model.schema_writer import json_schema
from decks.themes.model import Theme

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


# Recap._has_items, as JSON Schema: items (at least one), or parts of which at least one has items; not both.
# The loader counts an empty list as absent, so `items: []` beside parts is allowed, as it is here.
_ITEMS_OR_PARTS = [
    {
        "description": "items: the items of one unnamed part (at least one); no parts.",
        "required": ["items"],
        "properties": {"items": {"minItems": 1}, "parts": {"maxItems": 0}},
    },
    {
        "description": "parts: days or parts, at least one of them with items; no items.",
        "required": ["parts"],
        "properties": {
            "parts": {"contains": {"type": "object", "required": ["items"], "properties": {"items": {"minItems": 1}}}},
            "items": {"maxItems": 0},
        },
    },
]


def content_schema_dict() -> dict[str, object]:
    """The content file schema as a dict: it accepts what `recap check` accepts, but for what JSON Schema cannot
    say (an event that ends before it starts, image files that are missing or unreadable)."""

    schema = json_schema(Recap)
    return {"$schema": SCHEMA_DIALECT, **schema, "oneOf": _ITEMS_OR_PARTS, "title": "recap content file"}


def theme_schema_dict() -> dict[str, object]:
    """The theme file schema as a dict (the loader-set `folder` is left out)."""

    schema = json_schema(Theme)
    properties = schema["properties"]
    if isinstance(properties, dict):
        properties.pop("folder", None)
    # A theme that extends another names only what it changes, so no key is required in a single file;
    # the loader checks the merged theme for completeness.
    defs = schema.get("$defs", {})
    for node in [schema, *(defs.values() if isinstance(defs, dict) else ())]:
        if isinstance(node, dict):
            node.pop("required", None)
    return {"$schema": SCHEMA_DIALECT, **schema, "title": "recap theme file"}


def content_schema() -> str:
    return json.dumps(content_schema_dict(), indent=2, ensure_ascii=False)


def theme_schema() -> str:
    return json.dumps(theme_schema_dict(), indent=2, ensure_ascii=False)
