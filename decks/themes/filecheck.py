"""The files a theme names, checked when it loads: font files that exist and parse, system fonts that are
installed, a slide template that is a whole PowerPoint package. Each problem points at the key that names the file,
so it is not met mid-render."""

from __future__ import annotations

from pathlib import Path

from decks.errors import ContentError, Problem
from decks.readers.yamlpos import Path_, dotted
from decks.safeio import ReadRefused, check_file
from decks.text.lookup import find_system_font
from decks.text.metrics import load_face
from decks.text.sfnt import FontFileError, check_font_file
from decks.themes.chain import Layer, locate, owner
from decks.themes.folders import probe
from decks.themes.model import Fonts, FontSpec, Theme


def check_fonts(fonts: Fonts, layers: list[Layer]) -> list[Problem]:
    """Font files must exist with TrueType outlines and required system fonts must be installed: checked at
    load time, so the problem points at the theme file rather than surfacing mid-render.
    """

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

    try:
        load_face(path)
    except Exception as exc:  # fontTools raises many kinds for a damaged table; all mean "unusable"
        raise FontFileError(
            f"cannot read the font {path.name} (a table is damaged: {exc})", "use another copy of the font file"
        ) from None


def check_template(theme: Theme, layers: list[Layer]) -> list[Problem]:
    """A slide template must be a whole PowerPoint package (.pptx or .potx) within the size budgets."""
    template = theme.slides.template
    if template is None:
        return []
    if not probe(template.exists):
        trouble: tuple[str, str | None] | None = (
            f"template not found: {template}",
            "put the .pptx beside theme.yaml or fix the name",
        )
    else:
        trouble = template_problem(template)
    if trouble is None:
        return []
    loc = ("slides", "template")
    layer = owner(layers, loc)
    line, col = layer.located.where(loc) or (None, None)
    return [Problem(str(layer.file), trouble[0], trouble[1], "slides.template", line, col)]


def template_problem(path: Path) -> tuple[str, str | None] | None:
    """(what, what to do) when `path` is not a PowerPoint package recap can take its layouts from, else None.

    Checked when the theme loads, so that `recap check` refuses what would crash `recap pptx`, by the deck plan's
    one reading of the package (`decks.readers.template`, kept for the plan that follows): a file that is not a
    zip, an empty zip, a zip whose parts unpack to more than the budget, a package without a presentation part.
    """

    try:
        # lazy: lxml reads a template, and only a theme with one needs it (`recap pdf` loads none: test_pdf.py)
        from decks.readers.template import read_template

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
