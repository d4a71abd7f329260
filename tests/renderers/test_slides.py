"""The slides renderer: the deck plan painted as PDF, checked against the plan and against LibreOffice's render
of the PPTX made from the same plan."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from decks.assets import content_dir
from decks.paint.deck import Setter
from decks.plan import deck_plan
from decks.readers.content import load_content
from decks.renderers.base import render
from decks.renderers.pptx import PptxRenderer
from decks.renderers.slides import SlidesRenderer
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH, to_pdfs
from tests.fixtures.dense import dense_recap

NAMES = ("en", "zh", "dense", "ja", "ko")  # the examples compared with LibreOffice's render


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


@pytest.fixture(scope="module")
def recaps():
    return {
        "en": load_content(EXAMPLE_EN),
        "zh": load_content(EXAMPLE_ZH),
        "dense": dense_recap(),
        "ja": load_content(content_dir() / "ml-engineering-summit-tokyo-2025.ja.yaml"),
        "ko": load_content(content_dir() / "frontend-conf-seoul-2025.ko.yaml"),
    }


@pytest.fixture(scope="module")
def plans(recaps, theme):
    return {name: deck_plan(recap, theme) for name, recap in recaps.items()}


@pytest.fixture(scope="module")
def slides(recaps, theme, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("slides")
    out = {}
    for name in NAMES:
        out[name] = folder / f"{name}.pdf"
        out[name].write_bytes(render(SlidesRenderer, recaps[name], theme).data)
    return out


@pytest.fixture(scope="module")
def office(example_deck_pdfs) -> dict[str, Path]:
    """LibreOffice's PDF of the PPTX of each example (tests/renderers/conftest.py: one LibreOffice start for all,
    shared with test_pptx.py)."""
    return {name: example_deck_pdfs[name] for name in NAMES}


def _printable(text: str) -> str:
    # White space, zero-width spaces and bullets do not count; NFKC folds ligatures a PDF may report.
    return re.sub(r"[\s\u200b•–]", "", unicodedata.normalize("NFKC", text))


def _chars(page) -> list[tuple[float, float, str]]:
    """Each drawn character of a pdfplumber page: x, baseline (from the top) and the character."""
    return [(c["x0"], page.height - c["matrix"][5], c["text"]) for c in page.chars if not c["text"].isspace()]


@pytest.mark.parametrize("name", ["en", "zh", "dense"])
def test_every_paragraph_is_set_in_as_many_lines_as_the_plan_counted(name, plans, theme):
    """The lines painted are the engine's lines for the plan: their number is the plan's, and together they hold
    the paragraph's text in order."""
    setter = Setter(theme)
    for number, slide in enumerate(plans[name].slides, 1):
        for set_box in setter.slide(slide, number):
            for k, para in enumerate(set_box.box.paras):
                lines = [line for line in set_box.lines if line.para == k]
                if any(r.field for r in para.runs):
                    continue
                assert len(lines) == para.lines, (number, para.text)
                assert _printable("".join(line.text for line in lines)) == _printable(para.text)


def test_one_page_per_slide_at_the_slide_size_with_fonts_embedded_as_subsets(slides, plans, poppler):
    import pdfplumber

    for name, pdf in slides.items():
        with pdfplumber.open(pdf) as doc:
            assert len(doc.pages) == len(plans[name].slides)
            assert {(p.width, p.height) for p in doc.pages} == {(plans[name].width, plans[name].height)}
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = [line.split() for line in fonts.splitlines()[2:]]
        assert rows and all(re.match(r"[A-Z]{6}\+", r[0]) for r in rows), fonts
        assert all(r[-5:-2] == ["yes", "yes", "yes"] for r in rows), fonts  # embedded, subset, unicode
    assert "RecapKai" in subprocess.run(["pdffonts", str(slides["zh"])], capture_output=True, text=True).stdout


def test_two_renders_are_identical_bytes(recaps, theme):
    assert render(SlidesRenderer, recaps["zh"], theme).data == render(SlidesRenderer, recaps["zh"], theme).data


