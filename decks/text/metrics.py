"""Where a face comes from: `load_face` gives a font file's face from the record shipped beside a bundled font,
the metrics cache, or a read with fontTools, in that order; the one way a face is made.

The cache keeps one entry a font file, keyed by its path, size and mtime: the next run does not parse a 4 MB CJK
font again.
"""

from __future__ import annotations

import marshal
import operator
import sys
from array import array
from functools import cache
from itertools import islice
from pathlib import Path

from decks import cachedir
from decks.text.faces import Advances, Face
from decks.text.records import bundled_metrics
from decks.text.sfnt import read_metrics

_CACHE_VERSION = 6  # 6: advances only for characters drawn with ink


# The arrays are kept in this machine's byte order and item sizes, which the entry's name records.
_LAYOUT = f"{sys.byteorder}:{array('I').itemsize}:{array('l').itemsize}"


@cache
def load_face(path: Path) -> Face:
    """The face of a font file: from the metrics cache when it is fresh, else its shipped record, else read."""
    path = path.resolve()
    stat = path.stat()
    name = cachedir.key(_CACHE_VERSION, _LAYOUT, path, stat.st_size, stat.st_mtime_ns) + ".marshal"
    kept = cachedir.load("metrics", name, _metrics_entry)
    if kept is not None:
        family, upm, ascent, descent, gap, notdef, source = kept
    else:
        shipped = bundled_metrics(path)
        if shipped is not None:  # a bundled font: its metrics ship beside it, and need no cache entry
            family, upm, ascent, descent, gap, notdef, source = shipped
            return Face(path, family, upm, ascent, descent, gap, source, notdef)
        family, upm, ascent, descent, gap, advances, notdef = read_metrics(path)
        source = Advances.of(advances)
        codes, widths = source.arrays()
        row = (family, upm, ascent, descent, gap, notdef, codes.tobytes(), widths.tobytes())
        cachedir.write("metrics", name, marshal.dumps(row))
    return Face(path, family, upm, ascent, descent, gap, source, notdef)


def _metrics_entry(data: bytes) -> tuple[str, int, float, float, float, int, Advances] | None:
    """A metrics cache entry decoded, or None when a value could not be a font's: a forged units-per-em of 0
    would divide by zero in every measure."""
    family, upm, ascent, descent, gap, notdef, codes, widths = marshal.loads(data)
    numbers = (ascent, descent, gap)
    if not (isinstance(family, str) and isinstance(upm, int) and isinstance(notdef, int)):
        return None
    if not (16 <= upm <= 16384 and 0 <= notdef <= 65535 and all(isinstance(v, int | float) for v in numbers)):
        return None
    if not all(-4.0 <= v <= 4.0 for v in numbers):  # em fractions; also refuses nan and infinities
        return None
    codes_, widths_ = array("I", codes), array("l", widths)
    if len(codes_) != len(widths_) or (widths_ and not 0 <= min(widths_) <= max(widths_) <= 65535):
        return None
    if not all(map(operator.lt, codes_, islice(codes_, 1, None))):
        return None  # the codes are looked up by bisection: they must ascend
    return family, upm, ascent, descent, gap, notdef, Advances(codes_, widths_)
