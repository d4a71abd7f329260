"""Where themes are: a theme's name or path to its folder (./assets/themes, installed with pip, built in), the
`theme:` a content file names, and the list `recap themes` prints."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path

from decks.assets import themes_dir
from decks.errors import ContentError, Problem, for_terminal
from decks.readers.yamlpos import YamlProblems, decode, parse
from decks.safeio import ReadRefused, read_bounded

THEME_FILE = "theme.yaml"


THEME_GROUP = "recap.themes"  # entry points of pip-installed themes


def user_themes_dir() -> Path:
    """Themes a user keeps beside their content: ./assets/themes."""
    try:
        return Path.cwd() / "assets" / "themes"
    except OSError:  # the current folder was deleted: there are no user themes, only built-ins
        return Path("assets") / "themes"


def installed_themes() -> dict[str, Path]:
    """Themes installed with pip: entry points in the `recap.themes` group, each naming a package whose folder
    holds a theme.yaml (`neon = "recap_neon"`). The package is located, not imported."""

    from importlib.metadata import entry_points  # lazy: a render in a built-in theme never asks (~20 ms of import)

    found: dict[str, Path] = {}
    for ep in sorted(entry_points(group=THEME_GROUP), key=lambda e: e.name):
        try:
            spec = find_spec(ep.value.partition(":")[0].strip())
        except (ImportError, ValueError):
            continue
        for location in (spec.submodule_search_locations or []) if spec else []:
            if (Path(location) / THEME_FILE).is_file():
                found[ep.name] = Path(location)
                break
    return found


def find_theme(name_or_path: str) -> Path:
    """The folder of a theme given by name or path; raises `ContentError` when there is none.

    A name is looked up in ./assets/themes, then among installed themes, then the built-ins; only then is it
    taken as a folder, so a folder ./NAME that happens to exist does not hide the theme NAME."""
    if probe((user_themes_dir() / name_or_path / THEME_FILE).is_file):
        return user_themes_dir() / name_or_path
    builtin = themes_dir() / name_or_path
    if "/" not in name_or_path and "\\" not in name_or_path:
        installed = installed_themes() if not probe((builtin / THEME_FILE).is_file) else {}
        if name_or_path in installed:
            return installed[name_or_path]
        if probe((builtin / THEME_FILE).is_file):
            return builtin
    candidate = Path(name_or_path)
    if probe(candidate.is_dir):
        return candidate
    if candidate.name == THEME_FILE and probe(candidate.is_file):
        return candidate.parent
    known = ", ".join(sorted(available_themes())) or "none"
    raise ContentError(
        [Problem(name_or_path, "no such theme", f"use a theme folder or one of: {known} (see 'recap themes')")]
    )


def theme_in_content(value: str, content: Path) -> str:
    """What a content file's `theme:` names, for `load_theme`: a theme name found as `--theme` finds one, else a
    folder relative to the content file (not to the current folder) or a theme in its ./assets/themes; a
    ContentError at the `theme:` line when it names none of them."""
    if "/" not in value and "\\" not in value:
        with contextlib.suppress(ContentError):
            if find_theme(value) != Path(value):  # a theme of that name, not a folder in the current one
                return value
    # A folder beside the content file, or a theme of that name in the ./assets/themes beside it (run from
    # another folder, the talk still finds the themes kept with it).
    for folder in (content.parent / value, content.parent / "assets" / "themes" / value):
        if probe((folder / THEME_FILE).is_file) or (folder.name == THEME_FILE and probe(folder.is_file)):
            return str(folder)
    known = ", ".join(sorted(available_themes())) or "none"
    line = col = None
    with contextlib.suppress(ReadRefused, YamlProblems):
        located = parse(decode(read_bounded(content, "content"), str(content)), str(content), keep_going=True)
        line, col = located.where(("theme",)) or (None, None)
    raise ContentError(
        [
            Problem(
                str(content),
                f"no such theme: {value}",
                f"name one of: {known} (see 'recap themes'), or a folder holding theme.yaml, relative to this file",
                line=line,
                col=col,
                field="theme",
            )
        ]
    )


def probe(test: Callable[[], bool]) -> bool:
    """A path test that is False, not an error, for a name too long for the file system or holding a NUL."""
    try:
        return test()
    except (OSError, ValueError):
        return False


def available_themes() -> dict[str, Path]:
    """Every theme by name; a user theme hides an installed or built-in one of the same name, and a built-in one
    hides an installed one (as `find_theme` looks them up)."""
    found: dict[str, Path] = dict(installed_themes())
    for root in (themes_dir(), user_themes_dir()):
        if root.is_dir():
            for folder in sorted(root.iterdir()):
                if (folder / THEME_FILE).is_file():
                    found[folder.name] = folder
    return found


def name_is_user(folder: Path) -> bool:
    """Whether a theme folder is one of the user's, under ./assets/themes."""
    return folder.resolve().parent == user_themes_dir().resolve()


def describe_themes() -> list[tuple[str, str, str]]:
    """(name, description, 'built-in' or 'user') for each theme, read cheaply: a broken theme still lists."""
    rows: list[tuple[str, str, str]] = []
    builtin = themes_dir().resolve()
    for name, folder in sorted(available_themes().items()):
        kind = "built-in" if folder.resolve().parent == builtin else "user" if name_is_user(folder) else "installed"
        try:
            data = parse(decode(read_bounded(folder / THEME_FILE, "theme"), name), name).data
        except (YamlProblems, ReadRefused):
            rows.append((name, "(cannot be read; see 'recap check --theme " + name + "')", kind))
            continue
        data = data if isinstance(data, dict) else {}
        # The file's own description: an inherited one would describe the base, not this theme.
        description = data.get("description")
        if not isinstance(description, str):
            parent = data.get("extends")
            description = f"extends {parent}" if isinstance(parent, str) else ""
        rows.append((for_terminal(name), for_terminal(" ".join(description.split())), kind))  # printed as is
    return rows
