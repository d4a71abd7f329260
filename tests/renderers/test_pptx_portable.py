"""Decks that fit on the venue's laptop: rendered by LibreOffice on a machine with only the standard
metric-compatible fonts (Carlito, Liberation; a CJK face that is not recap's), every character lies inside its
box; and every deck recap writes passes an independent OOXML validator (openxml-audit, strict policy)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from pptx import Presentation

from decks.readers.content import load_content
from decks.renderers.base import render
from decks.renderers.pptx import PptxRenderer
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH, to_pdfs
from tests.fixtures.dense import dense_recap
from tests.fixtures.fontconfig import fontconfig_env
from tests.plan import templates
from tests.renderers.test_pptx import _printable, _text_shapes


def _font_dirs(pattern: str, exclude: str = "") -> list[str]:
    """The folders of the installed fonts fontconfig matches with `pattern` (fc-list)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    out = subprocess.run([fc_list, "--format", "%{file}\n", pattern], capture_output=True, text=True).stdout
    files = [f for f in out.splitlines() if f and (not exclude or exclude not in f.lower())]
    return sorted({str(Path(f).parent) for f in files})


@pytest.fixture(scope="module")
def standard_fonts(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], bool]:
    """An environment whose fontconfig has only Carlito and Liberation (and a CJK face that is not Recap Kai,
    when one is installed), like a laptop with the standard fonts; and whether it has that CJK face."""
    standard = _font_dirs("Carlito") + _font_dirs("Liberation Sans")
    if len(standard) < 2:
        pytest.skip(
            "Carlito and Liberation are not installed (apt-get install fonts-crosextra-carlito fonts-liberation2)"
        )
    cjk = [d for d in _font_dirs(":lang=zh", exclude="wenkai") if d not in standard][:1]
    folder = tmp_path_factory.mktemp("standard-fonts")
    return fontconfig_env(folder, [*standard, *cjk], system=False), bool(cjk)


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory, soffice: str, standard_fonts) -> dict[str, Path]:
    """The examples, a dense deck, and the example on a company template and on one made in LibreOffice
    Impress, as recap writes them."""
    folder = tmp_path_factory.mktemp("portable")
    theme = load_theme(None)
    company = load_theme(str(templates.theme_folder(folder, templates.company(folder / "company.pptx"))))
    made_in_impress = templates.impress(folder, soffice, standard_fonts[0])
    impress = load_theme(str(templates.theme_folder(folder / "impress", made_in_impress)))
    cases = {
        "en": (load_content(EXAMPLE_EN), theme),
        "zh": (load_content(EXAMPLE_ZH), theme),
        "dense": (dense_recap(), theme),
        "company": (load_content(EXAMPLE_EN), company),
        "impress": (load_content(EXAMPLE_EN), impress),
    }
    out = {}
    for name, (recap, th) in cases.items():
        out[name] = folder / "decks" / f"{name}.pptx"
        out[name].parent.mkdir(exist_ok=True)
        out[name].write_bytes(render(PptxRenderer, recap, th).data)
    return out


@pytest.fixture(scope="module")
def pdfs(decks, soffice, standard_fonts, tmp_path_factory) -> dict[str, Path]:
    env, _ = standard_fonts
    return to_pdfs(soffice, list(decks.values()), tmp_path_factory.mktemp("portable-pdf"), env)


@pytest.mark.parametrize("name", ["en", "zh", "dense", "company", "impress"])
def test_no_character_leaves_its_box_with_only_the_standard_fonts(name, decks, pdfs, standard_fonts, poppler) -> None:
    import pdfplumber

    if name in ("zh", "dense") and not standard_fonts[1]:
        pytest.skip("no CJK font besides LXGW WenKai is installed (apt-get install fonts-noto-cjk)")
    tol = 1.5
    outside, fonts, total = [], set(), 0
    with pdfplumber.open(pdfs[name]) as doc:
        slides = Presentation(str(decks[name])).slides
        for n, (page, slide) in enumerate(zip(doc.pages, slides, strict=True), 1):
            boxes = [b for b, _ in _text_shapes(slide)]
            for ch in page.chars:
                if not _printable(ch["text"]):
                    continue
                total += 1
                fonts.add(ch["fontname"].split("+")[-1])
                x0, x1, top, bottom = ch["x0"], ch["x1"], ch["top"], ch["bottom"]
                if not any(
                    b[0] - tol <= x0 and x1 <= b[2] + tol and b[1] - tol <= top and bottom <= b[3] + tol for b in boxes
                ):
                    outside.append((n, ch["text"], round(x0), round(top)))
    # The render used the stand-ins, not recap's fonts: this is the laptop without them.
    assert total > 500 and not {f for f in fonts if f.startswith(("Lato", "RecapKai", "Recap", "DejaVu"))}, fonts
    assert outside == [], f"{len(outside)} of {total} characters outside their boxes, e.g. {outside[:6]}"


def test_every_deck_passes_the_openxml_validator_strictly(decks) -> None:
    pytest.importorskip("openxml_audit", reason="pip install openxml-audit (in the test extras)")
    script = Path(sys.executable).with_name("openxml-audit")
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "openxml_audit"]
    folder = next(iter(decks.values())).parent
    # And the deck on a 4:3 template (a .potx gives the en deck's parts, under another content type).
    square = load_theme(
        str(templates.theme_folder(folder.parent / "sq", templates.four_three(folder.parent / "sq.pptx")))
    )
    (folder / "square.pptx").write_bytes(render(PptxRenderer, load_content(EXAMPLE_EN), square).data)
    result = subprocess.run(
        [*command, "--policy", "strict", "-o", "json", "-m", "0", "-r", str(folder)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    reports = json.loads(result.stdout)
    assert {Path(r["file"]).stem for r in reports} == {*decks, "square"}
    errors = {Path(r["file"]).stem: r["errors"][:3] for r in reports if r["error_count"]}
    assert not errors, errors


def test_a_template_made_in_impress_keeps_its_white_on_navy_text(decks, pdfs, poppler) -> None:
    # LibreOffice saves a master's text colours only in its placeholders' sample text, which no client carries
    # to new slides (the text came out black on navy); recap writes them into the master's text styles.
    import pdfplumber

    colors: Counter[tuple[float, ...]] = Counter()
    with pdfplumber.open(pdfs["impress"]) as doc:
        for page in doc.pages:
            colors.update(tuple(ch["non_stroking_color"]) for ch in page.chars if ch["text"].strip())
    # Every character is white but the links. The template's own link colour (its theme's hlink, pure blue) does
    # not read on its navy backdrop, so they are drawn in the first of its scheme colours that does.
    from decks.colors import contrast_ratio

    white = (1.0, 1.0, 1.0)
    assert len(colors) == 2 and white in colors, colors.most_common(4)
    link = next(c for c in colors if c != white)
    assert colors[white] > 3 * colors[link]
    r, g, b = (round(v * 255) for v in link)
    assert contrast_ratio(f"#{r:02X}{g:02X}{b:02X}", "#14285A") >= 3, link
