"""`recap import POST`: a recap blog post in Markdown read (a file or standard input) and written as a content file
beside its schema, with the importer's warnings and a note of what is left to review."""

from __future__ import annotations

from pathlib import Path

import click

from decks.cli import console
from decks.cli.console import count
from decks.errors import ExitCode, RecapError


@click.command(name="import", short_help="Turn a recap blog post in Markdown into a content file.")
@click.argument("post", type=click.Path(path_type=Path))  # a missing post, a folder or a FIFO: exit 1, located
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Where to write the content file (default: POST's name with .yaml, in the current folder).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def import_command(post: Path, output: Path | None, force: bool) -> None:
    """Turn a recap blog post in Markdown into a content file to edit and render.

    POST may be - for standard input; the content then goes to standard output unless -o names a file, as
    -o - sends it there in any case (pictures are then found from the current folder)."""
    from decks.cli.editor import SCHEMA_COMMENT, write_schema_beside  # lazy: per command (cli start-up)
    from decks.cli.output import (  # lazy: per command (cli start-up)
        current_folder,
        suggested_name,
        write_atomic,
        write_stdout,
    )
    from decks.errors import OutputError, Problem  # lazy: per command (cli start-up)
    from decks.readers.markdown import import_markdown  # lazy: per command (cli start-up)
    from decks.readers.yamlpos import YamlProblems, decode  # lazy: per command (cli start-up)
    from decks.safeio import (  # lazy: per command (cli start-up)
        ReadRefused,
        check_file,
        read_bounded,
        read_stdin_bounded,
    )

    from_stdin = str(post) == "-"
    to_stdout = (output is not None and str(output) == "-") or (output is None and from_stdin)
    name = "<stdin>" if from_stdin else str(post)
    try:  # the post first: a FIFO or a folder is what is wrong, whatever the output's name
        if not from_stdin:
            check_file(post, "post")
    except ReadRefused as exc:
        raise RecapError([Problem(name, exc.message, exc.hint)], ExitCode.CONTENT) from None
    target = None
    if not to_stdout:
        stem = "post" if from_stdin else post.stem
        target = output or current_folder(stem + ".yaml") / (stem + ".yaml")
        if target.suffix not in (".yaml", ".yml"):
            suggested = suggested_name(target, ".yaml", stem)
            raise OutputError([Problem(str(target), "the output must end in .yaml", f"name it {suggested}")])
        if target.exists() and not force:
            raise OutputError([Problem(str(target), "already exists", "pass --force to replace it, or use -o")])

    try:
        raw = read_stdin_bounded("post") if from_stdin else read_bounded(post, "post")
        text = decode(raw, name, "a Markdown text file (.md)")
    except ReadRefused as exc:
        raise RecapError([Problem(name, exc.message, exc.hint)], ExitCode.CONTENT) from None
    except YamlProblems as exc:
        raise RecapError(exc.problems, ExitCode.CONTENT) from None
    base = Path.cwd() if from_stdin else post.parent
    result = import_markdown(text, source_name=name, base_dir=base, output_dir=target.parent if target else Path.cwd())
    console.warnings(result.warnings)
    data = (SCHEMA_COMMENT + result.yaml_text).encode("utf-8")  # the editor's schema, as recap new
    if target is None:
        write_stdout(data)
    else:
        write_atomic(target, data)
        write_schema_beside(target)
        console.result(str(target))
    if result.markers:
        where = target or "the content"
        console.note(
            f"{count(result.markers, 'TODO or check: comment')} left in {where} to review; "
            f"`recap check --strict {target or 'FILE'}` fails until they are done"
        )
