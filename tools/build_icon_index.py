"""Build assets/icons/fontawesome-solid.json: Font Awesome Free solid icon names, code points and search terms.

Run by hand when the fontawesomefree package changes; recap reads the small index, never the 4 MB metadata.
"""

from __future__ import annotations

import json
from pathlib import Path

import fontawesomefree

FA = Path(fontawesomefree.__file__).parent / "static" / "fontawesomefree"
OUT = Path(__file__).resolve().parents[1] / "assets" / "icons" / "fontawesome-solid.json"


def main() -> None:
    meta = json.loads((FA / "metadata" / "icons.json").read_text(encoding="utf-8"))
    index = {}
    for name, icon in sorted(meta.items()):
        if "solid" not in icon.get("free", []):
            continue
        terms = sorted({t.lower() for t in icon.get("search", {}).get("terms", []) if t})
        index[name] = [icon["unicode"], icon.get("label", name), terms]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{OUT}: {len(index)} icons")


if __name__ == "__main__":
    main()
