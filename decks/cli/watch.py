"""`recap watch`: serve a live preview of a content file on the loopback address and reload it on every save.

The command imports the preview (and with it the renderers) only when it runs, so listing commands stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from decks.options import OptionValue


def _with_sketch_options(command: click.Command) -> click.Command:
    """The sketch's own options (`--layout`, `--paper`, `--orientation` ...), as `recap pdf` has them."""
    from decks.cli.stageopts import click_option  # lazy: per command (cli start-up)
    from decks.plan import SKETCH_OPTIONS  # lazy: per command (cli start-up)

    command.params += [click_option(opt) for opt in SKETCH_OPTIONS]
    return command


@_with_sketch_options
@click.command()
@click.argument("content", required=False, type=click.Path(path_type=Path))
@click.option("--theme", default=None, help="A theme name (see 'recap themes') or a theme folder.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="The port (default: a free one).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the web browser.")
def watch(
    content: Path | None, theme: str | None, port: int, open_browser: bool, **sketch_options: OptionValue
) -> None:
    """Serve a live preview (slides, notes, sketchnote) at http://127.0.0.1:PORT/ that reloads when the content
    file, its pictures or the theme change; problems show in the page and here. Ctrl-C stops it.

    CONTENT is the content file (YAML). Without it, the bundled TF Dev Summit 2019 example."""
    from decks.assets import example_content  # lazy: per command (cli start-up)
    from decks.errors import ContentError, OutputError, Problem  # lazy: per command (cli start-up)
    from decks.plan import sketch_options as checked  # lazy: per command (cli start-up)
    from decks.preview.server import serve  # lazy: per command (cli start-up)
    from decks.preview.session import Session  # lazy: per command (cli start-up)
    from decks.safeio import ReadRefused, check_file  # lazy: per command (cli start-up)

    path = content or example_content()
    try:  # a FIFO, a folder or a missing file: exit 1 with what it is, as every other command says it
        check_file(path, "content")
    except ReadRefused as exc:
        raise ContentError([Problem(str(path), exc.message, "give a content file (.yaml)")]) from None
    given = {name: value for name, value in sketch_options.items() if value not in (None, False)}
    session = Session(
        path,
        theme,
        echo=lambda line: click.echo(line, err=not line.startswith(("preview", "updated"))),
        sketch_options=checked(given),
    )
    try:
        serve(session, port, open_browser)
    except OSError as exc:
        raise OutputError(
            [Problem(f"127.0.0.1:{port}", f"cannot listen there ({exc.strerror or exc})", "choose another --port")]
        ) from None
    click.echo("stopped", err=True)
