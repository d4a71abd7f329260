"""`make gallery`: the README's pictures, drawn from the bundled example as the code draws it now.

- docs/sketchnote-LAYOUT-LANG.png: the example sketchnote (`recap pdf`, modular, path and radial, English and
  Chinese) rasterised from the PDF by `pdftoppm` at 1200 px wide, saved with 128 colours;
- docs/deck-contact-sheet.png: the English example deck drawn by LibreOffice (`soffice --headless --convert-to
  pdf`, with recap's fonts), every slide at 24 dpi, six to a row.

Run from the repository root: python tools/readme_images.py [DOCS] (needs LibreOffice and poppler-utils).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tools")]

from deck_gallery import fonts_env  # noqa: E402

RECAP = [sys.executable, "-m", "decks.cli.main"]
EXAMPLES = {"en": "tf-dev-summit-2019.yaml", "zh": "tf-dev-summit-2019.zh.yaml"}
LAYOUTS = ("modular", "path", "radial")
WIDTH = 1200  # pixels: sharp on a README at its column width, about 150 KB at 128 colours
PER_ROW = 6
GAP = 6


def _run(args: list[str], env: dict[str, str] | None = None) -> None:
    subprocess.run(args, check=True, cwd=ROOT, env=env, capture_output=True, timeout=600)


def sketchnotes(docs: Path, tmp: Path) -> list[Path]:
    from PIL import Image

    made = []
    for lang, name in EXAMPLES.items():
        for layout in LAYOUTS:
            pdf = tmp / f"{layout}-{lang}.pdf"
            _run([*RECAP, "pdf", str(ROOT / "content" / name), "--layout", layout, "-o", str(pdf), "--force"])
            _run(["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(WIDTH), "-scale-to-y", "-1", str(pdf),
                  str(tmp / f"{layout}-{lang}")])  # fmt: skip
            out = docs / f"sketchnote-{layout}-{lang}.png"
            with Image.open(tmp / f"{layout}-{lang}.png") as page:
                page.convert("RGB").quantize(128).save(out, optimize=True)
            made.append(out)
    return made


def deck_sheet(docs: Path, tmp: Path) -> Path:
    from PIL import Image

    deck = tmp / "deck.pptx"
    _run([*RECAP, "pptx", str(ROOT / "content" / EXAMPLES["en"]), "-o", str(deck), "--force"])
    env = fonts_env(tmp)  # LibreOffice sees recap's fonts, as the deck gallery's does
    _run(["soffice", "--headless", "--norestore", "--convert-to", "pdf",
          "--outdir", str(tmp), str(deck)], env)  # fmt: skip
    _run(["pdftoppm", "-png", "-r", "24", str(tmp / "deck.pdf"), str(tmp / "slide")])
    slides = sorted(tmp.glob("slide-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    images = [Image.open(p).convert("RGB") for p in slides]
    w, h = images[0].size
    rows = (len(images) + PER_ROW - 1) // PER_ROW
    sheet = Image.new("RGB", (PER_ROW * (w + GAP) - GAP, rows * (h + GAP) - GAP), (128, 128, 128))
    for k, image in enumerate(images):
        sheet.paste(image, ((k % PER_ROW) * (w + GAP), (k // PER_ROW) * (h + GAP)))
    out = docs / "deck-contact-sheet.png"
    sheet.quantize(128).save(out, optimize=True)
    return out


def main(argv: list[str]) -> int:
    docs = Path(argv[1]) if len(argv) > 1 else ROOT / "docs"
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        for path in [*sketchnotes(docs, tmp), deck_sheet(docs, tmp)]:
            print(f"{path}: {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
