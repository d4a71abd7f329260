"""`recap new`: start a talk, a commented content file to fill in, with the schema beside it for the editor.

The content file's first line names `recap.schema.json`, written next to it, so a YAML language server (VS Code's
YAML extension and others) completes and checks the file offline; a relative path keeps working when the folder
moves. `recap import` writes the same first line and schema.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar, overload

import click
import yaml

from decks.cli import console
from decks.cli.completion import complete_theme
from decks.cli.editor import SCHEMA_COMMENT, SCHEMA_FILE, vscode_settings, write_schema_beside
from decks.errors import ExitCode, OutputError, Problem, RecapError, excerpt

DEFAULT_FILE = "talk.yaml"
V = TypeVar("V")  # what a prompt's `proc` turns the answer into
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")  # used with fullmatch (re's $ passes a final "\n")


def _interactive() -> bool:
    try:  # a closed stdin (`recap new <&-`) is None, or a file that refuses isatty: not a terminal
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):
        return False


def _text(name: str, value: str | None) -> str | None:
    """`value` when `recap check` would accept it as text; a usage error naming the option otherwise, so that
    `recap new` never writes a field the checker refuses (a control character, a text that shows nothing)."""
    if value is None:
        return None
    from decks.model.chars import char_problem, is_blank  # lazy: per command (cli start-up)
    from decks.model.content import check_text  # lazy: per command (cli start-up)

    problem = char_problem(value) or ("the text shows nothing; write some words" if is_blank(value) else None)
    if problem is None:
        try:
            check_text(value)  # over the length a field may hold
        except ValueError as exc:
            problem = str(exc)
    if problem:
        raise RecapError([Problem(f"--{name}", problem)], ExitCode.USAGE)
    return value


def _date(text: str | dt.date | None) -> dt.date | None:
    if text is None or isinstance(text, dt.date):
        return text
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2019-03-06") from None


def _date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    return _date(value)


def _language(text: str) -> str:
    text = text.strip()
    if not _LANGUAGE.fullmatch(text):
        raise click.BadParameter(f"'{text}' is not a language tag; use one like en, zh-CN or ja")
    return text


def _language_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    return None if value is None else _language(value)


def _theme(name: str) -> str:
    from decks.model.chars import char_problem  # lazy: per command (cli start-up)
    from decks.themes.folders import THEME_FILE, find_theme  # lazy: per command (cli start-up)

    problem = char_problem(name)
    if problem:
        raise click.BadParameter(problem)
    if ".." in re.split(r"[/\\]", name):  # ../../etc: a path out of where the content is, written into it
        raise click.BadParameter(
            f"'{excerpt(name)}' goes up out of this folder (..); give a theme name or a theme folder below this one"
        )
    try:
        folder = find_theme(name)
    except RecapError as exc:
        raise click.BadParameter(str(exc.problems[0])) from None
    if not (folder / THEME_FILE).is_file():  # any folder used to pass: /etc
        raise click.BadParameter(f"'{excerpt(name)}' holds no {THEME_FILE}; give a theme name or a theme folder")
    return name


def _theme_for(value: str, target: Path) -> str:
    """`value` as the content file at `target` names it: a theme name as it is, a folder relative to the file."""
    from decks.themes.folders import find_theme  # lazy: per command (cli start-up)

    folder = find_theme(value)
    if "/" not in value and "\\" not in value and folder != Path(value):
        return value  # a theme name
    return Path(os.path.relpath(folder.resolve(), target.parent.resolve())).as_posix()


def _theme_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    return None if value is None else _theme(value)


@overload
def _ask(text: str, default: str) -> str: ...
@overload
def _ask(text: str, default: str, proc: Callable[[str], V]) -> V: ...
def _ask(text: str, default: str, proc: Callable[[str], V] | None = None) -> str | V:
    return click.prompt(text, default=default, show_default=bool(default), value_proc=proc, err=True)


@click.command(name="new", short_help="Start a talk: a content file to fill in, and its schema.")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--title", help="The recap's title (default: 'What I learned at EVENT').")
@click.option("--event", help="The event's name.")
@click.option("--start", callback=_date_option, help="The event's first day, YYYY-MM-DD.")
@click.option("--end", callback=_date_option, help="The event's last day, YYYY-MM-DD (default: the first).")
@click.option("--presenter", help="Your name, as the title slide shows it.")
@click.option("--language", callback=_language_option, help="The talk's language, a BCP 47 tag: en, zh-CN, ja ...")
@click.option(
    "--theme",
    callback=_theme_option,
    shell_complete=complete_theme,
    help="The theme the render commands are shown with.",
)
@click.option("--no-input", is_flag=True, help="Ask nothing; take what the options give and placeholders for the rest.")
@click.option("--force", is_flag=True, help="Replace the content file if it exists.")
@click.option("--vscode", is_flag=True, help="Also map the schema to this file in ./.vscode/settings.json.")
@click.option(
    "--schedule",
    type=click.Path(path_type=Path),
    help="Start from the conference's schedule: a pretalx/frab schedule.json or .xml, a Sessionize JSON or an .ics.",
)
@click.option("--sessions", help="With --schedule: the sessions you attended, by id or number, comma-separated.")
@click.option("--list-sessions", is_flag=True, help="With --schedule: list its sessions (numbered, by day) and stop.")
@click.option("--filter", "word", help="With --schedule: list or offer only sessions with this word.")
def new_command(
    path: Path | None,
    title: str | None,
    event: str | None,
    start: dt.date | None,
    end: dt.date | None,
    presenter: str | None,
    language: str | None,
    theme: str | None,
    no_input: bool,
    force: bool,
    vscode: bool,
    schedule: Path | None,
    sessions: str | None,
    list_sessions: bool,
    word: str | None,
) -> None:
    """Start a talk: write a content file to fill in (default ./talk.yaml) and recap.schema.json beside it.

    In a terminal it asks for what the options do not give; with --no-input, or in a pipe, it asks nothing.
    With --schedule it fills the event, a part per day and an item per session you attended from the
    conference's published schedule.
    """
    title, event, presenter = _text("title", title), _text("event", event), _text("presenter", presenter)
    if schedule is None and (sessions or list_sessions or word):
        raise click.UsageError("--sessions, --list-sessions and --filter go with --schedule FILE")
    if schedule is not None and list_sessions:
        from decks.readers.schedule import listing, read_schedule  # lazy: per command (cli start-up)

        for line in listing(read_schedule(schedule), word):
            click.echo(line)
        return
    target = path or Path(DEFAULT_FILE)
    if target.is_dir():
        target = target / DEFAULT_FILE
    if target.suffix not in (".yaml", ".yml"):
        raise OutputError([Problem(str(target), "a content file ends in .yaml", f"name it {target.stem}.yaml")])
    if target.exists() and not force:
        raise OutputError([Problem(str(target), "already exists", "pass --force to replace it, or give another name")])
    if schedule is not None:
        _from_schedule(target, schedule, sessions, word, title, presenter, language, theme, no_input, vscode)
        return
    if not no_input and _interactive():
        event = event or str(_ask("Event", "")) or None
        title = title or str(_ask("Title", _default_title(event)))
        start = start or _ask("First day (YYYY-MM-DD, blank to skip)", "", _date)
        if start is not None:
            end = end or _ask("Last day (YYYY-MM-DD)", start.isoformat(), _date)
        presenter = presenter or str(_ask("Presenter (your name)", "")) or None
        language = language or str(_ask("Language (en, zh-CN, ja ...)", "en", _language))
        theme = theme or str(_ask("Theme (see recap themes)", "default", _theme))
    end = end or start
    if start is not None and end is not None and end < start:
        raise RecapError([Problem("--end", "the last day is before the first", "swap them")], ExitCode.USAGE)
    if theme is not None:
        theme = _theme_for(theme, target)
    text = skeleton(
        target.name,
        title=title or _default_title(event),
        event=event,
        start=start,
        end=end,
        presenter=presenter,
        language=language or "en",
        theme=theme or "default",
    )
    from decks.cli.output import write_atomic  # lazy: per command (cli start-up)

    # Everything --vscode would change is worked out first: a settings file recap cannot read leaves every file
    # as it was, not the talk written and then an error.
    settings = vscode_settings(Path.cwd(), target.parent / SCHEMA_FILE, target) if vscode else None
    write_atomic(target, text.encode("utf-8"))
    schema = write_schema_beside(target)
    console.result(str(target))
    console.note(f"{schema}: the schema your editor reads (first line of {target.name})")
    if settings is not None:
        settings_path, data, note = settings
        if data is not None:
            write_atomic(settings_path, data)
            console.note(f"{settings_path}: maps the schema to {target.name}")
        if note:
            console.note(note)
    console.note(f"next: edit {target}, then recap check {target}")


def _from_schedule(
    target: Path,
    file: Path,
    sessions: str | None,
    word: str | None,
    title: str | None,
    presenter: str | None,
    language: str | None,
    theme: str | None,
    no_input: bool,
    vscode: bool,
) -> None:
    """`recap new --schedule FILE`: the content file for the sessions picked from the conference's schedule."""
    from decks.cli.output import write_atomic  # lazy: per command (cli start-up)
    from decks.readers.schedule import content_from, listing, read_schedule, select  # lazy: per command (cli start-up)

    schedule = read_schedule(file)
    if sessions is None:
        if no_input or not _interactive():
            raise click.UsageError(
                "name the sessions you attended with --sessions ID,ID (recap new --schedule FILE --list-sessions "
                "lists them)"
            )
        word = word or str(_ask("Filter the sessions by a word (blank for all)", "")) or None
        for line in listing(schedule, word):
            click.echo(line, err=True)
        sessions = str(_ask("The sessions you attended (numbers or ids, comma-separated)", ""))
    chosen = select(schedule, sessions.split(","), str(file))
    if not chosen:
        raise click.UsageError("no session chosen: give --sessions with at least one id or number")
    text = content_from(schedule, chosen, str(file), language)
    if title:
        text = text.replace(f"\ntitle: {_scalar(schedule.title)}\n", f"\ntitle: {_scalar(title)}\n", 1)
    if presenter:
        text += f"presenter:\n  name: {_scalar(presenter)}\n"
    if theme:
        text += f"theme: {_scalar(_theme_for(theme, target))}\n"
    settings = vscode_settings(Path.cwd(), target.parent / SCHEMA_FILE, target) if vscode else None
    write_atomic(target, (SCHEMA_COMMENT + text).encode("utf-8"))
    schema_path = write_schema_beside(target)
    console.result(str(target))
    console.note(f"{len(chosen)} sessions from {file}; {schema_path}: the schema your editor reads")
    if settings is not None and settings[1] is not None:
        write_atomic(settings[0], settings[1])
    if settings is not None and settings[2]:
        console.note(settings[2])
    console.note(f"next: review the check: comments in {target}, then recap check --strict {target}")


