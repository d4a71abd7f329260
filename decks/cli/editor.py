"""What an editor needs to complete and check a content file: recap.schema.json written beside it, the first line
that names it (`recap new` and `recap import` write it), and, for `recap new --vscode`, VS Code's `yaml.schemas`
mapping in ./.vscode/settings.json."""

from __future__ import annotations

import json
from pathlib import Path

SCHEMA_FILE = "recap.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema={SCHEMA_FILE}\n"


def write_schema_beside(content: Path) -> Path:
    """Write (or refresh) recap.schema.json in the content file's folder; it is generated, so it is always replaced."""
    from decks.cli.output import write_atomic  # lazy: per command (cli start-up)
    from decks.schema import content_schema  # lazy: per command (cli start-up)

    target = content.parent / SCHEMA_FILE
    data = (content_schema().rstrip("\n") + "\n").encode("utf-8")
    # The size first: a huge file of that name is replaced without being read.
    if not (target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data):
        write_atomic(target, data)
    return target


def vscode_settings(root: Path, schema: Path, content: Path) -> tuple[Path, bytes | None, str | None]:
    """ROOT/.vscode/settings.json with `yaml.schemas: {schema: [content]}` added, keeping what is there: the path,
    the bytes to write (None when nothing is to be written) and a note for the user when it was left alone.

    Worked out before anything is written, so `recap new --vscode` writes all of its files or none. VS Code's
    settings are JSON with comments and trailing commas: such a file is read as it is; when it has no
    yaml.schemas yet the mapping is added as text (its comments stay), else it is left alone with what to add."""
    from decks.cli.jsonc import has_comments, insert_first_key, load_jsonc  # lazy: per command (cli start-up)

    settings_path = root / ".vscode" / "settings.json"
    schema_key, content_glob = _relative(schema, root), _relative(content, root)
    if not schema_key.startswith("/"):
        schema_key = f"./{schema_key}"  # a bare relative path is not always read as one
    snippet = json.dumps({"yaml.schemas": {schema_key: [content_glob]}}, ensure_ascii=False)
    text = ""
    if settings_path.is_file():
        try:
            text = settings_path.read_text(encoding="utf-8")
            loaded = load_jsonc(text) if text.strip() else {}
        except (ValueError, OSError):
            loaded = None
        if not isinstance(loaded, dict):
            return (
                settings_path,
                None,
                f"{settings_path} is not JSON recap can read, so it is left alone; add {snippet}",
            )
        settings: dict[str, object] = loaded
    else:
        settings = {}
    schemas = settings.get("yaml.schemas")
    if text.strip() and has_comments(text):
        if schemas is None:
            edited = insert_first_key(text, "yaml.schemas", {schema_key: [content_glob]})
            return settings_path, edited.encode("utf-8"), None
        if isinstance(schemas, dict) and content_glob in _globs(schemas.get(schema_key)):
            return settings_path, None, None  # already mapped
        return settings_path, None, f"{settings_path} has comments and its own yaml.schemas; add {snippet} there"
    schemas = dict(schemas) if isinstance(schemas, dict) else {}
    globs = _globs(schemas.get(schema_key))
    if content_glob not in globs:
        globs.append(content_glob)
    schemas[schema_key] = globs
    settings["yaml.schemas"] = schemas
    return settings_path, (json.dumps(settings, indent=2, ensure_ascii=False) + "\n").encode("utf-8"), None


def _globs(value: object) -> list[str]:
    return [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()
