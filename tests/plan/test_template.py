"""The template a deck is laid on: layouts by role, placeholders too small to use, templates that are not
templates (each a clear exit-1 message, fast), .potx and 4:3 templates that work."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from decks.cli.main import main
from decks.errors import ContentError
from decks.plan import deck_plan
from decks.plan.template import read_template, resolve
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN
from tests.plan import templates


@pytest.fixture(scope="module")
def recap():
    return load_content(EXAMPLE_EN)


def _theme_for(tmp_path: Path, template: Path):
    return load_theme(str(templates.theme_folder(tmp_path, template)))


class _Result:
    def __init__(self, code: int, output: str) -> None:
        self.exit_code, self.output = code, output


def _cli(capsys, *args: str) -> _Result:
    code = main(list(args))
    out = capsys.readouterr()
    return _Result(code, out.out + out.err)


def test_zero_height_placeholders_fail_fast_naming_template_layout_placeholder_and_size(tmp_path: Path, capsys) -> None:
    tpl = templates.zero_height(tmp_path / "flat.pptx")
    folder = templates.theme_folder(tmp_path, tpl)
    start = time.perf_counter()
    result = _cli(capsys, "pptx", str(EXAMPLE_EN), "--theme", str(folder), "-o", str(tmp_path / "out.pptx"))
    took = time.perf_counter() - start
    assert result.exit_code == 1, result.output
    assert took < 2.0, took
    assert "flat.pptx" in result.output and "layout 'Recap Content'" in result.output
    assert "placeholder 'Title 1'" in result.output and "is 864.0 x 0.0 pt" in result.output
    assert "it needs at least" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.pptx").exists()


def test_check_theme_reports_the_unusable_placeholders_too(tmp_path: Path, capsys) -> None:
    folder = templates.theme_folder(tmp_path, templates.zero_height(tmp_path / "flat.pptx"))
    result = _cli(capsys, "check", str(EXAMPLE_EN), "--theme", str(folder))
    assert result.exit_code == 1 and "too small for one line" in result.output


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda p: (p.write_bytes(b"this is a text file, not a deck"), p)[1], "is not a readable .pptx"),
        (templates.zip_bomb, "unpacks to 4,096 MB"),
        (templates.no_layouts, "has no slide layouts"),
    ],
    ids=["not-a-zip", "zip-bomb", "no-layouts"],
)
def test_a_file_that_is_no_usable_template_is_a_clear_error(tmp_path: Path, recap, build, message) -> None:
    tpl = build(tmp_path / "broken.pptx")
    start = time.perf_counter()
    with pytest.raises(ContentError) as err:
        deck_plan(recap, _theme_for(tmp_path, tpl))
    assert time.perf_counter() - start < 2.0
    assert message in str(err.value) and "broken.pptx" in str(err.value) and "slides.template" in str(err.value)


def test_a_4_by_3_template_gives_a_4_by_3_deck_on_its_standard_layouts(tmp_path: Path, recap) -> None:
    deck = deck_plan(recap, _theme_for(tmp_path, templates.four_three(tmp_path / "square.pptx")))
    assert (deck.width, deck.height) == (720, 540)
    assert deck.template is not None and deck.template.layouts["content"].name == "Title and Content"
    for slide in deck.slides:
        for box in [slide.title, *slide.texts]:
            assert box.box.right <= 720 + 0.01 and box.box.bottom <= 540 + 0.01


def test_a_potx_template_is_read_and_the_deck_is_a_presentation(tmp_path: Path, capsys) -> None:
    import zipfile

    tpl = templates.potx(tmp_path / "company.potx")
    folder = templates.theme_folder(tmp_path, tpl)
    out = tmp_path / "deck.pptx"
    result = _cli(capsys, "pptx", str(EXAMPLE_EN), "--theme", str(folder), "-o", str(out))
    assert result.exit_code == 0, result.output
    types = zipfile.ZipFile(out).read("[Content_Types].xml").decode()
    assert "presentationml.presentation.main+xml" in types and "template.main+xml" not in types


def test_the_company_template_keeps_its_logo_out_of_every_frame(tmp_path: Path) -> None:
    resolved = resolve(read_template(templates.company(tmp_path / "co.pptx")), "co.pptx")
    logo = templates.LOGO
    for frame in resolved.geometry.frames.values():
        assert frame.keepout and any(abs(k.x - logo[0]) < 0.5 and abs(k.y - logo[1]) < 0.5 for k in frame.keepout)
    assert resolved.fonts["minor_latin"] == "Arial" and resolved.fonts["major_ea"] == "Noto Sans CJK SC"


def test_check_theme_lists_layouts_pictures_and_the_files_measuring_each_font(tmp_path: Path, capsys) -> None:
    folder = templates.theme_folder(tmp_path, templates.company(tmp_path / "co.pptx"))
    result = _cli(capsys, "check", str(EXAMPLE_EN), "--theme", str(folder))
    assert result.exit_code == 0, result.output
    assert "template co.pptx: item slides: layout 'Title and Content'" in result.output
    assert "item with picture slides: layout 'Two Content'" in result.output
    assert "picture on the master or a layout at (840, 16) 100 x 50 pt: kept clear" in result.output
    assert "body: Arial measured with" in result.output and "LiberationSans-Regular.ttf" in result.output


def test_a_template_font_recap_cannot_find_is_measured_wider_with_a_warning(tmp_path: Path, recap) -> None:
    tpl = templates.company(tmp_path / "co.pptx", latin="Brand Grotesk Nowhere", ea="")
    theme = _theme_for(tmp_path, tpl)
    deck = deck_plan(recap, theme)
    assert any("'Brand Grotesk Nowhere' is neither bundled" in w and "10% wider" in w for w in deck.warnings)
    wide = next(f for f in deck.fonts if f.family == "Brand Grotesk Nowhere")
    assert wide.path.name.startswith("LiberationSans") and not wide.own
    arial = deck_plan(recap, _theme_for(tmp_path / "a", templates.company(tmp_path / "a.pptx", ea="")))

    # The same text measured 10% wider takes more room: the deck's one body size is smaller (so the deck may
    # need fewer continuation slides, not more: the example's picture item fits one slide at the smaller size),
    # and the agenda is set smaller or in as many lines or more.
    def body_size(d: object) -> float:
        sizes = sorted(b.paras[0].size for s in d.slides if s.kind == "item" and (b := s.body) is not None)  # type: ignore[attr-defined]
        return sizes[len(sizes) // 2]

    assert body_size(deck) < body_size(arial)
    first = {s.title.paras[0].text: s for s in deck.slides}
    agenda_wide = first["Agenda"].body
    agenda = next(s for s in arial.slides if s.title.paras[0].text == "Agenda").body
    assert agenda_wide is not None and agenda is not None
    assert agenda_wide.paras[0].size <= agenda.paras[0].size
    assert agenda_wide.paras[0].size < agenda.paras[0].size or sum(p.lines for p in agenda_wide.paras) >= sum(
        p.lines for p in agenda.paras
    )


def test_a_logo_over_the_whole_title_is_an_error_saying_so(tmp_path: Path, recap) -> None:
    tpl = templates.company(tmp_path / "co.pptx", logo_box=(0, 0, 960, 125))  # a band, under a quarter of the slide
    with pytest.raises(ContentError) as err:
        deck_plan(recap, _theme_for(tmp_path, tpl))
    assert "beside the pictures on the master or layout, too small for one line" in str(err.value)


@pytest.mark.parametrize("box", [(0, 0, 960, 540), (0, 290, 960, 250)])
def test_a_picture_over_a_quarter_of_the_slide_is_a_backdrop_text_sits_on(tmp_path: Path, recap, box) -> None:
    # LibreOffice's Metropolis fills its master with a picture, Piano its lower half: the placeholders were
    # drawn over it, so recap keeps their boxes (and a logo-sized picture would have shrunk them).
    from decks.plan.template import load

    _, backdrop = load(_theme_for(tmp_path, templates.company(tmp_path / "bd.pptx", logo_box=box)))
    _, plain = load(_theme_for(tmp_path / "plain", templates.company(tmp_path / "pl.pptx", logo_box=(0, 0, 1, 1))))
    for role, frame in backdrop.geometry.frames.items():
        assert not frame.keepout and plain.geometry.frames[role].keepout
        assert (frame.title, frame.body) == (plain.geometry.frames[role].title, plain.geometry.frames[role].body)
    assert deck_plan(recap, _theme_for(tmp_path / "deck", templates.company(tmp_path / "d.pptx", logo_box=box))).slides


@pytest.mark.parametrize("tool", sorted(templates.OTHER_TOOLS))
def test_layouts_are_found_by_the_names_other_applications_give_them(tmp_path: Path, tool: str) -> None:
    from decks.plan.template import read_template, resolve

    names = templates.OTHER_TOOLS[tool]
    resolved = resolve(read_template(templates.renamed(tmp_path / "t.pptx", names)), "t.pptx")
    for recap_name, their_name in names.items():
        role = {"Recap Title": "title", "Recap Section": "section", "Recap Content": "content"}.get(
            recap_name, "picture"
        )
        assert resolved.layouts[role].name == their_name, role


def test_a_templates_link_colour_that_does_not_read_on_its_background_gets_a_stand_in_that_does() -> None:
    from lxml import etree

    from decks.colors import contrast_ratio
    from decks.plan.template_colors import READABLE, link_color

    a, p = "http://schemas.openxmlformats.org/drawingml/2006/main", templates.P[1:-1]
    body = (
        '<p:sp><p:nvSpPr><p:cNvPr id="2" name="b"/><p:cNvSpPr/><p:nvPr><p:ph type="body" idx="1"/></p:nvPr>'
        '</p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9144000" cy="5143500"/></a:xfrm></p:spPr></p:sp>'
    )
    master = etree.fromstring(
        f'<p:sldMaster xmlns:a="{a}" xmlns:p="{p}"><p:cSld><p:spTree>{body}</p:spTree></p:cSld></p:sldMaster>'
    )

    class Package:
        source = "t.pptx"

    navy = {"lt1": "#1B2A4A", "dk1": "#000000", "hlink": "#0000FF", "accent1": "#1F3A93", "accent2": "#FFC000"}
    color, warnings = link_color(Package(), "", master, navy)
    # Blue on navy does not read: the first accent that does stands in, and the user is told.
    assert color == "#FFC000" and contrast_ratio(color, "#1B2A4A") >= READABLE
    assert len(warnings) == 1 and "#0000FF" in warnings[0] and "#FFC000 (accent2)" in warnings[0]
    # A link colour that reads is the template's to keep; no scheme colour reads: black or white does.
    assert link_color(Package(), "", master, {**navy, "hlink": "#9FC5FF"}) == (None, [])
    assert link_color(Package(), "", master, {"lt1": "#1B2A4A", "hlink": "#0000FF"})[0] == "#FFFFFF"
    assert link_color(Package(), "", master, {"lt1": "#1B2A4A"}) == (None, [])


def test_text_colours_shown_only_in_a_masters_sample_text_are_found() -> None:
    from lxml import etree

    from decks.plan.template import read_template
    from decks.plan.template_colors import sample_colors

    a, p = "http://schemas.openxmlformats.org/drawingml/2006/main", templates.P[1:-1]

    def master(styles: str = "") -> etree._Element:
        shapes = "".join(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{n}" name="x"/><p:cNvSpPr/><p:nvPr><p:ph type="{kind}"/></p:nvPr>'
            f'</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:p><a:endParaRPr><a:solidFill><a:srgbClr val="{rgb}"/>'
            "</a:solidFill></a:endParaRPr></a:p></p:txBody></p:sp>"
            for n, (kind, rgb) in enumerate((("title", "ffffff"), ("body", "eeeeee")), 2)
        )
        xml = f'<p:sldMaster xmlns:a="{a}" xmlns:p="{p}"><p:cSld><p:spTree>{shapes}</p:spTree></p:cSld>{styles}'
        return etree.fromstring(xml + "</p:sldMaster>")

    class Package:
        source = "t.pptx"

    navy, white = {"lt1": "#1B2A4A"}, {"lt1": "#FFFFFF"}  # a slide's background by default
    assert sample_colors(Package(), "", master(), navy) == ({"title": "#FFFFFF", "body": "#EEEEEE"}, [])
    # Light sample text on a light background does not read: it is left to the application, and said.
    kept, warnings = sample_colors(Package(), "", master(), white)
    assert kept == {} and len(warnings) == 2 and "contrast of 1.1" in warnings[1]
    # A master with text styles says its colours there (PowerPoint's way): nothing to carry over.
    assert sample_colors(Package(), "", master("<p:txStyles/>"), navy) == ({}, [])
    bundled = read_template(templates.BUNDLED)
    name = next(n for n in bundled.blobs if "slideMaster" in n and n.endswith(".xml"))
    assert sample_colors(bundled, name, bundled.xml(name), white) == ({}, [])


def test_a_placeholder_type_outside_the_standard_is_read_as_obj() -> None:
    from lxml import etree

    from decks.plan.deck.plan import PLACEHOLDER_TYPES
    from decks.plan.template import placeholders

    p = templates.P[1:-1]
    shapes = "".join(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{n}" name="s{n}"/><p:cNvSpPr/><p:nvPr><p:ph{kind} idx="{n}"/></p:nvPr>'
        "</p:nvSpPr><p:spPr/></p:sp>"
        for n, kind in enumerate([' type="dt"', ' type="subTitle"', ' type="ctrtitle"', ' type=""', ""], 1)
    )
    layout = etree.fromstring(
        f'<p:sldLayout xmlns:p="{p}"><p:cSld><p:spTree>{shapes}</p:spTree></p:cSld></p:sldLayout>'
    )
    found = placeholders(layout)
    # Each is one of the types the plan knows; a misspelt or empty type is what a `<p:ph>` without one is.
    assert [ph.type for ph in found] == ["dt", "subTitle", "obj", "obj", "obj"]
    assert all(ph.type in PLACEHOLDER_TYPES for ph in found)
    assert found[2].attrs["type"] == "ctrtitle"  # the raw attribute is kept as the file has it


def test_the_colour_behind_a_box_is_the_mean_of_the_picture_under_it() -> None:
    import io

    from lxml import etree
    from PIL import Image

    from decks.opc import QN_A, QN_P, QN_R
    from decks.plan.geometry import Rect
    from decks.plan.template_colors import _picture_color

    image = Image.new("RGB", (40, 20), (200, 20, 20))
    image.paste((20, 40, 200), (20, 0, 40, 20))  # the right half blue
    png = io.BytesIO()
    image.save(png, "PNG")

    class Package:
        def __init__(self) -> None:
            self.blobs = {"/ppt/media/image1.png": png.getvalue(), "/ppt/media/bad.png": b"not a picture"}

        def related(self, part: str, rid: str) -> str | None:
            return {"rId1": "/ppt/media/image1.png", "rId2": "/ppt/media/bad.png"}.get(rid)

    def pic(rid: str) -> etree._Element:
        node = etree.Element(QN_P + "pic")
        etree.SubElement(etree.SubElement(node, QN_P + "blipFill"), QN_A + "blip", {QN_R + "embed": rid})
        return node

    where = Rect(0, 0, 400, 200)  # the picture drawn at ten times its pixel size
    assert _picture_color(Package(), "", pic("rId1"), where, Rect(0, 0, 200, 200)) == "#C81414"
    assert _picture_color(Package(), "", pic("rId1"), where, Rect(200, 0, 200, 200)) == "#1428C8"
    assert _picture_color(Package(), "", pic("rId2"), where, Rect(0, 0, 200, 200)) is None
