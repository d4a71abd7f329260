"""`make gallery`: the deck's contact sheets, every layout in every built-in theme and the bundled contents.

Two sets of sheets, under docs/gallery/deck/:
- THEME-layouts.png, one per built-in theme (assets/themes): a row per language (English, Chinese, Japanese,
  Korean), each row every slide of the generated contents of tests/fixtures/layout_contents.py, which together
  use every named layout of the deck plan (docs/layouts.md);
- content-NAME.png, one per bundled content file (content/*.yaml): a row per theme, each row the whole deck.

Each deck is written by recap, drawn by LibreOffice (`soffice --headless --convert-to pdf`, seeing recap's bundled
fonts as a user's machine with them would), rasterised by `pdftoppm -png -r 40` and pasted in a sheet, each
slide captioned with its number and layout; the sheet is saved as an 8-bit PNG to keep the repository small.
README.md beside them lists every sheet's slides. Run from the repository root:
python tools/deck_gallery.py [OUT] (needs LibreOffice and poppler-utils).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from decks.assets import content_dir, fonts_dir  # noqa: E402
from decks.model import Recap  # noqa: E402
from decks.plan import deck_plan  # noqa: E402
from decks.readers.content import load_content  # noqa: E402
from decks.renderers.base import render  # noqa: E402
from decks.renderers.pptx import PptxRenderer  # noqa: E402
from decks.themes.loader import load_theme  # noqa: E402
from tests.fixtures import layout_contents  # noqa: E402
from tests.fixtures.fontconfig import fontconfig_env  # noqa: E402

THEMES = ("default", "chalkboard", "ink")
LANGUAGES = layout_contents.LANGUAGES
KINDS = layout_contents.KINDS
DPI = 40  # a 16:9 slide is 533 x 300 px: enough to judge a layout and read its titles
CONTENT_SCALE = 0.5  # the bundled decks' thumbnails at half that: a whole talk per row
PER_ROW = 6  # slides per line of a sheet before it wraps: a sheet about 3,300 px wide
GAP = 8
CAPTION = 14  # pixels under each slide for its number and layout
LABEL = 90  # pixels at the left of each row for its name


@dataclass(frozen=True)
class Deck:
    """One deck of a sheet: its row label, its file stem, the recap and the theme's name."""

    row: str
    stem: str
    recap: Recap
    theme: str


def fonts_env(folder: Path) -> dict[str, str]:
    """An environment whose fontconfig also sees assets/fonts, so LibreOffice draws the faces recap measured."""
    return fontconfig_env(folder, [fonts_dir()])


