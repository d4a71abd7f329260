"""Temporary files for writes that replace a file atomically: made new (O_EXCL) beside the target, never a
fixed name, and swept up when a killed run left them behind.

A fixed temporary name (`.NAME.tmp`) lets anyone who can write to the folder plant a symbolic link there and
have recap write through it; `tempfile.mkstemp` makes a new file with O_EXCL (and O_NOFOLLOW where there is
one), mode 0600, under a random name. A run killed between making the temporary file and renaming it (SIGKILL,
a power cut) leaves it behind: the next write of the same target removes those of its own temporaries, and
only those (a regular file, named `.NAME.XXXXXXXX.tmp` as recap names them, owned by this user, untouched for
`STALE_AFTER` seconds, so a write still running in another process is left alone).

`write_atomic` is the one way recap writes a file the user asked for: it makes a missing folder, gives the new
file the mode a plain `open()` would (0666 less the umask) or the previous file's mode when it replaces one,
and turns a SIGTERM or SIGHUP during the write into an exception so the temporary file is removed before the
process ends. Failures are `OutputError`s (exit 3) saying what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from decks.errors import OutputError, Problem

TEMP_SUFFIX = ".tmp"
STALE_AFTER = 15 * 60
"""Seconds after which a temporary file of recap's that is still there belongs to a run that was killed."""
_NAME_CHARS = 64  # of the target's name in the temporary file's: a long target name must still fit
_RANDOM = "[a-z0-9_]{8}"  # what tempfile puts between prefix and suffix


def temp_prefix(target: Path) -> str:
    """The start of the name of every temporary file recap makes for `target`."""
    return f".{target.name[:_NAME_CHARS]}."


def make_temp(target: Path) -> tuple[int, str]:
    """A new, empty temporary file beside `target` (O_EXCL, mode 0600): its open descriptor and path.

    Stale temporaries of the same target are removed first. Raises `OSError` when the folder cannot be
    written to.
    """
    sweep_stale(target)
    return tempfile.mkstemp(prefix=temp_prefix(target), suffix=TEMP_SUFFIX, dir=target.parent)


def sweep_stale(target: Path, now: float | None = None) -> list[Path]:
    """Remove the temporary files a killed run left for `target` (see the module's docstring); returns them."""
    pattern = re.compile(re.escape(temp_prefix(target)) + _RANDOM + re.escape(TEMP_SUFFIX))
    now = time.time() if now is None else now
    uid = os.getuid() if hasattr(os, "getuid") else None
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed  # a folder that cannot be listed: making the temporary file will say what is wrong
    for entry in entries:
        if not pattern.fullmatch(entry.name):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or (uid is not None and st.st_uid != uid) or now - st.st_mtime < STALE_AFTER:
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def umask_mode() -> int:
    """The permissions a plain `open()` gives a new file: 0666 less the umask."""
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask


def replace_with(target: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to a new temporary file beside `target`, then rename it over `target` (atomic: a reader sees
    the old file or the new one, never half of one; a symbolic link at `target` is replaced, not followed).

    The temporary file is removed when anything fails. Raises `OSError`.
    """
    fd, tmp = make_temp(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cannot_write(target: Path, exc: OSError) -> OutputError:
    """What to tell the user when `target` (a file or folder) could not be written."""
    if exc.errno == errno.ENAMETOOLONG:
        return OutputError([Problem(str(target), "the name is too long for the file system", "use a shorter name")])
    return OutputError([Problem(str(target), f"cannot write it ({exc.strerror})", "choose another place with -o")])


def cwd_gone() -> bool:
    """Whether the current folder was deleted under the process (a relative path then names nothing)."""
    try:
        os.getcwd()
    except OSError:
        return True
    return False


def cwd_gone_error(name: Path | str) -> OutputError:
    """What to tell the user when `name` is relative and the current folder no longer exists."""
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
    return umask_mode()


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


def make_folder(folder: Path, on_new_folder: Callable[[Path], None] | None = None) -> None:
    """Make `folder` (and its parents) when missing, then call `on_new_folder` with it (the CLI says so on
    stderr); raises OutputError when it cannot."""
    try:
        if folder.is_dir():
            return
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file is in the way, or the place is read-only
        if not folder.is_absolute() and cwd_gone():
            raise cwd_gone_error(folder) from None
        raise cannot_write(folder, exc) from None
    if on_new_folder is not None:
        on_new_folder(folder)


def write_atomic(target: Path, data: bytes, on_new_folder: Callable[[Path], None] | None = None) -> None:
    """Write `data` to `target` so that a failure (or a SIGTERM) leaves the previous file (if any) untouched;
    a missing folder is made first (see `make_folder`). Raises OutputError."""
    make_folder(target.parent, on_new_folder)
    mode = _new_file_mode(target)
    with _terminate_cleanly():
        try:
            fd, tmp = make_temp(target)  # O_EXCL, beside the target; stale ones of a killed run are swept
        except OSError as exc:  # the folder cannot be written to
            if not target.is_absolute() and cwd_gone():
                raise cwd_gone_error(target) from None
            raise cannot_write(target, exc) from None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise cannot_write(target, exc) from None
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
