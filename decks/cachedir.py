"""recap's cache folder: derived data kept between runs (font metrics, QR codes, icons, installed renderers).

Everything here can be rebuilt from its sources, and every name includes what it was made from, so a stale
entry is never read; a missing or unwritable cache only makes a run slower. The folder is
`$RECAP_CACHE_DIR`, else `$XDG_CACHE_HOME/recap`, else `~/.cache/recap`.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def folder(kind: str) -> Path:
    """The sub-folder for one kind of cached data."""
    own = os.environ.get("RECAP_CACHE_DIR")
    base = Path(own) if own else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "recap"
    return base / kind


def key(*parts: object) -> str:
    """A file name stem made from everything the cached data depends on."""
    return hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest()


def read(kind: str, name: str) -> bytes | None:
    """The cached bytes, or None when there are none."""
    try:
        return (folder(kind) / name).read_bytes()
    except OSError:
        return None


def write(kind: str, name: str, data: bytes) -> None:
    """Keep `data` (through a temporary file and a rename, so readers never see half a file)."""
    path = folder(kind) / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home still renders; it is only slower
