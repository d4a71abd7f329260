"""The `recap` command: a click group whose renderer commands come from the `recap.renderers` entry points.

The group, its small built-in commands (`check`, `schema`, `plan`, `renderers`, `themes`, `theme new`), and `main`,
which turns every error into its message and exit code. Start-up stays light: a command imports its work (the
models, lxml, reportlab) only when it runs, the built-in commands that live in modules of their own (`new`,
`import`, `fonts`, `docs`, `completion`, `watch`, `post`, `card`) are imported only when they run or are listed,
and a renderer's command (render_command.py) is built only when it runs: listing it reads only its summary.
"""

from __future__ import annotations

import errno
import importlib
import io
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from decks import __version__
from decks.cli import console
from decks.cli.console import count
from decks.cli.stageopts import Choice
from decks.cli.talk import complete_theme, load_talk, talk_theme
from decks.errors import ExitCode, RecapError, for_terminal

if TYPE_CHECKING:
    from decks.model import Recap
    from decks.options import OptionValue
    from decks.plan.deck.plan import Deck
    from decks.plan.sketch.primitives import Sketch
    from decks.themes.model import Theme


# Built-in commands kept in modules of their own, imported only when one of them runs or `recap --help` lists
# them: `recap pptx` need not pay for `recap new`'s YAML writer or `recap fonts`' installer.
LAZY_COMMANDS = {
    "card": ("decks.cli.post", "card_command"),
    "completion": ("decks.cli.completion", "completion_command"),
    "docs": ("decks.cli.docs", "docs_command"),
    "fonts": ("decks.cli.fonts", "fonts_command"),
    "import": ("decks.cli.import_cmd", "import_command"),
    "new": ("decks.cli.new", "new_command"),
    "post": ("decks.cli.post", "post_command"),
    "watch": ("decks.cli.watch", "watch"),
}


