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

from decks.plan.stacks import CODE_FAMILY
from decks.renderers.base import render
from decks.renderers.pptx import PptxRenderer
from decks.renderers.pptx.images import prepare
from decks.text.runs import CODE_SCALE
from decks.themes.loader import load_theme
from tests.conftest import to_pdfs
from tests.fixtures.dense import LONG_URL
from tests.fixtures.marked import marked_recap

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"
EMU = 12700


@pytest.fixture(scope="session")
def theme():
    return load_theme(None)


@pytest.fixture(scope="session")
def recaps(example_recaps):
    """The examples (tests/renderers/conftest.py), with titles, summaries and takeaways heavy with inline markup."""
    return example_recaps


LACKING = "the deck names fonts this machine does not have"


@pytest.fixture(scope="session")
def decks(example_renders, example_decks) -> dict[str, Path]:
    for result in example_renders.values():
        # The one warning a machine without recap's fonts installed gives (tests/renderers/test_pptx_embed.py).
        assert [w for w in result.warnings if not w.startswith(LACKING)] == []
    return example_decks


@pytest.fixture(scope="session")
def pdfs(example_deck_pdfs) -> dict[str, Path]:
    # One LibreOffice start for all the decks, shared with tests/renderers/test_slides.py.
    return example_deck_pdfs


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
    # The item's list, on its slide and the one continuing it.
    alpha = [s for s in prs.slides if s.shapes.title.text_frame.text.startswith("TensorFlow 2.0 Alpha")]
    bodies = [next(ph for ph in s.placeholders if ph.placeholder_format.idx == 1) for s in alpha]
    levels = {p.text: p.level for body in bodies for p in body.text_frame.paragraphs}
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
                        # Inline code is set at CODE_SCALE of its paragraph, where the monospace face's x-height
                        # matches the text's: it reads as large as the floor it stands on, not smaller.
                        code = rpr.find(f"{A}latin").get("typeface") == CODE_FAMILY
                        least = floor * 100 * (CODE_SCALE if code else 1.0)
                        assert int(rpr.get("sz")) >= round(least), (name, shape.name, rpr.get("sz"))


def _east_asian_families(prs) -> dict[str, set[str]]:
    """The <a:ea> family of every run, by the script of the run's first wide letter."""
    found: dict[str, set[str]] = {}
    for slide in prs.slides:
        for run in slide.shapes._spTree.iter(f"{A}r"):
            text = run.findtext(f"{A}t") or ""
            wide = [c for c in text if unicodedata.east_asian_width(c) == "W" and c.isalpha()]
            if wide:
                script = unicodedata.name(wide[0]).split()[0]
                found.setdefault(script, set()).add(run.find(f"{A}rPr/{A}ea").get("typeface"))
    return found


def test_chinese_runs_name_the_cjk_family(decks):
    assert _east_asian_families(Presentation(str(decks["zh"]))) == {"CJK": {"Recap Kai"}}


@pytest.mark.parametrize(
    ("language", "text", "family"),
    [("ja", "新機能の発表とカタカナ", "Recap Klee"), ("ko", "한국어 발표 자료", "Recap Gothic KR")],
)
def test_japanese_and_korean_runs_name_the_face_they_were_measured_in(language, text, family, tmp_path):
    from decks.readers.content import parse_content

    raw = f"title: {text}\nlanguage: {language}\nitems:\n  - title: {text}\n    takeaways: [{text}]\n"
    recap = parse_content(raw.encode(), "c.yaml", tmp_path)
    data = render(PptxRenderer, recap, load_theme(None)).data
    families = _east_asian_families(Presentation(io.BytesIO(data)))
    assert families and all(found == {family} for found in families.values()), families


