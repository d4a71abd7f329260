"""Hostile templates: the bundled 16:9 template with one active or external thing injected into a part (an
external hyperlink, a linked picture, a `ppaction://program`, macros, an OLE object, an ActiveX control, a
DOCTYPE with entities, an encrypted entry...). Each is made here, in the test, from the template in the
repository; `INERT` are those recap makes inert (with a warning), `REFUSED` those it refuses (exit 1)."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable

from decks.assets import assets_dir

BUNDLED = assets_dir() / "templates" / "recap-16x9.pptx"
MASTER = "ppt/slideMasters/slideMaster1.xml"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"  # "Recap Content": every content slide is laid on it
PRES = "ppt/presentation.xml"
THEME = "ppt/theme/theme1.xml"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_MS = "http://schemas.microsoft.com/office/2006/relationships/"
NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
HOSTILE_TARGETS = (
    "javascript:alert(1)",
    "file:///etc/passwd",
    "\\\\attacker\\share\\x.png",
    "http://tracker.example/pixel.png",
    "calc.exe",
    "file:///C:/evil.xlsx",
)

Parts = dict[str, bytes]


def parts() -> Parts:
    """The bundled template's items by zip name."""
    with zipfile.ZipFile(BUNDLED) as z:
        return {n: z.read(n) for n in z.namelist()}


def zipped(items: Parts, encrypted: str | None = None) -> bytes:
    """`items` as a zip; the entry `encrypted` (if any) flagged as encrypted, as a password-protected zip has."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items.items():
            info = zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    raw = bytearray(out.getvalue())
    if encrypted is not None:  # zipfile writes no encrypted entry: set the flag in both of its headers
        name = encrypted.encode()
        for magic, flags_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
            at = raw.find(magic)
            while at >= 0:
                if raw[at + name_at : at + name_at + len(name)] == name:
                    raw[at + flags_at] |= 0x1
                at = raw.find(magic, at + 4)
    return bytes(raw)


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def add_rel(items: Parts, part: str, rid: str, reltype: str, target: str, external: bool = False) -> None:
    name = _rels_name(part) if part else "_rels/.rels"
    rels = items.get(
        name,
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>',
    )
    mode = ' TargetMode="External"' if external else ""
    target = target.replace("&", "&amp;").replace('"', "&quot;")
    rel = f'<Relationship Id="{rid}" Type="{reltype}" Target="{target}"{mode}/>'.encode()
    items[name] = rels.replace(b"</Relationships>", rel + b"</Relationships>")


def add_type(items: Parts, partname: str, content_type: str) -> None:
    over = f'<Override PartName="/{partname}" ContentType="{content_type}"/>'.encode()
    items["[Content_Types].xml"] = items["[Content_Types].xml"].replace(b"</Types>", over + b"</Types>")


def add_shape(items: Parts, part: str, xml: str) -> None:
    """`xml` appended to the part's `<p:spTree>` (with the namespaces declared on it)."""
    data = items[part].decode("utf-8")
    at = data.rindex("</p:spTree>")
    items[part] = (data[:at] + xml + data[at:]).encode("utf-8")


def _text_box(sid: int, hlink: str) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="Hostile {sid}">{hlink}</p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></a:xfrm></p:spPr>'
        f'<p:txBody><a:bodyPr/><a:p><a:r><a:rPr lang="en-US">{hlink}</a:rPr>'
        "<a:t>click</a:t></a:r></a:p></p:txBody></p:sp>"
    )


def _picture(sid: int, blip: str) -> str:
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{sid}" name="Picture {sid}"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        f"<p:blipFill>{blip}<a:stretch><a:fillRect/></a:stretch></p:blipFill>"
        '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


def _ole(sid: int, rid: str, placeholder: bool = False) -> str:
    ph = '<p:ph type="body" idx="1"/>' if placeholder else ""
    return (
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="v">'
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{sid}" name="Object {sid}"/><p:cNvGraphicFramePr/>'
        f"<p:nvPr>{ph}</p:nvPr></p:nvGraphicFramePr>"
        '<p:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></p:xfrm>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml/2006/ole">'
        f'<p:oleObj name="Worksheet" r:id="{rid}" imgW="100" imgH="100" progId="Excel.Sheet.12"><p:embed/></p:oleObj>'
        "</a:graphicData></a:graphic></p:graphicFrame></mc:Choice>"
        "<mc:Fallback/></mc:AlternateContent>"
    )


