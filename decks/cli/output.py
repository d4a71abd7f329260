"""Where a command's output goes: its name (`-o`, else the content's name in the current folder), the file
written atomically (decks.safewrite) with a note when a folder named by `-o` had to be made, or standard output.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

from decks import safewrite
from decks.cli import console
from decks.errors import OutputError, Problem, for_terminal
from decks.safewrite import cannot_write, cwd_gone, cwd_gone_error


def _made_folder(folder: Path) -> None:
    console.note(f"note: made the folder {for_terminal(str(folder))} for the output")


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` atomically (decks.safewrite), saying on stderr when a folder was made for it."""
    safewrite.write_atomic(target, data, on_new_folder=_made_folder)


def suggested_name(target: Path, suffix: str, fallback_stem: str) -> str:
    """A name ending in `suffix` for a wrong `target`: its stem with the suffix, never `.pdf.pdf`."""
    stem = target.stem
    if stem.lower().endswith(suffix):
        stem = stem[: -len(suffix)]  # `-o .pdf` or `-o deck.pdf.txt`
    return (stem or fallback_stem) + suffix


def current_folder(name: str) -> Path:
    """The current folder, for a default output called `name`; OutputError when it was deleted."""
    try:
        return Path.cwd()
    except OSError:
        raise cwd_gone_error(name) from None


def output_path(content: Path, suffix: str, given: Path | None) -> Path:
    """Where to write: `given`, or `<content stem><suffix>` in the current folder; never the content file."""
    stem = content.name.removesuffix(".yaml").removesuffix(".yml")
    try:
        target = given if given is not None else Path.cwd() / (stem + suffix)
        if "\0" in str(target):
            raise ValueError("NUL")
        if target.is_dir():
            target = target / (content.stem + suffix)
        if target.suffix.lower() != suffix:
            name = suggested_name(target, suffix, stem)
            raise OutputError([Problem(str(target), f"the output must end in {suffix}", f"name it like {name}")])
        if target.exists() and content.exists() and target.resolve() == content.resolve():
            raise OutputError([Problem(str(target), "that is the content file itself", "choose another output name")])
    except OSError as exc:
        if cwd_gone():
            raise cwd_gone_error(given or stem + suffix) from None
        raise cannot_write(given or Path(stem + suffix), exc) from None
    except ValueError:  # a NUL in the name
        raise OutputError(
            [Problem(repr(str(given)), "the name holds a NUL character", "choose another name")]
        ) from None
    return target


def write_stdout(data: bytes) -> None:
    """The output on standard output (`-o -`), whole; a closed or full stream is an output error (exit 3)."""
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        raise OutputError([console.stdout_problem(errno.EBADF)])
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        # The reader went away (`| head`): nothing more to say to it; stop Python's own complaint at exit.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise OutputError([console.stdout_problem(errno.EPIPE)]) from None
    except OSError as exc:  # the same words as for every other command's stdout (a full disk, a closed stream)
        raise OutputError([console.stdout_problem(exc.errno)]) from None
