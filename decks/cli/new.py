"""`recap new`: start a talk, a commented content file to fill in, with the schema beside it for the editor.

The content file's first line names `recap.schema.json`, written next to it, so a YAML language server (VS Code's
YAML extension and others) completes and checks the file offline; a relative path keeps working when the folder
moves. `recap import` writes the same first line and schema.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import click
import yaml

from decks.cli import console
from decks.cli.completion import complete_theme
from decks.errors import ExitCode, OutputError, Problem, RecapError, excerpt

SCHEMA_FILE = "recap.schema.json"
SCHEMA_COMMENT = f"# yaml-language-server: $schema={SCHEMA_FILE}\n"
DEFAULT_FILE = "talk.yaml"
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")  # used with fullmatch (re's $ passes a final "\n")


def write_schema_beside(content: Path) -> Path:
    """Write (or refresh) recap.schema.json in the content file's folder; it is generated, so it is always replaced."""
    from decks.cli.output import write_atomic
    from decks.schema import content_schema

    target = content.parent / SCHEMA_FILE
    data = (content_schema().rstrip("\n") + "\n").encode("utf-8")
    if not (target.is_file() and target.read_bytes() == data):
        write_atomic(target, data)
    return target


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
    from decks.model.chars import char_problem, is_blank
    from decks.model.content import check_text

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
    from decks.model.chars import char_problem
    from decks.themes.loader import THEME_FILE, find_theme

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


def _theme_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    return None if value is None else _theme(value)


def _ask(text: str, default: str, proc: object = None) -> object:
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
) -> None:
    """Start a talk: write a content file to fill in (default ./talk.yaml) and recap.schema.json beside it.

    In a terminal it asks for what the options do not give; with --no-input, or in a pipe, it asks nothing.
    """
    title, event, presenter = _text("title", title), _text("event", event), _text("presenter", presenter)
    target = path or Path(DEFAULT_FILE)
    if target.is_dir():
        target = target / DEFAULT_FILE
    if target.suffix not in (".yaml", ".yml"):
        raise OutputError([Problem(str(target), "a content file ends in .yaml", f"name it {target.stem}.yaml")])
    if target.exists() and not force:
        raise OutputError([Problem(str(target), "already exists", "pass --force to replace it, or give another name")])
    if not no_input and _interactive():
        event = event or str(_ask("Event", "")) or None
        title = title or str(_ask("Title", _default_title(event)))
        start = start or _ask("First day (YYYY-MM-DD, blank to skip)", "", _date)  # type: ignore[assignment]
        if start is not None:
            end = end or _ask("Last day (YYYY-MM-DD)", start.isoformat(), _date)  # type: ignore[assignment]
        presenter = presenter or str(_ask("Presenter (your name)", "")) or None
        language = language or str(_ask("Language (en, zh-CN, ja ...)", "en", _language))
        theme = theme or str(_ask("Theme (see recap themes)", "default", _theme))
    end = end or start
    if start is not None and end is not None and end < start:
        raise RecapError([Problem("--end", "the last day is before the first", "swap them")], ExitCode.USAGE)
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
    from decks.cli.output import write_atomic

    write_atomic(target, text.encode("utf-8"))
    schema = write_schema_beside(target)
    console.result(str(target))
    console.note(f"{schema}: the schema your editor reads (first line of {target.name})")
    if vscode:
        settings = write_vscode_settings(Path.cwd(), schema, target)
        console.note(f"{settings}: maps the schema to {target.name}")
    console.note(f"next: edit {target}, then recap check {target}")


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
    theme_arg = "" if theme == "default" else f" --theme {theme}"
    lines = [
        SCHEMA_COMMENT.rstrip("\n"),
        "# Written by `recap new`. Replace the placeholder text; a line starting with '#' is a comment: delete",
        "# the '# ' to use that field. Your editor explains each field from recap.schema.json (after upgrading",
        "# recap, refresh it: recap schema > recap.schema.json). Every field: recap docs readme",
        f"# Check it:  recap check {file_name}",
        f"# Render it: recap pptx {file_name}{theme_arg}   and   recap pdf {file_name}{theme_arg}",
        "schema_version: 1",
        f"title: {_scalar(title)}",
        f"language: {_scalar(language)}",
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
        "        # icon: rocket          # a Font Awesome Free (solid) icon; chosen from the words when absent",
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


def write_vscode_settings(root: Path, schema: Path, content: Path) -> Path:
    """Add `yaml.schemas: {schema: [content]}` to ROOT/.vscode/settings.json, keeping what is there."""
    from decks.cli.output import write_atomic

    settings_path = root / ".vscode" / "settings.json"
    schema_key, content_glob = _relative(schema, root), _relative(content, root)
    if not schema_key.startswith("/"):
        schema_key = f"./{schema_key}"  # a bare relative path is not always read as one
    settings: dict[str, object] = {}
    if settings_path.is_file():
        try:
            loaded = json.loads(settings_path.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            loaded = None
        if not isinstance(loaded, dict):
            snippet = json.dumps({"yaml.schemas": {schema_key: [content_glob]}})
            raise OutputError(
                [Problem(str(settings_path), "is not plain JSON (comments?), so it is left alone", f"add {snippet}")]
            )
        settings = loaded
    schemas = settings.get("yaml.schemas")
    schemas = dict(schemas) if isinstance(schemas, dict) else {}
    globs = schemas.get(schema_key, [])
    globs = [globs] if isinstance(globs, str) else list(globs)
    if content_glob not in globs:
        globs.append(content_glob)
    schemas[schema_key] = globs
    settings["yaml.schemas"] = schemas
    write_atomic(settings_path, (json.dumps(settings, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return settings_path


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()
