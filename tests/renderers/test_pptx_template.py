"""The pptx renderer on a company's template: the master decides background, colours, fonts and footer, its
footer and slide-number placeholders carry recap's footer, and nothing covers its logo."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from decks.plan import deck_plan
from decks.readers.content import load_content
from decks.renderers.base import render
from decks.renderers.pptx import PptxRenderer
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH
from tests.plan import templates

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
EMU = 12700


@pytest.fixture(scope="module")
def company(tmp_path_factory):
    root = tmp_path_factory.mktemp("company")
    theme = load_theme(str(templates.theme_folder(root, templates.company(root / "company.pptx"))))
    out = {}
    for name, path in (("en", EXAMPLE_EN), ("zh", EXAMPLE_ZH)):
        result = render(PptxRenderer, load_content(path), theme)
        out[name] = result.data
    return theme, out


def _slides(data: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = sorted(
            (n for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")),
            key=lambda n: int(n[len("ppt/slides/slide") : -4]),
        )
        return [etree.fromstring(z.read(n)) for n in names]


def _box(shape: etree._Element) -> tuple[float, float, float, float] | None:
    off, ext = shape.find(f".//{A}xfrm/{A}off"), shape.find(f".//{A}xfrm/{A}ext")
    if off is None or ext is None:
        return None
    x, y = int(off.get("x")) / EMU, int(off.get("y")) / EMU
    return x, y, x + int(ext.get("cx")) / EMU, y + int(ext.get("cy")) / EMU


def test_slides_carry_no_background_colour_or_typeface_of_recaps_own(company) -> None:
    _, decks = company
    for data in decks.values():
        for slide in _slides(data):
            assert slide.find(f"{P}cSld/{P}bg") is None
            assert not slide.findall(f".//{A}rPr/{A}solidFill") and not slide.findall(f".//{A}buClr")
            faces = {e.get("typeface") for e in slide.iter(f"{A}latin", f"{A}ea", f"{A}cs")}
            assert "Arial" not in faces and "Lato" not in faces
            names = [e.get("name") for e in slide.iter(f"{P}cNvPr")]
            assert not any(n.startswith("Accent") for n in names), names


def test_footer_and_slide_number_go_into_the_templates_placeholders(company) -> None:
    _, decks = company
    slides = _slides(decks["en"])
    for n, slide in enumerate(slides):
        kinds = {ph.get("type"): ph for ph in slide.iter(f"{P}ph")}
        assert "sldNum" in kinds, n
        number = next(sp for sp in slide.iter(f"{P}sp") if sp.find(f".//{P}ph[@type='sldNum']") is not None)
        assert number.find(f".//{A}fld[@type='slidenum']") is not None
        if n:
            footer = next(sp for sp in slide.iter(f"{P}sp") if sp.find(f".//{P}ph[@type='ftr']") is not None)
            assert "TensorFlow Dev Summit 2019" in "".join(footer.itertext())
        assert not [
            s
            for s in slide.iter(f"{P}sp")
            if (s.find(f".//{P}cNvPr").get("name") or "").startswith(("Number text", "Footer text"))
        ]


def test_no_shape_covers_the_logo_on_the_master(company) -> None:
    _, decks = company
    x, y, w, h = templates.LOGO
    for data in decks.values():
        for n, slide in enumerate(_slides(data), 1):
            for shape in slide.find(f"{P}cSld/{P}spTree"):
                box = _box(shape)
                if box is None:
                    continue
                assert box[2] <= x + 0.01 or box[0] >= x + w - 0.01 or box[3] <= y + 0.01 or box[1] >= y + h - 0.01, (
                    n,
                    shape.find(f".//{P}cNvPr").get("name"),
                    box,
                )


def test_the_plan_measures_with_the_templates_theme_fonts(company) -> None:
    theme, _ = company
    deck = deck_plan(load_content(EXAMPLE_EN), theme)
    assert "Arial" in deck.inherited and deck.background is None and not deck.colors
    assert deck.icon_color == "#" + templates.ACCENT
    faces = {f.family: f for f in deck.fonts}
    assert faces["Arial"].path.name.startswith("LiberationSans") and not faces["Arial"].own
    assert {r.face for s in deck.slides for r in s.title.paras[0].runs} == {"Arial"}
    assert not [w for w in deck.warnings if "stand-in" in w]


def test_a_theme_may_take_back_background_colours_and_decorations(tmp_path: Path) -> None:
    tpl = templates.company(tmp_path / "company.pptx")
    folder = templates.theme_folder(tmp_path, tpl, "  override: [background, colors]\n  decorations: true\n")
    data = render(PptxRenderer, load_content(EXAMPLE_EN), load_theme(str(folder))).data
    slides = _slides(data)
    assert all(s.find(f"{P}cSld/{P}bg") is not None for s in slides)
    assert any(s.findall(f".//{A}rPr/{A}solidFill") for s in slides)
    assert any((e.get("name") or "").startswith("Accent") for s in slides for e in s.iter(f"{P}cNvPr"))
