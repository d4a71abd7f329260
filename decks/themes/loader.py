"""Find and load themes: `--theme NAME` (./assets/themes, then built-ins) or a folder; follow `extends:`."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from decks.assets import fonts_dir, themes_dir
from decks.errors import ContentError, Problem, RecapError, for_terminal
from decks.model.typed import ValidationError
from decks.readers.validation import problems_from_validation
from decks.readers.yamlpos import Located, Path_, YamlProblems, decode, dotted, parse
from decks.safeio import ReadRefused, check_file, read_bounded
from decks.themes.model import Fonts, FontSpec, Theme

DEFAULT_THEME = "default"
THEME_FILE = "theme.yaml"
THEME_GROUP = "recap.themes"  # entry points of pip-installed themes
_MAX_DEPTH = 20  # themes in one extends chain; a longer chain is refused with its own message


class Layer(msgspec.Struct, frozen=True):
    """One theme file in an `extends` chain: where it is and what it said."""

    file: Path
    located: Located


def user_themes_dir() -> Path:
    """Themes a user keeps beside their content: ./assets/themes."""
    try:
        return Path.cwd() / "assets" / "themes"
    except OSError:  # the current folder was deleted: there are no user themes, only built-ins
        return Path("assets") / "themes"


def installed_themes() -> dict[str, Path]:
    """Themes installed with pip: entry points in the `recap.themes` group, each naming a package whose folder
    holds a theme.yaml (`neon = "recap_neon"`). The package is located, not imported."""
    from importlib.metadata import entry_points
    from importlib.util import find_spec

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
    if _probe((user_themes_dir() / name_or_path / THEME_FILE).is_file):
        return user_themes_dir() / name_or_path
    builtin = themes_dir() / name_or_path
    if "/" not in name_or_path and "\\" not in name_or_path:
        installed = installed_themes() if not _probe((builtin / THEME_FILE).is_file) else {}
        if name_or_path in installed:
            return installed[name_or_path]
        if _probe((builtin / THEME_FILE).is_file):
            return builtin
    candidate = Path(name_or_path)
    if _probe(candidate.is_dir):
        return candidate
    if candidate.name == THEME_FILE and _probe(candidate.is_file):
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
        if _probe((folder / THEME_FILE).is_file) or (folder.name == THEME_FILE and _probe(folder.is_file)):
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


def _probe(test: Callable[[], bool]) -> bool:
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


def theme_layers(theme: Theme) -> list[Layer]:
    """The files a loaded theme came from, child first, with positions: for checks that point at a key."""
    if theme.folder is None:
        return []
    return _read_chain(theme.folder)


def locate(layers: list[Layer], loc: Path_) -> tuple[str | None, int | None, int | None]:
    """(file, line, col) of the theme file that says the value at `loc`; all None without layers."""
    if not layers:
        return None, None, None
    layer = _owner(layers, loc)
    line, col = layer.located.where(loc) or (None, None)
    return str(layer.file), line, col


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
        files.update(layer.file.resolve() for layer in _read_chain(folder))
    for f in list(files):
        files.update(p for p in f.parent.iterdir() if p.is_file() and p.suffix in (".yaml", ".pptx", ".ttf"))
    return sorted(files)


def forget_themes() -> None:
    """Forget every theme loaded so far (they are kept by folder): the next `load_theme` reads the files again."""
    _load_theme_cached.cache_clear()


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
        problems = _located_problems(exc, layers)
        # Report every problem at once, as for content: font files too, when the fonts section itself is valid.
        with contextlib.suppress(ValidationError):
            problems.extend(_check_fonts(Fonts.model_validate(merged.get("fonts")), layers))
        problems.sort(key=lambda p: (p.file, p.line or 0, p.col or 0))
        raise ContentError(problems) from None
    theme = theme.model_copy(update={"folder": Path(folder)})
    problems = _check_fonts(theme.fonts, layers) + _check_template(theme, layers)
    problems.sort(key=lambda p: (p.file, p.line or 0, p.col or 0))
    if problems:
        raise ContentError(problems)
    return theme


def _read_chain(folder: Path) -> list[Layer]:
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
                if not _probe((current / THEME_FILE).is_file):  # else the error named a file in site-packages
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
            own, bundled = folder / spec["file"], fonts_dir() / spec["file"]
            # When neither exists, name the theme folder's path: that is where a user's own font belongs.
            spec["file"] = str(bundled if _probe(bundled.exists) and not _probe(own.exists) else own)
    slides = data.get("slides")
    if isinstance(slides, dict) and isinstance(slides.get("template"), str):
        slides["template"] = str(folder / slides["template"])


# Keys of which a mapping holds one: a font is a file or a system font, so a child naming one drops the base's other.
_ONE_OF = (frozenset({"file", "system"}),)
# What a font spec says about its file: a child naming another file (or system font) drops the base's, so
# chalkboard's Comic Neue titles are not named "Calibri" after default's Carlito (measured with one face, named
# as another).
_OF_THE_FILE = ("family", "margin")


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
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
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _owner(layers: list[Layer], loc: Path_) -> Layer:
    """The theme file that says the value at `loc` (the nearest child that names it)."""
    for n in range(len(loc), 0, -1):
        for layer in layers:
            if loc[:n] in layer.located.values:
                return layer
    return layers[0]


def _located_problems(exc: ValidationError, layers: list[Layer]) -> list[Problem]:
    problems: list[Problem] = []
    for layer in layers:
        mine = [e for e in exc.errors() if _owner(layers, tuple(e["loc"])) is layer]
        if mine:
            sub = ValidationError(exc.title, mine)
            problems.extend(problems_from_validation(sub, Theme, layer.located, str(layer.file)))
    return problems


def _check_fonts(fonts: Fonts, layers: list[Layer]) -> list[Problem]:
    """Font files must exist with TrueType outlines and required system fonts must be installed: checked at
    load time, so the problem points at the theme file rather than surfacing mid-render.
    """
    from decks.text.lookup import find_system_font
    from decks.text.sfnt import FontFileError, check_font_file

    problems: list[Problem] = []
    specs: list[tuple[Path_, FontSpec]] = []
    for role in ("heading", "body", "hand", "hand_bold", "cjk", "cjk_bold", "symbol", "emoji"):
        spec = getattr(fonts, role)
        if spec is not None:
            specs.append((("fonts", role), spec))
    specs.extend((("fonts", "fallbacks", i), spec) for i, spec in enumerate(fonts.fallbacks))
    specs.extend((("fonts", "languages", i), spec) for i, spec in enumerate(fonts.languages))
    for loc, spec in specs:
        if spec.file is not None:
            loc = (*loc, "file")
            try:
                check_file(spec.file, "font")
                check_font_file(spec.file)
                _parse_font(spec.file)
            except ReadRefused as err:
                if err.message.startswith("no such file"):
                    message, hint = f"font file not found: {spec.file}", "check the path (relative to the theme folder)"
                else:
                    message, hint = f"cannot use the font {spec.file.name}: {err.message}", err.hint
                problems.append(_problem_at(layers, loc, message, hint))
            except FontFileError as err:
                problems.append(_problem_at(layers, loc, str(err), err.hint))
        elif spec.system:
            if not spec.optional and find_system_font(spec.system) is None:
                problems.append(
                    _problem_at(
                        layers,
                        (*loc, "system"),
                        f"no font of the family '{spec.system}' is installed (fc-list does not list it)",
                        "install it, use file: with a .ttf, or add optional: true to skip it when missing",
                    )
                )
        else:
            problems.append(_problem_at(layers, loc, "a font needs file: or system:", "add one of them"))
    return problems


def _parse_font(path: Path) -> None:
    """Read the font's tables as layout will (their metrics are then cached), so that a font whose header is
    whole but whose tables are damaged is refused here, at its key, instead of crashing a render."""
    from decks.text.metrics import load_face
    from decks.text.sfnt import FontFileError

    try:
        load_face(path)
    except Exception as exc:  # fontTools raises many kinds for a damaged table; all mean "unusable"
        raise FontFileError(
            f"cannot read the font {path.name} (a table is damaged: {exc})", "use another copy of the font file"
        ) from None


def _check_template(theme: Theme, layers: list[Layer]) -> list[Problem]:
    """A slide template must be a whole PowerPoint package (.pptx or .potx) within the size budgets."""
    template = theme.slides.template
    if template is None:
        return []
    if not _probe(template.exists):
        trouble: tuple[str, str | None] | None = (
            f"template not found: {template}",
            "put the .pptx beside theme.yaml or fix the name",
        )
    else:
        trouble = template_problem(template)
    if trouble is None:
        return []
    loc = ("slides", "template")
    layer = _owner(layers, loc)
    line, col = layer.located.where(loc) or (None, None)
    return [Problem(str(layer.file), trouble[0], trouble[1], "slides.template", line, col)]


def template_problem(path: Path) -> tuple[str, str | None] | None:
    """(what, what to do) when `path` is not a PowerPoint package recap can take its layouts from, else None.

    Checked when the theme loads, so that `recap check` refuses what would crash `recap pptx`, by the deck plan's
    one reading of the package (`decks.readers.template`, kept for the plan that follows): a file that is not a
    zip, an empty zip, a zip whose parts unpack to more than the budget, a package without a presentation part.
    """
    from decks.readers.template import read_template

    try:
        check_file(path, "template")
        read_template(path)
    except ReadRefused as exc:
        return f"cannot use the template {path.name}: {exc.message}", exc.hint
    except ContentError as exc:
        problem = exc.problems[0]
        return problem.message, problem.hint
    return None


def _problem_at(layers: list[Layer], loc: Path_, message: str, hint: str | None) -> Problem:
    file, line, col = locate(layers, loc)
    return Problem(file or "theme", message, hint, dotted(loc), line, col)
