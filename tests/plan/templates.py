"""Test templates built with python-pptx: a company template (coloured master, logo, theme fonts, footer and
number placeholders), broken ones (zero-height placeholders, no layouts, not a zip, a zip bomb), a 4:3 one
and a .potx; and a theme folder that names one."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Pt

from decks.assets import assets_dir

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
BUNDLED = assets_dir() / "templates" / "recap-16x9.pptx"
NAVY = "1B2A4A"
ACCENT = "F2B134"  # the company's accent1: icons take it
LOGO = (840.0, 16.0, 100.0, 50.0)  # points: the top right corner, where recap puts the item icon
STANDARD = {
    "Recap Title": "Title Slide",
    "Recap Section": "Section Header",
    "Recap Content": "Title and Content",
    "Recap Content + Picture": "Two Content",
    "Recap Closing": "Content with Caption",
}


def theme_folder(root: Path, template: Path, extra: str = "") -> Path:
    """A theme folder extending the default theme whose slides use `template`."""
    folder = root / "company-theme"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theme.yaml").write_text(
        f"name: company\nextends: default\nslides:\n  template: {template}\n{extra}", encoding="utf-8"
    )
    return folder


def png(width: int, height: int, rgb: tuple[int, int, int] = (230, 120, 20)) -> bytes:
    """A plain PNG of one colour (no Pillow needed)."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    head = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def company(path: Path, latin: str = "Arial", ea: str = "Noto Sans CJK SC", logo_box: tuple[float, ...] = LOGO) -> Path:
    """A 16:9 company template: navy master background with light text, a logo picture on the master, theme
    fonts `latin` (major and minor) and `ea`, standard layout names, date/footer/number placeholders."""
    prs = Presentation(str(BUNDLED))
    master = prs.slide_master
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = RGBColor.from_string(NAVY)
    clr_map = master._element.find(f"{P}clrMap")
    clr_map.set("bg1", "dk1")
    clr_map.set("tx1", "lt1")
    clr_map.set("bg2", "dk2")
    clr_map.set("tx2", "lt2")
    logo = path.with_suffix(".logo.png")
    logo.write_bytes(png(200, 100))
    x, y, w, h = (int(Pt(v)) for v in logo_box)
    # python-pptx adds no pictures to a master: relate the image and append the `<p:pic>` by hand.
    _, rid = master.part.get_or_add_image_part(str(logo))
    pic = CT_Picture.new_pic(90, "Company Logo", "logo", rid, x, y, w, h)
    master.shapes._spTree.append(pic)
    theme = master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for which in ("majorFont", "minorFont"):
        node = root.find(f"{A}themeElements/{A}fontScheme/{A}{which}")
        node.find(f"{A}latin").set("typeface", latin)
        node.find(f"{A}ea").set("typeface", ea)
    dk1 = root.find(f"{A}themeElements/{A}clrScheme/{A}dk1")
    for child in list(dk1):
        dk1.remove(child)
    etree.SubElement(dk1, f"{A}srgbClr").set("val", NAVY)
    accent1 = root.find(f"{A}themeElements/{A}clrScheme/{A}accent1")
    for child in list(accent1):
        accent1.remove(child)
    etree.SubElement(accent1, f"{A}srgbClr").set("val", ACCENT)
    for tag in ("hlink", "folHlink"):  # links readable on navy
        node = root.find(f"{A}themeElements/{A}clrScheme/{A}{tag}")
        for child in list(node):
            node.remove(child)
        etree.SubElement(node, f"{A}srgbClr").set("val", "9CC3FF")
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for layout in master.slide_layouts:
        layout.name = STANDARD.get(layout.name, layout.name)
    prs.save(str(path))
    return path


# The same layouts as another application names them (the title slide listed first, as they list it).
OTHER_TOOLS = {
    "libreoffice": {
        "Recap Title": "Title Slide",
        "Recap Content": "Title, Content",
        "Recap Content + Picture": "Title, 2 Content",
    },
    "google slides": {"Recap Title": "TITLE SLIDE", "Recap Content": "Title and body", "Recap Section": "Section"},
    "keynote": {
        "Recap Title": "Title & Subtitle",
        "Recap Content": "Title & Bullets",
        "Recap Content + Picture": "Title, Bullets & Photo",
    },
}


def renamed(path: Path, names: dict[str, str]) -> Path:
    """The bundled template with its layouts renamed by `names`; the others get names no rule knows. Centred
    titles become plain titles, as LibreOffice writes them: its title slide has a title and a subtitle."""
    prs = Presentation(str(BUNDLED))
    for n, layout in enumerate(prs.slide_master.slide_layouts):
        layout.name = names.get(layout.name, f"Layout {n}")
        for ph in layout._element.iter(f"{P}ph"):
            if ph.get("type") == "ctrTitle":
                ph.set("type", "title")
    prs.save(str(path))
    return path


