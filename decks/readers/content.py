"""Read a recap content file into a validated `Recap`, reporting every problem with file, line and column."""

from __future__ import annotations

import os
from pathlib import Path

from decks.errors import ContentError, Problem
from decks.gcpause import paused_gc
from decks.imagefiles import picture_problem
from decks.model import Recap
from decks.model.chars import char_problem
from decks.model.paths import Path_, dotted
from decks.model.typed import ValidationError
from decks.readers.validation import problems_from_validation
from decks.readers.yamlpos import Located, YamlProblems, decode, parse
from decks.safeio import ReadRefused, read_bounded, read_stdin_bounded

STDIN = Path("-")
"""The content file name that means standard input (`cat talk.yaml | recap pptx -`)."""
STDIN_NAME = "<stdin>"

# Paths in the content that name image files, resolved relative to the content file.
_IMAGE_PATHS: tuple[tuple[str, ...], ...] = (("event", "logo"), ("presenter", "avatar"))


def load_content(path: Path) -> Recap:
    """The validated recap in `path`; raises `ContentError` listing every problem found."""
    return load_located(path)[0]


def read_content(path: Path) -> tuple[bytes, str, Path]:
    """The bytes of a content file (`-`: standard input), the name messages give it, and the folder its picture
    paths start from (the current folder for standard input)."""
    file = STDIN_NAME if path == STDIN else str(path)
    try:
        raw = read_stdin_bounded("content") if path == STDIN else read_bounded(path, "content")
    except ReadRefused as exc:
        raise ContentError([Problem(file, exc.message, exc.hint)]) from None
    return raw, file, Path.cwd() if path == STDIN else path.parent


def load_located(path: Path) -> tuple[Recap, Located]:
    """The validated recap in `path` and where each of its values stands in the file (read and parsed once)."""
    raw, file, base = read_content(path)
    with paused_gc():  # a large content makes a value per line, and no cycles
        return parse_located(raw, file, base_dir=base)


def parse_content(raw: bytes, file: str, base_dir: Path) -> Recap:
    """The validated recap in `raw` (the bytes of `file`); image paths resolve against `base_dir`."""
    return parse_located(raw, file, base_dir)[0]


def parse_located(raw: bytes, file: str, base_dir: Path, *, placed: bool = False) -> tuple[Recap, Located]:
    """The validated recap in `raw` and where each of its values stands (`recap watch` re-reads through it);
    `placed` finds the places at once, for a caller that will ask for them (see `yamlpos.parse`)."""
    try:
        located = parse(decode(raw, file), file, keep_going=True, placed=placed)
    except YamlProblems as exc:
        raise ContentError(exc.problems) from None
    data = located.data
    if data is None:
        raise ContentError(
            [Problem(file, "the file is empty", "start with 'title:' and an 'items:' list", line=1, col=1)]
        )
    if not isinstance(data, dict):
        raise ContentError(
            [
                Problem(
                    file,
                    "the file holds a single value, not keys and values",
                    "start with 'title:' and an 'items:' list",
                    line=1,
                    col=1,
                )
            ]
        )
    images = resolve_images(data, base_dir)
    try:
        recap = Recap.model_validate(data)
    except ValidationError as exc:
        raise ContentError(_merge(located.problems, problems_from_validation(exc, Recap, located, file))) from None
    if located.problems:
        raise ContentError(located.problems)
    problems = _check_images(images, located, file)
    if problems:
        raise ContentError(problems)
    return recap, located


def _merge(yaml_problems: list[Problem], model_problems: list[Problem]) -> list[Problem]:
    """Both kinds in file order, without the model's echo of a value YAML already refused (left out, so missing)."""
    refused = [p.field for p in yaml_problems if p.field]

    def echoes(problem: Problem) -> bool:
        field = problem.field
        return field is not None and any(field == f or field.startswith((f + ".", f + "[")) for f in refused)

    merged = yaml_problems + [p for p in model_problems if not echoes(p)]
    return sorted(merged, key=lambda p: (p.line or 0, p.col or 0))


def _image_slots(data: dict[str, object]) -> list[tuple[Path_, dict[str, object], str]]:
    """Every (path to the value, the mapping holding it, its key) that names an image file."""
    slots: list[tuple[Path_, dict[str, object], str]] = []
    for parent_key, key in _IMAGE_PATHS:
        parent = data.get(parent_key)
        if isinstance(parent, dict) and isinstance(parent.get(key), str):
            slots.append(((parent_key, key), parent, key))
    parts = data.get("parts")
    groups = [("parts", p) for p in parts] if isinstance(parts, list) else []
    item_lists: list[tuple[Path_, object]] = [(("items",), data.get("items"))]
    for i, (_, part) in enumerate(groups):
        if isinstance(part, dict):
            item_lists.append((("parts", i, "items"), part.get("items")))
    for prefix, items in item_lists:
        if not isinstance(items, list):
            continue
        for j, item in enumerate(items):
            image = item.get("image") if isinstance(item, dict) else None
            if isinstance(image, dict) and isinstance(image.get("path"), str):
                slots.append(((*prefix, j, "image", "path"), image, "path"))
    return slots


def resolve_images(data: dict[str, object], base_dir: Path) -> list[tuple[Path_, Path]]:
    """Make every image path absolute (relative to the content file); returns each with its place."""
    images = []
    for loc, holder, key in _image_slots(data):
        value = holder[key]
        if not isinstance(value, str) or char_problem(value):  # a str, as `_image_slots` found it
            continue  # the model refuses it, at its place; the file system would raise on a NUL
        resolved = resolve_path(base_dir / value)
        holder[key] = str(resolved)
        images.append((loc, resolved))
    return images


def resolve_path(path: Path) -> Path:
    """`path` made absolute with its symbolic links resolved; as written (made absolute) when they loop or
    cannot be followed, so that reading it reports the loop at the field that names it."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: pathlib's word for a symlink loop before Python 3.13
        return Path(os.path.abspath(path))


_CHECK = "check the file and its permissions"


def _check_images(images: list[tuple[Path_, Path]], located: Located, file: str) -> list[Problem]:
    """Missing or unreadable images, each at the line that names it (plain files are checked from their header)."""
    problems = []
    for loc, image_path in images:
        try:
            trouble = picture_problem(read_bounded(image_path, "image"), image_path.name)
        except ReadRefused as exc:
            if exc.message.startswith("no such file"):
                trouble = (f"image not found: {image_path}", "check the path (relative to this file)")
            else:
                trouble = (f"cannot read the image {image_path.name}: {exc.message}", exc.hint)
        except OSError as exc:  # read_bounded turns the file system's errors into ReadRefused; this is a guard
            trouble = (f"cannot read the image {image_path.name} ({exc.strerror or 'input/output error'})", _CHECK)
        if trouble:
            what, todo = trouble
            line, col = located.where(loc) or (None, None)  # asked only here: places cost a read of their own
            problems.append(Problem(file, what, todo, field=dotted(loc), line=line, col=col))
    return problems
