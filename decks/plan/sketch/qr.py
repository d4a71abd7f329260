"""QR code matrices for video links, encoded once per URL and kept in a small on-disk cache.

segno picks the best of eight masks by scoring each in pure Python (about 4 ms a code, plus 20 ms to
import segno), which was the largest single cost of `recap pdf` on the example. The matrix depends only on
the URL and on segno itself, so it is cached like the font metrics: in the recap cache folder, keyed by the
URL and segno's installed file (path, size, mtime), so an upgraded segno encodes afresh.
"""

from __future__ import annotations

import importlib.util
import marshal
import os
from functools import cache

from decks import cachedir
from decks.model.urls import ascii_url  # the code holds the address every output writes: 7-bit ASCII

Matrix = tuple[tuple[bool, ...], ...]

_FORMAT = 2  # bump when the cache file's layout changes
# The most a QR code holds at error level M (version 40, byte mode): a longer link gets no code, and a warning.
MAX_BYTES = 2331


def encodable(url: str | None) -> bool:
    """Whether `url` fits in a QR code at recap's error level."""
    return url is not None and len(ascii_url(url)) <= MAX_BYTES


@cache
def _segno_stamp() -> str:
    """What identifies the installed segno, found without importing it."""
    spec = importlib.util.find_spec("segno")
    origin = spec.origin if spec and spec.origin else ""
    try:
        st = os.stat(origin)
    except OSError:
        return origin
    return f"{origin}:{st.st_size}:{st.st_mtime_ns}"


def _encode(url: str) -> Matrix:
    import segno

    code = segno.make(ascii_url(url), error="m", micro=False, boost_error=False)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)


@cache
def matrix(url: str) -> Matrix:
    """The modules of `url`'s QR code (error level M, best mask), dark = True, without the quiet zone."""
    name = cachedir.key(_FORMAT, _segno_stamp(), url) + ".marshal"
    kept = cachedir.load("qr", name, lambda data: _entry(data, url))
    if kept is not None:
        return kept
    found = _encode(url)
    cachedir.write("qr", name, marshal.dumps([url, [bytes(48 + v for v in row) for row in found]]))
    return found


def _entry(data: bytes, url: str) -> Matrix | None:
    """A cache entry decoded: [its address, rows of b"0101..."]; None unless the address is `url` and the rows
    make a QR code's square (21 to 177 modules a side, in steps of 4)."""
    payload, rows = marshal.loads(data)
    if payload != url or not isinstance(rows, list):
        return None
    side = len(rows)
    if not (21 <= side <= 177 and side % 4 == 1):
        return None
    if not all(isinstance(row, bytes) and len(row) == side and not row.strip(b"01") for row in rows):
        return None
    return tuple(tuple(c == 49 for c in row) for row in rows)


def size(url: str) -> int:
    """How many modules a side of `url`'s code has."""
    return len(matrix(url))
