"""The python-bidi shim (decks.text.bidi_levels): pinned to the python-bidi versions it was checked with, and held
to python-bidi's public answer: reordering a line by its levels gives `bidi.get_display`'s order."""

from __future__ import annotations

import unicodedata
from importlib.metadata import version

from hypothesis import example, given
from hypothesis import strategies as st

from decks.text.bidi_levels import resolved_levels

# Letters of three scripts, European and Arabic-Indic digits, spaces, separators and terminators; no brackets
# and no controls, which the shim's Unicode 5 steps resolve otherwise than get_display's Unicode 15 (N0, isolates).
ALPHABET = "abcXYZ" + "שלום" + "سلام" + "0123" + "٠١٢" + "  " + ",.-+%/:"


def _reorder(text: str, levels: list[int], base: int) -> str:
    """`text` in visual order by rules L1 (trailing white space at the paragraph's level) and L2 (from the
    highest level down to the lowest odd one, reverse every run at that level or higher)."""
    levels = list(levels)
    end = len(text)
    while end and unicodedata.bidirectional(text[end - 1]) in ("WS", "BN"):
        end -= 1
        levels[end] = base
    order = list(range(len(text)))
    odd = [level for level in levels if level % 2]
    for level in range(max(levels, default=0), min(odd, default=max(levels, default=0) + 1) - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return "".join(text[i] for i in order)


def test_the_shim_is_pinned_to_the_python_bidi_versions_it_was_checked_with() -> None:
    # decks.text.bidi_levels runs the undocumented steps of python-bidi's `bidi.algorithm`. A python-bidi outside
    # these versions may have moved them, or may at last expose levels: check it again, then widen the range.
    major, minor = (int(part) for part in version("python-bidi").split(".")[:2])
    assert (0, 6) <= (major, minor) < (0, 7), version("python-bidi")
    assert resolved_levels("abc שלום 12", rtl=False) == [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2]


@given(st.text(st.sampled_from(ALPHABET), min_size=1, max_size=24), st.booleans())
@example("abc שלום 12 def", False)
@example("2024 مؤتمر", True)
def test_reordering_by_the_levels_gives_python_bidis_own_visual_order(text: str, rtl: bool) -> None:
    from bidi import get_display

    levels = resolved_levels(text, rtl)
    assert levels is not None and len(levels) == len(text)
    assert _reorder(text, levels, int(rtl)) == get_display(text, base_dir="R" if rtl else "L")


def test_a_line_the_steps_cannot_resolve_gets_none_not_an_exception() -> None:
    assert resolved_levels("𐭀\U00010d3a", rtl=True) is None  # bidi classes newer than the steps know
