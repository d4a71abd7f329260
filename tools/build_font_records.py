"""Build the records shipped beside the bundled fonts, as decks.text reads them:

- assets/fonts/metrics/NAME.marshal.z: each font's metrics (advances by code point, vertical metrics, family);
- assets/fonts/kerning/NAME.marshal.z: the pair kerning of its GPOS 'kern' feature, by first character, the rows
  of ASCII first characters (fonts without pairs get none); assets/fonts/kerning-more/NAME.marshal.z: the others;
- assets/icons/metrics/NAME.marshal.z: the same metrics for the two icon fonts, which the sketch measures and
  draws on every page with icons.

A first run then reads a small record per face instead of parsing the cmap and hmtx of every font the theme names
(four CJK fonts of 1-5 MB among them) and reading GPOS with fontTools. Each record holds the font file's size
and the directory checksums of the tables read (`decks.text.records.font_stamp`), so a font rebuilt without
running this is read afresh, never measured with stale data. Run after tools/build_fonts.py; the tests hold every
record to a fresh read.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from decks.text.kerning import _read_kerning, kerning_kind, kerning_record  # noqa: E402
from decks.text.records import bundled_font_folders, metrics_record  # noqa: E402


def main() -> None:
    for folder in bundled_font_folders():
        (folder / "metrics").mkdir(exist_ok=True)
        for font in sorted(folder.glob("*.ttf")):
            (folder / "metrics" / (font.name + ".marshal.z")).write_bytes(metrics_record(font))
            pairs = len(_read_kerning(font))
            if pairs:  # the rows of ASCII first characters, and the others apart (decks.text.kerning)
                for ascii in (True, False):
                    (folder / kerning_kind(ascii)).mkdir(exist_ok=True)
                    (folder / kerning_kind(ascii) / (font.name + ".marshal.z")).write_bytes(kerning_record(font, ascii))
            print(f"{folder.name}/{font.name}: metrics, {pairs} kerning pairs")


if __name__ == "__main__":
    main()
