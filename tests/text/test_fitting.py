"""Fitting: the one size search (the largest size on the grid that fits, never above the maximum nor below the
floor), the size grid, line pitch, and paragraphs stacked in a box."""

from __future__ import annotations

import math
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from decks.assets import fonts_dir
from decks.text import fitting
from decks.text.breaking import break_lines, reach
from decks.text.fallback import FontStack
from decks.text.fitting import Block, Laid, largest_fitting, layout, line_pitch, measured, size_steps
from decks.text.metrics import load_face
from decks.text.office import OfficeStack
from tests.budget import examples


@cache
def stack() -> FontStack:
    return FontStack((load_face(fonts_dir() / "Lato-Regular.ttf"), load_face(fonts_dir() / "RecapKai-Regular.ttf")))


def blocks(*texts: str) -> list[Block]:
    return [Block(text, stack()) for text in texts]


def fit(bs: list[Block], width: float, height: float, max_size: float, min_size: float) -> Laid | None:
    """Blocks fitted to a box the way the deck plan fits them: the one search over the half-point grid."""
    if not bs:
        return layout(bs, width, max_size, 1.2)

    def attempt(size: float) -> tuple[float, Laid]:
        laid = layout(bs, width, size, 1.2)
        return max(laid.height / height, laid.width / width), laid

    found = largest_fitting(size_steps(max_size, min_size), attempt)
    return found[1] if found else None


def test_short_text_in_a_big_box_gets_the_maximum_size() -> None:
    laid = fit(blocks("TensorFlow 2.0"), 500, 200, 28, 18)
    assert laid is not None and laid.size == 28
    assert laid.line_count == 1


def test_text_that_cannot_fit_at_the_floor_gives_none() -> None:
    assert fit(blocks("word " * 500), 100, 50, 28, 18) is None


def test_more_text_shrinks_the_size_but_not_below_the_floor() -> None:
    short = fit(blocks("One takeaway"), 300, 100, 28, 10)
    long = fit(blocks("One takeaway that goes on and on, " * 4), 300, 100, 28, 10)
    assert short is not None and long is not None
    assert 10 <= long.size < short.size


def test_sizes_are_on_the_half_point_grid() -> None:
    laid = fit(blocks("A fairly long takeaway about eager execution " * 3), 250, 120, 28, 8)
    assert laid is not None and (laid.size * 2).is_integer()


def test_no_blocks_fit_at_the_maximum() -> None:
    laid = fit([], 100, 100, 20, 10)
    assert laid is not None and laid.size == 20 and laid.height == 0


def test_layout_stacks_blocks_with_space_before_and_scale() -> None:
    heading = Block("Title", stack(), scale=1.5)
    body = Block("Body", stack(), space_before=1.0)
    laid = layout([heading, body], 400, 10, leading=1.2)
    first, second = laid.blocks
    assert first.size == 15 and second.size == 10
    assert second.top == first.height + 10
    assert laid.height == second.top + second.height


def test_size_steps_run_from_the_top_to_the_floor_on_the_grid() -> None:
    assert size_steps(20.3, 18) == [20.3, 20.0, 19.5, 19.0, 18.5, 18]
    assert size_steps(12, 12) == [12]
    assert size_steps(10, 12) == [10]  # a floor above the top is the top


def test_size_steps_refuse_sizes_that_are_not_finite_and_stay_bounded() -> None:
    import math

    import pytest

    with pytest.raises(ValueError):
        size_steps(math.inf, 10)
    assert len(size_steps(1e9, 1, 0.001)) <= 401