def test_every_link_is_clickable_and_pictures_are_in_their_boxes(slides, plans, recaps):
    import pdfplumber

    urls = {run.link for s in plans["en"].slides for b in (s.title, *s.texts) for p in b.paras for run in p.runs}
    urls.discard(None)
    with pdfplumber.open(slides["en"]) as doc:
        found = {a["uri"] for page in doc.pages for a in page.hyperlinks}
        assert urls <= found and urls
        for slide, page in zip(plans["en"].slides, doc.pages, strict=True):
            files = [p for p in slide.pictures if p.path is not None]
            assert len(page.images) == len(files)
            for pic, image in zip(files, page.images, strict=True):
                # A picture cropped to its box is drawn whole, larger, and clipped: what the crop cuts off lies
                # outside the box, as much on each side.
                left, top, right, bottom = pic.crop
                w, h = pic.box.w / (1 - left - right), pic.box.h / (1 - top - bottom)
                assert image["x0"] == pytest.approx(pic.box.x - left * w, abs=0.5)
                assert image["top"] == pytest.approx(pic.box.y - top * h, abs=0.5)
                assert image["x1"] - image["x0"] == pytest.approx(w, abs=0.5)


def test_notes_as_a_page_after_each_slide_or_as_annotations(recaps, theme, tmp_path):
    import pdfplumber

    plan = deck_plan(recaps["en"], theme)
    paged = tmp_path / "paged.pdf"
    paged.write_bytes(render(SlidesRenderer, recaps["en"], theme, notes="page").data)
    annotated = tmp_path / "annotated.pdf"
    annotated.write_bytes(render(SlidesRenderer, recaps["en"], theme, notes="annotations").data)
    with pdfplumber.open(paged) as doc:
        assert len(doc.pages) == 2 * len(plan.slides)
        first_words = _printable(plan.slides[0].notes)[:30]
        assert first_words in _printable(doc.pages[1].extract_text())
    with pdfplumber.open(annotated) as doc:
        assert len(doc.pages) == len(plan.slides)
        from pdfminer.pdftypes import resolve1
        from pdfminer.utils import decode_text

        # Read the annotations raw: pdfplumber decodes PDFDocEncoding strings (é, …) as UTF-16 and fails.
        annots = [resolve1(a) for page in doc.pages for a in resolve1(page.page_obj.attrs.get("Annots", []))]
        notes = [decode_text(a["Contents"]) for a in annots if a.get("Subtype").name == "Text"]
        assert len(notes) == len(plan.slides)
        assert notes[0] == plan.slides[0].notes


@pytest.mark.parametrize("name", NAMES)
def test_pages_match_libreoffices_render_of_the_pptx(name, slides, office, plans, theme, poppler):
    """Same number of pages and the same text on every page as LibreOffice's render of the PPTX; every line is
    broken where LibreOffice breaks it, starts within a point across and half a point down of LibreOffice's line,
    and ends within three points of it.

    The plan measures and breaks lines as LibreOffice does (decks.text.office), its links as LibreOffice breaks
    fields (no break after a hyphen inside one, an opening bracket may end a line) and no break between East
    Asian closing punctuation and a Latin word ("Center、Sunnyvale").
    """
    import pdfplumber

    setter = Setter(theme, plans[name].language, kern=True)
    same = total = 0
    with pdfplumber.open(slides[name]) as ours, pdfplumber.open(office[name]) as theirs:
        assert len(ours.pages) == len(theirs.pages)
        for number, (slide, mine, page) in enumerate(zip(plans[name].slides, ours.pages, theirs.pages, strict=True), 1):
            text = Counter(_printable(mine.extract_text()))
            assert text == Counter(_printable(page.extract_text())), number
            drawn = _chars(page)
            for set_box in setter.slide(slide, number):
                box = set_box.box.box
                for line in set_box.lines:
                    want = _printable(line.text)
                    if not want:
                        continue
                    total += 1
                    on_line = sorted(
                        (c for c in drawn if abs(c[1] - line.baseline) < 6 and box.x - 1 <= c[0] <= box.right + 2),
                        key=lambda c: c[0],
                    )
                    if _printable("".join(c[2] for c in on_line)) != want:
                        continue
                    same += 1
                    first = next(c for c in on_line if _printable(c[2]))
                    assert first[0] == pytest.approx(line.pieces[0].x, abs=1.0), (number, line.text)
                    # Measured: within 0.005 em (a quarter point on a 52 pt title); LibreOffice's line positions
                    # drift by hundredths of a point down a long list (it rounds each pitch to its own units).
                    assert first[1] == pytest.approx(line.baseline, abs=0.5), (
                        number,
                        line.text,
                    )
                    # And the line's last character where LibreOffice sets it, with its kerning and the space it
                    # adds between Chinese and Latin text (measured: within 2.8 pt, 95 % within 0.9 pt).
                    end, glyph = line.pieces[-1], on_line[-1][2]  # a ligature ("ft") is one glyph
                    if _printable(glyph) and end.text.endswith(glyph):
                        last = end.x + end.face.width(end.text[: -len(glyph)], end.size)
                        assert on_line[-1][0] == pytest.approx(last, abs=3.0), (number, line.text)
    floor = 1.0  # every line
    assert same / total >= floor, f"{same} of {total} lines broken as LibreOffice breaks them"


