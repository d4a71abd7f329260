"""Vendor what recap uses of Font Awesome Free into assets/icons: the two fonts it draws icons from
(fa-solid-900.ttf, fa-brands-400.ttf, copied unmodified), the licence (LICENSE-FontAwesome.txt) and one small
index per style, fontawesome-solid.json and fontawesome-brands.json (name -> [code point, label, search terms];
each style is its own font).

Run by hand to move to a new Font Awesome release, with the PyPI package installed beside recap (it is not a
dependency: the package is 87 MB, of which recap uses these 0.6 MB):

    .venv/bin/pip install fontawesomefree==6.6.0 && .venv/bin/python tools/build_icon_index.py

then update the version in assets/icons/README.md. recap never reads the package's 4 MB metadata at run time.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import fontawesomefree  # type: ignore[import-untyped]

FA = Path(fontawesomefree.__file__).parent / "static" / "fontawesomefree"
OUT = Path(__file__).resolve().parents[1] / "assets" / "icons"
FONTS = ("fa-solid-900.ttf", "fa-brands-400.ttf")  # decks.model.icon_names.FONT_FILES


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in FONTS:
        shutil.copyfile(FA / "webfonts" / name, OUT / name)
        print(f"{OUT / name}: {(OUT / name).stat().st_size:,} bytes")
    shutil.copyfile(FA / "LICENSE.txt", OUT / "LICENSE-FontAwesome.txt")
    meta = json.loads((FA / "metadata" / "icons.json").read_text(encoding="utf-8"))
    for style in ("solid", "brands"):
        index = {}
        for name, icon in sorted(meta.items()):
            if style not in icon.get("free", []):
                continue
            terms = sorted({t.lower() for t in icon.get("search", {}).get("terms", []) if t})
            index[name] = [icon["unicode"], icon.get("label", name), terms]
        out = OUT / f"fontawesome-{style}.json"
        out.write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"{out}: {len(index)} icons")


if __name__ == "__main__":
    main()