class RecapGroup(click.Group):
    """Built-in commands plus one command per installed renderer."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from decks.renderers.base import discover  # lazy: per command (cli start-up)

        return sorted(set(super().list_commands(ctx)) | set(LAZY_COMMANDS) | set(discover()))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is not None:
            return command
        if name in LAZY_COMMANDS:
            module, attr = LAZY_COMMANDS[name]
            command = getattr(importlib.import_module(module), attr)
            self.add_command(command, name)
            return command
        from decks.renderers.base import discover  # lazy: per command (cli start-up)

        entry = discover().get(name)
        if entry is None:
            return None
        from decks.cli.render_command import renderer_summary  # lazy: per command (cli start-up)

        # Running a renderer builds its real command (resolve_command); listing needs only its summary.
        summary = renderer_summary(entry) or f"Render with the {name} renderer ({entry.dist or 'a plugin'})."
        return click.Command(name, short_help=summary)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None:
            # "recap ppt": name the closest command, as options and content keys get one.
            from decks.readers.yamlpos import did_you_mean  # lazy: per command (cli start-up)

            guess = did_you_mean(args[0], self.list_commands(ctx))
            hint = f" Did you mean '{guess}'?" if guess else " See 'recap --help' for the commands."
            ctx.fail(f"No such command '{args[0]}'.{hint}")
        name, command, rest = super().resolve_command(ctx, args)
        if name is not None and name not in self.commands:
            from decks.renderers.base import discover  # lazy: per command (cli start-up)

            entry = discover().get(name)
            if entry is not None:
                from decks.cli.render_command import renderer_command  # lazy: per command (cli start-up)

                command = renderer_command(name, entry)
        return name, command, rest


def _stage(
    consumes: str, recap: Recap, theme: Theme, options: dict[str, OptionValue]
) -> tuple[Recap | Deck | Sketch, tuple[str, ...]]:
    """What a renderer consumes, built once: the model itself, the deck plan or the sketch, and its warnings."""
    if consumes == "model":
        return recap, ()
    from decks import plan  # lazy: per command (cli start-up)

    if consumes == "deck":
        built: Deck | Sketch = plan.deck_plan(recap, theme)
    else:
        built = plan.sketch_plan(recap, theme, **plan.sketch_options(options))
    return built, built.warnings


@click.group(cls=RecapGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="recap")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only: no warnings, notes or paths written.")
@click.option("-v", "--verbose", is_flag=True, help="Print every warning on its own line, and how long the work took.")
def cli(quiet: bool, verbose: bool) -> None:
    """Turn one event content file into a recap deck (recap pptx) and a one-page sketchnote (recap pdf).

    Start with: recap new talk.yaml. Exit codes: 0 ok, 1 content or theme error, 2 usage error, 3 output error,
    4 internal error.
    """
    if quiet and verbose:
        raise click.UsageError("-q and -v contradict each other; give one")
    console.settings.level = console.QUIET if quiet else console.VERBOSE if verbose else console.NORMAL


@cli.command(short_help="Validate a content file: every problem, with FILE:LINE:COL.")
@click.argument("content", required=False, type=click.Path(path_type=Path))
@click.option(
    "--theme",
    default=None,
    shell_complete=complete_theme,
    help="Also check the content against this theme's fonts and colours.",
)
@click.option(
    "--allow-missing-glyphs", is_flag=True, help="Warn about characters no font has instead of failing (exit 1)."
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 1) on what is left to review: TODO and check: comments, no presenter, no event dates.",
)
def check(content: Path | None, theme: str | None, allow_missing_glyphs: bool, strict: bool) -> None:
    """Validate a content file and report every problem with FILE:LINE:COL."""
    from decks.assets import example_content  # lazy: per command (cli start-up)
    from decks.checks import check_all  # lazy: per command (cli start-up)
    from decks.gcpause import paused_gc  # lazy: per command (cli start-up)
    from decks.readers.content import parse_located, read_content  # lazy: per command (cli start-up)
    from decks.readers.review import review_problems  # lazy: per command (cli start-up)
    from decks.readers.yamlpos import decode  # lazy: per command (cli start-up)

    path = content or example_content()
    raw, file, base = read_content(path)  # read once: standard input can be read only once
    with paused_gc():
        recap, located = parse_located(raw, file, base)  # where each value stands places the glyph report
    loaded = talk_theme(theme, recap, path)
    report = check_all(recap, loaded, path, located, allow_missing_glyphs)
    # What is left to review (import's TODO and check: notes, a missing presenter or dates): warned, or with
    # --strict refused.
    review = review_problems(decode(raw, file), recap, located, file)
    console.warnings([*report.warnings, *([] if strict else review)])
    for line in report.info if theme else ():
        console.result(line)
    if report.problems or (strict and review):
        raise RecapError([*report.problems, *(review if strict else [])], ExitCode.CONTENT)
    items = len(recap.all_items)
    links = sum(len(i.links) for i in recap.all_items) + len(recap.resources)
    console.result(f"ok: {file}: {count(len(recap.all_parts), 'part')}, {count(items, 'item')}, {count(links, 'link')}")
    # The icon each item gets and why, so a misfire can be overridden with `icon:` on the item.
    from decks.model.inline import plain  # lazy: per command (cli start-up)
    from decks.plan.icons import chosen  # lazy: per command (cli start-up)

    for marked_title, icon, why in chosen(recap.all_items, loaded.icons.default, recap.language):
        title = plain(marked_title)  # a message quotes the words, not the content's inline markup
        if why.startswith("icon:"):  # the user's own choice: nothing to change
            console.result(f"icon: {icon}\t{title}\t(set by icon: on the item)")
        else:
            console.result(f"icon: {icon}\t{title}\t({why}; set icon: on the item to change it)")


@cli.command(short_help="Print the JSON Schema of content (or theme) files.")
@click.option("--theme", "for_theme", is_flag=True, help="Print the theme file schema instead.")
def schema(for_theme: bool) -> None:
    """Print the JSON Schema of content files (or theme files), for editors that complete and check YAML."""
    from decks.schema import content_schema, theme_schema  # lazy: per command (cli start-up)

    click.echo(theme_schema() if for_theme else content_schema())


@cli.command(name="plan", short_help="Print the deck plan or the sketch as JSON.")
@click.argument("which", type=Choice(["deck", "sketch"]))
@click.argument("content", required=False, type=click.Path(path_type=Path))
@click.option("--theme", default=None, help="A theme name (see 'recap themes') or a theme folder.")
@click.option("--json", "as_json", is_flag=True, default=True, help="Print the plan as JSON (the only form, today).")
@click.option("--paper", type=Choice(["a4", "letter", "a3"]), help="For the sketch: the paper size.")
@click.option(
    "--layout",
    type=Choice(["modular", "path", "radial", "vertical", "popcorn"]),
    help="For the sketch: the layout.",
)
@click.option("--orientation", type=Choice(["landscape", "portrait"]), help="For the sketch: orientation.")
@click.option("--max-takeaways", type=int, help="For the sketch: at most N takeaways per item.")
@click.option("--qr", type=Choice(["all", "emphasis", "source", "none"]), help="For the sketch: the QR codes drawn.")
def plan_(which: str, content: Path | None, theme: str | None, as_json: bool, **options: OptionValue) -> None:
    """Print the deck plan or the sketch as JSON: the public stage every renderer translates."""

    from decks import plan  # lazy: per command (cli start-up)

    recap, path = load_talk(content)
    loaded = talk_theme(theme, recap, path)
    built, warnings = _stage(which, recap, loaded, options)
    console.warnings(warnings)
    click.echo(json.dumps(plan.to_data(built), ensure_ascii=False, indent=1))


@cli.command(short_help="List the installed renderers.")
def renderers() -> None:
    """List the installed renderers (entry-point group recap.renderers)."""
    from decks.renderers.base import discover  # lazy: per command (cli start-up)

    for name, entry in discover().items():
        dist = entry.dist or "?"
        click.echo(f"{name}\t{entry.value}\t({dist})")


@cli.command(short_help="List the themes: yours in ./assets/themes, then the built-ins.")
def themes() -> None:
    """List the themes: ./assets/themes first, then the built-ins."""
    from decks.errors import for_terminal  # lazy: per command (cli start-up)
    from decks.themes.folders import describe_themes  # lazy: per command (cli start-up)

    for name, description, kind in describe_themes():  # a folder's name may hold terminal escapes: shown escaped
        click.echo(for_terminal(f"{name}\t{description}\t({kind})", layout=True))


@cli.group()
def theme() -> None:
    """Make themes of your own (every field: recap docs themes)."""


@theme.command(name="new")
@click.argument("name")
@click.option(
    "--from",
    "base",
    default="default",
    show_default=True,
    shell_complete=complete_theme,
    help="The theme to extend: a name or a folder.",
)
def theme_new(name: str, base: str) -> None:
    """Scaffold ./assets/themes/NAME/theme.yaml: extends BASE, every field commented out with BASE's value."""
    from decks.themes.scaffold import new_theme  # lazy: per command (cli start-up)

    console.result(str(new_theme(name, base)))


