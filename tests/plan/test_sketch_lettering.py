"""Lettering that looks written: no two letters on a page drawn alike, and the text still reads as words."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter

import pytest

from decks.plan.sketch import build
from decks.plan.sketch.lettering import letters, variable
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN


@pytest.fixture(scope="module")
def page():
    return build(load_content(EXAMPLE_EN), load_theme(None), abridge=False)  # every line: over 3,000 letters


def test_the_same_letter_twice_on_a_page_is_never_drawn_alike(page) -> None:
    drawn: Counter = Counter()
    for run in page.runs():
        assert run.glyphs, f"{run.text!r} is lettered by hand"
        for ch, (_x, y, tilt, grow) in zip(run.text, run.glyphs, strict=True):
            if ch.strip():
                drawn[(ch, round(run.size, 2), tilt, grow, round(y - run.y, 2))] += 1
    assert sum(drawn.values()) > 3000
    assert max(drawn.values()) <= 2  # a coincidence of rounded values at most, never a pattern
    assert sum(1 for v in drawn.values() if v > 1) < sum(drawn.values()) * 0.002


def test_letters_keep_the_runs_advance_so_words_keep_their_width(page) -> None:
    from decks.text.metrics import load_face

    for run in page.runs()[:200]:
        face = load_face(run.font)
        assert run.glyphs[0][0] == pytest.approx(run.x, abs=0.01)
        end = run.glyphs[-1][0] + face.width(run.text[-1], run.size)
        assert end == pytest.approx(run.x + run.width, abs=0.05)


def test_a_roughness_of_zero_sets_letters_straight_and_shaping_scripts_are_left_whole() -> None:
    from decks.text.metrics import load_face

    face = load_face(build(load_content(EXAMPLE_EN), load_theme(None)).runs()[0].font)
    assert letters("abc", face, 0, 0, 10, "s", 0.0) == ()
    assert not variable("नमस्ते") and not variable("e\u0301") and not variable("مرحبا")
    assert variable("Tiếng Việt") and variable("Привет") and variable("数据集") and variable("한국어")
    assert letters("abc", face, 0, 0, 10, "s", 1.0) == letters("abc", face, 0, 0, 10, "s", 1.0)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
@pytest.mark.parametrize("layout", ["modular", "path", "radial"])
def test_pdftotext_reads_every_item_title_as_words(layout, tmp_path) -> None:
    from decks.renderers.pdf import paint

    recap = load_content(EXAMPLE_EN)
    sketch = build(recap, load_theme(None), layout=layout)
    path = tmp_path / "x.pdf"
    path.write_bytes(paint(sketch))
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
    words = set(text.replace("-", "").split())  # pdftotext joins a word hyphenated at a line's end
    # Every word of every title on the page (a title of several lines may be read in another order).
    for title in {c.label for c in sketch.containers if c.kind == "item"}:
        assert set(title.replace("-", "").split()) <= words, title
    lettered = {w for r in sketch.runs() for w in r.text.split() if re.fullmatch(r"[A-Za-z]{3,}", w)}
    assert len(lettered - words) <= 2, sorted(lettered - words)  # the end of a word hyphenated across lines


def test_svg_keeps_each_run_one_text_with_its_letters_placed_and_tilted(page) -> None:
    from decks.paint.svg_sketch import paint

    svg = paint(page).decode("utf-8")
    texts = re.findall(r'<text x="([^"]*)" y="([^"]*)" rotate="([^"]*)"[^>]*>([^<]*)</text>', svg)
    assert len(texts) == len(page.runs())
    for xs, ys, turns, body in texts[:50]:
        n = len(body.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
        assert len(xs.split()) == len(ys.split()) == len(turns.split()) == n