def test_a_run_in_a_fallback_face_names_it_for_complex_scripts_too(tmp_path):
    # LibreOffice draws Arabic, Hebrew, Thai and Devanagari in a run's complex-script typeface: naming the theme's
    # font there (Calibri, which has none of them) left the face to fontconfig's fallback (Thai in Loma Bold, not
    # the Noto Looped Thai Bold the plan measured).
    from decks.readers.content import parse_content

    raw = "title: שלום עולם\nlanguage: he\nitems:\n  - title: כותרת\n    takeaways: [שלום עולם]\n"
    recap = parse_content(raw.encode(), "c.yaml", tmp_path)
    data = render(PptxRenderer, recap, load_theme(None)).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("ppt/slides/slide")).decode("utf-8")
    runs = re.findall(r"<a:r><a:rPr[^>]*>(.*?)</a:rPr><a:t>([^<]*)</a:t></a:r>", xml)
    hebrew = [props for props, text in runs if "שלום" in text or "כותרת" in text]
    assert hebrew and all('<a:cs typeface="DejaVu Sans"/>' in props for props in hebrew), hebrew


def test_pictures_have_alt_text_and_keep_their_aspect_ratio(decks, recaps):
    prs = Presentation(str(decks["en"]))
    pics = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
    # An icon per item slide (a card's each), the one image, and the presenter's QR code.
    assert len(pics) >= len(recaps["en"].all_items) + 2
    for pic in pics:
        descr = pic._element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}cNvPr").get("descr")
        assert descr
        # A picture cropped to its frame keeps the whole image in the file: the part `srcRect` shows keeps its
        # proportions.
        src = pic._element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}srcRect")
        cut = {k: int(src.get(k, 0)) / 100_000 for k in "ltrb"} if src is not None else dict.fromkeys("ltrb", 0.0)
        with Image.open(io.BytesIO(pic.image.blob)) as img:
            shown = img.width * (1 - cut["l"] - cut["r"]) / (img.height * (1 - cut["t"] - cut["b"]))
            assert abs(shown - pic.width / pic.height) < 0.02


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
    first = render(PptxRenderer, recaps["zh"], theme).data
    assert render(PptxRenderer, recaps["zh"], theme).data == first


