"""`recap docs [NAME]`: the docs that ship with recap (themes, design, the README ...), printed or opened."""

from __future__ import annotations

from pathlib import Path

import click

from decks.cli import console
from decks.errors import ExitCode, Problem, RecapError


def _complete_doc(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    from decks.assets import doc_files  # lazy: per command (cli start-up)

    return [name for name in doc_files() if name.startswith(incomplete.lower())]


@click.command(name="docs", short_help="Print recap's docs (themes, design, readme), or open them.")
@click.argument("name", required=False, shell_complete=_complete_doc)
@click.option("--open", "open_", is_flag=True, help="Open the file with your system's viewer instead of printing it.")
@click.option("--path", "path_only", is_flag=True, help="Print only the file's path.")
def docs_command(name: str | None, open_: bool, path_only: bool) -> None:
    """Print one of recap's docs (themes, design, readme ...); without NAME, list them and their folder."""
    from decks.assets import doc_files, docs_dir  # lazy: per command (cli start-up)

    docs = doc_files()
    if name is None:
        console.result(f"folder: {docs_dir()}")
        for short, doc in docs.items():
            console.result(f"{short}\t{_title(doc)}")
        console.note("print one with: recap docs NAME")
        return
    path = docs.get(name.lower().removesuffix(".md"))
    if path is None:
        raise RecapError(
            [Problem(name, "no such doc", f"use one of: {', '.join(docs)}")],
            ExitCode.USAGE,
        )
    if path_only:
        click.echo(str(path))
    elif open_:
        click.launch(str(path))
        console.result(str(path))
    else:
        click.echo(path.read_text(encoding="utf-8"), nl=False)


def _title(path: Path) -> str:
    """The doc's first heading, as its one-line description."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
    return path.name
