"""Pausing Python's cyclic garbage collector while recap builds a large, acyclic structure.

Loading, planning and writing a deck make hundreds of thousands of small objects (values, runs, paragraphs,
XML strings) that hold no reference cycles: reference counting frees each as soon as it is dropped. The cyclic
collector, triggered by the count of allocations, would walk every live object again and again (a fifth of the
time of a 1,000-item deck) to find nothing. It is paused for the stage and resumed as it was after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the body with the cyclic collector off, then put it back as it was (nesting is fine)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
