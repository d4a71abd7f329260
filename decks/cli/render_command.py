"""`recap NAME` for each installed renderer: its options (the renderer's and its stage's), and the run that loads
the talk, renders it and writes the file (or standard output, or again on every save with --watch).

The renderer's class is imported only when its command runs; listing the commands needs only its summary.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from decks.cli import console
from decks.cli.stageopts import click_option
from decks.cli.talk import complete_theme, load_talk, talk_theme
from decks.errors import ExitCode, RecapError

if TYPE_CHECKING:
    from decks.options import OptionValue
    from decks.renderers.base import Plugin

CONTENT_HELP = "The content file (YAML). Without it, the bundled TF Dev Summit 2019 example."


def renderer_summary(entry: Plugin) -> str | None:
    """A renderer's `description` for `recap --help`: its class is imported (only --help and shell completion
    list renderers; a broken plugin gives None, and its command says why when it runs)."""
    from decks.renderers.base import load  # lazy: per command (cli start-up)

    try:
        description = getattr(load(entry), "description", None)
    except Exception:  # a broken third-party plugin must not break the listing
        return None
    return description if isinstance(description, str) and description else None


def renderer_command(name: str, entry: Plugin) -> click.Command:
    """A `recap NAME` command for a renderer; its class is imported only when the command runs."""
    from decks.renderers.base import load  # lazy: per command (cli start-up)

    try:
        renderer_cls = load(entry)
    except Exception as exc:  # a broken third-party plugin must not break the whole CLI
        message = f"the renderer '{name}' ({entry.value}) cannot be loaded: {exc}"

        @click.command(
            name=name,
            help=f"(broken plugin) {message}",
            context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
        )
        def broken() -> None:
            raise RecapError(message, ExitCode.INTERNAL)

        return broken

    params: list[click.Parameter] = [
        click.Argument(["content"], required=False, type=click.Path(path_type=Path)),
        click.Option(
            ["-o", "--output"],
            type=click.Path(path_type=Path),
            help=f"Where to write the {renderer_cls.suffix} file (default: CONTENT's name with "
            f"{renderer_cls.default_suffix or renderer_cls.suffix}, in the current folder).",
        ),
        click.Option(
            ["--force"],
            is_flag=True,
            help=f"Replace the output even if it was not made by recap {name} (another command, another program, "
            "or edited since).",
        ),
        click.Option(
            ["--theme"],
            default=None,
            shell_complete=complete_theme,
            help="A theme name (see 'recap themes') or a theme folder.",
        ),
        click.Option(
            ["--watch"],
            is_flag=True,
            help="Write the file again on every save of the content, its pictures or the theme; Ctrl-C stops.",
        ),
    ]
    from decks.plan import SKETCH_OPTIONS  # lazy: per command (cli start-up)

    stage_options = SKETCH_OPTIONS if renderer_cls.consumes == "sketch" else ()
    params += [click_option(opt) for opt in (*stage_options, *renderer_cls.options)]

    def run(
        content: Path | None, output: Path | None, force: bool, theme: str | None, watch: bool, **options: OptionValue
    ) -> None:
        from decks.cli.output import output_path, write_atomic, write_stdout  # lazy: per command (cli start-up)

        # `-o -` writes to standard output; so does content read from standard input with no -o (as pandoc).
        to_stdout = (output is not None and str(output) == "-") or (output is None and str(content) == "-")
        if to_stdout and watch:
            raise click.UsageError("--watch writes a file again on each save: give -o FILE, not -o -")
        if to_stdout and sys.stdout is not None and sys.stdout.isatty():
            raise click.UsageError(
                f"the {renderer_cls.suffix} file would go to the terminal: redirect it (> talk{renderer_cls.suffix})"
                " or give -o FILE"
            )

        def target_for(path: Path) -> Path:
            target = output_path(path, renderer_cls.suffix, output, renderer_cls.default_suffix)
            if target.is_file():  # another command's file, or another program's, stays (zipfile et al. imported here)
                from decks.cli.provenance import check_replace  # lazy: per command (cli start-up)

                check_replace(target, name, force)
            return target

        if watch:  # the same file, written again on each save (decks/cli/rewrite.py)
            from decks.assets import example_content  # lazy: per command (cli start-up)
            from decks.cli.rewrite import rewrite_on_save  # lazy: per command (cli start-up)

            path = content or example_content()
            if not path.is_file():
                load_talk(path)  # says what is wrong with it, as without --watch
            rewrite_on_save(path, theme, target_for(path), renderer_cls, options)
            return
        from decks.gcpause import paused_gc  # lazy: per command (cli start-up)

        # One render is a short run that makes no reference cycles worth collecting (decks/gcpause.py): the
        # collector, left on, walked the modules imported on the way and every value made (~5% of a run).
        with paused_gc():
            recap, content_path = load_talk(content)
            target = None if to_stdout else target_for(content_path)
            loaded_theme = talk_theme(theme, recap, content_path)
            from decks.themes.contrast import contrast_problems  # lazy: per command (cli start-up)

            # A low contrast still renders (the user may want it anyway) and is warned about with the rest.
            contrast = [str(problem) for problem in contrast_problems(loaded_theme)]
            from decks.renderers.base import render  # lazy: per command (cli start-up)

            with console.progress(f"making {target or 'standard output'}"):
                result = render(renderer_cls, recap, loaded_theme, **options)
                if target is None:
                    write_stdout(result.data)
                else:
                    write_atomic(target, result.data)
        console.warnings([*contrast, *result.warnings])
        if target is not None:
            console.result(str(target))

    help_text = (renderer_cls.description or f"Render with the {name} renderer.") + f"\n\n{CONTENT_HELP}"
    return click.Command(name, params=params, callback=run, help=help_text, short_help=renderer_cls.description)
