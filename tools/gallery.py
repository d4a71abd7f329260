"""`make gallery`: the sketchnote at every density, in every layout and theme, as PNG contact sheets.

Generated contents of 1, 2, 3, 5, 8, 12, 20 and 40 items (tests/fixtures/sketch_contents.py) in English, Chinese,
Japanese, Korean and Vietnamese are laid out in each layout (modular, path, radial, popcorn on landscape A4;
vertical on portrait A4) and theme; each (theme, layout) pair becomes one sheet, docs/gallery/THEME-LAYOUT.png:
a row per item count, a column per language, each page captioned with its measures (body size, largest empty
region with pale marks counted as empty, what was abridged). docs/gallery/README.md lists every page's
measures and flags the ones that miss a target. Run from the repository root: python tools/gallery.py [OUT].
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "fixtures")]

from PIL import Image, ImageDraw, ImageFont  # noqa: E402
from sketch_contents import recap  # noqa: E402

from decks.errors import RecapError  # noqa: E402
from decks.plan.sketch import build  # noqa: E402
from decks.renderers.png import paint  # noqa: E402
from decks.themes.loader import load_theme  # noqa: E402
from tests.plan.measures import clipped_tabs, largest_empty  # noqa: E402

COUNTS = (1, 2, 3, 5, 8, 12, 20, 40)
LANGUAGES = ("en", "zh", "ja", "ko", "vi")
LAYOUTS = ("modular", "path", "radial", "vertical", "popcorn")
PORTRAIT = ("vertical",)  # layouts drawn on a portrait page
THEMES = ("default", "chalkboard", "ink")
SCALE = 0.27  # pixels per point: a landscape A4 page is 227 x 161 px, enough to judge the layout and stay small
CAPTION = 26  # pixels under each page for its measures


def _density(count: int) -> str:
    return "sparse" if count <= 3 else "medium"  # 1 to 3 items: a summary and one takeaway each


def page(theme_name: str, layout: str, count: int, language: str) -> tuple[Image.Image, dict]:
    """One page's thumbnail and its measures."""
    theme = load_theme(theme_name)
    content = recap(count, language, _density(count))
    try:
        sketch = build(content, theme, layout=layout, orientation="portrait" if layout in PORTRAIT else None)
    except RecapError as exc:
        w, h = round(841.89 * SCALE), round(595.28 * SCALE)
        if layout in PORTRAIT:
            w, h = h, w
        img = Image.new("RGB", (w, h), "#FFFFFF")
        ImageDraw.Draw(img).text((8, 8), f"refused: {exc}"[:60], fill="#B00000")
        return img, {"refused": str(exc)}
    share, _ = largest_empty(sketch)
    shown = len([c for c in sketch.containers if c.kind == "item"])
    measures = {
        "body": sketch.body_size,
        "empty": share,
        "shown": shown,
        "items": count,
        "abridged": next((w for w in sketch.warnings if w.startswith("abridged")), ""),
        "clipped": clipped_tabs(sketch),
    }
    return Image.open(io.BytesIO(paint(sketch, SCALE))).convert("RGB"), measures


def caption(m: dict) -> str:
    if "refused" in m:
        return "refused"
    left = f", {m['items'] - m['shown']} left out" if m["shown"] < m["items"] else ""
    left += ", abridged" if m["abridged"] and not left else ""
    noun = "item" if m["items"] == 1 else "items"
    return f"{m['items']} {noun}: {m['body']:.1f} pt, empty {m['empty']:.1%}{left}"


def sheet(theme_name: str, layout: str, rows: list[list[tuple[Image.Image, dict]]]) -> Image.Image:
    pw, ph = rows[0][0][0].size
    gap = 10
    head = 30
    out = Image.new("RGB", (gap + len(LANGUAGES) * (pw + gap), head + len(rows) * (ph + CAPTION + gap)), "#F4F4F4")
    draw = ImageDraw.Draw(out)
    font = ImageFont.load_default()
    rows_are, columns_are = ", ".join(map(str, COUNTS)), ", ".join(LANGUAGES)
    title = f"theme {theme_name}, layout {layout}: rows {rows_are} items; columns {columns_are}"
    draw.text((gap, 8), title, fill="#000000", font=font)
    for r, row in enumerate(rows):
        for c, (img, m) in enumerate(row):
            x, y = gap + c * (pw + gap), head + r * (ph + CAPTION + gap)
            out.paste(img, (x, y))
            draw.rectangle((x - 1, y - 1, x + pw, y + ph), outline="#999999")
            bad = "refused" in m or m["empty"] > 0.10 or m["clipped"]
            draw.text((x, y + ph + 4), caption(m), fill="#B00000" if bad else "#222222", font=font)
    return out


def main(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Sketchnote gallery",
        "",
        "Made by `make gallery` (tools/gallery.py) from generated contents (tests/fixtures/sketch_contents.py):",
        "1 to 3 items sparse (a summary and one takeaway each), 5 to 40 items medium (two or three takeaways).",
        "Each sheet is one theme and layout; rows are item counts, columns English, Chinese, Japanese, Korean,",
        "Vietnamese. The measure `empty` is the largest empty rectangle inside the margins as a share of the page,",
        "marks under 2:1 contrast with the paper counting as empty (target: at most 10%); pages that miss a target",
        "are captioned in red.",
        "",
        "| sheet | items | language | body pt | empty | shown | note |",
        "|---|---|---|---|---|---|---|",
    ]
    misses = 0
    for theme_name in THEMES:
        for layout in LAYOUTS:
            rows = []
            for count in COUNTS:
                row = []
                for language in LANGUAGES:
                    img, m = page(theme_name, layout, count, language)
                    row.append((img, m))
                    name = f"{theme_name}-{layout}.png"
                    if "refused" in m:
                        lines.append(f"| {name} | {count} | {language} | | | | refused |")
                        misses += 1
                        continue
                    miss = (m["empty"] > 0.10 and count <= 40) or bool(m["clipped"])
                    misses += miss
                    note = ("MISS " if miss else "") + ("abridged" if m["abridged"] else "")
                    cells = [name, count, language, f"{m['body']:.2f}", f"{m['empty']:.1%}", m["shown"], note]
                    lines.append("| " + " | ".join(map(str, cells)) + " |")
                rows.append(row)
            img = sheet(theme_name, layout, rows).quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=0)
            img.save(out_dir / f"{theme_name}-{layout}.png", optimize=True)
            print(out_dir / f"{theme_name}-{layout}.png", flush=True)
    lines += ["", f"Pages missing a target: {misses}."]
    (out_dir / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "gallery"))
