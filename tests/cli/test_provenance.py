"""No command replaces another's output: each renderer marks its file with the command that made it, and a file
without this command's mark stays unless --force (decks.cli.provenance)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.cli.main import main
from decks.cli.provenance import made_by
from decks.errors import ExitCode

MINIMAL = "title: X\nitems:\n  - title: Y\n    takeaways: [Z]\n"


@pytest.fixture
def talk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "talk.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("command", "name"),
    [
        ("pdf", "talk.pdf"),
        ("slides", "talk.slides.pdf"),
        ("png", "talk.png"),
        ("svg", "talk.svg"),
        ("html", "talk.html"),
        ("pptx", "talk.pptx"),
        ("markdown", "talk.md"),
    ],
)
def test_each_command_writes_its_own_default_name_marked_with_the_command(talk: Path, command: str, name: str) -> None:
    assert main(["-q", command, str(talk)]) == 0
    assert made_by(talk.parent / name) == command
    first = (talk.parent / name).read_bytes()
    assert main(["-q", command, str(talk)]) == 0  # its own file is replaced without --force, with the same bytes
    assert (talk.parent / name).read_bytes() == first


def test_pdf_then_slides_leaves_both_files(talk: Path) -> None:
    assert main(["-q", "pdf", str(talk)]) == 0
    sketch = (talk.parent / "talk.pdf").read_bytes()
    assert main(["-q", "slides", str(talk)]) == 0
    assert (talk.parent / "talk.pdf").read_bytes() == sketch
    assert (talk.parent / "talk.slides.pdf").is_file()


def test_another_commands_file_is_kept_and_named_unless_force(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", "slides", str(talk), "-o", "talk.pdf"]) == 0
    slides = (talk.parent / "talk.pdf").read_bytes()
    assert main(["pdf", str(talk)]) == ExitCode.OUTPUT
    err = capsys.readouterr().err
    assert "talk.pdf" in err and "recap slides" in err and "--force" in err
    assert (talk.parent / "talk.pdf").read_bytes() == slides
    assert main(["-q", "pdf", str(talk), "--force"]) == 0
    assert made_by(talk.parent / "talk.pdf") == "pdf"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("talk.pdf", b"%PDF-1.4\n1 0 obj << /Creator (LibreOffice) /Producer (ReportLab) >> endobj\n%%EOF\n"),
        ("talk.svg", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>\n'),
        ("talk.html", b"<!DOCTYPE html><html><head><title>mine</title></head></html>"),
        ("talk.png", b"\x89PNG\r\n\x1a\n" + b"\0\0\0\0IEND\xaeB`\x82"),
        ("talk.pptx", b""),
        ("talk.pdf", b""),
    ],
)
def test_a_file_recap_did_not_make_is_kept(
    talk: Path, name: str, data: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    (talk.parent / name).write_bytes(data)
    command = {".pdf": "pdf", ".svg": "svg", ".html": "html", ".png": "png", ".pptx": "pptx"}[Path(name).suffix]
    assert main([command, str(talk)]) == ExitCode.OUTPUT
    assert "not made by recap" in capsys.readouterr().err
    assert (talk.parent / name).read_bytes() == data


def test_a_deck_saved_again_in_another_application_holds_edits_and_is_kept(talk: Path) -> None:
    assert main(["-q", "pptx", str(talk)]) == 0
    deck = talk.parent / "talk.pptx"
    out = io.BytesIO()
    with zipfile.ZipFile(deck) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "docProps/app.xml":
                data = data.replace(b"<Application>recap pptx<", b"<Application>Microsoft Office PowerPoint<")
            new.writestr(item, data)
    deck.write_bytes(out.getvalue())
    assert made_by(deck) is None
    assert main(["-q", "pptx", str(talk)]) == ExitCode.OUTPUT
    assert deck.read_bytes() == out.getvalue()


def test_an_earlier_recaps_bare_mark_is_replaced_only_where_one_command_writes_the_format(talk: Path) -> None:
    (talk.parent / "talk.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Creator (recap) /Producer (ReportLab) >> endobj\n")
    assert main(["-q", "pdf", str(talk)]) == ExitCode.OUTPUT  # it may be slides: `recap pdf` must not guess
    (talk.parent / "talk.svg").write_bytes(b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- recap -->\n<svg/>\n')
    assert made_by(talk.parent / "talk.svg") == "recap"
    assert main(["-q", "svg", str(talk)]) == 0  # only `recap svg` ever wrote SVG
    assert made_by(talk.parent / "talk.svg") == "svg"


def test_watch_refuses_another_commands_file_before_watching(talk: Path) -> None:
    assert main(["-q", "slides", str(talk), "-o", "talk.pdf"]) == 0
    assert main(["-q", "pdf", str(talk), "--watch"]) == ExitCode.OUTPUT


@settings(max_examples=200, deadline=None)
@given(
    head=st.sampled_from([b"", b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"<?xml ", b"<!DOCTYPE html>"]),
    body=st.binary(max_size=300),
)
def test_reading_the_mark_of_any_bytes_never_fails(
    tmp_path_factory: pytest.TempPathFactory, head: bytes, body: bytes
) -> None:
    path = tmp_path_factory.mktemp("any") / "file"
    path.write_bytes(head + body)
    mark = made_by(path)
    assert mark is None or isinstance(mark, str)


def test_a_folder_given_with_o_gets_the_commands_own_default_name(talk: Path) -> None:
    (talk.parent / "out").mkdir()
    assert main(["-q", "slides", str(talk), "-o", "out"]) == 0
    assert main(["-q", "pdf", str(talk), "-o", "out"]) == 0
    assert made_by(talk.parent / "out" / "talk.slides.pdf") == "slides"
    assert made_by(talk.parent / "out" / "talk.pdf") == "pdf"


def test_the_help_names_each_commands_default_and_force() -> None:
    from click.testing import CliRunner

    from decks.cli.main import cli

    result = CliRunner().invoke(cli, ["slides", "--help"])
    assert "with .slides.pdf" in result.output and "--force" in result.output


def test_a_pdf_saved_again_by_a_viewer_holds_the_users_work_and_is_kept(talk: Path) -> None:
    assert main(["-q", "pdf", str(talk)]) == 0
    sketch = talk.parent / "talk.pdf"
    # An incremental update, as a viewer appends one to save annotations: the Creator kept, the Producer its own.
    saved = sketch.read_bytes() + b"\n9 0 obj << /Creator (recap pdf) /Producer (macOS Quartz PDFContext) >>\nendobj\n"
    sketch.write_bytes(saved)
    assert made_by(sketch) is None
    assert main(["-q", "pdf", str(talk)]) == ExitCode.OUTPUT
    assert sketch.read_bytes() == saved


def test_an_svg_saved_again_by_an_editor_is_kept(talk: Path) -> None:
    assert main(["-q", "svg", str(talk)]) == 0
    drawing = talk.parent / "talk.svg"
    text = drawing.read_bytes()
    # Inkscape writes its own declaration and keeps the comments it found.
    saved = text.replace(
        b'<?xml version="1.0" encoding="UTF-8"?>', b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
    )
    drawing.write_bytes(saved)
    assert made_by(drawing) is None
    assert main(["-q", "svg", str(talk)]) == ExitCode.OUTPUT


def test_a_markdown_file_of_the_users_is_kept(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = talk.parent / "talk.md"  # the post the talk was imported from, say
    post.write_text("---\ntitle: My post\n---\n\n# My post\n", encoding="utf-8")
    assert main(["markdown", str(talk)]) == ExitCode.OUTPUT
    assert "talk.md" in capsys.readouterr().err and post.read_text(encoding="utf-8").startswith("---\ntitle: My")
