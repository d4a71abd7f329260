"""A template is inert after reading: its external links, actions, macros, OLE objects, ActiveX controls and
embedded packages never reach the deck (each dropped with a warning naming its part, the same in `recap check`
and `recap pptx`); a DOCTYPE, a placeholder or layout that depends on what is dropped, or an encrypted entry
is a located error (exit 1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from decks.cli.main import main
from decks.errors import ContentError
from decks.readers.template import TemplatePackage, _read
from tests.plan import hostile_templates as hostile
from tests.plan import templates

CONTENT = "title: T\nitems:\n  - title: A\n    summary: B\n"
WARNING = re.compile(r"^warning: (template .*)$", re.M)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def _setup(tmp_path: Path, data: bytes) -> tuple[Path, Path]:
    tpl = tmp_path / "hostile.pptx"
    tpl.write_bytes(data)
    content = tmp_path / "talk.yaml"
    content.write_text(CONTENT, encoding="utf-8")
    return content, templates.theme_folder(tmp_path, tpl)


@pytest.mark.parametrize("name", list(hostile.INERT))
def test_a_hostile_template_part_is_dropped_with_a_warning_naming_it_in_check_and_render(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    content, folder = _setup(tmp_path, hostile.hostile(name))
    part = hostile.INERT[name][1]
    code, checked = _run(capsys, "check", str(content), "--theme", str(folder))
    assert code == 0, checked
    check_warnings = [w for w in re.findall(r"warning: (template /.*)$", checked, re.M)]
    assert any(part in w for w in check_warnings), checked
    _read.cache_clear()  # the render reads the template afresh, as its own process would
    out = tmp_path / "deck.pptx"
    code, rendered = _run(capsys, "pptx", str(content), "--theme", str(folder), "-o", str(out))
    assert code == 0, rendered
    assert "Traceback" not in rendered
    # check and render say the same about the template
    assert [w for w in WARNING.findall(rendered)] == check_warnings
    hostile.assert_inert(out.read_bytes())


@pytest.mark.parametrize("name", list(hostile.REFUSED))
def test_a_template_part_with_a_doctype_or_a_dependent_active_part_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    content, folder = _setup(tmp_path, hostile.hostile(name))
    part = hostile.REFUSED[name][1]
    for command in (["check", str(content)], ["pptx", str(content), "-o", str(tmp_path / "deck.pptx")]):
        code, said = _run(capsys, *command, "--theme", str(folder))
        assert code == 1, said
        error = next(line for line in said.splitlines() if line.startswith("error: "))
        assert "hostile.pptx" in error and part in error, error
        assert "Traceback" not in said and "internal error" not in said
    assert not (tmp_path / "deck.pptx").exists()


def test_an_encrypted_zip_entry_is_a_located_error_not_an_internal_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content, folder = _setup(tmp_path, hostile.encrypted())
    for command in ("check", "pptx"):
        code, said = _run(capsys, command, str(content), "--theme", str(folder), "-o", str(tmp_path / "d.pptx"))
        if command == "check":
            code, said = _run(capsys, command, str(content), "--theme", str(folder))
        assert code == 1, said
        assert "hostile.pptx" in said and "encrypted entry (ppt/slideMasters/slideMaster1.xml)" in said


def test_a_broken_deflate_stream_is_a_located_error(tmp_path: Path) -> None:
    data = bytearray(hostile.zipped(hostile.parts()))
    at = data.find(b"ppt/slideMasters/slideMaster1.xml") + len("ppt/slideMasters/slideMaster1.xml")
    data[at + 10 : at + 40] = b"\xff" * 30  # inside the deflated master
    with pytest.raises(ContentError) as err:
        TemplatePackage(bytes(data), str(tmp_path / "broken.pptx"))
    assert "broken.pptx" in str(err.value) and "not a readable .pptx" in str(err.value)


def test_the_bundled_template_reads_with_no_warning_and_its_layouts_unchanged() -> None:
    items = hostile.parts()
    tpl = TemplatePackage(hostile.zipped(items), "recap-16x9.pptx")
    assert tpl.warnings == []
    for name, data in items.items():
        if "slideLayout" in name or "slideMaster" in name or "theme" in name:
            assert tpl.blobs["/" + name] == data, name  # kept byte for byte: nothing to drop
    assert not any(n.endswith(".bin") for n in tpl.blobs)  # printer settings: not a part recap understands


def test_a_slide_jump_is_kept_and_a_program_action_dropped(tmp_path: Path) -> None:
    items = hostile.parts()
    jump = '<a:hlinkClick r:id="" action="ppaction://hlinkshowjump?jump=nextslide"/>'
    hostile.add_shape(items, hostile.LAYOUT, hostile._text_box(950, jump))
    hostile.program_action(items)
    tpl = TemplatePackage(hostile.zipped(items), "t.pptx")
    layout = tpl.blobs["/" + hostile.LAYOUT]
    assert b"jump=nextslide" in layout and b"ppaction://macro" not in layout
    assert b"ppaction://program" not in tpl.blobs["/" + hostile.MASTER]


@pytest.mark.parametrize("tag", ["sldMasterIdLst", "notesSz"])
def test_a_presentation_part_without_what_the_deck_is_written_beside_is_refused_by_check_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tag: str
) -> None:
    from lxml import etree

    items = hostile.parts()
    root = etree.fromstring(items[hostile.PRES])
    (node,) = root.findall(f"{{{root.nsmap['p']}}}{tag}")
    root.remove(node)
    items[hostile.PRES] = etree.tostring(root)
    content, folder = _setup(tmp_path, hostile.zipped(items))
    for command in (["check", str(content)], ["pptx", str(content), "-o", str(tmp_path / "deck.pptx")]):
        code, said = _run(capsys, *command, "--theme", str(folder))
        assert code == 1 and f"(<p:{tag}>)" in said and "internal error" not in said, said