def external_hyperlink(scheme_target: str, part: str = MASTER) -> Callable[[Parts], None]:
    def inject(items: Parts) -> None:
        add_rel(items, part, "rId901", _RT + "hyperlink", scheme_target, external=True)
        add_shape(items, part, _text_box(901, '<a:hlinkClick r:id="rId901"/>'))

    return inject


def linked_picture(target: str, part: str = LAYOUT) -> Callable[[Parts], None]:
    def inject(items: Parts) -> None:
        add_rel(items, part, "rId902", _RT + "image", target, external=True)
        add_shape(items, part, _picture(902, '<a:blip r:link="rId902"/>'))

    return inject


def odd_external(items: Parts) -> None:
    """A TargetMode in lower case, and a URL written as an internal target."""
    add_rel(items, MASTER, "rId913", _RT + "hyperlink", "javascript:alert(1)//odd")
    rels = _rels_name(MASTER)
    target = b'Target="javascript:alert(1)//odd"'
    items[rels] = items[rels].replace(target, target + b' TargetMode="external"')
    add_rel(items, LAYOUT, "rId914", _RT + "image", "http://tracker.example/pixel.png")
    add_shape(items, MASTER, _text_box(913, '<a:hlinkClick r:id="rId913"/>'))
    add_shape(items, LAYOUT, _picture(914, '<a:blip r:link="rId914"/>'))


def program_action(items: Parts) -> None:
    add_rel(items, MASTER, "rId903", _RT + "hyperlink", "calc.exe", external=True)
    add_shape(items, MASTER, _text_box(903, '<a:hlinkClick r:id="rId903" action="ppaction://program"/>'))
    add_shape(items, LAYOUT, _text_box(904, '<a:hlinkClick r:id="" action="ppaction://macro?name=Evil"/>'))


def package_external(items: Parts) -> None:
    add_rel(items, "", "rId904", _RT + "hyperlink", "http://tracker.example/pkg", external=True)
    add_rel(items, PRES, "rId905", _RT + "hyperlink", "file:///etc/passwd", external=True)