GLOBAL_FLAGS = ("-q", "--quiet", "-v", "--verbose")


def hoist_global_flags(argv: list[str]) -> list[str]:
    """`recap pptx talk.yaml -v` as `recap -v pptx talk.yaml`: the group's flags are read before the command, and
    people put them anywhere (pandoc and marp do). Nothing after `--` moves."""
    stop = argv.index("--") if "--" in argv else len(argv)
    command = next((n for n, arg in enumerate(argv[:stop]) if not arg.startswith("-")), stop)
    moved = [arg for arg in argv[command:stop] if arg in GLOBAL_FLAGS]
    if not moved:
        return argv
    kept = [arg for arg in argv[command:stop] if arg not in GLOBAL_FLAGS]
    return [*argv[:command], *moved, *kept, *argv[stop:]]


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; user errors print their problems and exit non-zero, never with a traceback."""
    console.reset()
    argv = hoist_global_flags(list(sys.argv[1:] if argv is None else argv))
    stdout = sys.stdout
    try:
        cli.main(args=argv, prog_name="recap", standalone_mode=False)
    except SystemExit:
        if sys.stdout is stdout:
            raise
        # click met a closed pipe (`recap check x | head -1`): it swaps in a quiet stdout and exits 1, which
        # would read as a content error. It is the output that could not be written.
        sys.stdout = stdout
        console.error(str(console.stdout_problem(errno.EPIPE)))
        return int(ExitCode.OUTPUT)
    except OSError as exc:
        if exc.errno not in console.STDOUT_ERRNOS:  # files recap writes report their own errors: a bug
            return _internal_error(exc)
        console.error(str(console.stdout_problem(exc.errno)))  # stdout on a full disk (`> /dev/full`)
        return int(ExitCode.OUTPUT)
    except RecapError as exc:
        console.errors([str(problem) for problem in exc.problems])
        return int(exc.exit_code)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        shown = io.StringIO()
        exc.show(file=shown)  # click's usage and message name the arguments given: escape them too
        click.echo("\n".join(map(for_terminal, shown.getvalue().split("\n"))), err=True, nl=False)
        return int(ExitCode.USAGE)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except Exception as exc:
        return _internal_error(exc)
    return 0


def _internal_error(exc: Exception) -> int:
    if os.environ.get("RECAP_DEBUG"):
        raise exc
    click.echo(
        f"internal error: {type(exc).__name__}: {for_terminal(str(exc))}\n"
        "This is a bug in recap. Run again with RECAP_DEBUG=1 for the traceback and report it.",
        err=True,
    )
    return int(ExitCode.INTERNAL)


def run() -> None:
    """The console-script entry point."""
    code = main()
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as exc:  # what was left to write did not go (a closed pipe, a full disk)
        if code == 0:
            console.error(str(console.stdout_problem(exc.errno)))
            code = int(ExitCode.OUTPUT)
        # The interpreter flushes stdout once more on its way out: point it at nothing, so that last flush
        # is quiet instead of an "Exception ignored" line.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