def test_source_date_epoch_sets_the_core_dates(recaps, theme, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1552000000")
    prs = Presentation(io.BytesIO(render(PptxRenderer, recaps["en"], theme).data))
    assert prs.core_properties.created.year == 2019 and prs.core_properties.created.month == 3


def test_a_template_without_a_layout_falls_back_with_a_warning(recaps, theme, tmp_path):
    from decks.plan.template import template_path

    prs = Presentation(str(template_path(theme)))
    for name in ("Recap Section", "Recap Closing"):
        layout = next(la for la in prs.slide_layouts if la.name == name)
        prs.slide_layouts.remove(layout)
    small = tmp_path / "small.pptx"
    prs.save(str(small))
    custom = theme.model_copy(update={"slides": theme.slides.model_copy(update={"template": small})})
    result = render(PptxRenderer, recaps["en"], custom)
    assert any("Recap Section" in w for w in result.warnings)
    assert any("Recap Closing" in w for w in result.warnings)
    out = Presentation(io.BytesIO(result.data))
    assert all(s.shapes.title.text_frame.text for s in out.slides)


def test_four_three_uses_python_pptx_default(recaps, theme):
    custom = theme.model_copy(update={"slides": theme.slides.model_copy(update={"size": "4:3"})})
    result = render(PptxRenderer, recaps["en"], custom)
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


def shape_problems(pptx: Path, pdf: Path, tol: float = 1.5, texts: bool = True) -> list[tuple]:
    """What LibreOffice drew where it should not (its PDF of the deck `pptx`): each character is given to the
    shape whose box holds it, and each shape must then hold exactly its own text, in order; a character outside
    the slide or outside every box, and a shape holding other text, are each a problem (slide number first).
    Without `texts`, only where characters lie counts: a PDF holds right-to-left text in the order it is drawn,
    its joined letters as LibreOffice maps their glyphs back (a lam-alef ligature comes back as another letter)."""
    import pdfplumber

    prs = Presentation(str(pptx))
    problems: list[tuple] = []
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == len(prs.slides)
        for n, (page, slide) in enumerate(zip(doc.pages, prs.slides, strict=True), 1):
            shapes = _text_shapes(slide)
            got = [""] * len(shapes)
            for ch in page.chars:
                text = _printable(ch["text"])
                if not text:
                    continue
                x0, x1, top, bottom = ch["x0"], ch["x1"], ch["top"], ch["bottom"]
                if not (-tol <= x0 and x1 <= page.width + tol and -tol <= top and bottom <= page.height + tol):
                    problems.append((n, "outside the slide", ch["text"], round(x0), round(top)))
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
                if texts and have != want:
                    problems.append((n, "shape holds other text", [round(v) for v in box], want[:60], have[:60]))
    return problems


@pytest.mark.parametrize("name", ["en", "zh", "dense", "ja", "ko", "marks-en", "marks-zh", "marks-ja"])
def test_every_character_lies_inside_the_slide_and_its_own_shape(name, decks, pdfs, poppler):
    """Each character LibreOffice draws lies inside the slide and inside the box of the shape it belongs to:
    every char is given to the shape whose box holds it, and each shape must then hold exactly its own text,
    in order; a line that spilled out of its box (into another's, or onto bare slide) fails."""
    problems = shape_problems(decks[name], pdfs[name])
    assert not problems, f"{len(problems)} problems, e.g. {problems[:6]}"


RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
P_NS = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _check_package(data: bytes) -> dict[str, list[tuple[str, str, str, str | None]]]:
    """The OPC conventions PowerPoint repairs a file for, checked on the zip: no duplicate entries; a content
    type for every part and no override without one; every internal rel target exists; every `r:id`/`r:embed`
    a part uses is one of its rels; every part reachable from the package rels (no orphans). Returns each
    source's rels as (rId, type, absolute target or URL, TargetMode)."""
    import posixpath

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert len(names) == len(set(names)), "duplicate zip entries"
        blobs = {"/" + n: z.read(n) for n in names}
    types = etree.fromstring(blobs.pop("/[Content_Types].xml"))
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.iter(f"{TYPES}Default")}
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{TYPES}Override")}
    assert set(overrides) <= set(blobs), set(overrides) - set(blobs)
    parts = {n for n in blobs if "/_rels/" not in n}
    for name in parts:
        assert name in overrides or posixpath.splitext(name)[1][1:].lower() in defaults, f"no content type: {name}"
    rels: dict[str, list[tuple[str, str, str, str | None]]] = {}
    for name in blobs:
        if "/_rels/" not in name:
            continue
        folder, base = name.split("/_rels/")
        source = (folder or "") + "/" + base[: -len(".rels")]
        source = "/" if source == "/" else source
        assert source == "/" or source in parts, f"rels of a missing part: {name}"
        out = []
        for rel in etree.fromstring(blobs[name]).iter(f"{RELS}Relationship"):
            mode, target = rel.get("TargetMode"), rel.get("Target")
            if mode != "External":
                base_dir = "/" if source == "/" else posixpath.dirname(source)
                target = posixpath.normpath(posixpath.join(base_dir, target))
                assert target in parts, f"{name}: dangling {rel.get('Id')} -> {target}"
            elif rel.get("Type") == RT + "hyperlink":
                assert target.startswith(("http://", "https://", "mailto:")), target
            out.append((rel.get("Id"), rel.get("Type"), target, mode))
        ids = [r[0] for r in out]
        assert len(ids) == len(set(ids)), f"duplicate rIds in {name}"
        rels[source] = out
    # Every relationship id a part's XML names must be one of its own rels.
    for name in parts:
        if not name.endswith(".xml"):
            continue
        root = etree.fromstring(blobs[name])
        own = {r[0] for r in rels.get(name, [])}
        used = {v for el in root.iter() for k, v in el.attrib.items() if k.startswith(R_NS)}
        assert used <= own, f"{name}: {used - own} not in its rels"
    # No orphans: every part is reachable from the package's rels.
    seen, todo = set(), ["/"]
    while todo:
        src = todo.pop()
        for _, _, target, mode in rels.get(src, []):
            if mode != "External" and target not in seen:
                seen.add(target)
                todo.append(target)
    assert parts == seen, f"orphans: {parts - seen}"
    return rels


