"""The sketchnote PDF draws every script of the corpus (tests/fixtures/scripts/lines.yaml) with real glyphs.

For each line: no character is drawn as .notdef (pdfplumber reads it back as U+0000, the code reportlab uses
for a glyph the font lacks), every character of the line is on the page, and no two character boxes of a
line overlap. Arabic and Hebrew lines are drawn joined and in visual (right-to-left) order.
"""

from __future__ import annotations

import io
import math
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml

from decks.plan.sketch.lettering import TILT
from decks.plan.stacks import stacks_for
from decks.readers.content import parse_content
from decks.renderers.base import render
from decks.renderers.pdf import PdfRenderer
from decks.text.fallback import is_ignorable
from decks.text.shaping import joined, visual
from decks.themes.loader import load_theme

LINES: dict[str, dict[str, str]] = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "fixtures" / "scripts" / "lines.yaml").read_text(encoding="utf-8")
)


def _render(name: str, spec: dict[str, str], tmp_path: Path) -> list[dict[str, Any]]:
    import pdfplumber

    text = spec["text"]
    content = {"title": name, "language": spec["language"], "items": [{"title": text, "takeaways": [text]}]}
    raw = yaml.safe_dump(content, allow_unicode=True).encode()
    result = render(PdfRenderer, parse_content(raw, "c.yaml", tmp_path), load_theme("default"))
    assert not [w for w in result.warnings if "no font" in w], result.warnings
    with pdfplumber.open(io.BytesIO(result.data)) as pdf:
        return list(pdf.pages[0].chars)


@pytest.mark.parametrize("name", sorted(LINES))
def test_every_character_of_every_script_is_drawn_with_a_real_glyph_and_no_box_overlaps(
    name: str, tmp_path: Path
) -> None:
    spec = LINES[name]
    missing = stacks_for(load_theme("default"), spec["language"]).hand.missing(spec["text"])
    if missing and spec.get("system"):
        pytest.skip(f"{name} needs a system font (apt-get install {spec['system']}); .ci/run installs it")
    assert not missing
    chars = _render(name, spec, tmp_path)
    assert not [c for c in chars if c["text"] == "\x00"], "a .notdef box was drawn"
    drawn = Counter(c["text"] for c in chars)
    # Arabic is drawn in its joined forms, so those are what the page holds.
    shown = joined(spec["text"])
    wanted = Counter(ch for ch in shown if not ch.isspace() and not is_ignorable(ch) and ord(ch) <= 0xFFFF)
    assert not wanted - drawn, f"not on the page: {sorted(wanted - drawn)}"
    # reportlab's ToUnicode map garbles characters beyond the BMP, so emoji are counted by their font.
    astral = sum(1 for ch in spec["text"] if ord(ch) > 0xFFFF)
    assert sum(1 for c in chars if "Emoji" in c["fontname"]) >= astral
    # Boxes on a line, left to right: each starts where the one before it ends, or later. Marks with no
    # advance (Thai vowels above, combining accents) sit on their letter by design and are left out.
    lines: dict[tuple[float, float], list[dict[str, Any]]] = {}
    for c in chars:
        if c["x1"] - c["x0"] > 0.01:
            lines.setdefault((round(c["top"], 1), round(c["size"], 2)), []).append(c)
    # A hand-lettered letter is tilted a little (decks.plan.sketch.lettering): its box may lean into the next one's
    # by the tilt's reach over the letter's height, never by an advance.
    for (_, size), boxes in lines.items():
        lean = size * 1.2 * math.sin(math.radians(TILT)) + 0.01
        boxes.sort(key=lambda c: c["x0"])
        for a, b in pairwise(boxes):
            assert a["x1"] <= b["x0"] + lean, f"{a['text']!r} overlaps {b['text']!r}"


@pytest.mark.parametrize("name", ["arabic", "hebrew"])
def test_right_to_left_lines_are_drawn_in_visual_order(name: str, tmp_path: Path) -> None:
    spec = LINES[name]
    chars = _render(name, spec, tmp_path)
    # The first RTL word of the line, as pdfplumber reads the page left to right, is the line's last one.
    drawn = "".join(c["text"] for c in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])))
    expected = visual(spec["text"])
    assert expected.split()[0] in drawn and spec["text"].split()[0] not in drawn
