"""Temporary files for writes that replace a file atomically: made new (O_EXCL) beside the target, never a
fixed name, and swept up when a killed run left them behind.

A fixed temporary name (`.NAME.tmp`) lets anyone who can write to the folder plant a symbolic link there and
have recap write through it; `tempfile.mkstemp` makes a new file with O_EXCL (and O_NOFOLLOW where there is
one), mode 0600, under a random name. A run killed between making the temporary file and renaming it (SIGKILL,
a power cut) leaves it behind: the next write of the same target removes those of its own temporaries, and
only those (a regular file, named `.NAME.XXXXXXXX.tmp` as recap names them, owned by this user, untouched for
`STALE_AFTER` seconds, so a write still running in another process is left alone).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

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
