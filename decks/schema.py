"""The JSON Schemas of content and theme files, for editors (VS Code's YAML extension) and for tests."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def content_schema_dict() -> dict[str, Any]:
    """The content file schema as a dict."""
    from decks.model import Recap

    schema = Recap.model_json_schema(mode="validation")
    return {"$schema": SCHEMA_DIALECT, **schema, "title": "recap content file"}


def theme_schema_dict() -> dict[str, Any]:
    """The theme file schema as a dict (the loader-set `folder` is left out)."""
    from decks.themes.model import Theme

    schema = Theme.model_json_schema(mode="validation")
    schema["properties"].pop("folder", None)
    # A theme that extends another names only what it changes, so no key is required in a single file;
    # the loader checks the merged theme for completeness.
    for node in [schema, *schema.get("$defs", {}).values()]:
        node.pop("required", None)
    return {"$schema": SCHEMA_DIALECT, **schema, "title": "recap theme file"}


def content_schema() -> str:
    return json.dumps(content_schema_dict(), indent=2, ensure_ascii=False)


def theme_schema() -> str:
    return json.dumps(theme_schema_dict(), indent=2, ensure_ascii=False)
