"""PDF fonts: every character the page draws is extracted and searched as itself, emoji beyond U+FFFF too; a
face read back from the cache folder is the face reportlab parses, and a bad or stale entry is parsed again."""

from __future__ import annotations

import io
import marshal
import os
import re
import shutil
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFont

from decks import cachedir
from decks.assets import fonts_dir
from decks.paint.pdffonts import BFCHAR_BLOCK, _entry_name, load, to_unicode_cmap
from decks.readers.content import parse_content
from decks.renderers.base import render
from decks.renderers.pdf import PdfRenderer
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_ZH


def test_emoji_beyond_the_basic_plane_are_extracted_as_themselves(tmp_path) -> None:
    import pdfplumber

    raw = "title: Party 🎉 time\nitems:\n  - title: Launch 🚀 day\n    takeaways:\n      - shipped 😀 and ü\n"
    recap = parse_content(raw.encode("utf-8"), "c.yaml", tmp_path)
    pdf = render(PdfRenderer, recap, load_theme(None)).data
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = doc.pages[0].extract_text()
    for word in ("🎉", "🚀", "😀", "ü", "Launch"):
        assert word in text, (word, text)


@given(st.lists(st.integers(0x20, 0x10FFFF).filter(lambda c: not 0xD800 <= c <= 0xDFFF), min_size=1, max_size=256))
def test_the_text_map_gives_each_code_its_character_in_utf16(subset) -> None:
    cmap = to_unicode_cmap("F", subset)
    blocks = re.findall(r"beginbfchar\n(.*?)\nendbfchar", cmap, re.S)
    pairs = [re.fullmatch(r"<([0-9A-F]{2})> <([0-9A-F]+)>", line).groups() for b in blocks for line in b.split("\n")]
    assert [int(code, 16) for code, _ in pairs] == list(range(len(subset)))
    assert [bytes.fromhex(dest).decode("utf-16-be") for _, dest in pairs] == [chr(c) for c in subset]
    assert all(int(n) <= BFCHAR_BLOCK for n in re.findall(r"^(\d+) beginbfchar$", cmap, re.M))


FACE = fonts_dir() / "ComicNeue-Regular.ttf"


def _face_state(font: TTFont) -> dict[str, object]:
    return {key: value for key, value in vars(font.face).items() if key != "_pdfScale"}


def test_a_face_read_back_from_the_cache_equals_the_one_reportlab_parses(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path))
    parsed = TTFont("Recap-x", str(FACE), subfontIndex=0)
    first = load("Recap-x", FACE)  # parsed and kept
    assert list((tmp_path / "pdffonts").iterdir()), "the parse was not kept"
    restored = load("Recap-x", FACE)
    for font in (first, restored):
        assert _face_state(font) == _face_state(parsed)
        assert type(font.face.name) is type(parsed.face.name) and font.face.name.ustr == parsed.face.name.ustr
        assert font.face._pdfScale(512) == parsed.face._pdfScale(512)
        own = {k: v for k, v in vars(font).items() if k not in ("face", "encoding", "state")}
        assert own == {k: v for k, v in vars(parsed).items() if k not in ("face", "encoding", "state")}
    assert restored.stringWidth("Hello, wörld", 12) == parsed.stringWidth("Hello, wörld", 12)


@pytest.mark.parametrize(
    "entry",
    [marshal.dumps(("not", "an", "entry")), marshal.dumps(({}, {}, {})), b"\x00garbage", b""],
    ids=["other-shape", "empty-dicts", "not-marshal", "empty"],
)
def test_a_cache_entry_that_is_not_a_face_is_parsed_again(tmp_path, monkeypatch, entry: bytes) -> None:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path))
    cachedir.write("pdffonts", _entry_name(FACE) + ".marshal", entry)  # a valid header over a wrong body
    font = load("Recap-x", FACE)
    assert _face_state(font) == _face_state(TTFont("Recap-x", str(FACE), subfontIndex=0))
    assert cachedir.read("pdffonts", _entry_name(FACE) + ".marshal") != entry  # rewritten with the parse


def test_a_changed_font_file_is_parsed_again_not_read_from_its_old_entry(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    face = tmp_path / "Face.ttf"
    shutil.copyfile(FACE, face)
    assert load("Recap-x", face).face.name.ustr == "ComicNeue-Regular"
    shutil.copyfile(fonts_dir() / "ComicNeue-Bold.ttf", face)
    os.utime(face, ns=(1, 1))  # another file, even one whose time went back
    assert load("Recap-x", face).face.name.ustr == "ComicNeue-Bold"


def test_the_pdf_is_the_same_bytes_from_a_cold_a_warm_and_a_damaged_font_cache(tmp_path) -> None:
    cache = tmp_path / "cache"
    env = dict(os.environ, RECAP_CACHE_DIR=str(cache))

    def pdf(name: str) -> bytes:
        out = tmp_path / f"{name}.pdf"
        cmd = [sys.executable, "-m", "decks.cli.main", "pdf", str(EXAMPLE_ZH), "-o", str(out)]
        subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)
        return out.read_bytes()

    cold = pdf("cold")
    entries = sorted((cache / "pdffonts").iterdir())
    assert entries, "no font was kept"
    assert pdf("warm") == cold
    for entry in entries:  # changed bodies: the checksum no longer matches
        entry.write_bytes(entry.read_bytes()[:-7] + b"damaged")
    assert pdf("damaged") == cold
    assert pdf("rewritten") == cold