def impress(folder: Path, soffice: str, env: dict[str, str]) -> Path:
    """A template made in LibreOffice Impress, not by python-pptx: a flat ODP whose master page has a picture
    filling the slide (a backdrop), a small logo at the top right, and white title and outline styles, saved as
    .pptx by LibreOffice itself (its layouts are named "Title Slide", "Title, Content"...)."""
    import base64

    from tests.conftest import convert

    backdrop = base64.b64encode(png(64, 36, (20, 40, 90))).decode()
    logo = base64.b64encode(png(20, 10)).decode()
    ns = " ".join(
        f'xmlns:{k}="urn:oasis:names:tc:opendocument:xmlns:{v}"'
        for k, v in (
            ("office", "office:1.0"),
            ("style", "style:1.0"),
            ("text", "text:1.0"),
            ("draw", "drawing:1.0"),
            ("fo", "xsl-fo-compatible:1.0"),
            ("svg", "svg-compatible:1.0"),
            ("presentation", "presentation:1.0"),
        )
    )

    def frame(x: float, y: float, w: float, h: float, inner: str, attrs: str = "") -> str:
        return (
            f'<draw:frame {attrs} svg:x="{x}cm" svg:y="{y}cm" svg:width="{w}cm" svg:height="{h}cm">{inner}</draw:frame>'
        )

    def picture(data: str) -> str:
        return f"<draw:image><office:binary-data>{data}</office:binary-data></draw:image>"

    def placeholder(kind: str, style: str) -> str:
        return f'presentation:class="{kind}" presentation:style-name="{style}"'

    styles = "".join(
        f'<style:style style:name="Backdrop-{name}" style:family="presentation">'
        '<style:graphic-properties draw:fill="none" draw:stroke="none"/>'
        f'<style:text-properties fo:color="#ffffff" fo:font-size="{size}pt"/></style:style>'
        for name, size in (("title", 36), ("outline1", 24))
    )
    odp = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document {ns} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.presentation">'
        f"<office:styles>{styles}</office:styles><office:automatic-styles>"
        '<style:page-layout style:name="PM1"><style:page-layout-properties fo:page-width="28cm" '
        'fo:page-height="15.75cm" style:print-orientation="landscape"/></style:page-layout></office:automatic-styles>'
        '<office:master-styles><style:master-page style:name="Backdrop" style:page-layout-name="PM1">'
        + frame(0, 0, 28, 15.75, picture(backdrop))
        + frame(24.5, 0.4, 3, 1.5, picture(logo))
        + frame(1.4, 0.6, 20, 2.5, "<draw:text-box/>", placeholder("title", "Backdrop-title"))
        + frame(1.4, 3.8, 25, 10.5, "<draw:text-box/>", placeholder("outline", "Backdrop-outline1"))
        + "</style:master-page></office:master-styles><office:body><office:presentation>"
        '<draw:page draw:name="page1" draw:master-page-name="Backdrop"/></office:presentation></office:body>'
        "</office:document>"
    )
    source = folder / "impress.fodp"
    source.write_text(odp, encoding="utf-8")
    return convert(soffice, [source], folder, env, "pptx")["impress"]


def zero_height(path: Path) -> Path:
    """The bundled template with every placeholder of the master and the layouts zero points high."""
    prs = Presentation(str(BUNDLED))
    for holder in [prs.slide_master, *prs.slide_layouts]:
        for shape in holder.placeholders:
            if shape.height is not None:
                shape.height = 0
    prs.save(str(path))
    return path


def four_three(path: Path) -> Path:
    """python-pptx's default template: 4:3, the standard layout names."""
    Presentation().save(str(path))
    return path


def potx(path: Path) -> Path:
    """The bundled template saved as a .potx: its main part has the template content type."""
    out = io.BytesIO()
    with zipfile.ZipFile(BUNDLED) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            dst.writestr(info.filename, data)
    path.write_bytes(out.getvalue())
    return path


def no_layouts(path: Path) -> Path:
    """The bundled template whose master lists no layouts."""
    out = io.BytesIO()
    with zipfile.ZipFile(BUNDLED) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "ppt/slideMasters/slideMaster1.xml":
                root = etree.fromstring(data)
                for lst in root.findall(f"{P}sldLayoutIdLst"):
                    root.remove(lst)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info.filename, data)
    path.write_bytes(out.getvalue())
    return path


def zip_bomb(path: Path) -> Path:
    """A small zip whose directory says a part unpacks to 4 GB (what a zip bomb's says; forged here, since
    deflating gigabytes of zeros would cost the test seconds)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        dst.writestr("[Content_Types].xml", b"<Types/>")
        dst.writestr("ppt/big.bin", b"\0" * 1024)
    data = bytearray(out.getvalue())
    entry = data.rindex(b"PK\x01\x02")  # the central directory record of the last entry, ppt/big.bin
    data[entry + 24 : entry + 28] = struct.pack("<I", 0xFFFF0000)  # its uncompressed size
    path.write_bytes(bytes(data))
    return path
