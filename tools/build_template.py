"""Build assets/templates/recap-16x9.pptx: python-pptx's default template re-laid out for 16:9, same bytes each run.

Run it from the repo root: `python tools/build_template.py`. The renderer reads this file; it never builds it.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from pptx import Presentation
from pptx.util import Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from decks.renderers.pptx.package import normalize_zip  # noqa: E402

TARGET = ROOT / "assets" / "templates" / "recap-16x9.pptx"
WIDTH, HEIGHT = 12192000, 6858000  # 13.333 x 7.5 in
OLD_WIDTH = 9144000

# Layout renames, and placeholder boxes (idx -> x, y, w, h in points on a 960 x 540 slide).
# Boxes leave a footer band (y > 490) free for the slide number and the event line the renderer draws.
TITLE_BOX = (48, 24, 864, 84)
LAYOUTS: dict[str, tuple[str, dict[int, tuple[float, float, float, float]]]] = {
    "Title Slide": ("Recap Title", {0: (64, 64, 832, 200), 1: (64, 316, 832, 170)}),
    "Section Header": ("Recap Section", {0: (64, 150, 832, 150), 1: (64, 316, 832, 150)}),
    "Title and Content": ("Recap Content", {0: TITLE_BOX, 1: (48, 128, 864, 356)}),
    "Two Content": ("Recap Content + Picture", {0: TITLE_BOX, 1: (48, 128, 528, 356), 2: (600, 128, 312, 356)}),
    "Content with Caption": ("Recap Closing", {0: (64, 56, 832, 110), 2: (64, 190, 832, 290)}),
    "Title Only": ("Title Only", {0: TITLE_BOX}),
    "Blank": ("Blank", {}),
}
MASTER = {0: TITLE_BOX, 1: (48, 128, 864, 356)}
FOOTERS = {10: (48, 500, 200, 28), 11: (300, 500, 360, 28), 12: (712, 500, 200, 28)}  # date, footer, number


def _place(shape, box: tuple[float, float, float, float]) -> None:
    shape.left, shape.top, shape.width, shape.height = (int(Pt(v)) for v in box)


def _widen(shape) -> None:
    # Placeholders without an own box inherit the master's, which is already moved.
    if shape.width is not None and shape.left is not None:
        shape.left = int(shape.left * WIDTH / OLD_WIDTH)
        shape.width = int(shape.width * WIDTH / OLD_WIDTH)


def _no_autofit(shape) -> None:
    body = shape.text_frame._txBody.bodyPr
    for child in list(body):
        if child.tag.endswith(("normAutofit", "spAutoFit", "noAutofit")):
            body.remove(child)
    body.set("wrap", "square")
    body.insert(0, body.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}noAutofit", {}))


def build() -> bytes:
    """The template's bytes."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    # The default's `type="screen4x3"` would be wrong now; PowerPoint writes a 16:9 size with no type.
    prs.part._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz").attrib.pop("type")
    for shape in prs.slide_master.placeholders:
        idx = shape.placeholder_format.idx
        _place(shape, MASTER.get(idx) or FOOTERS.get(idx) or (0, 0, 0, 0))
        _no_autofit(shape)
    layouts = prs.slide_layouts
    for layout in list(layouts):
        if layout.name not in LAYOUTS:
            layouts.remove(layout)
            continue
        name, boxes = LAYOUTS[layout.name]
        layout.name = name
        for shape in list(layout.placeholders):
            idx = shape.placeholder_format.idx
            if idx in boxes:
                _place(shape, boxes[idx])
            elif idx in FOOTERS:
                _place(shape, FOOTERS[idx])
            elif name == "Recap Closing":  # its picture slot: the closing slide has none
                shape._element.getparent().remove(shape._element)
                continue
            else:
                _widen(shape)
            _no_autofit(shape)
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = "recap 16:9", "recap", "recap"
    props.created = props.modified = dt.datetime(2019, 1, 1)
    props.revision = 1
    buffer = io.BytesIO()
    prs.save(buffer)
    return normalize_zip(buffer.getvalue())


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(build())
    print(TARGET)


if __name__ == "__main__":
    main()
