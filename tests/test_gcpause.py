"""Making the cyclic garbage collector rare for a stage (decks.gcpause): rare, never off."""

from __future__ import annotations

import gc

import pytest

from decks.gcpause import paused_gc


def test_young_collections_are_rare_inside_and_as_before_after_even_when_the_body_raises() -> None:
    before = gc.get_threshold()
    with paused_gc():
        inside = gc.get_threshold()
        assert inside[0] > before[0] * 10 and inside[1:] == before[1:]
        with paused_gc():
            assert gc.get_threshold() == inside
        assert gc.get_threshold() == inside  # a nested stage does not put the outer one back
    assert gc.get_threshold() == before
    with pytest.raises(ValueError), paused_gc():
        raise ValueError
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_cycles_made_inside_are_still_collected_so_memory_stays_bounded() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: reference counting alone never frees it

    with paused_gc():
        for _ in range(500_000):
            Node()
        alive = sum(1 for obj in gc.get_objects() if type(obj) is Node)
    assert alive < 150_000  # with the collector off, all 500,000 stayed


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
