"""Build assets/fonts/metrics/NAME.marshal.z: each bundled font's metrics (advances by code point, vertical
metrics, family), as decks.text.fonts reads them.

A first run then reads a small record per face instead of parsing the cmap and hmtx tables of every font the
theme names (four CJK fonts of 1-5 MB among them). Each record holds the font file's size and the directory
checksums of the tables it was read from, so a font rebuilt without running this is read afresh, never measured
with stale metrics. Run after tools/build_fonts.py (tests/text/test_fonts.py checks each record against a fresh
read).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from decks.text.fonts import metrics_record  # noqa: E402

FONTS = ROOT / "assets" / "fonts"


def main() -> None:
    out = FONTS / "metrics"
    out.mkdir(exist_ok=True)
    for font in sorted(FONTS.glob("*.ttf")):
        record = metrics_record(font)
        (out / (font.name + ".marshal.z")).write_bytes(record)
        print(f"{font.name}: {len(record) // 1024} KB")


if __name__ == "__main__":
    main()
