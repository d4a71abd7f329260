"""`recap check`: what can be known about a content file before rendering, given a theme.

Validation itself happens when the content is read; this adds what needs the theme: characters no font
of the theme can draw, and (from decks.themes.contrast) colour pairs that are hard to read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from decks.errors import Problem
from decks.model import Recap
from decks.model.paths import dotted
from decks.plan.coverage import describe_char, missing_glyphs
from decks.readers.yamlpos import Located
from decks.text.scripts import install_hint
from decks.themes.model import Theme


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)  # what the theme's template gives each slide kind


def check_all(
    recap: Recap, theme: Theme, path: Path, located: Located | None = None, allow_missing_glyphs: bool = False
) -> Report:
    """Glyph coverage and colour contrast for `recap` in `theme`; `located` places glyph problems in the file.

    A character no font has is a problem (it would be an empty box in every output), or only a warning with
    `allow_missing_glyphs`.
    """
    report = Report()
    theme_file = theme.folder / "theme.yaml" if theme.folder else theme.name
    for where, ch in missing_glyphs(recap, theme):
        line, col = (located.where(where) if located else None) or (None, None)
        problem = Problem(
            str(path),
            f"no font of theme '{theme.name}' ({theme_file}) has {describe_char(ch)}, so it would show as a box",
            install_hint(ch),
            dotted(where),
            line,
            col,
        )
        if allow_missing_glyphs:
            report.warnings.append(str(problem))
        else:
            report.problems.append(problem)
    from decks.plan import deck_too_big
    from decks.plan.template import template_report

    too_big = deck_too_big(recap)
    if too_big:  # still a valid recap: the sketchnote abridges it; only the deck refuses it
        report.warnings.append(
            f"{path}: {too_big}: recap pptx, slides and html will refuse it; split it into several files"
        )

    report.info, problems = template_report(theme)
    report.problems.extend(problems)
    try:
        from decks.themes.contrast import contrast_problems
    except ImportError:  # contrast checks arrive with the themes work
        return report
    report.problems.extend(contrast_problems(theme))
    return report
