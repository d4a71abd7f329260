"""A theme's `extends:` chain: its theme files read child first, paths made absolute, merged into one mapping, and
which file of the chain says a value (for problems that point at a key)."""

from __future__ import annotations

from pathlib import Path

import msgspec

from decks.assets import fonts_dir, themes_dir
from decks.errors import ContentError, Problem
from decks.readers.yamlpos import Located, Path_, YamlProblems, decode, parse
from decks.safeio import ReadRefused, read_bounded
from decks.themes.folders import THEME_FILE, available_themes, find_theme, probe, user_themes_dir
from decks.themes.model import Theme

_MAX_DEPTH = 20  # themes in one extends chain; a longer chain is refused with its own message


class Layer(msgspec.Struct, frozen=True):
    """One theme file in an `extends` chain: where it is and what it said."""

    file: Path
    located: Located

    @property
    def data(self) -> dict[str, object]:
        """What the file said: a mapping (`read_chain` refuses a theme file that holds anything else)."""
        data = self.located.data
        assert isinstance(data, dict)
        return data


def theme_layers(theme: Theme) -> list[Layer]:
    """The files a loaded theme came from, child first, with positions: for checks that point at a key."""
    if theme.folder is None:
        return []
    return read_chain(theme.folder)


def locate(layers: list[Layer], loc: Path_) -> tuple[str | None, int | None, int | None]:
    """(file, line, col) of the theme file that says the value at `loc`; all None without layers."""
    if not layers:
        return None, None, None
    layer = owner(layers, loc)
    line, col = layer.located.where(loc) or (None, None)
    return str(layer.file), line, col


def read_chain(folder: Path) -> list[Layer]:
    """The theme file and those it extends, child first."""
    layers: list[Layer] = []
    seen: set[Path] = set()
    current: Path | None = folder
    while current is not None:
        file = (current / THEME_FILE).resolve()
        if file in seen:
            chain = " -> ".join(layer.file.parent.name for layer in layers) + f" -> {file.parent.name}"
            raise ContentError(
                [
                    Problem(
                        str(file), f"themes extend each other in a loop ({chain})", "make one of them extend a built-in"
                    )
                ]
            )
        if len(layers) >= _MAX_DEPTH:
            raise ContentError(
                [
                    Problem(
                        str(layers[0].file),
                        f"the themes extend each other more than {_MAX_DEPTH} deep",
                        "make a theme nearer the start extend a built-in",
                    )
                ]
            )
        seen.add(file)
        try:
            located = parse(decode(read_bounded(file, "theme"), str(file)), str(file))
        except YamlProblems as exc:
            raise ContentError(exc.problems) from None
        except ReadRefused as exc:
            raise ContentError([Problem(str(file), exc.message, exc.hint)]) from None
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
        layers.append(Layer(file, located))
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
                if not probe((current / THEME_FILE).is_file):  # else the error named a file in site-packages
                    line, col = located.where(("extends",)) or (None, None)
                    builtins = ", ".join(sorted(p.name for p in themes_dir().iterdir() if (p / THEME_FILE).is_file()))
                    raise ContentError(
                        [
                            Problem(
                                str(file),
                                f"this theme extends itself ('{parent}'), and no built-in theme has that name",
                                f"extend a built-in theme: {builtins}",
                                "extends",
                                line,
                                col,
                            )
                        ]
                    )
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


def _resolve_paths(data: dict[str, object], folder: Path) -> None:
    """Make font and template paths absolute: relative to the theme folder, else to assets/fonts."""
    fonts = data.get("fonts")
    specs: list[dict[str, object]] = []
    if isinstance(fonts, dict):
        for value in fonts.values():
            if isinstance(value, dict):
                specs.append(value)
            elif isinstance(value, list):
                specs.extend(v for v in value if isinstance(v, dict))
    for spec in specs:
        file = spec.get("file")
        if isinstance(file, str):
            own, bundled = folder / file, fonts_dir() / file
            # When neither exists, name the theme folder's path: that is where a user's own font belongs.
            spec["file"] = str(bundled if probe(bundled.exists) and not probe(own.exists) else own)
    slides = data.get("slides")
    template = slides.get("template") if isinstance(slides, dict) else None
    if isinstance(slides, dict) and isinstance(template, str):
        slides["template"] = str(folder / template)


# Keys of which a mapping holds one: a font is a file or a system font, so a child naming one drops the base's other.
_ONE_OF = (frozenset({"file", "system"}),)
# What a font spec says about its file: a child naming another file (or system font) drops the base's, so
# chalkboard's Comic Neue titles are not named "Calibri" after default's Carlito (measured with one face, named
# as another).
_OF_THE_FILE = ("family", "margin")


def merge(base: dict[str, object], child: dict[str, object]) -> dict[str, object]:
    """Child keys override base keys; mappings merge key by key; lists and scalars are replaced. A child that
    names one of a set of exclusive keys (a font's `file` or `system`) replaces the base's choice of them, and
    what the base said of its font (`family`, `margin`)."""
    out = dict(base)
    for group in _ONE_OF:
        named = group & child.keys()
        if named:
            for key in (*(group - named), *_OF_THE_FILE):
                if key not in child:
                    out.pop(key, None)
    for key, value in child.items():
        had = out.get(key)
        if isinstance(value, dict) and isinstance(had, dict):
            out[key] = merge(had, value)
        else:
            out[key] = value
    return out


def owner(layers: list[Layer], loc: Path_) -> Layer:
    """The theme file that says the value at `loc` (the nearest child that names it)."""
    for n in range(len(loc), 0, -1):
        for layer in layers:
            if loc[:n] in layer.located.values:
                return layer
    return layers[0]