def slides_as_png(decks: Sequence[Path], work: Path) -> dict[str, list[Path]]:
    """Each deck's slides as PNG files at `DPI`, by the deck's stem: one LibreOffice start for all of them."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        raise SystemExit("the deck gallery needs LibreOffice (soffice) and poppler-utils (pdftoppm)")
    pdfs = work / "pdf"
    pdfs.mkdir(exist_ok=True)
    env = fonts_env(work)
    cmd = [soffice, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(pdfs), *map(str, decks)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=900, env=env)
    out: dict[str, list[Path]] = {}
    for deck in decks:
        pdf = pdfs / f"{deck.stem}.pdf"
        if not pdf.is_file():
            raise SystemExit(f"LibreOffice made no PDF of {deck}")
        prefix = work / "png" / deck.stem
        prefix.parent.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(prefix)], check=True, timeout=300)
        out[deck.stem] = sorted(prefix.parent.glob(f"{deck.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return out


def sheet(title: str, rows: Sequence[tuple[str, list[Image.Image], list[str]]]) -> Image.Image:
    """The contact sheet: `title` at the top, then each row's label and its slides (wrapped every `PER_ROW`),
    each slide captioned with its number and layout."""
    tw, th = rows[0][1][0].size
    per_row = min(PER_ROW, max(len(images) for _, images, _ in rows))
    lines = [
        (k, label, images[s : s + per_row], designs[s:], s)
        for k, (label, images, designs) in enumerate(rows)
        for s in range(0, len(images), per_row)
    ]
    head = 22
    width = LABEL + per_row * (tw + GAP) + GAP
    height = head + len(lines) * (th + CAPTION + GAP) + GAP * len(rows)
    out = Image.new("RGB", (width, height), "#F4F4F4")
    draw = ImageDraw.Draw(out)
    font = ImageFont.load_default()
    draw.text((GAP, 6), title, fill="#000000", font=font)
    y = head
    last = -1
    for k, label, images, designs, start in lines:
        if k != last:
            if last >= 0:
                y += GAP
                draw.line((GAP, y - GAP // 2 - 1, width - GAP, y - GAP // 2 - 1), fill="#BBBBBB")
            draw.text((GAP, y + 4), label, fill="#000000", font=font)
            last = k
        for n, img in enumerate(images):
            x = LABEL + GAP + n * (tw + GAP)
            out.paste(img.convert("RGB"), (x, y))
            draw.rectangle((x - 1, y - 1, x + tw, y + th), outline="#999999")
            draw.text((x, y + th + 2), f"{start + n + 1} {designs[n]}", fill="#222222", font=font)
        y += th + CAPTION + GAP
    return out


def save(img: Image.Image, path: Path) -> None:
    """An 8-bit PNG: slides are mostly flat colour, so 64 colours keep them legible at a fraction of the size."""
    img.quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def main(
    out_dir: Path,
    themes: Sequence[str] = THEMES,
    languages: Sequence[str] = LANGUAGES,
    kinds: Sequence[str] = KINDS,
    contents: Sequence[Path] | None = None,
) -> list[Path]:
    """Write the sheets of `themes` x `languages` x `kinds` and of the `contents` (all bundled ones when None)
    to `out_dir`; returns the sheets written."""
    contents = sorted(content_dir().glob("*.yaml")) if contents is None else contents
    sheets: dict[str, tuple[str, list[Deck], float]] = {}
    for theme in themes:
        decks = [
            Deck(f"{language} {kind}", f"{theme}-{kind}-{language}", layout_contents.recap(language, kind), theme)
            for language in languages
            for kind in kinds
        ]
        title = f"theme {theme}: every layout (tests/fixtures/layout_contents.py); a row per language and content"
        sheets[f"{theme}-layouts"] = (title, decks, 1.0)
    for path in contents:
        recap = load_content(path)
        name = path.name.removesuffix(".yaml")
        decks = [Deck(theme, f"content-{name}-{theme}", recap, theme) for theme in themes]
        sheets[f"content-{name}"] = (f"content/{path.name}: a row per theme", decks, CONTENT_SCALE)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    readme = [
        "# Deck gallery",
        "",
        "Made by `make gallery` (tools/deck_gallery.py): each deck written by recap, drawn by LibreOffice with",
        f"recap's fonts, rasterised at {DPI} dpi. `THEME-layouts.png`: every layout of the deck plan",
        "(docs/layouts.md) in one theme, a row per language and generated content (tests/fixtures/layout_contents.py);",
        "`content-NAME.png`: a bundled content file (content/) in every theme, at half that size.",
        "Each slide is captioned with its number and its layout.",
        "",
        "| sheet | row | slides (layouts) |",
        "|---|---|---|",
    ]
    with tempfile.TemporaryDirectory(prefix="recap-deck-gallery-") as tmp:
        work = Path(tmp)
        files: list[Path] = []
        designs: dict[str, list[str]] = {}
        for _, decks, _ in sheets.values():
            for deck in decks:
                theme = load_theme(None if deck.theme == "default" else deck.theme)
                path = work / f"{deck.stem}.pptx"
                path.write_bytes(render(PptxRenderer, deck.recap, theme).data)
                designs[deck.stem] = [s.design for s in deck_plan(deck.recap, theme).slides]
                files.append(path)
        pngs = slides_as_png(files, work)
        for name, (title, decks, scale) in sheets.items():
            rows = []
            for deck in decks:
                images = [Image.open(p) for p in pngs[deck.stem]]
                if scale != 1.0:
                    images = [
                        i.resize((round(i.width * scale), round(i.height * scale)), Image.LANCZOS) for i in images
                    ]
                rows.append((deck.row, images, designs[deck.stem]))
                readme.append(f"| {name}.png | {deck.row} | {len(images)}: {', '.join(designs[deck.stem])} |")
            target = out_dir / f"{name}.png"
            save(sheet(title, rows), target)
            written.append(target)
            print(target, flush=True)
    (out_dir / "README.md").write_text("\n".join(readme) + "\n", encoding="utf-8")
    return written


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "gallery" / "deck")
