"""Find and load themes: `--theme NAME` (./assets/themes, then built-ins) or a folder; follow `extends:`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from decks.assets import fonts_dir, themes_dir
from decks.errors import ContentError, Problem
from decks.readers.validation import problems_from_validation
from decks.readers.yamlpos import Located, Path_, YamlProblems, decode, parse
from decks.themes.model import Theme

DEFAULT_THEME = "default"
THEME_FILE = "theme.yaml"
_MAX_DEPTH = 8


@dataclass(frozen=True)
class _Layer:
    """One theme file in an `extends` chain: where it is and what it said."""

    file: Path
    located: Located


def user_themes_dir() -> Path:
    """Themes a user keeps beside their content: ./assets/themes."""
    return Path.cwd() / "assets" / "themes"


def find_theme(name_or_path: str) -> Path:
    """The folder of a theme given by name or path; raises `ContentError` when there is none."""
    candidate = Path(name_or_path)
    if candidate.is_dir():
        return candidate
    if candidate.name == THEME_FILE and candidate.is_file():
        return candidate.parent
    for root in (user_themes_dir(), themes_dir()):
        folder = root / name_or_path
        if (folder / THEME_FILE).is_file():
            return folder
    known = ", ".join(sorted(available_themes())) or "none"
    raise ContentError(
        [Problem(name_or_path, "no such theme", f"use a theme folder or one of: {known} (see 'recap themes')")]
    )


def available_themes() -> dict[str, Path]:
    """Every theme by name; a user theme hides a built-in one of the same name."""
    found: dict[str, Path] = {}
    for root in (themes_dir(), user_themes_dir()):
        if root.is_dir():
            for folder in sorted(root.iterdir()):
                if (folder / THEME_FILE).is_file():
                    found[folder.name] = folder
    return found


def load_theme(name_or_path: str | None = None) -> Theme:
    """The validated theme, merged with everything it extends."""
    return _load_theme_cached(str(find_theme(name_or_path or DEFAULT_THEME).resolve()))


@cache
def _load_theme_cached(folder: str) -> Theme:
    layers = _read_chain(Path(folder))
    merged: dict[str, Any] = {}
    for layer in reversed(layers):  # base first, so the child's keys win
        merged = _merge(merged, layer.located.data)
    merged["name"] = layers[0].located.data.get("name") or Path(folder).name
    merged.pop("extends", None)
    merged["extends"] = layers[0].located.data.get("extends")
    try:
        theme = Theme.model_validate(merged)
    except ValidationError as exc:
        problems = []
        for problem in _located_problems(exc, layers):
            problems.append(problem)
        raise ContentError(problems) from None
    theme = theme.model_copy(update={"folder": Path(folder)})
    problems = _check_files(theme, layers)
    if problems:
        raise ContentError(problems)
    return theme


def _read_chain(folder: Path) -> list[_Layer]:
    """The theme file and those it extends, child first."""
    layers: list[_Layer] = []
    seen: set[Path] = set()
    current: Path | None = folder
    while current is not None:
        file = (current / THEME_FILE).resolve()
        if file in seen or len(layers) >= _MAX_DEPTH:
            raise ContentError(
                [Problem(str(file), "themes extend each other in a loop", "make one of them extend a built-in")]
            )
        seen.add(file)
        try:
            located = parse(decode(file.read_bytes(), str(file)), str(file))
        except YamlProblems as exc:
            raise ContentError(exc.problems) from None
        except OSError as exc:
            raise ContentError([Problem(str(file), f"cannot read it ({exc.strerror})", "check the path")]) from None
        if not isinstance(located.data, dict):
            raise ContentError(
                [
                    Problem(
                        str(file),
                        "a theme file holds keys and values",
                        "start with 'extends: default'",
                        line=1,
                    )
                ]
            )
        _resolve_paths(located.data, file.parent)
        layers.append(_Layer(file, located))
        parent = located.data.get("extends")
        if parent is None:
            current = None
        elif not isinstance(parent, str):
            line, col = located.where(("extends",)) or (None, None)
            raise ContentError(
                [Problem(str(file), "extends names a theme", "write extends: default", "extends", line, col)]
            )
        else:
            if parent == current.name and current.parent == user_themes_dir():
                current = themes_dir() / parent  # a user theme may extend the built-in of its own name
            else:
                try:
                    current = find_theme(parent)
                except ContentError:
                    line, col = located.where(("extends",)) or (None, None)
                    known = ", ".join(sorted(available_themes()))
                    raise ContentError(
                        [
                            Problem(
                                str(file),
                                f"no theme named '{parent}'",
                                f"use one of: {known}",
                                "extends",
                                line,
                                col,
                            )
                        ]
                    ) from None
    return layers


def _resolve_paths(data: dict[str, Any], folder: Path) -> None:
    """Make font and template paths absolute: relative to the theme folder, else to assets/fonts."""
    fonts = data.get("fonts")
    specs: list[dict[str, Any]] = []
    if isinstance(fonts, dict):
        for value in fonts.values():
            if isinstance(value, dict):
                specs.append(value)
            elif isinstance(value, list):
                specs.extend(v for v in value if isinstance(v, dict))
    for spec in specs:
        if isinstance(spec.get("file"), str):
            own = folder / spec["file"]
            spec["file"] = str(own if own.exists() else fonts_dir() / spec["file"])
    slides = data.get("slides")
    if isinstance(slides, dict) and isinstance(slides.get("template"), str):
        slides["template"] = str(folder / slides["template"])


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Child keys override base keys; mappings merge key by key; lists and scalars are replaced."""
    out = dict(base)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _owner(layers: list[_Layer], loc: Path_) -> _Layer:
    """The theme file that says the value at `loc` (the nearest child that names it)."""
    for n in range(len(loc), 0, -1):
        for layer in layers:
            if loc[:n] in layer.located.values:
                return layer
    return layers[0]


