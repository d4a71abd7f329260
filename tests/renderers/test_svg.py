"""`recap svg`: well-formed XML with the same page as the PDF, text as text, links as links, same bytes."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from decks.cli.main import main
from decks.readers.content import load_content
from decks.renderers.base import render
from decks.renderers.svg import SvgRenderer
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH

NS = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("layout", ["modular", "path", "radial"])
@pytest.mark.parametrize("example", [EXAMPLE_EN, EXAMPLE_ZH], ids=["en", "zh"])
def test_svg_parses_and_holds_every_title(example, layout) -> None:
    recap = load_content(example)
    data = render(SvgRenderer, recap, load_theme(None), layout=layout).data
    root = ET.fromstring(data)
    assert root.tag == f"{NS}svg"
    text = "".join("".join(t.itertext()) for t in root.iter(f"{NS}text")).replace(" ", "")
    for item in recap.all_items:
        assert item.title.replace(" ", "") in text, f"title missing: {item.title}"
    hrefs = {a.get("href") for a in root.iter(f"{NS}a")}
    assert all(item.links[0].url in hrefs for item in recap.all_items if item.links)
    families = {t.get("font-family") for t in root.iter(f"{NS}text")}
    assert any("Recap Hand" in f for f in families)


def test_same_bytes_every_run() -> None:
    recap = load_content(EXAMPLE_ZH)
    assert render(SvgRenderer, recap, load_theme(None)).data == render(SvgRenderer, recap, load_theme(None)).data


def test_recap_svg_command_writes_the_file(tmp_path) -> None:
    out = tmp_path / "x.svg"
    assert main(["svg", str(EXAMPLE_EN), "-o", str(out), "--layout", "radial"]) == 0
    ET.parse(out)


def test_fonts_are_embedded_as_subsets_and_icons_are_outlines() -> None:
    import base64
    import io
    import re

    from fontTools.ttLib import TTFont

    from decks.plan.icons import get

    recap = load_content(EXAMPLE_ZH)
    svg = render(SvgRenderer, recap, load_theme(None)).data.decode("utf-8")
    fonts = [TTFont(io.BytesIO(base64.b64decode(b))) for b in re.findall(r"base64,([A-Za-z0-9+/=]+)", svg)]
    assert len(fonts) >= 3  # the hand lettering, its bold, and the CJK face at least
    covered = set().union(*(chr(cp) for f in fonts for cp in f.getBestCmap()))
    texts = "".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    assert set(texts.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")) - {" "} <= covered
    assert all(len(f.getBestCmap()) < 2000 for f in fonts)  # subsets, not the 7,800-glyph Recap Kai
    assert get("rocket").char not in texts  # icons are drawn, not set in the icon font
