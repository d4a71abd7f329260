"""Fuzzing what a template and the cache folder can hold: hostile templates (DOCTYPEs and entities in any part,
external relationships with any target, any `ppaction:`, macros, OLE, ActiveX and embedded packages, in any
combination) and forged cache entries (any bytes or marshalled values behind a header that checks out, and
unkeyed headers). Every run exits 0 or 1, never 4; a deck written has no external or active part; `recap
check` and `recap pptx` say the same; a forged entry never changes what a run makes.

The budget is read from RECAP_FUZZ_EXAMPLES (a few examples each by default; CI raises it), as in
tests/test_fuzz.py. Every template is generated here from the one in the repository.
"""

from __future__ import annotations

import marshal
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from decks import cachedir
from decks.cli.main import main
from decks.readers.template import _read
from tests.plan import hostile_templates as hostile
from tests.plan import templates

_BUDGET = settings(
    max_examples=int(os.environ.get("RECAP_FUZZ_EXAMPLES", "8")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
CONTENT = "title: T\nitems:\n  - title: A\n    summary: B\n"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# Parts a hostile thing is put into: the package, the presentation, the master, a layout every slide uses, the
# theme.
PARTS = ["", hostile.PRES, hostile.MASTER, hostile.LAYOUT, hostile.THEME]
XML_PARTS = [hostile.PRES, hostile.MASTER, hostile.LAYOUT, hostile.THEME, "ppt/_rels/presentation.xml.rels"]

targets = st.one_of(
    st.sampled_from(hostile.HOSTILE_TARGETS),
    st.sampled_from(["JaVaScRiPt:alert(1)", " file:/x", "\\\\?\\UNC\\h\\s", "//host/share", "data:text/html,x"]),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
)
actions = st.one_of(
    st.sampled_from(
        [
            "ppaction://program",
            "PPACTION://PROGRAM",
            "ppaction://macro?name=x",
            "ppaction://ole?verb=0",
            "ppaction://hlinkfile",
            "ppaction://hlinkpres?slideindex=1",
            "ppaction://customshow?id=0",
            "ppaction://media",
            "ppaction://hlinkshowjump?jump=nextslide",
        ]
    ),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30).map(lambda t: "ppaction://" + t),
)
reltypes = st.sampled_from(["hyperlink", "image", "oleObject", "video", "audio", "package", "control"])


def _xml_attr(text: str) -> str:
    """`text` as an XML attribute value: escaped, and without the characters XML 1.0 cannot hold."""
    ok = "".join(
        c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd") or c > "\uffff"
    )
    return ok.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    os.environ.pop("RECAP_DEBUG", None)
    code = main(list(args))
    out = capsys.readouterr()
    said = out.out + out.err
    assert code in (0, 1), said
    assert "Traceback" not in said and "internal error" not in said, said
    return code, said


def _check_and_render(data: bytes, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """`recap check` and `recap pptx` with a theme on the template `data`: they agree on the exit code and the
    template's warnings, and a deck written is inert."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        tpl = root / "fuzzed.pptx"
        tpl.write_bytes(data)
        content = root / "talk.yaml"
        content.write_text(CONTENT, encoding="utf-8")
        theme = templates.theme_folder(root, tpl)
        checked_code, checked = _run(capsys, "check", str(content), "--theme", str(theme))
        _read.cache_clear()  # the render reads the template afresh, as its own process would
        out = root / "deck.pptx"
        code, rendered = _run(capsys, "pptx", str(content), "--theme", str(theme), "-o", str(out))
        assert code == checked_code, (checked, rendered)
        if code == 0:
            hostile.assert_inert(out.read_bytes())
            said_by_check = re.findall(r"warning: (template /.*)$", checked, re.M)
            assert re.findall(r"^warning: (template /.*)$", rendered, re.M) == said_by_check
        else:
            assert not out.exists()
            assert "fuzzed.pptx" in rendered
        return code, rendered


# -- templates ----------------------------------------------------------------------------------------------------


@_BUDGET
@given(
    kinds=st.lists(st.sampled_from(sorted(hostile.INERT)), min_size=1, max_size=4, unique=True),
    extra=st.lists(st.tuples(st.sampled_from(PARTS), reltypes, targets), max_size=3),
    action=st.one_of(st.none(), actions),
)
@example(kinds=["macros", "activex", "ole-object"], extra=[("", "hyperlink", "javascript:alert(1)")], action=None)
@example(kinds=["ppaction-program"], extra=[], action="PPACTION://PROGRAM")
def test_a_template_with_any_external_or_active_content_gives_an_inert_deck_or_a_located_error(
    kinds: list[str], extra: list[tuple[str, str, str]], action: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    items = hostile.parts()
    for kind in kinds:
        hostile.INERT[kind][0](items)
    for n, (part, reltype, target) in enumerate(extra):
        rid = f"rId{800 + n}"
        hostile.add_rel(items, part, rid, _RT + reltype, _xml_attr(target).replace("&amp;", "&"), external=True)
        if part in (hostile.MASTER, hostile.LAYOUT) and reltype == "hyperlink":
            hostile.add_shape(items, part, hostile._text_box(800 + n, f'<a:hlinkClick r:id="{rid}"/>'))
    if action is not None:
        hlink = f'<a:hlinkClick r:id="" action="{_xml_attr(action)}"/>'
        hostile.add_shape(items, hostile.LAYOUT, hostile._text_box(799, hlink))
    code, said = _check_and_render(hostile.zipped(items), capsys)
    assert code == 0, said  # nothing here is needed by the layout: all of it is dropped
    if action is not None and "jump=nextslide" not in action and action.strip():
        assert "dropped the action" in said


@_BUDGET
@given(part=st.sampled_from(XML_PARTS), subset=st.text(st.characters(exclude_categories=("Cs",)), max_size=60))
@example(part=hostile.LAYOUT, subset=hostile.ENTITY)
@example(part=hostile.MASTER, subset='[<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]')
def test_a_doctype_in_any_template_part_is_a_located_error(
    part: str, subset: str, capsys: pytest.CaptureFixture[str]
) -> None:
    items = hostile.parts()
    hostile.doctype(part, _xml_attr(subset).replace("&amp;", "&").replace("&lt;", "<"))(items)
    code, said = _check_and_render(hostile.zipped(items), capsys)
    assert code == 1
    assert part.rsplit("/", 1)[-1] in said


# -- forged cache entries -----------------------------------------------------------------------------------------

marshallable = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=20),
        st.binary(max_size=40),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=8),
        st.lists(inner, max_size=8).map(tuple),
        st.dictionaries(st.one_of(st.text(max_size=4), st.integers()), inner, max_size=6),
    ),
    max_leaves=30,
)
forged = st.one_of(st.binary(max_size=200), marshallable.map(marshal.dumps))


@pytest.fixture(scope="module")
def cache_folder() -> Any:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def _fresh(kind: str, font: Path) -> Any:
    """What the consumer of `kind` makes: from the cache when there is an entry."""
    from decks.plan.icons import font_path
    from decks.plan.sketch import qr
    from decks.renderers import base
    from decks.renderers.pptx.images import icon_png
    from decks.text import kerning
    from decks.text.metrics import load_face

    if kind == "metrics":
        load_face.cache_clear()
        face = load_face(font)
        return face.family, face.units_per_em, face.ascent, face.advances
    if kind == "qr":
        qr.matrix.cache_clear()
        return qr.matrix("https://example.com/video")
    if kind == "icons":
        icon_png.cache_clear()
        return icon_png(font_path(), "\uf135", "#123456", 64)
    if kind == "kerning":
        kerning.kerning_rows.cache_clear()
        return kerning.kerning_rows(font)
    if kind == "plugins":
        return base.discover()
    raise AssertionError(kind)


KINDS = ["metrics", "qr", "icons", "kerning", "plugins"]


@_BUDGET
@given(kind=st.sampled_from(KINDS), data=forged, keyed=st.booleans())
@example(kind="metrics", data=marshal.dumps(("Lato", 0, 0.9, 0.2, 0.0, 0, b"", b"")), keyed=True)
@example(kind="plugins", data=b'["x", [["pptx", "os:system", "recap"]]]', keyed=True)
def test_a_forged_cache_entry_never_fails_a_run_nor_changes_it_without_the_secret(
    kind: str, data: bytes, keyed: bool, cache_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decks.assets import fonts_dir

    monkeypatch.setenv("RECAP_CACHE_DIR", str(cache_folder))
    font = cache_folder.parent / f"{cache_folder.name}-fonts" / "Lato-Regular.ttf"  # a user's font: no shipped rows
    if not font.exists():
        font.parent.mkdir(exist_ok=True)
        font.write_bytes((fonts_dir() / "Lato-Regular.ttf").read_bytes())
    for old in cachedir.folder(kind).glob("rc2-*") if cachedir.folder(kind).is_dir() else ():
        old.unlink()  # each example starts from what a clean run keeps
    first = _fresh(kind, font)  # made, and kept in the cache
    entries = [p for p in cachedir.folder(kind).iterdir() if p.is_file() and p.name.startswith("rc2-")]
    assert entries
    for entry in entries:
        if keyed:  # as if the secret had leaked: the check of the decoded value still stands
            cachedir.write(kind, entry.name.removeprefix("rc2-"), data)
        else:  # a header anyone can compute
            import hashlib
            import struct

            digest = hashlib.blake2b(data, digest_size=16).digest()
            entry.write_bytes(struct.pack(">6sBQ16s", b"RECAPC", 2, len(data), digest) + data)
    again = _fresh(kind, font)  # never an exception, whatever the entry holds
    if not keyed:
        assert again == first
    elif kind == "metrics":
        assert again[1] >= 16 and all(w >= 0 for w in again[3].values())
    elif kind == "qr":
        assert again == first  # the entry must name its own address, which random data does not


@_BUDGET
@given(
    part=st.sampled_from([hostile.PRES, hostile.MASTER, hostile.LAYOUT, hostile.THEME]),
    picks=st.lists(st.tuples(st.integers(0, 10_000), st.booleans()), min_size=1, max_size=3),
)
@example(part=hostile.PRES, picks=[(1, True)])  # <p:sldMasterIdLst> gone: a located error, not exit 4 in pptx
def test_a_template_part_missing_any_element_or_attribute_gives_the_same_answer_in_check_and_render(
    part: str, picks: list[tuple[int, bool]], capsys: pytest.CaptureFixture[str]
) -> None:
    from lxml import etree

    items = hostile.parts()
    root = etree.fromstring(items[part])
    for at, whole in picks:
        nodes = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
        node = nodes[at % len(nodes)]
        if whole or not node.attrib:
            node.getparent().remove(node)
        else:
            del node.attrib[sorted(node.attrib)[at % len(node.attrib)]]
    items[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _check_and_render(hostile.zipped(items), capsys)
