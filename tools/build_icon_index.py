"""Build assets/icons/fontawesome-solid.json and fontawesome-brands.json: Font Awesome Free icon names, code
points, labels and search terms, one file per style (each style is its own font).

Run by hand when the fontawesomefree package changes; recap reads the small indexes, never the 4 MB metadata.
"""

from __future__ import annotations

import json
from pathlib import Path

import fontawesomefree

FA = Path(fontawesomefree.__file__).parent / "static" / "fontawesomefree"
OUT = Path(__file__).resolve().parents[1] / "assets" / "icons"


def main() -> None:
    meta = json.loads((FA / "metadata" / "icons.json").read_text(encoding="utf-8"))
    for style in ("solid", "brands"):
        index = {}
        for name, icon in sorted(meta.items()):
            if style not in icon.get("free", []):
                continue
            terms = sorted({t.lower() for t in icon.get("search", {}).get("terms", []) if t})
            index[name] = [icon["unicode"], icon.get("label", name), terms]
        out = OUT / f"fontawesome-{style}.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"{out}: {len(index)} icons")


if __name__ == "__main__":
    main()
