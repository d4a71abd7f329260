"""Load a theme: `--theme NAME` (./assets/themes, then installed, then built-ins) or a folder, with everything it
extends merged in, validated, and its files checked; each loaded theme kept by folder until `forget_themes`."""

from __future__ import annotations

import contextlib
from functools import cache
from pathlib import Path

from decks.errors import ContentError, Problem, RecapError
from decks.model.typed import ValidationError
from decks.readers.validation import problems_from_validation
from decks.themes.chain import Layer, merge, owner, read_chain
from decks.themes.filecheck import check_fonts, check_template
from decks.themes.folders import THEME_FILE, find_theme
from decks.themes.model import Fonts, Theme

DEFAULT_THEME = "default"


def load_theme(name_or_path: str | None = None) -> Theme:
    """The validated theme, merged with everything it extends."""
    return _load_theme_cached(str(find_theme(name_or_path or DEFAULT_THEME).resolve()))


def theme_files(name_or_path: str | None = None) -> list[Path]:
    """The files a theme is made from, sorted: each theme file of its `extends` chain (as far as the chain can be
    read) and the YAML, PPTX and font files beside them. A process that keeps a theme (`recap watch`) watches
    these, and calls `forget_themes` when one changed."""
    folder = find_theme(name_or_path or DEFAULT_THEME).resolve()
    files = {folder / THEME_FILE}
    with contextlib.suppress(RecapError):  # a broken chain: loading reports it; the folder is still watched
        files.update(layer.file.resolve() for layer in read_chain(folder))
    for f in list(files):
        files.update(p for p in f.parent.iterdir() if p.is_file() and p.suffix in (".yaml", ".pptx", ".ttf"))
    return sorted(files)


def forget_themes() -> None:
    """Forget every theme loaded so far (they are kept by folder): the next `load_theme` reads the files again."""
    _load_theme_cached.cache_clear()


@cache
def _load_theme_cached(folder: str) -> Theme:
    layers = read_chain(Path(folder))
    merged: dict[str, object] = {}
    for layer in reversed(layers):  # base first, so the child's keys win
        merged = merge(merged, layer.data)
    merged["name"] = layers[0].data.get("name") or Path(folder).name
    merged.pop("extends", None)
    merged["extends"] = layers[0].data.get("extends")
    try:
        theme = Theme.model_validate(merged)
    except ValidationError as exc:
        problems = _located_problems(exc, layers)
        # Report every problem at once, as for content: font files too, when the fonts section itself is valid.
        with contextlib.suppress(ValidationError):
            problems.extend(check_fonts(Fonts.model_validate(merged.get("fonts")), layers))
        problems.sort(key=lambda p: (p.file, p.line or 0, p.col or 0))
        raise ContentError(problems) from None
    theme = theme.model_copy(update={"folder": Path(folder)})
    problems = check_fonts(theme.fonts, layers) + check_template(theme, layers)
    problems.sort(key=lambda p: (p.file, p.line or 0, p.col or 0))
    if problems:
        raise ContentError(problems)
    return theme


def _located_problems(exc: ValidationError, layers: list[Layer]) -> list[Problem]:
    problems: list[Problem] = []
    for layer in layers:
        mine = [e for e in exc.errors() if owner(layers, tuple(e["loc"])) is layer]
        if mine:
            sub = ValidationError(exc.title, mine)
            problems.extend(problems_from_validation(sub, Theme, layer.located, str(layer.file)))
    return problems
