"""`recap check`: what can be known about a content file before rendering, given a theme.

Validation itself happens when the content is read; this adds what needs the theme: characters no font
of the theme draws in some output (slides or sketchnote), words drawn in more than one face (warnings),
(from decks.themes.contrast) colour pairs that are hard to read, and a language recap has no words for
(decks.i18n.untranslated).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from decks.errors import Problem
from decks.i18n import untranslated
from decks.model import Recap
from decks.model.paths import dotted
from decks.plan import deck_too_big
from decks.plan.coverage import describe_char, missing_glyphs, mixed_words
from decks.plan.template_fonts import template_report
from decks.readers.yamlpos import Located
from decks.text.scripts import install_hint
from decks.themes.contrast import contrast_problems
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
    report.warnings += _mixed_word_warnings(recap, theme, path, located)

    words = untranslated(recap.language)
    if words:  # the same one warning every render command gives
        report.warnings.append(f"{path}: {words}")
    too_big = deck_too_big(recap)
    if too_big:  # still a valid recap: the sketchnote abridges it; only the deck refuses it
        report.warnings.append(
            f"{path}: {too_big}: recap pptx, slides and html will refuse it; split it into several files"
        )

    report.info, problems = template_report(theme)
    report.problems.extend(problems)
    report.problems.extend(contrast_problems(theme))
    return report


# One warning for each of this many words a stack mixes faces in; the rest are counted.
MIXED_WORDS_SHOWN = 5


def _mixed_word_warnings(recap: Recap, theme: Theme, path: Path, located: Located | None) -> list[str]:
    """A warning for each word a stack draws in more than one face (its first place), a few per stack."""
    out: list[str] = []
    by_role: dict[str, int] = {}
    for mixed in mixed_words(recap, theme):
        by_role[mixed.role] = by_role.get(mixed.role, 0) + 1
        if by_role[mixed.role] <= MIXED_WORDS_SHOWN:
            line, col = (located.where(mixed.where) if located else None) or (None, None)
            out.append(str(Problem(str(path), mixed.describe(), mixed.hint(), dotted(mixed.where), line, col)))
    for role, count in by_role.items():
        if count > MIXED_WORDS_SHOWN:
            out.append(f"{path}: {count - MIXED_WORDS_SHOWN} more words are drawn in more than one face in the {role}")
    return out
