"""A stage's declared options (decks/options.py) as click options, and click's Choice with a did-you-mean: shared
by the renderer commands and `recap watch`, so a new sketch option reaches every command that draws a sketch."""

from __future__ import annotations

import click

from decks.options import Option


class Choice(click.Choice[str]):
    """click's Choice that names the closest value when one is mistyped (`--layout radal`)."""

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            from decks.readers.yamlpos import did_you_mean  # lazy: per command (cli start-up)

            guess = did_you_mean(str(value).casefold(), [str(choice) for choice in self.choices])
            if guess is None:
                raise
            raise click.BadParameter(f"{exc.message} Did you mean '{guess}'?", ctx, param) from None


def click_option(opt: Option) -> click.Option:
    """`--name` for a stage's option: a switch, a choice or a typed value, passed on under its own name."""
    names = [f"--{opt.name.replace('_', '-')}", opt.name]
    if opt.flag:
        return click.Option(names, is_flag=True, default=False, help=opt.help)
    return click.Option(
        names,
        type=Choice(opt.choices, case_sensitive=False) if opt.choices else opt.type,
        default=opt.default,
        help=opt.help,
        is_flag=opt.type is bool,
    )