RTL = """title: מפגש קהילה
language: he
items:
  - title: השקת הגרסה החדשה
    takeaways:
      - הגרסה החדשה מהירה פי שניים ותומכת בעברית מימין לשמאל בכל הדפדפנים ובכל מערכות ההפעלה הנפוצות
      - text: English takeaway stays on the left
        points:
          - נקודה משנה בעברית
"""


def test_right_to_left_paragraphs_are_set_as_libreoffice_sets_them(theme, soffice, fonts_env, tmp_path, poppler):
    """A Hebrew paragraph is flush right, in reading order, its bullet on the right: its lines span what
    LibreOffice's lines span, on the same baselines (the PPTX says rtl="1"); the English paragraph stays flush
    left."""
    import pdfplumber

    from decks.readers.content import parse_content

    recap = parse_content(RTL.encode("utf-8"), "he.yaml", tmp_path)
    (tmp_path / "he.pptx").write_bytes(render(PptxRenderer, recap, theme).data)
    theirs_pdf = to_pdfs(soffice, [tmp_path / "he.pptx"], tmp_path / "pdf", fonts_env)["he"]
    ours_pdf = tmp_path / "ours.pdf"
    ours_pdf.write_bytes(render(SlidesRenderer, recap, theme).data)

    def hebrew_lines(pdf: Path) -> list[tuple[float, float, str, float]]:
        with pdfplumber.open(pdf) as doc:
            page = next(p for p in doc.pages if "English" in (p.extract_text() or ""))
            rows: dict[float, list] = {}
            for c in page.chars:
                # The body, not the title: by baseline (a glyph's top depends on the face's ascent in the PDF).
                if "\u05d0" <= c["text"] <= "\u05ea" and page.height - c["matrix"][5] > page.height * 0.25:
                    rows.setdefault(round(page.height - c["matrix"][5], 1), []).append(c)  # by baseline
            # Characters as they stand on the line, left to right (LibreOffice writes them in reading order).
            return [
                (
                    min(c["x0"] for c in cs),
                    max(c["x1"] for c in cs),
                    "".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])),
                    baseline,
                )
                for baseline, cs in sorted(rows.items())
            ]

    ours, theirs = hebrew_lines(ours_pdf), hebrew_lines(theirs_pdf)
    assert len(ours) == len(theirs) >= 3
    for (x0, x1, text, base), (y0, y1, their_text, their_base) in zip(ours, theirs, strict=True):
        assert text == their_text  # the same characters in the same places, left to right
        assert x0 == pytest.approx(y0, abs=1.5) and x1 == pytest.approx(y1, abs=1.5), (text, (x0, x1), (y0, y1))
        assert base == pytest.approx(their_base, abs=0.5), text
    # Flush right: the first paragraph's lines end at one x, far right of where the English line starts.
    assert ours[0][1] == pytest.approx(ours[1][1], abs=0.5) and ours[0][0] > 100