def _located_problems(exc: ValidationError, layers: list[_Layer]) -> list[Problem]:
    problems: list[Problem] = []
    for layer in layers:
        mine = [e for e in exc.errors() if _owner(layers, tuple(e["loc"])) is layer]
        if mine:
            sub = ValidationError.from_exception_data(exc.title, mine)  # type: ignore[arg-type]
            problems.extend(problems_from_validation(sub, Theme, layer.located, str(layer.file)))
    return problems


def _check_files(theme: Theme, layers: list[_Layer]) -> list[Problem]:
    """Font files must exist with TrueType outlines; a template must exist."""
    from decks.text.fonts import FontFileError, check_font_file

    problems: list[Problem] = []
    checks: list[tuple[Path_, Path]] = []
    for role in ("heading", "body", "hand", "hand_bold", "cjk", "cjk_bold", "symbol"):
        spec = getattr(theme.fonts, role)
        if spec is not None and spec.file is not None:
            checks.append((("fonts", role, "file"), spec.file))
    for i, spec in enumerate(theme.fonts.fallbacks):
        if spec.file is not None:
            checks.append((("fonts", "fallbacks", i, "file"), spec.file))
    for loc, path in checks:
        layer = _owner(layers, loc)
        line, col = layer.located.where(loc) or (None, None)
        field = ".".join(str(p) for p in loc)
        try:
            check_font_file(path)
        except FontFileError as err:
            problems.append(Problem(str(layer.file), str(err), err.hint, field, line, col))
    if theme.slides.template is not None and not theme.slides.template.is_file():
        loc = ("slides", "template")
        layer = _owner(layers, loc)
        line, col = layer.located.where(loc) or (None, None)
        problems.append(
            Problem(
                str(layer.file),
                f"template not found: {theme.slides.template}",
                "put the .pptx beside theme.yaml or fix the name",
                "slides.template",
                line,
                col,
            )
        )
    return problems
