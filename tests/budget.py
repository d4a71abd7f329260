"""How many examples a property test tries: a quick budget in `make test` and CI, the full one with
HYPOTHESIS_PROFILE=deep (a nightly run, or after changing what the property covers).

`@settings(max_examples=examples(100, deep=400))`: the quick budget still draws each property's strategies over
their whole range (full Unicode and all) on every run; the deep one is the budget the property had before it was
given a quick one. Properties without their own budget take the profile's (tests/conftest.py)."""

from __future__ import annotations

import os

DEEP = os.environ.get("HYPOTHESIS_PROFILE") == "deep"


def examples(quick: int, deep: int) -> int:
    """`deep` under HYPOTHESIS_PROFILE=deep, else `quick`."""
    return deep if DEEP else quick