def _check_presentation(data: bytes) -> None:
    """`<p:sldIdLst>` ids >= 256 and unique, each a slide rel; one notes master, named in
    `<p:notesMasterIdLst>`; each slide relates one layout and one notes slide, which relates it back."""
    rels = _check_package(data)
    main = next(t for _, ty, t, _ in rels["/"] if ty == RT + "officeDocument")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read(main[1:]))
    by_id = {rid: (ty, t) for rid, ty, t, _ in rels[main]}
    ids = [(int(e.get("id")), e.get(f"{R_NS}id")) for e in root.iter(f"{P_NS}sldId")]
    assert ids and all(i >= 256 for i, _ in ids) and len({i for i, _ in ids}) == len(ids)
    assert all(by_id[rid][0] == RT + "slide" for _, rid in ids)
    assert len([t for t in by_id.values() if t[0] == RT + "slide"]) == len(ids)
    nm = root.findall(f"{P_NS}notesMasterIdLst/{P_NS}notesMasterId")
    assert len(nm) == 1 and by_id[nm[0].get(f"{R_NS}id")][0] == RT + "notesMaster"
    children = [etree.QName(c).localname for c in root]
    assert children.index("sldMasterIdLst") < children.index("notesMasterIdLst") < children.index("sldIdLst")
    for _, rid in ids:
        slide = by_id[rid][1]
        kinds = [ty for _, ty, _, _ in rels[slide]]
        assert kinds.count(RT + "slideLayout") == 1 and kinds.count(RT + "notesSlide") == 1
        notes = next(t for _, ty, t, _ in rels[slide] if ty == RT + "notesSlide")
        assert (RT + "slide", slide) in {(ty, t) for _, ty, t, _ in rels[notes]}


def test_the_package_follows_the_opc_conventions(decks, recaps, theme):
    for path in decks.values():
        _check_presentation(path.read_bytes())
    four_three = theme.model_copy(update={"slides": theme.slides.model_copy(update={"size": "4:3"})})
    _check_presentation(render(PptxRenderer, recaps["en"], four_three).data)


def test_media_are_shared_and_named_by_their_format(decks):
    with zipfile.ZipFile(decks["en"]) as z:
        media = [n for n in z.namelist() if n.startswith("ppt/media/")]
        blobs = [z.read(n) for n in media]
    assert media and len(set(blobs)) == len(blobs)
    for name, blob in zip(media, blobs, strict=True):
        with Image.open(io.BytesIO(blob)) as img:
            assert name.endswith("." + img.format.lower())


def test_a_template_with_slides_gives_only_the_decks_slides(recaps, theme, tmp_path):
    from decks.plan.template import template_path

    prs = Presentation(str(template_path(theme)))
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = "Left over in the template"
    slide.notes_slide.notes_text_frame.text = "template notes"
    with_slides = tmp_path / "with-slides.pptx"
    prs.save(str(with_slides))
    custom = theme.model_copy(update={"slides": theme.slides.model_copy(update={"template": with_slides})})
    data = render(PptxRenderer, recaps["en"], custom).data
    _check_presentation(data)
    out = Presentation(io.BytesIO(data))
    titles = [s.shapes.title.text_frame.text for s in out.slides]
    assert "Left over in the template" not in titles
    plain = theme.model_copy(update={"slides": theme.slides.model_copy(update={"template": template_path(theme)})})
    assert len(out.slides) == len(Presentation(io.BytesIO(render(PptxRenderer, recaps["en"], plain).data)).slides)


