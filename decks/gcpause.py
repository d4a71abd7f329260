"""Making Python's cyclic garbage collector rare while recap builds large, mostly acyclic structures.

Loading, planning and writing a deck make hundreds of thousands of small objects (values, runs, paragraphs,
XML strings) that hold no reference cycles: reference counting frees each as soon as it is dropped. The cyclic
collector, triggered by the count of allocations, would walk every live object again and again (a fifth of the
time of a 1,000-item deck) to find nothing. So for the stage the objects alive at its start (the modules, the
caches) are frozen out of the collector's sight and the youngest generation is collected a hundred times less
often. It is not turned off: the PDF and HTML writers (reportlab among them) do make cycles, and with the
collector off a 300-slide `recap slides` held 430 MB of garbage instead of 85 MB. Put back as it was after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_RARE = 70_000  # allocations between young collections (Python's default is 700; 2,000 from 3.13)
_depth = 0


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the body with the cyclic collector made rare, then put it back as it was (nesting is fine)."""
    global _depth
    _depth += 1
    outer = _depth == 1
    if outer:
        thresholds = gc.get_threshold()
        gc.freeze()  # what is alive now (modules, caches) is not walked again
        gc.set_threshold(_RARE, *thresholds[1:])
    try:
        yield
    finally:
        _depth -= 1
        if outer:
            gc.set_threshold(*thresholds)
            gc.unfreeze()
