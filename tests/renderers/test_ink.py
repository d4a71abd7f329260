"""Every character is drawn with ink in every output, or `recap check` fails first (issue 21).

Korean with hanja (the bundled Korean pen face mapped 303 common hanzi to blank glyphs), Vietnamese (letters the
old hand face lacked) and a mix of Japanese, Chinese, Korean and emoji: in the sketchnote PDF and the slides
PDF, each character on the page is looked up in the font subset the PDF embeds for it, through that subset's
ToUnicode map, and its glyph must have an outline (fontTools' BoundsPen); in the deck, each run names a face
that draws each of its characters with ink.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml

from decks.checks import check_all
from decks.model import Recap
from decks.readers.content import parse_content
from decks.renderers.base import render
from decks.renderers.pdf import PdfRenderer
from decks.renderers.slides import SlidesRenderer
from decks.text.fallback import is_ignorable
from decks.themes.loader import load_theme

CONTENTS = {
    "korean-hanja": (
        "ko",
        ["在移动设备和 Edge TPU", "一 三 上 下 不 世 中 在 和 韓國語", "모바일 기기와 Edge TPU 에서 실행됩니다"],
    ),
    "vietnamese": ("vi", ["Tổng kết hội nghị ở Việt Nam", "ệ ộ ư ầ ế ả ạ ở đ ơ", "Lượng tử hoá giúp mô hình nhỏ hơn"]),
    "mixed": (
        "ja",
        ["日本語のセッション 🚀", "中文：我们在上海和北京举办了聚会 😀", "한국어: 서울에서 모임을 열었습니다 ❤"],
    ),
    "greek-russian": ("ru", ["Итоги конференции в Москве", "Ανασκόπηση συνεδρίου στην Αθήνα"]),
}


def _recap(name: str, tmp_path: Path) -> Recap:
    language, texts = CONTENTS[name]
    items = [{"title": text, "summary": text, "takeaways": [text, texts[0]]} for text in texts]
    content = {"title": texts[0], "language": language, "items": items, "key_takeaways": [texts[-1]]}
    return parse_content(yaml.safe_dump(content, allow_unicode=True).encode(), "c.yaml", tmp_path)


def _inked_by_font(pdf: bytes) -> dict[str, set[str]]:
    """For each font the PDF's first page uses (by base name): the characters its embedded subset draws with ink,
    read through its ToUnicode map (code -> character) and its own cmap (code -> glyph)."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    out: dict[str, set[str]] = {}
    doc = PDFDocument(PDFParser(io.BytesIO(pdf)))
    for page in PDFPage.create_pages(doc):
        for ref in resolve1(page.resources["Font"]).values():
            font = resolve1(ref)
            descriptor = resolve1(font.get("FontDescriptor"))
            if descriptor is None or "FontFile2" not in descriptor:
                continue
            tt = TTFont(io.BytesIO(resolve1(descriptor["FontFile2"]).get_data()))
            cmap: dict[int, str] = {}
            for table in tt["cmap"].tables:
                cmap.update(table.cmap)
            glyphs = tt.getGlyphSet()
            text_map = resolve1(font["ToUnicode"]).get_data().decode("latin-1")
            inked = out.setdefault(str(font["BaseFont"]).strip("/'").split("+")[-1], set())
            for block in re.findall(r"beginbfchar(.*?)endbfchar", text_map, re.S):
                for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                    glyph = cmap.get(int(code, 16))
                    if glyph is None:
                        continue
                    pen = BoundsPen(glyphs)
                    glyphs[glyph].draw(pen)
                    if pen.bounds is not None:
                        inked.add(bytes.fromhex(uni).decode("utf-16-be"))
    return out


def _assert_every_character_inked(pdf: bytes) -> None:
    import pdfplumber

    inked = _inked_by_font(pdf)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = [c for page in doc.pages for c in page.chars]
    assert chars
    blank = sorted(
        {
            (c["text"], c["fontname"].split("+")[-1])
            for c in chars
            if not c["text"].isspace()
            and not is_ignorable(c["text"])
            and c["text"] not in inked.get(c["fontname"].split("+")[-1], set())
        }
    )
    assert not blank, f"drawn without ink: {blank}"


@pytest.mark.parametrize("name", sorted(CONTENTS))
def test_recap_check_passes_and_the_sketchnote_pdf_draws_every_character_with_ink(name: str, tmp_path: Path) -> None:
    recap, theme = _recap(name, tmp_path), load_theme("default")
    assert not check_all(recap, theme, tmp_path / "c.yaml").problems
    result = render(PdfRenderer, recap, theme)
    _assert_every_character_inked(result.data)


@pytest.mark.parametrize("name", ["korean-hanja", "mixed"])
def test_the_slides_pdf_and_the_deck_draw_every_character_with_ink(name: str, tmp_path: Path) -> None:
    from decks.plan.deck import build_plan
    from decks.text.metrics import load_face

    recap, theme = _recap(name, tmp_path), load_theme("default")
    _assert_every_character_inked(render(SlidesRenderer, recap, theme).data)
    deck = build_plan(recap, theme)
    files = {(f.family, f.bold): f.path for f in deck.fonts}
    for slide in deck.slides:
        for box in (slide.title, *slide.texts):
            for para in box.paras:
                for run in para.runs:
                    path = files.get((run.face, para.font == "heading" and not run.field))
                    if path is None or run.field:
                        continue  # a face the deck leaves to the presenting machine (emoji), or a slide number
                    face = load_face(path)
                    blank = {c for c in run.text if not c.isspace() and not is_ignorable(c) and not face.has(c)}
                    assert not blank, (run.face, run.text, blank)


def test_a_blank_glyph_in_the_only_face_makes_recap_check_fail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A theme whose only face for hanzi is a font with blank hanzi: the check fails, naming the character."""
    from tests.text.test_sfnt import _font_with_glyphs

    folder = tmp_path / "blank"
    folder.mkdir()
    _font_with_glyphs(folder / "Blank.ttf", ["empty", "box"], {ord("在"): 1, ord("a"): 2, ord("x"): 2}, [[], []])
    (folder / "theme.yaml").write_text(
        "name: blank\nextends: default\nfonts:\n"
        + "".join(f"  {role}: {{ file: Blank.ttf }}\n" for role in ("heading", "body", "hand", "hand_bold", "cjk"))
        + "  cjk_bold: { file: Blank.ttf }\n  languages: []\n  fallbacks: []\n  symbol: { file: Blank.ttf }\n"
        + "  emoji: { file: Blank.ttf }\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("RECAP_NO_SYSTEM_FONTS", "1")
    recap = parse_content("title: ax在\nitems:\n  - title: x\n".encode(), "c.yaml", tmp_path)
    problems = check_all(recap, load_theme(str(folder)), tmp_path / "c.yaml").problems
    assert [p.field for p in problems] == ["title"] and "在" in problems[0].message