def macros(items: Parts) -> None:
    items["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"macro" * 100
    add_type(items, "ppt/vbaProject.bin", "application/vnd.ms-office.vbaProject")
    add_rel(items, PRES, "rId906", _MS + "vbaProject", "vbaProject.bin")
    types = items["[Content_Types].xml"]
    items["[Content_Types].xml"] = types.replace(
        b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    )


def ole_object(items: Parts) -> None:
    items["ppt/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"ole" * 100
    add_type(items, "ppt/embeddings/oleObject1.bin", "application/vnd.openxmlformats-officedocument.oleObject")
    add_rel(items, LAYOUT, "rId907", _RT + "oleObject", "../embeddings/oleObject1.bin")
    add_shape(items, LAYOUT, _ole(907, "rId907"))


def ole_placeholder(items: Parts) -> None:
    add_rel(items, LAYOUT, "rId911", _RT + "oleObject", "file:///C:/x.xlsx", external=True)
    add_shape(items, LAYOUT, _ole(911, "rId911", placeholder=True))


def external_ole(items: Parts) -> None:
    add_rel(items, MASTER, "rId908", _RT + "oleObject", "file:///C:/evil.xlsx", external=True)
    add_shape(items, MASTER, _ole(908, "rId908"))


def embedded_package(items: Parts) -> None:
    items["ppt/embeddings/Sheet1.xlsx"] = b"PK\x05\x06" + b"\0" * 18
    add_type(items, "ppt/embeddings/Sheet1.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    add_rel(items, LAYOUT, "rId909", _RT + "package", "../embeddings/Sheet1.xlsx")
    add_shape(items, LAYOUT, _ole(909, "rId909"))


def activex(items: Parts) -> None:
    items["ppt/activeX/activeX1.xml"] = (
        b'<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
        b'ax:classid="{8BD21D40-EC42-11CE-9E0D-00AA006002F3}" ax:persistence="persistStorage" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>'
    )
    items["ppt/activeX/activeX1.bin"] = b"\xd0\xcf\x11\xe0" + b"x" * 64
    add_type(items, "ppt/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml")
    add_type(items, "ppt/activeX/activeX1.bin", "application/vnd.ms-office.activeX")
    add_rel(items, "ppt/activeX/activeX1.xml", "rId1", _MS + "activeXControlBinary", "activeX1.bin")
    add_rel(items, LAYOUT, "rId910", _RT + "control", "../activeX/activeX1.xml")
    data = items[LAYOUT].decode()
    controls = '<p:controls><p:control name="Evil" r:id="rId910" imgW="10" imgH="10" spid="_x0000_s1"/></p:controls>'
    at = data.index("</p:cSld>")
    items[LAYOUT] = (data[:at] + controls + data[at:]).encode()


def doctype(part: str, subset: str) -> Callable[[Parts], None]:
    def inject(items: Parts) -> None:
        data = items[part].decode("utf-8")
        start = data.index("?>") + 2 if data.startswith("<?xml") else 0
        root = data[start:].lstrip().split()[0].lstrip("<").rstrip(">")
        items[part] = (data[:start] + f"<!DOCTYPE {root} {subset}>" + data[start:]).encode("utf-8")

    return inject


ENTITY = '[<!ENTITY x SYSTEM "\\\\attacker\\share\\x.xml"><!ENTITY y "yyyyyyyyyy">]'
SYSTEM = 'SYSTEM "http://tracker.example/x.dtd"'

# name -> (injection, what `recap check` must name in its warning)
INERT: dict[str, tuple[Callable[[Parts], None], str]] = {
    "javascript-link-on-master": (external_hyperlink("javascript:alert(1)"), MASTER),
    "file-link-on-layout": (external_hyperlink("file:///etc/passwd", LAYOUT), LAYOUT),
    "unc-link-on-master": (external_hyperlink("\\\\attacker\\share\\x.exe"), MASTER),
    "unc-linked-picture": (linked_picture("\\\\attacker\\share\\x.png"), LAYOUT),
    "http-linked-picture-on-master": (linked_picture("http://tracker.example/pixel.png", MASTER), MASTER),
    "ppaction-program": (program_action, MASTER),
    "odd-external": (odd_external, MASTER),
    "package-and-presentation-external": (package_external, PRES),
    "macros": (macros, PRES),
    "ole-object": (ole_object, LAYOUT),
    "external-ole-link": (external_ole, MASTER),
    "embedded-package": (embedded_package, LAYOUT),
    "activex": (activex, LAYOUT),
}
REFUSED: dict[str, tuple[Callable[[Parts], None], str]] = {
    "doctype-entities-in-layout": (doctype(LAYOUT, ENTITY), LAYOUT),
    "doctype-system-in-master": (doctype(MASTER, SYSTEM), MASTER),
    "doctype-in-theme": (doctype(THEME, ENTITY), THEME),
    "doctype-in-presentation": (doctype(PRES, "[]"), PRES),
    "doctype-in-rels": (doctype("ppt/_rels/presentation.xml.rels", ENTITY), "presentation.xml.rels"),
    "doctype-in-content-types": (doctype("[Content_Types].xml", ENTITY), "[Content_Types].xml"),
    "ole-placeholder": (ole_placeholder, LAYOUT),
    "external-layout": (
        lambda items: add_rel(items, MASTER, "rId912", _RT + "slideLayout", "http://tracker.example/l.xml", True),
        MASTER,
    ),
}


def hostile(name: str) -> bytes:
    """The template with the injection `name` (of INERT or REFUSED), zipped."""
    items = parts()
    inject = (INERT.get(name) or REFUSED[name])[0]
    inject(items)
    return zipped(items)


def encrypted() -> bytes:
    """The template with its slide master's entry flagged as encrypted."""
    return zipped(parts(), encrypted=MASTER)


def assert_inert(deck: bytes) -> None:
    """No external relationship, active part, unsafe action, linked picture or DOCTYPE anywhere in `deck`."""
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        items = {n: z.read(n) for n in z.namelist()}
    for name, data in items.items():
        low = name.lower()
        assert not low.startswith(("ppt/embeddings/", "ppt/activex/")), name
        assert "vbaproject" not in low and not low.endswith(".bin"), name
        if low.endswith((".xml", ".rels")):
            assert b"<!DOCTYPE" not in data and b"<!ENTITY" not in data, name
            assert b"targetmode" not in data.lower(), name  # the test content has no links of its own
            assert b"ppaction://program" not in data and b"ppaction://macro" not in data, name
            assert b"r:link=" not in data and b"oleObj" not in data and b"p:control " not in data, name
            for target in HOSTILE_TARGETS:
                assert target.encode() not in data, (name, target)
    types = items["[Content_Types].xml"].decode()
    for word in ("vbaProject", "macroEnabled", "oleObject", "activeX", "printerSettings"):
        assert word not in types