def test_line_pitch_is_the_leading_but_never_below_the_faces_own_line_height() -> None:
    assert line_pitch(10, 1.2) == 12
    tall = stack().line_height("我们")
    assert line_pitch(10, 1.0, stack(), "我们") == tall * 10


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0.05, 4), min_size=1, max_size=60).map(sorted), st.floats(0.1, 3))
def test_the_search_finds_the_largest_fitting_size_with_few_attempts(needs: list[float], scale: float) -> None:
    # A made-up need that grows with the size (index 0 is the largest size): the search must find the first
    # index whose need is at most 1, as a scan would, in a logarithmic number of attempts.
    needs = [n * scale for n in reversed(needs)]
    sizes = [float(len(needs) - i) for i in range(len(needs))]
    calls: list[float] = []

    def attempt(size: float) -> tuple[float, int]:
        calls.append(size)
        i = sizes.index(size)
        return needs[i], i

    found = largest_fitting(sizes, attempt)
    expected = next((i for i, n in enumerate(needs) if n <= 1.0), None)
    assert (found[1] if found else None) == expected
    assert len(calls) <= 2 * len(needs).bit_length() + 4


_TEXT = st.text(st.sampled_from("ab cdef ghij 我们测试。，「」https://x.org/"), min_size=1, max_size=80)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_TEXT, min_size=1, max_size=4),
    st.floats(20, 500),
    st.floats(10, 500),
    st.integers(12, 24).map(lambda n: n / 2),
    st.integers(0, 40).map(lambda n: n / 2),
)
def test_fit_stays_in_the_box_and_the_size_range(
    texts: list[str], width: float, height: float, min_size: float, extra: float
) -> None:
    max_size = min_size + extra
    laid = fit(blocks(*texts), width, height, max_size, min_size)
    if laid is not None:
        assert laid.height <= height
        assert laid.width <= width
        assert min_size <= laid.size <= max_size


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_TEXT, min_size=1, max_size=4),
    st.floats(20, 400),
    st.floats(10, 400),
    st.floats(1, 2),
    st.floats(0, 200),
)
def test_a_bigger_box_never_gives_a_smaller_size(
    texts: list[str], width: float, height: float, wider: float, taller: float
) -> None:
    small = fit(blocks(*texts), width, height, 24, 6)
    big = fit(blocks(*texts), width * wider, height + taller, 24, 6)
    if small is not None:
        assert big is not None and big.size >= small.size


@cache
def office_stack() -> OfficeStack:
    faces = (load_face(fonts_dir() / "Carlito-Regular.ttf"), load_face(fonts_dir() / "RecapKai-Regular.ttf"))
    return OfficeStack(faces, system=False, ea=faces[1])


@settings(max_examples=examples(50, deep=200), deadline=None)
@given(
    st.lists(
        st.tuples(st.text(st.characters(codec="utf-8"), max_size=60), st.sampled_from([0.85, 1.0, 1.3])),
        min_size=1,
        max_size=4,
    ),
    st.floats(20, 600),
    st.floats(4, 60),
    st.booleans(),
)
def test_a_layout_measures_its_lines_as_the_stack_does(
    texts: list[tuple[str, float]], width: float, size: float, office: bool
) -> None:
    # The layout takes its widest line from the longest in ems and its pitch from the breaking's cache: the same
    # floats as measuring each line at its size and asking line_pitch.
    s = office_stack() if office else stack()
    blocks_ = [Block(text, s, scale, indent=1.1 * scale, space_before=0.3) for text, scale in texts]
    laid = layout(blocks_, width, size, 1.2)
    widest = 0.0
    for lb in laid.blocks:
        widest = max([widest, *(lb.block.indent * lb.size + s.width(line, lb.size) for line in lb.lines)])
        assert lb.pitch == line_pitch(lb.size, 1.2, s, lb.block.text)
    assert laid.width == widest


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from("ab VA. -字“”（）\u00a0"), max_size=40) | st.text(max_size=30),
    st.floats(4, 60),
    st.floats(-1e-6, 1e-6),
    st.data(),
)
def test_a_paragraph_within_its_reach_is_the_breakers_one_line(
    text: str, size: float, nudge: float, data: st.DataObject
) -> None:
    """`layout` takes a paragraph as one line, unbroken, when its reach says the breaker would: the same lines
    and widest line as breaking it, also with a width a hair either side of the reach."""
    s = office_stack()
    cut = data.draw(st.integers(0, len(text)))
    fields = ((0, cut),) if cut else ()
    flat = text.replace("\n", " ")
    bound = s.ascii_reach(flat) or reach(flat, s.ems, join=s.join, fields=fields, spans=s.spans)  # as `layout`'s
    widths = [w for w in (bound * size * (1 + nudge), bound * size * 1.000001, data.draw(st.floats(1, 600))) if w >= 1]
    for width in widths:
        laid = layout([Block(text, s, fields=fields)], width, size, 1.2, safety=1.0)
        expected = break_lines(text, width, s.ems, size, join=s.join, fields=fields, lone_ideographs=True)
        assert list(laid.blocks[0].lines) == expected
        assert laid.width == max(s.width(line, size) for line in expected)


