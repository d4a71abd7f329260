"""`recap png`: the same layout as the PDF, as a 144 dpi picture, with the same bytes every run."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from PIL import Image, ImageChops, ImageFilter, ImageStat

from decks.readers.content import load_content
from decks.renderers.base import render
from decks.renderers.pdf import PdfRenderer
from decks.renderers.png import PngRenderer
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH


@pytest.fixture(scope="module")
def png_en() -> bytes:
    return render(PngRenderer, load_content(EXAMPLE_EN), load_theme(None)).data


def test_png_is_the_page_at_144_dpi_and_not_blank(png_en) -> None:
    img = Image.open(io.BytesIO(png_en))
    assert img.size == (1684, 1191)  # A4 landscape, 2 px per point
    stat = ImageStat.Stat(img.convert("L"))
    assert stat.stddev[0] > 30, "the picture is (nearly) blank"


def test_same_bytes_every_run(png_en) -> None:
    assert render(PngRenderer, load_content(EXAMPLE_EN), load_theme(None)).data == png_en


def test_png_matches_the_pdf_layout(png_en, tmp_path, poppler) -> None:
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    pdf = tmp_path / "en.pdf"
    pdf.write_bytes(render(PdfRenderer, load_content(EXAMPLE_EN), load_theme(None)).data)
    subprocess.run(["pdftoppm", "-png", "-r", "36", "-singlefile", str(pdf), str(tmp_path / "ref")], check=True)
    ref = Image.open(tmp_path / "ref.png").convert("L")
    ours = Image.open(io.BytesIO(png_en)).convert("L").resize(ref.size, Image.Resampling.BOX)
    # Both softened by a pixel, so the figure is the layout, not Pillow's and poppler's anti-aliasing of each
    # letter's edge (a bolder hand face moved it from 9.7 to 12.2 with the same layout; 5.6 and 7.0 softened);
    # the PNG shifted by 8 px still differs by 18.9 softened.
    ref, ours = ref.filter(ImageFilter.BoxBlur(1)), ours.filter(ImageFilter.BoxBlur(1))
    diff = ImageStat.Stat(ImageChops.difference(ref, ours)).mean[0]
    assert diff < 12, f"the PNG differs from the PDF render by {diff:.1f} grey levels on average"


def test_chinese_example_and_path_layout_render(tmp_path) -> None:
    data = render(PngRenderer, load_content(EXAMPLE_ZH), load_theme(None), layout="path").data
    assert Image.open(io.BytesIO(data)).size == (1684, 1191)


def _slant(tilt: float, grow: float = 1.0) -> tuple[float, float]:
    """How far right the top of a tall lettered 'l' stands from its foot, in pixels, and its ink's height."""
    from decks.assets import fonts_dir
    from decks.plan.sketch.primitives import Sketch, TextRun
    from decks.renderers.png import paint

    run = TextRun(
        40, 200, "l", fonts_dir() / "RecapHand-Regular.ttf", 150, "#000000", 40, 120, 30, ((40, 200, tilt, grow),)
    )
    img = Image.open(io.BytesIO(paint(Sketch(200, 240, 0, "#FFFFFF", "modular", 10, primitives=(run,)), 1.0)))
    ink = img.convert("L").point(lambda v: 255 if v < 128 else 0)
    box = ink.getbbox()
    assert box is not None
    rows = [(y, [x for x in range(box[0], box[2]) if ink.getpixel((x, y))]) for y in range(box[1], box[3])]
    rows = [(y, xs) for y, xs in rows if xs]
    top, foot = rows[len(rows) // 8][1], rows[-len(rows) // 8][1]
    return sum(top) / len(top) - sum(foot) / len(foot), box[3] - box[1]


def test_hand_lettering_is_tilted_in_the_png_as_in_the_pdf() -> None:
    upright, height = _slant(0.0)
    right, _ = _slant(8.0)  # clockwise: the top leans right
    left, _ = _slant(-8.0)
    assert right > upright + 8 and left < upright - 8
    _, taller = _slant(0.0, 1.1)
    assert taller > height * 1.05
