"""Every text recap places on a template reads as the template's own: on a navy master whose text styles colour
the text white by hand (the presentation's default text colour stays black), the boxes recap adds beside the
placeholders (the agenda's and resources' second column, the links line, the picture caption) take the body's
colour; the footer date is written as the title slide writes it; the subtitle stands flush with the title."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Pt

from decks.colors import contrast_ratio
from decks.plan.template_colors import scheme_color
from decks.readers.content import load_content
from decks.renderers.base import render
from decks.renderers.pptx import PptxRenderer
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN
from tests.plan import templates

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NAVY = "#1B2A4A"
INSET = 72.0  # points: the title slide's subtitle box stands this far right of the title's, as in Office's 4:3


def navy_template(path: Path) -> Path:
    """A template as a company makes one in PowerPoint: a navy master background, its title and body text styles
    white by an explicit colour, the colour map and the presentation's default text (black) left as they are;
    the title slide's subtitle box inset from the title's."""
    prs = Presentation(str(templates.BUNDLED))
    master = prs.slide_master
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = RGBColor.from_string(NAVY[1:])
    styles = master._element.find(f"{P}txStyles")
    for tag in ("titleStyle", "bodyStyle"):
        for ppr in styles.find(P + tag):
            rpr = ppr.find(A + "defRPr")
            if rpr is None:
                continue
            for old in rpr.findall(A + "solidFill"):
                rpr.remove(old)
            fill = etree.Element(A + "solidFill")
            etree.SubElement(fill, A + "srgbClr").set("val", "FFFFFF")
            rpr.insert(0, fill)
    for part in (master, *master.slide_layouts):  # no placeholder overrides the styles' white with its own colour
        for ph in part.placeholders:
            for fill in ph._element.findall(f".//{A}lstStyle//{A}solidFill"):
                fill.getparent().remove(fill)
    title_layout = master.slide_layouts[0]
    for ph in title_layout.placeholders:
        if ph.placeholder_format.type is not None and ph.placeholder_format.idx == 1:  # the subtitle
            ph.left, ph.width = ph.left + Pt(INSET), ph.width - Pt(INSET)
    prs.save(str(path))
    return path


@pytest.fixture(scope="module")
def navy_deck(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    root = tmp_path_factory.mktemp("navy")
    theme = load_theme(str(templates.theme_folder(root, navy_template(root / "navy.pptx"))))
    return render(PptxRenderer, load_content(EXAMPLE_EN), theme).data


def _parts(data: bytes) -> tuple[list[etree._Element], etree._Element, etree._Element]:
    """The slides in order, the master and the theme."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = sorted(
            (n for n in z.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")),
            key=lambda n: int(n[len("ppt/slides/slide") : -4]),
        )
        slides = [etree.fromstring(z.read(n)) for n in names]
        master = etree.fromstring(z.read("ppt/slideMasters/slideMaster1.xml"))
        theme = etree.fromstring(z.read("ppt/theme/theme1.xml"))
    return slides, master, theme


def _scheme(theme: etree._Element) -> dict[str, str]:
    out = {}
    for node in theme.find(f"{A}themeElements/{A}clrScheme"):
        if isinstance(node.tag, str) and len(node):
            value = node[0].get("val") if node[0].tag == A + "srgbClr" else node[0].get("lastClr")
            out[etree.QName(node).localname] = "#" + value.upper()
    return out


def _own_colour(shape: etree._Element, paragraph: etree._Element, run: etree._Element) -> etree._Element | None:
    """The colour element a run of a text box (no placeholder) is drawn in: its own, else its box's list style
    at its paragraph's level; None when neither gives one (the client's default text colour)."""
    own = run.find(f"{A}rPr/{A}solidFill")
    if own is not None:
        return own[0]
    ppr = paragraph.find(A + "pPr")
    level = int(ppr.get("lvl", "0")) + 1 if ppr is not None else 1
    listed = shape.find(f"{P}txBody/{A}lstStyle/{A}lvl{level}pPr/{A}defRPr/{A}solidFill")
    return listed[0] if listed is not None else None


def test_every_run_inherits_from_a_placeholder_or_carries_a_colour_that_reads_on_navy(navy_deck: bytes) -> None:
    slides, master, theme = _parts(navy_deck)
    scheme = _scheme(theme)
    checked = 0
    for n, slide in enumerate(slides, 1):
        for shape in slide.iter(P + "sp"):
            if shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is not None:
                continue  # a placeholder: the template's own style colours it
            for paragraph in shape.iterfind(f"{P}txBody/{A}p"):
                for run in paragraph.iterfind(A + "r"):
                    if not run.findtext(A + "t", "").strip():
                        continue
                    node = _own_colour(shape, paragraph, run)
                    name = shape.find(f"{P}nvSpPr/{P}cNvPr").get("name")
                    assert node is not None, f"slide {n}, {name}: {run.findtext(A + 't')!r} has no colour"
                    color = scheme_color(node, master, scheme)
                    assert color is not None
                    if run.find(f"{A}rPr/{A}hlinkClick") is not None:
                        color = scheme["hlink"]  # PowerPoint draws a link in the theme's link colour
                        assert contrast_ratio(color, NAVY) >= 3.0, f"slide {n}: link {color} on {NAVY}"
                    else:
                        assert contrast_ratio(color, NAVY) >= 4.5, f"slide {n}, {name}: {color} on {NAVY}"
                    checked += 1
    assert checked > 100  # the agenda's second column, the resources' second column, links lines, the caption