def test_recap_pptx_does_not_import_python_pptx(tmp_path):
    """The render path writes the package itself: importing python-pptx cost more than writing the deck."""
    import sys

    code = (
        "import sys\n"
        "from decks.cli.main import main\n"
        f"sys.argv = ['recap', 'pptx', '-o', {str(tmp_path / 'x.pptx')!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "print(sorted(m for m in sys.modules if m == 'pptx' or m.startswith('pptx.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "x.pptx").stat().st_size > 0


def test_composed_text_is_always_well_formed_xml():
    from decks.renderers.pptx import oxml

    assert oxml.esc('a\x0bb\x00<&>"\n') == "ab&lt;&amp;&gt;&quot;&#10;"
    xml = oxml.notes_slide([("Notes Placeholder 1", {"type": "body", "idx": "1"})], "line\x1f one\n\nline <two>")
    root = etree.fromstring(xml.encode("utf-8"))
    assert [p.findtext(f".//{A}t") for p in root.iter(f"{A}p")] == ["line one", None, "line <two>"]


def test_a_character_no_font_has_is_reported_as_a_warning(tmp_path):
    from decks.readers.content import parse_content
    from decks.renderers.pptx import PptxRenderer
    from decks.themes.loader import load_theme

    recap = parse_content("title: T\nitems:\n  - title: launch 🫨\n".encode(), "c.yaml", tmp_path)
    result = render(PptxRenderer, recap, load_theme("default"))
    assert [w for w in result.warnings if "U+1FAE8" in w and w.startswith("items[0].title:")]


def test_a_second_render_of_the_example_needs_no_pillow(tmp_path):
    """Plain PNG/JPEG/GIF pictures are read from their headers and icons come from the cache folder."""
    import os
    import sys

    code = (
        "import sys\n"
        "from decks.cli.main import main\n"
        f"sys.argv = ['recap', 'pptx', '-o', {str(tmp_path / 'x.pptx')!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "print('PIL' in sys.modules)\n"
    )
    env = dict(os.environ, RECAP_CACHE_DIR=str(tmp_path / "cache"))
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)]
    runs.append(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env))
    assert [r.returncode for r in runs] == [0, 0], runs[-1].stderr
    assert [r.stdout.strip().splitlines()[-1] for r in runs] == ["True", "False"]  # the first draws the icons


@pytest.mark.parametrize(("name", "family"), [("ja", "RecapKlee"), ("ko", "RecapGothicKR")])
def test_japanese_and_korean_text_is_drawn_in_the_font_the_deck_names(name, family, decks, pdfs, poppler) -> None:
    fonts = subprocess.run(["pdffonts", str(pdfs[name])], capture_output=True, text=True, check=True).stdout
    assert family in fonts.replace(" ", ""), fonts


def test_a_right_to_left_paragraph_is_written_right_to_left_and_flush_right(tmp_path) -> None:
    from decks.readers.content import parse_content

    raw = "title: T\nitems:\n  - title: x\n    takeaways:\n      - שלום עולם, זו פסקה בעברית\n      - Hello world\n"
    recap = parse_content(raw.encode("utf-8"), "c.yaml", tmp_path)
    data = render(PptxRenderer, recap, load_theme(None)).data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("ppt/slides/slide")).decode("utf-8")
    paras = re.findall(r"<a:p><a:pPr ([^>]*)>.*?</a:p>", xml)
    hebrew = [m for m in re.finditer(r"<a:p><a:pPr ([^>]*)>(?:(?!</a:p>).)*שלום", xml)]
    english = [m for m in re.finditer(r"<a:p><a:pPr ([^>]*)>(?:(?!</a:p>).)*Hello world", xml)]
    assert paras and hebrew and english
    assert all('rtl="1"' in m.group(1) and 'algn="r"' in m.group(1) for m in hebrew)
    assert all('rtl="1"' not in m.group(1) and 'algn="l"' in m.group(1) for m in english)


