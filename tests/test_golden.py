"""Golden files, one small content per feature (tests/golden/contents): the normalised XML of every part recap
writes into the deck, a manifest of the parts it copies from the template, and the sketch's SVG.

An unintended change to the output fails here even when every checked property still holds. After an intended
change, `pytest tests/test_golden.py --accept` (or RECAP_ACCEPT=1) rewrites tests/golden/expected; review the
diff in the commit.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from decks.readers.content import load_content
from decks.renderers.base import render
from decks.renderers.pptx import PptxRenderer
from decks.renderers.svg import SvgRenderer
from decks.themes.loader import load_theme

GOLDEN = Path(__file__).resolve().parent / "golden"
CONTENTS = sorted((GOLDEN / "contents").glob("*.yaml"))
THEMES = {"fourthree": str(GOLDEN / "themes" / "fourthree")}
# The parts recap composes; everything else in the package is copied from the template as it is.
WRITTEN = re.compile(
    r"^(\[Content_Types\]\.xml|_rels/\.rels|docProps/.*|ppt/presentation\.xml|ppt/_rels/.*"
    r"|ppt/slides/.*|ppt/notesSlides/.*)$"
)
FONT_DATA = re.compile(r"base64,([A-Za-z0-9+/=]+)")


def _pretty(data: bytes) -> str:
    return etree.tostring(etree.fromstring(data), pretty_print=True, encoding="unicode")


def deck_files(data: bytes) -> dict[str, str]:
    """Each written part pretty-printed, and a manifest of every part with its size and digest."""
    out: dict[str, str] = {}
    manifest = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            blob = z.read(info)
            manifest.append(f"{info.filename}\t{len(blob)}\t{hashlib.sha256(blob).hexdigest()[:16]}")
            if WRITTEN.match(info.filename) and info.filename.endswith((".xml", ".rels")):
                out["pptx/" + info.filename.replace("[", "(").replace("]", ")")] = _pretty(blob)
    out["pptx-manifest.txt"] = "\n".join(manifest) + "\n"
    return out


def sketch_svg(data: bytes) -> str:
    """The SVG with each embedded font subset replaced by its digest: the glyphs are the font's business."""
    text = data.decode("utf-8")
    return FONT_DATA.sub(lambda m: "sha256:" + hashlib.sha256(m.group(1).encode()).hexdigest()[:16], text)


@pytest.mark.parametrize("content", CONTENTS, ids=[c.stem for c in CONTENTS])
def test_output_matches_the_golden_files(content: Path, accept: bool) -> None:
    recap = load_content(content)
    theme = load_theme(THEMES.get(content.stem))
    files = deck_files(render(PptxRenderer, recap, theme).data)
    files["sketch.svg"] = sketch_svg(render(SvgRenderer, recap, theme).data)
    folder = GOLDEN / "expected" / content.stem
    if accept:
        for old in folder.rglob("*") if folder.exists() else ():
            if old.is_file() and old.relative_to(folder).as_posix() not in files:
                old.unlink()
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        return
    expected = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert expected == set(files), f"files differ from {folder}: run pytest --accept and review the diff"
    for name, text in files.items():
        assert (folder / name).read_text(encoding="utf-8") == text, f"{content.stem}: {name} changed"


def test_the_golden_contents_cover_every_layout() -> None:
    """Each named layout of the deck plan (docs/layouts.md) is on a slide of some golden content, so a change to
    any layout's output shows in a golden diff."""
    from decks.plan import deck_plan
    from decks.plan.deck.plan import LAYOUTS

    used = set()
    for content in CONTENTS:
        deck = deck_plan(load_content(content), load_theme(THEMES.get(content.stem)))
        used |= {s.design for s in deck.slides}
    assert used == set(LAYOUTS), set(LAYOUTS) - used
