"""Writing output files safely: a temporary file beside the target, then an atomic rename.

The new file gets the mode a plain `open()` would give it (0666 less the umask), or the previous file's mode
when it replaces one. A SIGTERM or SIGHUP during the write removes the temporary file before the process ends,
so no hidden partial file is left behind. A folder named by `-o` that does not exist yet is made, and the
command says so on stderr.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from decks.errors import OutputError, Problem, for_terminal

_TEMP_PREFIX_CHARS = 64  # of the target's name in the temporary file's: a long target name must still fit


def _cannot_write(target: Path, exc: OSError) -> OutputError:
    if exc.errno == errno.ENAMETOOLONG:
        return OutputError([Problem(str(target), "the name is too long for the file system", "use a shorter name")])
    return OutputError([Problem(str(target), f"cannot write it ({exc.strerror})", "choose another place with -o")])


def _cwd_gone() -> bool:
    try:
        os.getcwd()
    except OSError:
        return True
    return False


def _cwd_gone_error(name: Path | str) -> OutputError:
    return OutputError(
        [
            Problem(
                str(name),
                "the current folder no longer exists",
                "cd into a folder that exists, or give -o with a full path",
            )
        ]
    )


def _new_file_mode(target: Path) -> int:
    """The previous file's permissions, else what the umask leaves of 0666."""
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        pass
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """While the body runs, SIGTERM and SIGHUP end the process through an exception, so `finally` blocks run."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = {}
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            previous[sig] = signal.signal(sig, stop)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def make_folder(folder: Path) -> None:
    """Make `folder` (and its parents) when missing, saying so on stderr; raises OutputError when it cannot."""
    try:
        if folder.is_dir():
            return
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file is in the way, or the place is read-only
        if not folder.is_absolute() and _cwd_gone():
            raise _cwd_gone_error(folder) from None
        raise _cannot_write(folder, exc) from None
    print(for_terminal(f"note: made the folder {folder} for the output"), file=sys.stderr)


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` so that a failure (or a SIGTERM) leaves the previous file (if any) untouched."""
    make_folder(target.parent)
    mode = _new_file_mode(target)
    with _terminate_cleanly():
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:_TEMP_PREFIX_CHARS]}.", suffix=".tmp", dir=target.parent)
        except OSError as exc:  # the folder cannot be written to
            if not target.is_absolute() and _cwd_gone():
                raise _cwd_gone_error(target) from None
            raise _cannot_write(target, exc) from None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise _cannot_write(target, exc) from None
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


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
        raise _cwd_gone_error(name) from None


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
        if _cwd_gone():
            raise _cwd_gone_error(given or stem + suffix) from None
        raise _cannot_write(given or Path(stem + suffix), exc) from None
    except ValueError:  # a NUL in the name
        raise OutputError(
            [Problem(str(given), "the name holds a NUL character", "choose another name")]  # shown as \x00
        ) from None
    return target
