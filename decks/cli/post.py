"""`recap post` (the blog post: index.md, the sketchnote as PNG and SVG, the social card, the pictures) and
`recap card` (the social card alone). Both draw the sketchnote once and hand it to each output."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import click

from decks.cli import console
from decks.cli.stageopts import Choice

if TYPE_CHECKING:
    from decks.model import Recap
    from decks.plan.sketch.primitives import Sketch
    from decks.themes.model import Theme


def _sketch_and_page(recap: Recap, theme: Theme) -> tuple[Sketch, bytes, bytes, float]:
    """The sketch, its PNG and its SVG, drawn once."""
    from decks import plan  # lazy: per command (cli start-up)
    from decks.renderers.png import SCALE, PngRenderer  # lazy: per command (cli start-up)
    from decks.renderers.svg import SvgRenderer  # lazy: per command (cli start-up)

    sketch = plan.sketch_plan(recap, theme)
    return sketch, PngRenderer().render(sketch, theme).data, SvgRenderer().render(sketch, theme).data, SCALE


def _card_words(recap: Recap) -> dict[str, str]:
    presenter = ""
    if recap.presenter is not None:
        handle = next((h.handle for h in recap.presenter.handles), "")
        presenter = f"{recap.presenter.name}  {handle}".strip()
    return {"event": recap.event.name if recap.event else "", "title": recap.title, "presenter": presenter}


def _load(content: Path | None, theme: str | None) -> tuple[Recap, Theme, Path]:
    """The content, and the theme as every command takes it (`--theme`, else the content's `theme:`)."""
    from decks.cli.talk import load_talk, talk_theme  # lazy: per command (cli start-up)

    recap, path = load_talk(content)
    return recap, talk_theme(theme, recap, path), path


@click.command(name="post", short_help="Write the blog post: index.md, the sketchnote, a social card.")
@click.argument("content", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The post's folder (default: CONTENT's name).")
@click.option("--theme", default=None, help="A theme name (see 'recap themes') or a theme folder.")
@click.option("--flavor", type=Choice(["hugo", "jekyll", "plain"]), default="hugo", help="The front matter's keys.")
@click.option("--force", is_flag=True, help="Replace the files of a post already in the folder.")
def post_command(content: Path | None, output: Path | None, theme: str | None, flavor: str, force: bool) -> None:
    """Write a blog post ready to publish into a folder: index.md (CommonMark with front matter for Hugo, Jekyll
    or plain Markdown), sketchnote.png and .svg at its top, card.png for link previews, and the pictures the
    items show. `recap import` reads the post back as the same content."""
    from decks.cli.output import write_atomic  # lazy: per command (cli start-up)
    from decks.errors import OutputError, Problem  # lazy: per command (cli start-up)
    from decks.paint.card import paint_card  # lazy: per command (cli start-up)
    from decks.renderers.markdown import (  # lazy: per command (cli start-up)
        CARD,
        SKETCHNOTE_PNG,
        SKETCHNOTE_SVG,
        write_post,
    )

    recap, loaded, path = _load(content, theme)
    folder = output or Path.cwd() / path.name.removesuffix(".yaml").removesuffix(".yml")
    index = folder / "index.md"
    if index.exists() and not force:
        raise OutputError([Problem(str(index), "a post is already there", "pass --force to replace it, or use -o")])
    pictures: dict[str, str] = {}
    files: dict[Path, bytes] = {}
    for item in recap.all_items:
        if item.image is not None:
            data = Path(item.image.path).read_bytes()
            # The picture's own name, made unique by its bytes: two items' pictures may share a name.
            name = f"{hashlib.sha256(data).hexdigest()[:8]}-{Path(item.image.path).name}"
            pictures[str(item.image.path)] = name
            files[folder / "pictures" / name] = data
    with console.progress(f"making {folder}"):
        sketch, page, svg, scale = _sketch_and_page(recap, loaded)
        files[folder / SKETCHNOTE_PNG] = page
        files[folder / SKETCHNOTE_SVG] = svg
        files[folder / CARD] = paint_card(sketch, page, scale, _card_words(recap))
        files[index] = write_post(recap, flavor, pictures).encode("utf-8")
    for target, data in files.items():
        write_atomic(target, data)
    console.warnings(sketch.warnings)
    console.result(str(index))


@click.command(name="card", short_help="Draw the social card (1200x630) for link previews.")
@click.argument("content", required=False, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Where to write it (default: CONTENT.card.png).")
@click.option("--theme", default=None, help="A theme name (see 'recap themes') or a theme folder.")
@click.option("--square", is_flag=True, help="1080x1080 instead of 1200x630.")
def card_command(content: Path | None, output: Path | None, theme: str | None, square: bool) -> None:
    """Draw the social card link previews show: the event, the recap's title, the presenter and a drawn detail
    of the sketchnote."""
    from decks.cli.output import output_path, write_atomic  # lazy: per command (cli start-up)
    from decks.paint.card import paint_card  # lazy: per command (cli start-up)

    recap, loaded, path = _load(content, theme)
    target = output_path(path, ".png", output, ".card.png")
    sketch, page, _, scale = _sketch_and_page(recap, loaded)
    write_atomic(target, paint_card(sketch, page, scale, _card_words(recap), square=square))
    console.result(str(target))