def test_the_added_boxes_are_the_ones_the_issue_found_black_on_navy(navy_deck: bytes) -> None:
    slides, master, theme = _parts(navy_deck)
    names = {shape.find(f"{P}nvSpPr/{P}cNvPr").get("name") for slide in slides for shape in slide.iter(P + "sp")}
    assert {"Column text", "Links text", "Caption text"} <= names
    caption = next(
        shape
        for slide in slides
        for shape in slide.iter(P + "sp")
        if shape.find(f"{P}nvSpPr/{P}cNvPr").get("name") == "Caption text"
    )
    para = caption.find(f"{P}txBody/{A}p")
    node = _own_colour(caption, para, para.find(A + "r"))
    assert scheme_color(node, master, _scheme(theme)) == "#FFFFFF"  # the body's white, as the template gives it


def test_the_footer_date_is_written_as_the_title_slide_writes_it(navy_deck: bytes) -> None:
    slides, _, _ = _parts(navy_deck)
    title_text = "".join(slides[0].itertext())
    dates = []
    for slide in slides:
        for shape in slide.iter(P + "sp"):
            ph = shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            if ph is not None and ph.get("type") == "dt":
                dates.append("".join(shape.itertext()))
    assert dates and set(dates) == {"Mar 6 – 7, 2019"}
    assert "Mar 6 – 7, 2019" in title_text and "2019-03-06" not in "".join(dates)


def test_the_title_slides_subtitle_stands_flush_with_the_title(navy_deck: bytes) -> None:
    slides, _, _ = _parts(navy_deck)
    lefts = {}
    for shape in slides[0].iter(P + "sp"):
        ph = shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        off = shape.find(f"{P}spPr/{A}xfrm/{A}off")
        if ph is not None and off is not None:
            lefts[ph.get("type", "body")] = int(off.get("x"))
    assert lefts["subTitle"] == lefts["ctrTitle"]


@pytest.mark.parametrize(
    ("color", "expected"),
    [
        ('<a:srgbClr val="12ab34"/>', "#12AB34"),
        ('<a:schemeClr val="tx1"/>', "#EEEEEE"),  # tx1 -> lt1 through the master's colour map
        ('<a:schemeClr val="accent1"/>', "#4F81BD"),
        ('<a:schemeClr val="tx1"><a:lumMod val="50000"/></a:schemeClr>', "#777777"),
        # PowerPoint's "Black, Text 1, Lighter 35%" and "White, Background 1, Darker 15%"
        ('<a:schemeClr val="dk2"><a:lumMod val="65000"/><a:lumOff val="35000"/></a:schemeClr>', "#595959"),
        ('<a:schemeClr val="lt2"><a:lumMod val="85000"/></a:schemeClr>', "#D9D9D9"),
        ('<a:sysClr val="windowText" lastClr="000000"/>', "#000000"),
        ('<a:schemeClr val="phClr"/>', None),
        ('<a:prstClr val="black"/>', None),
    ],
)
def test_a_scheme_colour_is_read_through_the_colour_map_with_its_luminance(color: str, expected: str | None) -> None:
    master = etree.fromstring(f'<p:sldMaster xmlns:p="{P[1:-1]}"><p:clrMap bg1="dk1" tx1="lt1"/></p:sldMaster>')
    node = etree.fromstring(color.replace(" val=", f' xmlns:a="{A[1:-1]}" val=', 1))
    assert (
        scheme_color(
            node, master, {"lt1": "#EEEEEE", "dk1": "#1B2A4A", "accent1": "#4F81BD", "dk2": "#000000", "lt2": "#FFFFFF"}
        )
        == expected
    )


def test_after_a_code_run_every_run_of_the_box_names_its_face_on_a_template(tmp_path: Path) -> None:
    """LibreOffice draws a run that names no typeface in the last face a run before it named: on a template, a
    box with a code run names the template's theme fonts on its other runs, so they are not set in Courier."""
    from decks.readers.content import parse_content

    folder = templates.theme_folder(tmp_path, templates.company(tmp_path / "co.pptx", ea=""))
    raw = b"title: T\nitems:\n  - title: A\n    takeaways: ['`tf.keras` is **the** API', 'Eager by default']\n"
    data = render(PptxRenderer, parse_content(raw, "c.yaml", tmp_path), load_theme(str(folder))).data
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        slides = [deck.read(n) for n in deck.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")]
    found = False
    for xml in slides:
        root = etree.fromstring(xml)
        for body in root.iter("{http://schemas.openxmlformats.org/presentationml/2006/main}txBody"):
            faces = [r.find("a:rPr/a:latin", ns) for r in body.iterfind(".//a:r", ns)]
            named = [f.get("typeface") if f is not None else None for f in faces]
            if "Courier New" in named:
                found = True
                assert None not in named, named
                assert "+mn-lt" in named
    assert found