# Bold titles and runs in scripts that fall back from the theme's fonts, each measured in the fallback family's
# bold cut where the machine has one (DejaVu Sans Bold: Arabic 18 % wider than its regular), as LibreOffice draws.
RIGHT_TO_LEFT = """\
title: ملخص قمة المطورين السنوية للتعلم الآلي والذكاء الاصطناعي في المنطقة العربية
language: ar
items:
  - title: إطلاق النسخة الجديدة من مكتبة التعلم العميق مع تحسينات كبيرة في الأداء والسرعة
    summary: النسخة التجريبية متاحة الآن للجميع
    takeaways:
      - ثبّتوا الحزمة اليوم وجربوا الميزات الجديدة مع **التنفيذ الفوري الافتراضي في كل البرامج الجديدة**
  - title: ثلاث أفكار رئيسية تعلمناها من المؤتمر هذا العام بعد يومين كاملين من المحاضرات
    summary: ما تعلمناه من المتحدثين
    takeaways: [الواجهة البرمجية, "مجموعات **البيانات الكبيرة جدا**", النشر على الأجهزة]
  - title: גרסה חדשה של ספריית הלמידה העמוקה עם שיפורים גדולים בביצועים ובמהירות
    summary: הגרסה הניסיונית זמינה עכשיו
"""


def test_bold_right_to_left_titles_keep_each_character_inside_its_shape(soffice, fonts_env, poppler, tmp_path):
    from decks.readers.content import parse_content

    recap = parse_content(RIGHT_TO_LEFT.encode("utf-8"), "rtl.yaml", tmp_path)
    deck = tmp_path / "rtl.pptx"
    deck.write_bytes(render(PptxRenderer, recap, load_theme(None)).data)
    pdf = to_pdfs(soffice, [deck], tmp_path / "pdf", fonts_env)["rtl"]
    problems = shape_problems(deck, pdf, texts=False)
    assert not problems, f"{len(problems)} problems, e.g. {problems[:6]}"


def test_every_layout_in_every_theme_keeps_each_character_inside_its_shape(soffice, fonts_env, poppler, tmp_path):
    """Every layout of the deck plan, in each built-in theme: the generated contents of
    tests/fixtures/layout_contents.py (one slide of each item layout in English, Japanese and Korean; the list
    layouts, a picture at the right and cards in Chinese), and a deck heavy with inline markup (code in Liberation
    Mono, bold in the bold face). LibreOffice draws every character inside its own shape, as for the example
    decks."""
    from decks.plan import deck_plan
    from decks.plan.deck.plan import LAYOUTS
    from tests.fixtures.layout_contents import recap as layout_recap

    # Each item layout in English, Japanese and Korean, the list layouts in Chinese: 12 decks, one LibreOffice start.
    cases = [("layouts", "en"), ("layouts", "ja"), ("layouts", "ko"), ("lists", "zh")]
    recaps = {f"{kind}-{lang}": layout_recap(lang, kind) for kind, lang in cases}
    recaps["marks-en"] = marked_recap("en")
    decks, designs = [], set()
    for name in ("default", "chalkboard", "ink"):
        theme = load_theme(name)
        for stem, recap in recaps.items():
            result = render(PptxRenderer, recap, theme)
            # Only the note about this machine's fonts (LibreOffice below draws with recap's own, fonts_env).
            assert [w for w in result.warnings if "this machine does not have" not in w] == []
            decks.append(tmp_path / f"{name}-{stem}.pptx")
            decks[-1].write_bytes(result.data)
            designs |= {s.design for s in deck_plan(recap, theme).slides}
    assert designs == set(LAYOUTS), set(LAYOUTS) - designs
    pdfs = to_pdfs(soffice, decks, tmp_path / "pdf", fonts_env)
    problems = [(deck.stem, *p) for deck in decks for p in shape_problems(deck, pdfs[deck.stem])]
    assert not problems, f"{len(problems)} problems, e.g. {problems[:6]}"
