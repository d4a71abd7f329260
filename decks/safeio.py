"""Bounded reads of the files recap is given: each kind has a size cap, checked before a byte is read.

Content, theme, post, image, font and template files may come from someone else. A FIFO would block a read
forever and /dev/zero would fill memory, so a file is looked at (`stat`) before it is opened, only regular files
are read, the open does not block (O_NONBLOCK), and no more than the cap (plus one byte, to notice a file that
grew) is ever read.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

MB = 1024 * 1024
LIMITS: dict[str, int] = {
    "content": 5 * MB,
    "theme": 5 * MB,
    "post": 2 * MB,  # a recap post is tens of KB; 2 MB imports within a few seconds (5 MB took 5-7 s)
    "schedule": 20 * MB,
    "image": 50 * MB,
    "font": 50 * MB,
    "template": 100 * MB,
    "cache": 64 * MB,
}
"""The largest file of each kind recap reads, in bytes (documented in docs/SECURITY.md)."""

_WHAT = {
    "content": "a content file (.yaml)",
    "theme": "a theme.yaml file",
    "post": "a Markdown post (.md)",
    "schedule": "a schedule.json, schedule.xml, Sessionize JSON or .ics file",
    "image": "a PNG, JPEG, GIF or WebP file",
    "font": "a .ttf or .ttc font file",
    "template": "a .pptx template file",
    "cache": "a cache entry",
}


class ReadRefused(Exception):
    """A file recap will not read, with what is wrong (`message`) and what to do (`hint`)."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(f"{message}; {hint}")
        self.message = message
        self.hint = hint


def _size(n: int) -> str:
    return f"{n / MB:,.1f} MB" if n >= MB else f"{n:,} bytes"


def check_file(path: Path, kind: str) -> os.stat_result:
    """The file's status when it is a regular file within the cap for `kind`; raises `ReadRefused` otherwise."""
    limit = LIMITS[kind]
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ReadRefused("no such file", "check the path") from None
    except NotADirectoryError:
        raise ReadRefused("no such file (a part of the path is a file, not a folder)", "check the path") from None
    except OSError as exc:
        raise _refused(exc) from None
    except ValueError:  # a NUL in the path
        raise ReadRefused("the path holds a NUL character", "check the path") from None
    _check_status(st, kind, limit)
    return st


def _check_status(st: os.stat_result, kind: str, limit: int) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise ReadRefused("this is a folder", f"give {_WHAT[kind]}")
    if not stat.S_ISREG(st.st_mode):
        what = "a pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else "a device or socket"
        raise ReadRefused(f"this is {what}, not a regular file", f"give {_WHAT[kind]}")
    if st.st_size > limit:
        raise ReadRefused(
            f"the file is {_size(st.st_size)}, over the {_size(limit)} recap reads for {_WHAT[kind]}",
            "use a smaller file",
        )


def _refused(exc: OSError) -> ReadRefused:
    if exc.errno == errno.ENAMETOOLONG:
        return ReadRefused("the file name is too long for the file system", "use a shorter name")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ReadRefused(f"cannot read it ({exc.strerror})", "check its permissions")
    if exc.errno == errno.ELOOP:
        return ReadRefused("the path is a loop of symbolic links", "point it at the file itself")
    return ReadRefused(f"cannot read it ({exc.strerror or exc})", "check the path")


def read_bounded(path: Path, kind: str) -> bytes:
    """The bytes of `path`, a regular file of at most `LIMITS[kind]` bytes; raises `ReadRefused` otherwise."""
    limit = LIMITS[kind]
    check_file(path, kind)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _refused(exc) from None
    try:
        _check_status(os.fstat(fd), kind, limit)  # the file may have been swapped since the stat
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 * MB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _refused(exc) from None
    finally:
        os.close(fd)
    if total > limit:
        raise ReadRefused(f"the file grew past the {_size(limit)} recap reads while it was read", "use a smaller file")
    return b"".join(chunks)


def read_stdin_bounded(kind: str) -> bytes:
    """Standard input (`-` for a file name), at most `LIMITS[kind]` bytes; raises `ReadRefused` otherwise.

    A terminal is refused rather than waited on: `recap pptx -` at a prompt would look like a hang."""

    limit = LIMITS[kind]
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or sys.stdin.closed:
        raise ReadRefused("standard input is closed", f"pipe {_WHAT[kind]} in, or name the file")
    try:
        if stream.isatty():
            raise ReadRefused("standard input is a terminal", f"pipe {_WHAT[kind]} in (cat talk.yaml | recap ...)")
        data = stream.read(limit + 1)
    except (OSError, ValueError) as exc:
        raise ReadRefused(
            f"standard input cannot be read ({getattr(exc, 'strerror', None) or 'closed'})",
            f"pipe {_WHAT[kind]} in, or name the file",
        ) from None
    if len(data) > limit:
        raise ReadRefused(f"standard input is over the {_size(limit)} recap reads", "use a smaller file")
    return data