def _default_title(event: str | None) -> str:
    return f"What I learned at {event}" if event else "What I learned at the event"


def skeleton(
    file_name: str,
    *,
    title: str,
    event: str | None,
    start: dt.date | None,
    end: dt.date | None,
    presenter: str | None,
    language: str,
    theme: str,
) -> str:
    """The content file `recap new` writes: the given values, then a commented part with two items."""
    lines = [
        SCHEMA_COMMENT.rstrip("\n"),
        "# Written by `recap new`. Replace the placeholder text; a line starting with '#' is a comment: delete",
        "# the '# ' to use that field. Your editor explains each field from recap.schema.json (after upgrading",
        "# recap, refresh it: recap schema > recap.schema.json). Every field: recap docs readme",
        f"# Check it:  recap check {file_name}",
        f"# Render it: recap pptx {file_name}   and   recap pdf {file_name}",
        "schema_version: 1",
        f"title: {_scalar(title)}",
        f"language: {_scalar(language)}",
        f"{'theme: ' + _scalar(theme):<31} # a name (recap themes) or a folder, relative to this file",
        "event:",
        f"  name: {_scalar(event or 'The event')}",
        f"  start: {start.isoformat()}" if start else "  # start: 2019-03-06          # the first day, YYYY-MM-DD",
        f"  end: {end.isoformat()}" if end else "  # end: 2019-03-07            # the last day",
        "  # venue: Where it was held",
        "  # city: The city",
        '  # url: "https://the-event.example/"',
        '  # hashtag: "#TheEvent"         # quote values that start with # or @',
        "presenter:",
        f"  name: {_scalar(presenter or 'Your name')}",
        "  # role: What you do",
        "  # handles:",
        '  #   - { network: github, handle: "@you", url: "https://github.com/you" }',
        '# source: { url: "https://your.blog.example/the-post", kind: blog }   # the post this recap comes from',
        "parts:                          # days or parts of the event, each with its items",
        "  - title: Day 1",
        f"    date: {start.isoformat()}" if start else "    # date: 2019-03-06",
        "    intro: What this part was about, in one line.",
        "    items:                      # a slide each in the deck, a card each on the sketchnote",
        "      - title: The first announcement",
        "        summary: One line on what was announced.",
        "        emphasis: true          # a headline announcement",
        "        # icon: rocket          # a Font Awesome Free icon (solid, or brands: python); else from the words",
        "        takeaways:",
        "          - The first thing to remember",
        "          - text: A takeaway with sub-points",
        "            points: [A detail, Another detail]",
        "        # links:                # kinds: video, docs, repo, slides, blog, other",
        '        #   - { label: Video, url: "https://www.youtube.com/watch?v=VIDEO_ID", kind: video }',
        "        # image: { path: img/picture.png, alt: What the picture shows }   # relative to this file",
        "        # notes: What to say on this slide; made from the summary, takeaways and links when absent.",
        "      - title: The second announcement",
        "        summary: One line on what was announced.",
        "        takeaways:",
        "          - What it means for the people listening",
        "        # tags: [a-tag, another-tag]",
        "key_takeaways:",
        "  - The one thing to remember from the event",
        "# resources:",
        '#   - { label: All the talks, url: "https://www.youtube.com/playlist?list=PLAYLIST_ID", kind: video }',
        "closing: Thanks for listening!",
    ]
    return "\n".join(lines) + "\n"


def _scalar(text: str) -> str:
    """A YAML scalar that reads back as `text`: plain when that is safe, else a JSON (double-quoted) string."""
    plain = (
        bool(text)
        and text == text.strip()
        and not text.startswith(("#", "{", "[", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", "-", "?", ":"))
    )
    if plain and ": " not in text and " #" not in text and "\n" not in text:
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return _NON_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


# What YAML does not allow unescaped in a double-quoted scalar (YAML 1.1, 5.1), and the line breaks it would fold
# into a space (NEL, LS, PS): escaped as \uXXXX. Written as the few characters excluded rather than the allowed ranges,
# the same set: a class of wide ranges takes ~15 ms to compile, and this module is imported on every run.
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
