"""Styled runs measured with the faces that draw them (decks.text.runs), by the one line breaker."""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from decks.assets import fonts_dir
from decks.model.inline import Style, spans
from decks.text.fallback import FontStack
from decks.text.fitting import Block, layout
from decks.text.metrics import load_face
from decks.text.office import office_stack
from decks.text.runs import CODE_SCALE, RunFaces, StyledText, local_styles, run_size, styles_of

CODE, BOLD, ITALIC = int(Style.CODE), int(Style.BOLD), int(Style.ITALIC)


@cache
def faces() -> RunFaces:
    kai = load_face(fonts_dir() / "RecapKai-Regular.ttf")
    kai_bold = load_face(fonts_dir() / "RecapKai-Bold.ttf")
    ea = kai

    def stack(name: str, tail: object) -> FontStack:
        return office_stack(FontStack((load_face(fonts_dir() / name), tail)), ea)  # type: ignore[arg-type]

    return RunFaces(
        stack("Carlito-Regular.ttf", kai), stack("Carlito-Bold.ttf", kai_bold), stack("LiberationMono-Regular.ttf", kai)
    )


def styled(markup: str) -> tuple[str, StyledText]:
    runs = spans(markup)
    text = "".join(r.text for r in runs)
    return text, StyledText(faces(), styles_of(tuple((r.text, int(r.style)) for r in runs)))


def lines(markup: str, width: float, size: float = 20.0) -> tuple[str, ...]:
    text, st_ = styled(markup)
    block = Block(text, faces().plain, styled=st_ if st_.styles else None)
    return layout([block], width, size, 1.2, safety=1.0).blocks[0].lines


def test_a_line_of_code_that_fits_in_the_body_face_breaks_in_the_monospace_face() -> None:
    words = "pip install -U --pre tensorflow"
    plain_width = faces().plain.width(words, 20.0)
    mono_width = faces().code.width(words, 20.0)
    assert mono_width > plain_width * 1.15  # every Liberation Mono glyph is 0.6 em; Carlito's average is less
    width = (plain_width + mono_width) / 2  # room for the plain words, not for the code
    assert lines(words, width) == (words,)
    assert len(lines(f"`{words}`", width)) == 2


def test_a_code_run_is_measured_with_liberation_mono_advances_at_its_smaller_size() -> None:
    text, st_ = styled("`abc def`")
    # Every glyph 1229 of 2048 units (0.6 em), at 0.9 of the paragraph's size.
    assert CODE_SCALE == 0.9
    assert st_.spans(text)(0, len(text)) == 7 * 1229 / 2048 * CODE_SCALE
    assert st_.line_height(text) == max(faces().plain.line_height(text), faces().code.line_height(text) * 0.9)
    assert run_size(20.0, CODE) == 18.0 and run_size(20.0, BOLD | ITALIC) == 20.0


def test_bold_is_measured_wider_and_italic_as_its_upright_face() -> None:
    for words in ("Eager execution is the default", "Keras everywhere, 2.0 alpha"):
        text, bold = styled(f"**{words}**")
        _, italic = styled(f"_{words}_")
        assert bold.spans(text)(0, len(text)) > faces().plain.ems(words) * 1.02
        assert italic.spans(text)(0, len(text)) == faces().plain.ems(words)


def test_a_bold_word_that_no_longer_fits_moves_to_the_next_line() -> None:
    words = "one two three four five six seven"
    width = faces().plain.width(words, 20.0) + 1.0
    assert lines(words, width) == (words,)
    assert len(lines(f"**{words}**", width)) == 2


def test_styles_are_the_non_plain_stretches_and_cut_per_line() -> None:
    assert styles_of((("a ", 0), ("bold", BOLD), (" ", 0), ("x", CODE), ("y", CODE))) == ((2, 6, BOLD), (7, 9, CODE))
    assert local_styles(((2, 6, BOLD), (7, 9, CODE)), 5, 8) == ((0, 1, BOLD), (2, 3, CODE))


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("ab cd 中文 -/`*_"), max_size=60), st.floats(40, 400))
def test_styled_lines_are_the_texts_lines_with_nothing_lost_or_wider_than_the_box(markup: str, width: float) -> None:
    text, st_ = styled(markup)
    if not st_.styles:
        return
    got = lines(markup, width)
    assert "".join(got).replace(" ", "") == text.replace(" ", "")
    for line in got:
        at = text.find(line)
        if len(line) > 1 and at >= 0:  # one character wider than the box stays on its line
            assert st_.spans(text)(at, at + len(line)) * 20.0 <= width + 1e-6 or " " not in line


def test_the_sketchs_lines_break_code_only_after_a_space_never_at_its_hyphens() -> None:
    text, st_ = styled("Try it: `pip install -U --pre tensorflow` today")
    for width in (60.0, 90.0, 120.0, 160.0):
        got = st_.lines(text, width, 12.0)
        assert "".join(got).replace(" ", "") == text.replace(" ", "")
        # "--pre" and "-U" stay whole: no line ends in a hyphen inside the code
        assert not any(line.rstrip().endswith("-") for line in got), got