@settings(max_examples=examples(100, deep=400), deadline=None)
@given(
    st.text(st.sampled_from("ab VA. -字“”（）\u00a0\n"), max_size=60)
    | st.text(st.characters(codec="utf-8"), max_size=60),
    st.lists(st.tuples(st.floats(4, 60), st.floats(1, 400)), min_size=2, max_size=6),
    st.floats(-2e-6, 2e-6),
    st.data(),
)
def test_a_paragraph_measured_once_breaks_as_the_breaker_at_every_size_and_width(
    text: str, tries: list[tuple[float, float]], nudge: float, data: st.DataObject
) -> None:
    """`Measured` reuses the lines found at one size and width for any other that gives a width in ems inside
    their interval: at each size and width tried after others (also a hair either side of a width already
    compared), the same lines and widest line as breaking the paragraph afresh."""
    s = OfficeStack(office_stack().faces, system=False, ea=office_stack().ea)  # nothing measured yet
    cut = data.draw(st.integers(0, len(text)))
    fields = ((0, cut),) if cut else ()
    paragraph = measured(text, s, fields)
    scale = data.draw(st.floats(0.5, 2.0))
    for size, width in [t for s0, w0 in tries for t in ((s0, w0), (s0 * scale, w0 * scale))]:
        compared: list[float] = []
        for w in (width, width * (1 + nudge)):
            got = paragraph.lines(size, w)
            expected = break_lines(
                text, w, s.ems, size, join=s.join, fields=fields, lone_ideographs=True, compared=compared
            )
            assert got[0] == tuple(expected)
            assert got[1] * size == max(s.width(line, size) for line in expected)
        # A width just inside what the breaker compared: the same lines (reused or not) as breaking there.
        within, beyond = compared[0], compared[1]
        for w in (within, beyond * (1 - 1e-12)):
            if math.isfinite(w) and w >= 1:
                assert paragraph.lines(size, w)[0] == tuple(
                    break_lines(text, w, s.ems, size, join=s.join, fields=fields, lone_ideographs=True)
                )


def test_breaks_found_at_one_size_are_reused_at_another_with_the_same_width_in_ems() -> None:
    """A paragraph of several lines is broken once for the sizes whose width in ems keeps every compared width on
    its side, and broken again where one changes sides."""
    s = OfficeStack(office_stack().faces, system=False, ea=office_stack().ea)
    text = "The quick brown fox jumps over the lazy dog and keeps running along the river bank"
    paragraph = measured(text, s)
    calls = 0
    real = fitting.break_lines

    def counting(*args: object, **kwargs: object) -> list[str]:
        nonlocal calls
        calls += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    fitting.break_lines = counting  # type: ignore[assignment]
    try:
        first = paragraph.lines(20.0, 200.0)
        again = paragraph.lines(10.0, 100.0)  # the same width in ems
        assert calls == 1 and again == first and len(first[0]) > 2
        wider = paragraph.lines(20.0, 400.0)  # twice the width in ems: fewer lines
        assert calls == 2 and len(wider[0]) < len(first[0])
    finally:
        fitting.break_lines = real
