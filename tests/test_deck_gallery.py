"""The deck gallery (tools/deck_gallery.py, `make gallery`): its contact sheet holds every slide of its decks, a
row per deck, each slide drawn by LibreOffice; its generated contents use every layout of the deck plan."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from PIL import Image

from decks.plan.deck import build_plan
from decks.plan.deck.plan import LAYOUTS
from decks.themes.loader import load_theme
from tests.fixtures import layout_contents

TOOL = Path(__file__).resolve().parents[1] / "tools" / "deck_gallery.py"


@pytest.fixture(scope="module")
def gallery():
    spec = importlib.util.spec_from_file_location("deck_gallery", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["deck_gallery"] = module
    spec.loader.exec_module(module)
    return module


def test_the_generated_contents_use_every_layout_in_every_language() -> None:
    theme = load_theme(None)
    for language in layout_contents.LANGUAGES:
        used = {
            s.design
            for kind in layout_contents.KINDS
            for s in build_plan(layout_contents.recap(language, kind), theme).slides
        }
        assert used == set(LAYOUTS), (language, set(LAYOUTS) - used)


def test_a_sheet_wraps_each_row_and_keeps_rows_apart(gallery) -> None:
    slide = Image.new("RGB", (80, 45), "#123456")
    rows = [("a", [slide] * (gallery.PER_ROW + 1), ["bullets"] * (gallery.PER_ROW + 1)), ("b", [slide], ["cover"])]
    img = gallery.sheet("title", rows)
    assert img.width == gallery.LABEL + gallery.PER_ROW * (80 + gallery.GAP) + gallery.GAP
    # Three lines of slides (the first row wraps once), a gap between the two rows.
    assert img.height == 22 + 3 * (45 + gallery.CAPTION + gallery.GAP) + 2 * gallery.GAP
    slides = sum(1 for x in range(img.width) for y in range(0, img.height, 5) if img.getpixel((x, y)) == (18, 52, 86))
    assert slides == (gallery.PER_ROW + 2) * 80 * 9  # every slide pasted whole (a row of pixels every 5)


def test_the_gallery_draws_a_deck_with_libreoffice_into_a_sheet(gallery, soffice, poppler, tmp_path) -> None:
    """A tiny run (one theme, one language, one content): the sheet holds each slide LibreOffice drew, in
    order, and the README names each slide's layout."""
    (written,) = gallery.main(tmp_path, themes=("ink",), languages=("ko",), kinds=("lists",), contents=[])
    designs = [s.design for s in build_plan(layout_contents.recap("ko", "lists"), load_theme("ink")).slides]
    with Image.open(written) as img:
        lines = -(-len(designs) // gallery.PER_ROW)
        width, height = img.size
        tw = (width - gallery.LABEL - gallery.GAP) // min(gallery.PER_ROW, len(designs)) - gallery.GAP
        # A 960 x 540 pt slide at the sheet's resolution (pdftoppm rounds a pixel either way).
        th = (height - 22 - gallery.GAP) / lines - gallery.CAPTION - gallery.GAP
        assert abs(tw - 960 / 72 * gallery.DPI) <= 1 and abs(th - 540 / 72 * gallery.DPI) <= 1
        rgb = img.convert("RGB")
        # Each slide was drawn: its first thumbnail is not the sheet's background, and holds ink (text).
        x0, y0 = gallery.LABEL + gallery.GAP, 22
        colours = rgb.crop((x0, y0, x0 + tw, y0 + 300)).getcolors(1 << 16)
        assert colours is not None and len(colours) > 8
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert f"| ink-layouts.png | ko lists | {len(designs)}: {', '.join(designs)} |" in readme
