"""The talk a command works on: its content file (or the bundled example) and the theme it is shown in, and the
theme names a shell completes for `--theme`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import click
    from click.shell_completion import CompletionItem

    from decks.model import Recap
    from decks.themes.model import Theme


def load_talk(content: Path | None) -> tuple[Recap, Path]:
    from decks.assets import example_content  # lazy: per command (cli start-up)
    from decks.readers.content import load_content  # lazy: per command (cli start-up)

    path = content or example_content()
    return load_content(path), path


def talk_theme(name: str | None, recap: Recap | None = None, content: Path | None = None) -> Theme:
    """The theme `--theme` names, else the one the content's `theme:` names (relative to the content file)."""
    from decks.themes.folders import theme_in_content  # lazy: per command (cli start-up)
    from decks.themes.loader import load_theme  # lazy: per command (cli start-up)

    if name is None and recap is not None and recap.theme is not None and content is not None:
        name = theme_in_content(recap.theme, content)
    return load_theme(name)


def complete_theme(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Theme names for shell completion (decks.cli.completion, imported only when the shell asks)."""
    from decks.cli.completion import complete_theme as complete  # lazy: per command (cli start-up)

    return complete(ctx, param, incomplete)
