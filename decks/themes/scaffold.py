"""`recap theme new`: write a starting theme.yaml that extends a base and lists every field, commented out.

Each commented line holds the base theme's merged value, so the file shows what the theme looks like now and
uncommenting one line changes exactly that and nothing else.
"""

from __future__ import annotations

import json
import re
import types
import typing
from pathlib import Path

import yaml

from decks.assets import fonts_dir
from decks.errors import ExitCode, OutputError, Problem, RecapError, excerpt
from decks.model.typed import Model
from decks.safewrite import write_atomic
from decks.themes.folders import THEME_FILE, find_theme, user_themes_dir
from decks.themes.loader import load_theme
from decks.themes.model import FontSpec, Theme

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")  # used with fullmatch: re's $ would let a final "\n" through
MAX_NAME = 64
# Written by hand at the top, or set by the loader; never part of the commented body.
_HEADER_FIELDS = {"name", "description", "extends", "folder"}


def new_theme(name: str, base: str = "default", root: Path | None = None) -> Path:
    """Write `root/NAME/theme.yaml` (root: ./assets/themes) extending `base`; return its path.

    Raises `OutputError` when that theme already exists, `ContentError` when `base` cannot be loaded.
    """
    if len(name) > MAX_NAME or not _NAME.fullmatch(name):  # 300 characters was an OSError (exit 4)
        what = f"a theme name is a folder name of at most {MAX_NAME} characters"
        hint = "use letters, digits, '-' and '_', e.g. my-talk"
        raise RecapError([Problem(excerpt(name, 40), what, hint)], ExitCode.USAGE)
    target = (root or user_themes_dir()) / name / THEME_FILE
    if target.exists():
        raise OutputError(
            [Problem(str(target), "this theme already exists", "edit it, or choose another name for the new theme")]
        )
    theme = load_theme(base)  # a broken base is reported now, located in its own file
    base_folder = find_theme(base).resolve()
    # A base given as a folder must still be found from the new theme, wherever the user runs recap.
    extends = base if not Path(base).is_dir() else str(base_folder)

    write_atomic(target, scaffold_text(name, extends, theme).encode("utf-8"))
    return target


def scaffold_text(name: str, extends: str, base: Theme) -> str:
    """The text of a new theme file: a header that takes effect, then every field of `base` commented out."""
    lines = [
        f"# The theme '{name}', extending '{extends}'. Every field: recap docs themes",
        "# Every field below is commented out and shows the value this theme now inherits. To change one,",
        "# uncomment its line and the section lines above it (palette:, fonts:, sketch:, ...). Keys you leave",
        f"# commented keep following '{extends}'. Check the result with: recap check --theme {name}",
        f"name: {name}",
        f"description: {_scalar(f'Based on {extends}.')}",
        f"extends: {_scalar(extends)}",
        "",
    ]
    data = base.model_dump(mode="python")
    for key, field in Theme.model_fields.items():
        if key in _HEADER_FIELDS:
            continue
        lines.extend(_section(key, data[key], field.annotation, field.description, indent=0))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _section(key: str, value: object, annotation: object, description: str | None, indent: int) -> list[str]:
    pad = "  " * indent
    model = annotation if isinstance(annotation, type) and issubclass(annotation, Model) else None
    if model is not None and model is not FontSpec and isinstance(value, dict):
        head = f"# {pad}{key}:"
        lines = [_with_comment(head, description or _first_line(model.__doc__))]
        for sub, field in model.model_fields.items():
            lines.extend(_section(sub, value[sub], _unwrap(field.annotation), field.description, indent + 1))
        return lines
    if typing.get_origin(annotation) is typing.Literal:
        choices = ", ".join(str(c) for c in typing.get_args(annotation))
        description = f"{description} One of: {choices}." if description else f"One of: {choices}."
    if key in ("fallbacks", "languages"):
        lines = [_with_comment(f"# {pad}{key}:", description)]
        entries = value if isinstance(value, list) else []  # a list of font specs in every theme
        lines.extend(f"# {pad}  - {_font(v)}" for v in entries)
        if not value:
            lines[0] = _with_comment(f"# {pad}{key}: []", description)
        return lines
    if isinstance(value, dict):  # a font
        return [_with_comment(f"# {pad}{key}: {_font(value)}", description)]
    if value is None:
        return [_with_comment(f"# {pad}{key}: null", description)]
    return [_with_comment(f"# {pad}{key}: {_scalar(value)}", description)]


def _font(spec: dict[str, object]) -> str:
    """A font spec in flow style, with only what it sets; bundled fonts by file name, as themes write them."""
    parts = []
    for key, value in spec.items():
        if (
            value is None
            or (key == "optional" and value is False)
            or (key == "use" and value == "both")
            or (key == "margin" and not value)
        ):
            continue
        if isinstance(value, Path):
            value = _font_path(value)
        parts.append(f"{key}: {_scalar(value)}")
    return "{ " + ", ".join(parts) + " }"


def _font_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(fonts_dir().resolve()))
    except ValueError:
        return str(path)  # a font in the base theme's own folder: absolute, so the new theme finds it too


def _scalar(value: object) -> str:
    """A YAML scalar that reads back as `value`; quoted when plain text would not."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, Path):
        value = str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain = bool(text) and not text.startswith(("#", "{", "[", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`"))
    if plain and ": " not in text and " #" not in text and yaml.safe_load(text) == text:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _with_comment(line: str, description: str | None) -> str:
    return f"{line}  # {description}" if description else line


def _first_line(doc: str | None) -> str | None:
    return doc.strip().splitlines()[0] if doc else None


def _unwrap(annotation: object) -> object:
    """The model inside `Model | None`, for sections such as fonts.cjk_bold."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if isinstance(arg, type) and issubclass(arg, Model):
                return arg
    return annotation
