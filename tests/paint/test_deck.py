"""Setting the deck plan's text line by line: the engine's lines for each paragraph, placed in the box."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.paint.deck import Setter, icon_origin
from decks.plan.deck.faces import _box as faces_box
from decks.plan.deck.fit import Fitter, Src
from decks.plan.deck.plan import Run
from decks.plan.geometry import Rect
from decks.plan.icons import get
from decks.plan.stacks import stacks_for
from decks.text.shaping import has_rtl, joined
from decks.themes.loader import load_theme


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


def _printable(text: str) -> str:
    return re.sub(r"[\s\u200b•–]", "", unicodedata.normalize("NFKC", text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=160))
def test_any_text_is_set_in_the_lines_the_fitter_planned(theme, text):
    setter = Setter(theme)
    box = Fitter(theme).text_box("body", [Src((Run(text),), bullet=True)], Rect(48, 128, 420, 356), 28)
    set_box = setter.set_box(box)
    for k, para in enumerate(box.paras):
        lines = [line for line in set_box.lines if line.para == k]
        assert len(lines) == para.lines
        drawn = _printable("".join(line.text for line in lines))
        if has_rtl(para.text):  # lines are in drawing order: every character once, in another order
            assert sorted(drawn) == sorted(_printable(joined(para.text)))
        else:
            assert drawn == _printable(para.text)
        # Every line starts in the box and the stack of lines ends where the plan's height says.
        assert all(line.pieces[0].x >= box.box.x - 0.01 for line in lines if line.pieces)
    if set_box.lines:
        assert set_box.lines[-1].top + set_box.lines[-1].height == pytest.approx(box.box.y + box.height)


@pytest.mark.parametrize("anchor", ["t", "ctr", "b"])
def test_the_anchor_puts_the_lines_at_the_top_middle_or_bottom(theme, anchor):
    setter = Setter(theme)
    box = Fitter(theme).text_box("body", [Src((Run("One short line"),))], Rect(0, 100, 400, 200), 28, anchor=anchor)
    line = setter.set_box(box).lines[0]
    expected = {"t": 100, "ctr": 100 + (200 - line.height) / 2, "b": 300 - line.height}[anchor]
    assert line.top == pytest.approx(expected)
    assert line.top < line.baseline < line.top + line.height


def test_an_icon_is_centred_in_its_box():
    icon = get("rocket")
    x, baseline, size = icon_origin(icon.font, icon.char, (100, 50, 56, 56))
    assert size == pytest.approx(0.8 * 56)
    assert 100 <= x < 156 and 50 < baseline <= 106


@pytest.mark.parametrize(
    "text",
    [
        "مثال: pip install lib==2.0 يعمل الآن",  # a Latin stretch of several words inside Arabic
        "ملخص مؤتمر المطورين 2025",  # digits after the Arabic
        "שלום world, עוד מילים כאן ועוד",
        "Hello שלום עולם and more English",  # Hebrew inside an English paragraph
    ],
)
def test_a_line_with_right_to_left_text_is_drawn_in_bidi_order(theme, text):
    from decks.text.shaping import visual

    setter = Setter(theme)
    box = Fitter(theme).text_box("body", [Src((Run(text),))], Rect(0, 0, 900, 200), 20)
    stacks = stacks_for(theme, "ar")
    faced = faces_box(box, {"heading": stacks.heading, "body": stacks.body})  # runs cut by face, rtl marked
    (line,) = setter.set_box(faced).lines
    assert line.text == visual(text)  # the pieces, left to right, read as the whole line drawn by the bidi rules
    assert all(a.x + a.width <= b.x + 0.01 for a, b in pairwise(line.pieces))


def test_the_painter_sets_the_lines_the_plan_recorded_without_breaking_again() -> None:
    from msgspec.structs import replace as _replace

    from decks.model import Recap
    from decks.paint.deck import Setter
    from decks.plan import deck_plan
    from decks.themes.loader import load_theme

    theme = load_theme(None)
    recap = Recap.model_validate(
        {
            "title": "T",
            # A list (a lone takeaway is otherwise a spotlight's statement, set large in balanced lines).
            "items": [{"title": "Item", "layout": "bullets", "takeaways": ["one two three four five six seven eight"]}],
        }
    )
    deck = deck_plan(recap, theme)
    body = next(s for s in deck.slides if s.kind == "item").body
    assert body is not None
    para = body.paras[0]
    assert para.ends == (len(para.text),) and para.lines == 1
    # A plan that says the line ends after "one two" is set so, though the box would hold the whole line.
    cut = _replace(body, paras=(_replace(para, ends=(7, len(para.text)), lines=2),))
    lines = Setter(theme, "en").set_box(cut).lines
    assert [line.text for line in lines] == ["one two", "three four five six seven eight"]


def test_a_paragraph_the_plan_did_not_break_is_set_as_written(theme) -> None:
    from decks.plan.deck.plan import Para, TextBox

    para = Para((Run("one two three four five six\nseven eight"),), 20, 24)
    assert para.ends == ()  # a plan made by hand: no line ends recorded
    box = TextBox("body", Rect(0, 0, 60, 200), (para,))
    lines = Setter(theme, "en").set_box(box).lines
    # Its hard break only: never broken again to the box's width, which a painter does not decide.
    assert [line.text for line in lines] == ["one two three four five six", "seven eight"]


def test_painting_reads_the_plan_and_imports_nothing_of_the_fitter() -> None:
    import ast
    from pathlib import Path

    import decks.paint

    for path in Path(decks.paint.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        modules |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert "decks.plan.deck.fit" not in modules, path.name


def test_a_code_piece_is_drawn_at_nine_tenths_of_its_paragraphs_size_where_the_plan_measured_it(theme) -> None:
    from decks.plan.stacks import run_faces
    from decks.text.runs import CODE_SCALE

    src = Src((Run("Run "), Run("pip install", style=4), Run(" today")))
    box = Fitter(theme).text_box("body", [src], Rect(48, 128, 700, 356), 28)
    stacks = stacks_for(theme)
    faced = faces_box(box, {"heading": stacks.heading, "body": stacks.body}, styled=run_faces(theme))
    (line,) = Setter(theme).set_box(faced).lines
    size = faced.paras[0].size
    code = [p for p in line.pieces if p.face.family == "Courier New"]
    assert "".join(p.text for p in code) == "pip install"
    assert all(p.size == pytest.approx(size * CODE_SCALE) for p in code)
    assert all(p.size == size for p in line.pieces if p not in code)
    # Each piece starts where the one before it ends: the code's width is its smaller size's.
    assert all(a.x + a.width == pytest.approx(b.x) for a, b in pairwise(line.pieces))
