"""Pausing the cyclic garbage collector for a stage (decks.gcpause)."""

from __future__ import annotations

import gc

import pytest

from decks.gcpause import paused_gc


def test_the_collector_is_off_inside_and_back_on_after_even_when_the_body_raises() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # a nested pause does not resume the outer one
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
