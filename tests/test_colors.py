"""Colour arithmetic: mixing, and WCAG 2.1 luminance and contrast ratios."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decks.colors import contrast_ratio, first_readable, format_ratio, mix, relative_luminance

COLOR = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06X}")


def test_luminance_of_black_and_white() -> None:
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#FFFFFF") == pytest.approx(1)


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFFFFF", "#000000", 21.0),  # order does not matter
        ("#777777", "#FFFFFF", 4.478),  # the classic near miss
        ("#767676", "#FFFFFF", 4.542),  # the lightest grey that passes on white
        ("#FF0000", "#FFFFFF", 3.998),
        ("#1A73E8", "#1A73E8", 1.0),
    ],
)
def test_known_contrast_ratios(a: str, b: str, ratio: float) -> None:
    assert contrast_ratio(a, b) == pytest.approx(ratio, abs=0.001)


def test_ratio_is_printed_rounded_down_so_a_near_miss_never_reads_as_a_pass() -> None:
    assert format_ratio(contrast_ratio("#777777", "#FFFFFF")) == "4.47"
    assert format_ratio(21.0) == "21"


@given(COLOR, COLOR, st.floats(0, 1))
def test_a_mix_lies_between_its_colours_and_ends_at_each(a: str, b: str, t: float) -> None:
    assert mix(a, b, 0) == a and mix(a, b, 1) == b
    between = mix(a, b, t)
    for i in (1, 3, 5):
        lo, hi = sorted((int(a[i : i + 2], 16), int(b[i : i + 2], 16)))
        assert lo <= int(between[i : i + 2], 16) <= hi


def test_first_readable_is_the_first_mix_that_reads_on_every_paper_or_none() -> None:
    # Red toward black: too light on white at 10%, readable from some share on; never readable on black too.
    found = first_readable("#FF0000", "#000000", (0.0, 0.1, 0.3, 0.6), ("#FFFFFF",), 4.5)
    assert found is not None and contrast_ratio(found, "#FFFFFF") >= 4.5
    earlier = [mix("#FF0000", "#000000", s) for s in (0.0, 0.1, 0.3, 0.6)]
    assert found == next(c for c in earlier if contrast_ratio(c, "#FFFFFF") >= 4.5)
    assert all(contrast_ratio(c, "#FFFFFF") < 4.5 for c in earlier[: earlier.index(found)])
    assert first_readable("#FF0000", "#000000", (0.0, 0.3, 0.6), ("#FFFFFF", "#000000"), 4.5) is None
