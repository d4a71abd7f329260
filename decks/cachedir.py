"""recap's cache folder: derived data kept between runs (font metrics, reportlab's parsed faces, QR codes, icons,
installed renderers).

Everything here can be rebuilt from its sources, and every name includes what it was made from, so a stale
entry is never read; a missing or unwritable cache only makes a run slower. The folder is
`$RECAP_CACHE_DIR`, else `$XDG_CACHE_HOME/recap`, else `~/.cache/recap`.

The cache is an optimisation only, and its entries are data, checked as data. Every entry starts with a
header (a magic word, the format, the length and a keyed checksum: BLAKE2b keyed with a per-install secret
over the entry's kind, name and data). The secret is 32 random bytes in `secret` at the top of the folder,
readable by its owner only (0600), made on first use; a secret that is not a regular file of the user's with
mode 0600 is replaced, and every entry made with the old one becomes a miss. Names are keys made from the
entry's full inputs and recap's version (`key`). So an entry copied from elsewhere, forged with a valid header
of the unkeyed kind, moved to another name or left by another version is a miss: it is deleted, and the caller
rebuilds it. Callers decode an entry through `load`, which also checks the decoded value (units-per-em above
0, a QR code's own address...) and treats any failure to decode as a miss. No content of the cache can make a
run fail, change an output, or choose which module is imported (decks.renderers.base checks its entry against
the installed metadata).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import shutil
import stat
import struct
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from decks import __version__
from decks.safeio import ReadRefused, read_bounded
from decks.safewrite import replace_with

_MAGIC = b"RECAPC"
_FORMAT = 2
_HEADER = struct.Struct(">6sBQ16s")  # magic, format, length of the data, keyed blake2b-128 of kind, name, data
_SECRET = "secret"
_SECRET_SIZE = 32
_secrets: dict[str, bytes] = {}
T = TypeVar("T")
# What decoding a forged or damaged entry can raise (marshal, json, struct, arrays, unpacking, bad values).
DECODE_ERRORS = (
    EOFError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    OverflowError,
    ArithmeticError,
    UnicodeError,
    struct.error,
)


def base() -> Path:
    """The cache folder itself."""
    own = os.environ.get("RECAP_CACHE_DIR")
    return Path(own) if own else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "recap"


def folder(kind: str) -> Path:
    """The sub-folder for one kind of cached data."""
    return base() / kind


def key(*parts: object) -> str:
    """A file name stem made from everything the cached data depends on, and recap's version."""
    return hashlib.sha1(":".join(map(str, (__version__, *parts))).encode()).hexdigest()


def _secret() -> bytes:
    """This install's key for entry checksums: read from the cache folder, made there when missing or unsafe;
    a key for this process only when the folder cannot keep one (its entries are then never read again)."""
    where = base() / _SECRET
    known = _secrets.get(str(where))
    if known is not None:
        return known
    found = _read_secret(where)
    if found is None:
        found = _make_secret(where)
    _secrets[str(where)] = found
    return found


def _read_secret(where: Path) -> bytes | None:
    try:
        fd = os.open(where, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        if where.is_symlink() or where.exists():
            _discard(where)
        return None
    try:
        st = os.fstat(fd)
        data = os.read(fd, _SECRET_SIZE + 1) if stat.S_ISREG(st.st_mode) else b""
    except OSError:
        data, st = b"", None
    finally:
        os.close(fd)
    uid = os.getuid() if hasattr(os, "getuid") else None  # no owners or modes to check on Windows
    ours = st is not None and (uid is None or (st.st_uid == uid and stat.S_IMODE(st.st_mode) & 0o077 == 0))
    if ours and len(data) == _SECRET_SIZE:
        return data
    _discard(where)
    return None


def _make_secret(where: Path) -> bytes:
    made = secrets.token_bytes(_SECRET_SIZE)
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".secret.", dir=where.parent)  # O_EXCL, mode 0600
        try:
            os.write(fd, made)
            os.close(fd)
            os.link(tmp, where)  # never over another process's secret: theirs wins
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    except FileExistsError:
        return _read_secret(where) or made
    except OSError:
        pass
    return made


def load(kind: str, name: str, decode: Callable[[bytes], T | None]) -> T | None:
    """The entry decoded by `decode`, which raises (or returns None) when the value does not check out: the
    entry is then deleted and None returned, for the caller to rebuild and write it again."""
    data = read(kind, name)
    if data is None:
        return None
    try:
        value = decode(data)
    except DECODE_ERRORS:
        value = None
    if value is None:
        _discard(entry_path(kind, name))
    return value


def entry_path(kind: str, name: str) -> Path:
    """Where the entry `name` of `kind` is kept. The name carries the format, so that an older recap sharing the
    folder never reads an entry with a header as its data, and this one never reads an older one's entries."""
    return folder(kind) / f"rc{_FORMAT}-{name}"


def _digest(kind: str, name: str, data: bytes) -> bytes:
    """The entry's checksum, keyed with this install's secret and bound to the entry's kind and name."""
    mac = hashlib.blake2b(digest_size=16, key=_secret(), person=b"recap-cache")
    mac.update(f"{kind}\0{name}\0".encode("utf-8", "surrogateescape"))
    mac.update(data)
    return mac.digest()


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
        if magic == _MAGIC and version == _FORMAT and length == len(data) and _same(digest, _digest(kind, name, data)):
            return data
    _discard(path)
    return None


def _same(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)


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
        replace_with(path, _HEADER.pack(_MAGIC, _FORMAT, len(data), _digest(kind, name, data)) + data)  # O_EXCL
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
