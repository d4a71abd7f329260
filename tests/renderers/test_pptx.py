"""The pptx renderer, checked by reading the file back and by LibreOffice's rendering of it."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from decks.readers.content import load_content
from decks.renderers.pptx import PptxRenderer
from decks.renderers.pptx.images import prepare
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH
from tests.fixtures.dense import LONG_URL, dense_recap

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
EMU = 12700


@pytest.fixture(scope="session")
def theme():
    return load_theme(None)


@pytest.fixture(scope="session")
def recaps():
    return {"en": load_content(EXAMPLE_EN), "zh": load_content(EXAMPLE_ZH), "dense": dense_recap()}


@pytest.fixture(scope="session")
def decks(recaps, theme, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("decks")
    out = {}
    for name, recap in recaps.items():
        result = PptxRenderer().render(recap, theme)
        assert result.warnings == []
        out[name] = folder / f"{name}.pptx"
        out[name].write_bytes(result.data)
    return out


@pytest.fixture(scope="session")
def pdfs(decks, soffice, fonts_env, tmp_path_factory) -> dict[str, Path]:
    outdir = tmp_path_factory.mktemp("pdf")
    # One LibreOffice start for all three decks: starting it is most of the cost.
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, decks.values()),
        ],
        check=True,
        capture_output=True,
        timeout=240,
        env=fonts_env,
    )
    return {name: outdir / f"{name}.pdf" for name in decks}


def _links(recap) -> set[str]:
    urls = {link.url for item in recap.all_items for link in item.links}
    urls |= {link.url for link in recap.resources}
    if recap.source:
        urls.add(recap.source.url)
    if recap.event and recap.event.url:
        urls.add(recap.event.url)
    if recap.presenter:
        urls |= {h.url for h in recap.presenter.handles if h.url}
    return urls


def test_every_slide_has_notes_and_a_title_in_its_title_placeholder(decks):
    for path in decks.values():
        prs = Presentation(str(path))
        for slide in prs.slides:
            assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip()
            title = slide.shapes.title
            assert title is not None and title.is_placeholder
            assert title.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
            assert title.text_frame.text.strip()


def test_layouts_are_the_named_recap_layouts_and_body_text_is_in_body_placeholders(decks):
    prs = Presentation(str(decks["en"]))
    names = [s.slide_layout.name for s in prs.slides]
    assert names[0] == "Recap Title" and "Recap Section" in names and "Recap Content + Picture" in names
    assert names[-1] == "Recap Closing"
    for slide in prs.slides:
        bodies = [
            ph
            for ph in slide.placeholders
            if ph.placeholder_format.type in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
        ]
        assert len(bodies) == 1 and bodies[0].text_frame.text.strip()
    assert prs.slide_width == 12192000 and prs.slide_height == 6858000


def test_sub_points_are_level_one_paragraphs(decks):
    prs = Presentation(str(decks["en"]))
    alpha = next(s for s in prs.slides if s.shapes.title.text_frame.text == "TensorFlow 2.0 Alpha")
    body = next(ph for ph in alpha.placeholders if ph.placeholder_format.idx == 1)
    levels = {p.text: p.level for p in body.text_frame.paragraphs}
    assert levels["Eager execution is on by default"] == 1
    assert levels["Try it today: pip install -U --pre tensorflow"] == 0


def test_every_run_has_size_fonts_and_language_and_body_runs_respect_the_floor(decks, theme, recaps):
    floor = theme.sizes.slides.floor
    for name, path in decks.items():
        prs = Presentation(str(path))
        for slide in prs.slides:
            for shape in slide.shapes:
                if not shape.has_text_frame or not shape.text_frame.text:
                    continue  # the accent shapes
                bp = shape.text_frame._txBody.find(f"{A}bodyPr")
                assert bp.get("wrap") == "square" and bp.find(f"{A}noAutofit") is not None
                assert {bp.get(k) for k in ("lIns", "tIns", "rIns", "bIns")} == {"0"}
                for p in shape.text_frame._txBody.iter(f"{A}p"):
                    ln = p.find(f"{A}pPr/{A}lnSpc/{A}spcPts")
                    assert ln is not None and int(ln.get("val")) > 0
                for rpr in shape.text_frame._txBody.iter(f"{A}rPr"):
                    assert rpr.get("sz") and rpr.get("lang") == recaps[name].language
                    assert all(rpr.find(f"{A}{t}") is not None for t in ("latin", "ea", "cs"))
                    if shape.is_placeholder:
                        assert int(rpr.get("sz")) >= floor * 100, (name, shape.name, rpr.get("sz"))


def test_chinese_runs_name_the_cjk_family(decks):
    prs = Presentation(str(decks["zh"]))
    eas = {e.get("typeface") for s in prs.slides for e in s.shapes._spTree.iter(f"{A}ea")}
    assert eas == {"Recap Kai"}


def test_pictures_have_alt_text_and_keep_their_aspect_ratio(decks, recaps):
    prs = Presentation(str(decks["en"]))
    pics = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pics) == len(recaps["en"].all_items) + 1  # an icon per item slide, plus the one image
    for pic in pics:
        descr = pic._element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr").get("descr")
        assert descr
        with Image.open(io.BytesIO(pic.image.blob)) as img:
            assert abs(img.width / img.height - pic.width / pic.height) < 0.02


def test_sections_one_per_day_with_unique_guids(decks, recaps):
    with zipfile.ZipFile(decks["en"]) as z:
        root = etree.fromstring(z.read("ppt/presentation.xml"))
    sections = root.findall(f".//{P14}section")
    names = [s.get("name") for s in sections]
    assert [p.title for p in recaps["en"].all_parts] == names[1:-1]
    assert len({s.get("id") for s in sections}) == len(sections)
    ids = [i.get("id") for s in sections for i in s.iter(f"{P14}sldId")]
    assert len(ids) == len(Presentation(str(decks["en"])).slides) == len(set(ids))


def test_two_renders_are_identical_bytes(recaps, theme):
    first = PptxRenderer().render(recaps["zh"], theme).data
    assert PptxRenderer().render(recaps["zh"], theme).data == first


def test_source_date_epoch_sets_the_core_dates(recaps, theme, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1552000000")
    prs = Presentation(io.BytesIO(PptxRenderer().render(recaps["en"], theme).data))
    assert prs.core_properties.created.year == 2019 and prs.core_properties.created.month == 3


def test_a_template_without_a_layout_falls_back_with_a_warning(recaps, theme, tmp_path):
    from decks.renderers.pptx.template import template_path

    prs = Presentation(str(template_path(theme)))
    for name in ("Recap Section", "Recap Closing"):
        layout = next(la for la in prs.slide_layouts if la.name == name)
        prs.slide_layouts.remove(layout)
    small = tmp_path / "small.pptx"
    prs.save(str(small))
    custom = theme.model_copy(update={"slides": theme.slides.model_copy(update={"template": small})})
    result = PptxRenderer().render(recaps["en"], custom)
    assert any("Recap Section" in w for w in result.warnings)
    assert any("Recap Closing" in w for w in result.warnings)
    out = Presentation(io.BytesIO(result.data))
    assert all(s.shapes.title.text_frame.text for s in out.slides)


def test_four_three_uses_python_pptx_default(recaps, theme):
    custom = theme.model_copy(update={"slides": theme.slides.model_copy(update={"size": "4:3"})})
    result = PptxRenderer().render(recaps["en"], custom)
    prs = Presentation(io.BytesIO(result.data))
    assert prs.slide_width == 9144000 and result.warnings == []


def test_webp_becomes_png_and_exif_rotation_is_applied(tmp_path):
    webp = tmp_path / "a.webp"
    Image.new("RGB", (40, 20), "red").save(webp, "WEBP")
    data, ext = prepare(webp, (300, 150))
    assert ext == "png" and Image.open(io.BytesIO(data)).format == "PNG"
    jpg = tmp_path / "r.jpg"
    img = Image.new("RGB", (40, 20), "blue")
    exif = img.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise when shown
    img.save(jpg, "JPEG", exif=exif)
    data, ext = prepare(jpg, (150, 300))
    assert Image.open(io.BytesIO(data)).size == (20, 40)
    big = tmp_path / "big.png"
    Image.new("RGB", (4000, 2000), "green").save(big)
    data, _ = prepare(big, (300, 150))
    assert Image.open(io.BytesIO(data)).width <= 2 * 300 * 96 / 72 + 1


def test_libreoffice_renders_one_page_per_slide_and_every_link(decks, pdfs, recaps, poppler):
    import pdfplumber

    for name, pdf in pdfs.items():
        slides = len(Presentation(str(decks[name])).slides)
        with pdfplumber.open(pdf) as doc:
            assert len(doc.pages) == slides, name
            uris = {a.get("uri") for page in doc.pages for a in page.hyperlinks}
        missing = _links(recaps[name]) - uris
        assert not missing, (name, missing)
    assert LONG_URL in _links(recaps["dense"])


def _text_shapes(slide) -> list[tuple[tuple[float, float, float, float], str]]:
    """Each shape with text: its box in points (x0, top, x1, bottom) and its text as it should print."""
    return [
        ((s.left / EMU, s.top / EMU, (s.left + s.width) / EMU, (s.top + s.height) / EMU), _printable(s.text_frame.text))
        for s in slide.shapes
        if s.has_text_frame and s.text_frame.text.strip()
    ]


def _printable(text: str) -> str:
    # White space, zero-width spaces and bullets (LibreOffice draws them; they are not in the text) do not count;
    # NFKC folds the ligatures a PDF may report (ﬁ) into their letters.
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u200b•–]", "", text)


@pytest.mark.parametrize("name", ["en", "zh", "dense"])
def test_every_character_lies_inside_the_slide_and_its_own_shape(name, decks, pdfs, poppler):
    """Each character LibreOffice draws lies inside the slide and inside the box of the shape it belongs to:
    every char is given to the shape whose box holds it, and each shape must then hold exactly its own text,
    in order; a line that spilled out of its box (into another's, or onto bare slide) fails."""
    import pdfplumber

    tol = 1.5
    prs = Presentation(str(decks[name]))
    problems = []
    with pdfplumber.open(pdfs[name]) as doc:
        for n, (page, slide) in enumerate(zip(doc.pages, prs.slides, strict=True), 1):
            shapes = _text_shapes(slide)
            got = [""] * len(shapes)
            for ch in page.chars:
                text = _printable(ch["text"])
                if not text:
                    continue
                x0, x1, top, bottom = ch["x0"], ch["x1"], ch["top"], ch["bottom"]
                assert -tol <= x0 and x1 <= page.width + tol and -tol <= top and bottom <= page.height + tol
                inside = [
                    i
                    for i, (b, _) in enumerate(shapes)
                    if b[0] - tol <= x0 and x1 <= b[2] + tol and b[1] - tol <= top and bottom <= b[3] + tol
                ]
                if not inside:
                    problems.append((n, "outside every box", ch["text"], round(x0), round(top)))
                    continue
                got[inside[0]] += text
            for (box, want), have in zip(shapes, got, strict=True):
                if have != want:
                    problems.append((n, "shape holds other text", [round(v) for v in box], want[:60], have[:60]))
    assert not problems, f"{len(problems)} problems, e.g. {problems[:6]}"
