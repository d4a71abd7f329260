"""The sketchnote's styled runs in each output: italic slanted in the PDF (skewed text matrices), the SVG (a
skewX group about the run's baseline) and the PNG (leaning coverage), code in the monospace font, and the page
still searchable as words."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pdfplumber
import pytest

from decks.model import Recap
from decks.plan.sketch.primitives import Sketch, TextRun
from decks.plan.sketch.style import SLANT
from decks.plan.stacks import code_face
from decks.renderers.base import render
from decks.renderers.pdf import PdfRenderer
from decks.renderers.png import paint as paint_png
from decks.renderers.svg import SvgRenderer
from decks.themes.loader import load_theme

THEME = load_theme(None)
RECAP = Recap.model_validate(
    {
        "title": "A recap",
        "items": [
            {
                "title": "Install `tensorflow` **today**",
                "takeaways": ["a _leaning phrase_ here", "run `pip install` first"],
            }
        ],
    }
)


def _shear(matrix: tuple[float, ...]) -> float:
    """How far a glyph's matrix leans, whatever it is turned by: 0 for a turned and stretched upright letter."""
    a, b, c, d = matrix[:4]
    return (a * c + b * d) / (a * a + b * b)


def test_italic_letters_are_skewed_in_the_pdf_and_others_are_not() -> None:
    data = render(PdfRenderer, RECAP, THEME).data
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = pdf.pages[0].chars
    line = "".join(c["text"] for c in chars)
    at = line.index("leaning phrase")
    for n, c in enumerate(chars):
        lean = _shear(c["matrix"])
        if at <= n < at + len("leaning phrase") and not c["text"].isspace():
            assert lean == pytest.approx(SLANT, abs=0.01), c["text"]
        elif not c["text"].isspace():
            assert abs(lean) < 0.01, c["text"]
    mono = {c["fontname"].split("+")[-1] for c in chars if c["text"] in "tensorflow" and "Mono" in c["fontname"]}
    assert mono, "code is not set in the monospace font"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_styled_words_stay_searchable_in_the_pdf() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "s.pdf"
        pdf.write_bytes(render(PdfRenderer, RECAP, THEME).data)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = " ".join(text.split())
    for phrase in ("Install tensorflow today", "a leaning phrase here", "run pip install first"):
        assert phrase in words, words


def test_italic_runs_are_skewed_in_the_svg_about_their_baseline() -> None:
    svg = render(SvgRenderer, RECAP, THEME).data.decode()
    # Skewed about the run's origin on its baseline: moved there, skewed, moved back.
    skewed = r'<g transform="translate\(([\d.]+) ([\d.]+)\) skewX\(([-\d.]+)\) translate\(-\1 -\2\)">'
    groups = re.findall(skewed + r"<text[^>]*>([^<]*)</text></g>", svg)
    assert "".join(g[3] for g in groups).replace(" ", "") == "leaningphrase"
    for _, _, angle, _ in groups:
        assert float(angle) == pytest.approx(-12.0, abs=0.05)
    # Upright text is not in a skewed group.
    assert svg.count("skewX(") == len(groups)


def _ink_lean(slant: float) -> float:
    """How far right the ink of a tall letter's top half sits from its bottom half's, in pixels (PNG)."""
    from PIL import Image

    font = code_face(False)
    run = TextRun(20.0, 60.0, "IIII", font.path, 40.0, "#000000", font.width("IIII", 40.0), 30.0, 10.0, (), slant)
    sketch = Sketch(200.0, 80.0, 0.0, "#ffffff", "test", 10.0, (run,))
    img = Image.open(io.BytesIO(paint_png(sketch, 1.0))).convert("L")
    w = img.size[0]
    px = img.load()

    def centre(y0: int, y1: int) -> float:
        pts = [(x, 255 - px[x, y]) for y in range(y0, y1) for x in range(w) if px[x, y] < 128]
        return sum(x * k for x, k in pts) / sum(k for _, k in pts)

    return centre(30, 45) - centre(45, 60)


def test_italic_runs_lean_right_in_the_png() -> None:
    assert abs(_ink_lean(0.0)) < 0.5
    assert _ink_lean(SLANT) > 2.0  # ~15 px of rise between the halves' middles, leaning about 3 px


def test_an_italic_run_set_straight_is_skewed_in_the_pdf() -> None:
    """A run without per-letter lettering (a theme without roughness, a script drawn whole) leans by its matrix."""
    from decks.renderers.pdf import paint as paint_pdf

    font = code_face(False)
    runs = tuple(
        TextRun(20.0, 40.0 + 30 * n, text, font.path, 20.0, "#000000", font.width(text, 20.0), 15.0, 5.0, (), slant)
        for n, (text, slant) in enumerate((("lean", SLANT), ("stand", 0.0)))
    )
    data = paint_pdf(Sketch(200.0, 120.0, 0.0, "#ffffff", "test", 10.0, runs))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = pdf.pages[0].chars
    assert "".join(c["text"] for c in chars) == "leanstand"
    assert [round(_shear(c["matrix"]), 3) for c in chars] == [round(SLANT, 3)] * 4 + [0.0] * 5
    # Skewed about its origin: it starts where it did, but for its box's bottom leaning back by ~1 pt.
    assert chars[0]["x0"] == pytest.approx(20.0, abs=1.0)


def test_an_emboldened_run_is_filled_and_stroked_in_the_pdf_and_svg() -> None:
    import zlib

    recap = Recap.model_validate(
        {"title": "t", "language": "ja", "items": [{"title": "x", "takeaways": ["ビルドすると**並列実行**が可能"]}]}
    )
    pdf = render(PdfRenderer, recap, THEME).data
    # Each stream's Flate data, read up to "endstream" (decompressobj ignores the end-of-line before it).
    streams = [zlib.decompressobj().decompress(m) for m in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S)]
    page = b"".join(s for s in streams if b" Tj" in s)
    assert page.count(b"2 Tr") == 1 and page.count(b"0 Tr") == 1
    svg = render(SvgRenderer, recap, THEME).data.decode()
    stroked = re.findall(r'<text[^>]*stroke="#[0-9a-fA-F]{6}" stroke-width="[\d.]+"[^>]*>([^<]*)</text>', svg)
    assert "".join(stroked) == "並列実行"
