"""recap's cache folder: derived data kept between runs (font metrics, reportlab's parsed faces, QR codes, icons,
installed renderers).

Everything here can be rebuilt from its sources, and every name includes what it was made from, so a stale
entry is never read; a missing or unwritable cache only makes a run slower. The folder is
`$RECAP_CACHE_DIR`, else `$XDG_CACHE_HOME/recap`, else `~/.cache/recap`.

The cache is an optimisation only: every entry starts with a header (a magic word, the format, the length
and a checksum of the data), and an entry that is cut short, changed or not a regular file is a miss: it is
deleted, and the caller rebuilds it. No content of the cache can make a run fail.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import struct
from pathlib import Path

from decks.safeio import ReadRefused, read_bounded
from decks.safewrite import replace_with

_MAGIC = b"RECAPC"
_FORMAT = 1
_HEADER = struct.Struct(">6sBQ16s")  # magic, format, length of the data, blake2b-128 of the data


def folder(kind: str) -> Path:
    """The sub-folder for one kind of cached data."""
    own = os.environ.get("RECAP_CACHE_DIR")
    base = Path(own) if own else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "recap"
    return base / kind


def key(*parts: object) -> str:
    """A file name stem made from everything the cached data depends on."""
    return hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest()


def entry_path(kind: str, name: str) -> Path:
    """Where the entry `name` of `kind` is kept. The name carries the format, so that an older recap sharing the
    folder never reads an entry with a header as its data, and this one never reads an older one's entries."""
    return folder(kind) / f"rc{_FORMAT}-{name}"


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def read(kind: str, name: str) -> bytes | None:
    """The cached bytes, or None when there are none or the entry does not check out (it is then deleted)."""
    path = entry_path(kind, name)
    try:
        raw = read_bounded(path, "cache")
    except ReadRefused:
        if path.is_symlink() or path.exists():
            _discard(path)
        return None
    if len(raw) >= _HEADER.size:
        magic, version, length, digest = _HEADER.unpack_from(raw)
        data = raw[_HEADER.size :]
        if magic == _MAGIC and version == _FORMAT and length == len(data) and digest == _digest(data):
            return data
    _discard(path)
    return None


def _discard(path: Path) -> None:
    """Remove a bad entry, whatever it is (a folder in its place too: the name is recap's own key)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
        return
    with contextlib.suppress(OSError):  # a read-only cache: the entry stays a miss
        path.unlink()


def write(kind: str, name: str, data: bytes) -> None:
    """Keep `data` behind its header (through a temporary file and a rename, so readers never see half a file)."""
    path = entry_path(kind, name)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_with(path, _HEADER.pack(_MAGIC, _FORMAT, len(data), _digest(data)) + data)  # O_EXCL temp file
    except OSError:
        pass  # a read-only home still renders; it is only slower


def as_file(kind: str, name: str, data: bytes) -> Path | None:
    """`data` (a verified entry) as a plain file, for libraries that open a path (a converted font): rewritten
    whenever the file there is not exactly `data`, so a damaged copy is never used. None when it cannot be kept."""
    path = folder(kind) / "files" / name
    try:
        if path.is_file() and not path.is_symlink() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return path
        if path.is_symlink() or path.exists():
            _discard(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_with(path, data)
        return path
    except OSError:
        return None
