"""Build assets/fonts/kerning/NAME.json.gz: the pair kerning of each bundled font, as decks.text.office reads it.

A first run then measures the slides as LibreOffice sets them without reading a font's GPOS table with
fontTools (about a third of a second per face). Each file holds the font's SHA-256, so a font rebuilt without
running this is read afresh, never measured with stale pairs. Run after tools/build_fonts.py.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from decks.text.office import kerning_table  # noqa: E402

FONTS = ROOT / "assets" / "fonts"


def main() -> None:
    out = FONTS / "kerning"
    out.mkdir(exist_ok=True)
    for font in sorted(FONTS.glob("*.ttf")):
        table = kerning_table(font)
        if not table["pairs"]:
            continue
        data = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
        (out / (font.name + ".json.gz")).write_bytes(gzip.compress(data, 9, mtime=0))
        print(f"{font.name}: {sum(len(r) for r in table['pairs'].values())} pairs")


if __name__ == "__main__":
    main()
