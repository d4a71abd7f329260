"""`recap pdf` checked by real clients: poppler (pages, fonts, text) and pdfplumber (where every glyph is)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from decks.cli.main import main
from decks.model import Recap
from decks.plan import sketch_plan
from decks.plan.sketch import build
from decks.readers.content import load_content
from decks.renderers.base import render
from decks.renderers.pdf import PdfRenderer
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH, FIXTURES

sys.path.insert(0, str(FIXTURES))
from sketch_dense import write_dense

CASES = [
    ("en", "modular"),
    ("zh", "modular"),
    ("en", "path"),
    ("zh", "path"),
    ("en", "radial"),
    ("zh", "radial"),
    ("dense", "modular"),
]


@pytest.fixture(scope="module")
def recaps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Recap]:
    dense = write_dense(tmp_path_factory.mktemp("dense"), 24)
    return {"en": load_content(EXAMPLE_EN), "zh": load_content(EXAMPLE_ZH), "dense": load_content(dense)}


@pytest.fixture(scope="module")
def rendered(recaps, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, object]]:
    theme = load_theme(None)
    out = {}
    folder = tmp_path_factory.mktemp("pdf")
    for name, layout in CASES:
        # What `render(PdfRenderer, ...)` does, with the sketch kept: the plan is built once, and the checks below
        # hold the PDF against the very sketch it was painted from.
        sketch = sketch_plan(recaps[name], theme, layout=layout)
        path = folder / f"{name}-{layout}.pdf"
        path.write_bytes(PdfRenderer().render(sketch, theme).data)
        out[name, layout] = (path, sketch)  # what the renderer drew
    return out


def _run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("case", CASES, ids=["-".join(c) for c in CASES])
def test_one_page_fonts_embedded_every_title_present(case, rendered, recaps, poppler) -> None:
    path, _ = rendered[case]
    assert re.search(r"^Pages:\s+1$", _run("pdfinfo", str(path)), re.M)
    fonts = _run("pdffonts", str(path)).splitlines()[2:]
    assert fonts, "no fonts listed"
    for row in fonts:
        cols = row.split()
        assert cols[-5] == "yes", f"font not embedded: {row}"  # emb column
    text = re.sub(r"\s+", "", _run("pdftotext", "-raw", str(path), "-"))
    for item in recaps[case[0]].all_items:
        assert re.sub(r"\s+", "", item.title) in text, f"title missing: {item.title}"


@pytest.mark.parametrize(
    "case", [("en", "modular"), ("zh", "path"), ("en", "radial"), ("zh", "radial"), ("dense", "modular")], ids=str
)
def test_no_glyph_outside_the_margin_or_its_container(case, rendered) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    path, sketch = rendered[case]
    inner = sketch.inner
    boxes = [c.rect for c in sketch.containers]
    with pdfplumber.open(str(path)) as pdf:
        chars = pdf.pages[0].chars
    assert len(chars) > 300
    tol = 1.0
    for ch in chars:
        if not ch["text"].strip():
            continue
        x0, x1, top, bottom = ch["x0"], ch["x1"], ch["top"], ch["bottom"]
        # pdfplumber's box is the whole em; the glyph's ink sits inside its upper 85 %.
        bottom = top + (bottom - top) * 0.85
        assert inner.x - tol <= x0 and x1 <= inner.right + tol, f"{ch['text']!r} crosses the side margin"
        assert inner.y - tol <= top and bottom <= inner.bottom + tol, f"{ch['text']!r} crosses the margin"
        assert any(
            b.x - tol <= x0 and x1 <= b.right + tol and b.y - tol <= top and bottom <= b.bottom + tol for b in boxes
        ), f"{ch['text']!r} at ({x0:.1f}, {top:.1f}) is outside every container"


def test_titles_link_to_the_first_link_and_videos_get_qr_codes(rendered, recaps) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    path, _ = rendered["en", "modular"]
    with pdfplumber.open(str(path)) as pdf:
        uris = {a.get("uri") for a in pdf.pages[0].annots}
    for item in recaps["en"].all_items:
        if item.links:
            assert item.links[0].url in uris
    videos = [i for i in recaps["en"].all_items if any(link.kind == "video" for link in i.links)]
    assert videos and all(next(lk.url for lk in i.links if lk.kind == "video") in uris for i in videos)


def test_qr_codes_are_at_least_12_mm_and_can_be_turned_off(recaps) -> None:
    from decks.plan.sketch.primitives import Box

    theme = load_theme(None)
    sketch = build(recaps["en"], theme)
    squares = [p.rect for p in sketch.primitives if isinstance(p, Box) and p.rect.w == p.rect.h]
    assert squares and min(r.w for r in squares) >= 12 * 72 / 25.4
    off = theme.model_copy(update={"sketch": theme.sketch.model_copy(update={"qr": False})})
    assert not [p for p in build(recaps["en"], off).primitives if isinstance(p, Box)]


def test_same_bytes_every_run(recaps) -> None:
    theme = load_theme(None)
    assert render(PdfRenderer, recaps["zh"], theme).data == render(PdfRenderer, recaps["zh"], theme).data


def test_missing_glyph_is_reported_with_the_item(tmp_path) -> None:
    # U+1F973 (Unicode 11): the bundled emoji face, Symbola, stops at Unicode 10.
    text = EXAMPLE_EN.read_text(encoding="utf-8").replace(
        "For many of us it was the first time we met in person", "For many of us it was the first time \U0001f973"
    )
    content = tmp_path / "emoji.yaml"
    content.write_text(text, encoding="utf-8")
    shutil.copytree(EXAMPLE_EN.parent / "img", tmp_path / "img")
    result = render(PdfRenderer, load_content(content), load_theme(None))
    assert any("U+1F973" in w and "ML GDE dinner" in w for w in result.warnings)


def test_cli_writes_the_pdf_and_fails_with_exit_3_when_it_cannot_fit(tmp_path, capsys) -> None:
    out = tmp_path / "x.pdf"
    assert main(["pdf", str(EXAMPLE_EN), "-o", str(out), "--paper", "letter", "--max-takeaways", "3"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert "--max-takeaways 3" in capsys.readouterr().err
    big = write_dense(tmp_path, 40, takeaways=4)
    assert main(["pdf", str(big), "-o", str(tmp_path / "big.pdf"), "--no-abridge"]) == 3
    err = capsys.readouterr().err
    assert "of the page at the 7 pt floor" in err and "--paper a3" in err
    assert not (tmp_path / "big.pdf").exists()


def test_unknown_layout_on_the_command_line_lists_the_layouts(tmp_path, capsys) -> None:
    assert main(["pdf", str(EXAMPLE_EN), "-o", str(tmp_path / "x.pdf"), "--layout", "spiral"]) == 2
    err = capsys.readouterr().err
    assert "spiral" in err and all(name in err for name in ("modular", "path", "radial"))


@pytest.mark.parametrize("layout", ["modular", "path", "radial"])
def test_the_smallest_valid_content_renders_on_one_page_in_every_layout(layout: str, tmp_path: Path) -> None:
    content = tmp_path / "talk.yaml"
    content.write_text("title: Talk\nitems:\n  - title: One\n", encoding="utf-8")
    out = tmp_path / f"talk-{layout}.pdf"
    assert main(["pdf", str(content), "--layout", layout, "-o", str(out)]) == 0
    import pdfplumber

    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1
        assert "One" in (pdf.pages[0].extract_text() or "")


def test_recap_pdf_of_a_modular_page_imports_only_what_it_draws_with(tmp_path: Path) -> None:
    """The sketch path loads no deck planner, pptx writer or lxml, and a modular page neither the radial layout
    nor the abridging rules. fontTools reads the icons' outlines on a first run (the one reader of font files,
    #22) and not again once they are cached."""
    import ast
    import os

    unwanted = (
        "decks.plan.deck",
        "decks.renderers.pptx",
        "pptx",
        "lxml",
        "fontTools",
        "decks.plan.sketch.radial",
        "decks.plan.sketch.abridge",
    )
    code = (
        "import sys\n"
        "from decks.cli.main import main\n"
        f"sys.argv = ['recap', 'pdf', '--layout', 'modular', '-o', {str(tmp_path / 'x.pdf')!r}]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        f"print(sorted(m for m in sys.modules if m.startswith({unwanted!r})))\n"
    )
    env = dict(os.environ, RECAP_CACHE_DIR=str(tmp_path / "cache"))
    for run in ("cold", "warm"):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr
        loaded = ast.literal_eval(done.stdout.strip().splitlines()[-1])  # the module names the child printed
        if run == "cold":
            loaded = [m for m in loaded if not m.startswith("fontTools")]
        assert loaded == [], (run, done.stdout)
