"""`recap completion bash|zsh|fish`: the shell's completion script, and the completers for theme names.

Click does the completing at run time (the script calls `recap` with _RECAP_COMPLETE set); choices such as
`--layout` and `--paper` complete by themselves, theme names through `complete_theme`.
"""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_RECAP_COMPLETE"


def complete_theme(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Theme names (./assets/themes first, then the built-ins), or folders once the word looks like a path."""
    if "/" in incomplete or incomplete.startswith((".", "~")):
        return [CompletionItem(incomplete, type="dir")]
    from decks.themes.folders import available_themes  # lazy: per command (cli start-up)

    return [CompletionItem(name) for name in available_themes() if name.startswith(incomplete)]


@click.command(name="completion", short_help="Print the shell completion script (bash, zsh, fish).")
@click.argument("shell", type=click.Choice(SHELLS, case_sensitive=False))
@click.pass_context
def completion_command(ctx: click.Context, shell: str) -> None:
    """Print the completion script for bash, zsh or fish (commands, options, theme and layout names).

    \b
    bash: recap completion bash > ~/.local/share/bash-completion/completions/recap
    zsh:  recap completion zsh > "${fpath[1]}/_recap"
    fish: recap completion fish > ~/.config/fish/completions/recap.fish
    """
    from click.shell_completion import get_completion_class  # lazy: per command (cli start-up)

    cls = get_completion_class(shell)
    assert cls is not None  # every name in SHELLS is one click knows
    click.echo(cls(ctx.find_root().command, {}, "recap", COMPLETE_VAR).source())
