"""A file's stamp: its modification time and size, by which the preview tells that a file changed."""

from __future__ import annotations

from pathlib import Path

Stamp = tuple[int, int] | None  # a file's modification time and size; None when it cannot be read


def stamp(path: Path) -> Stamp:
    """The modification time and size of `path`, or None when it is not there."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)
