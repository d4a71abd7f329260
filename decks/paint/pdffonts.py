"""Fonts for the PDF renderers: each face file registered with reportlab once, under one name, with a text map
(ToUnicode) that is right for every character.

reportlab (checked with 4.2 to 5.1) writes each subset's ToUnicode entries as `<%04X>` of the code point, which
for a character beyond U+FFFF (an emoji) is five hex digits that readers take as a wrong character: 🎉 was
extracted and searched as "Ἰ". A ToUnicode destination is UTF-16BE, so such a character is its surrogate pair;
`to_unicode_cmap` writes the map so, and `register` puts it where reportlab looks it up when it writes a subset
(the module global `reportlab.pdfbase.ttfonts.makeToUnicodeCMap`). This is the one place recap reaches into
reportlab, to fix that bug; tests/paint/test_pdffonts.py pins the versions it was checked against and fails
when reportlab's own map is fixed. The code with the bug: `"<%02X> <%04X>"` in makeToUnicodeCMap,
https://github.com/MrBitBucket/reportlab-mirror/blob/master/src/reportlab/pdfbase/ttfonts.py (a mirror of
reportlab's own repository, which takes reports on its reportlab-users list; no report of this bug found there).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

_NAMES: dict[Path, str] = {}
# reportlab's own `makeToUnicodeCMap(fontname, subset)`, kept so a test can tell when it no longer has the bug
REPORTLAB_CMAP: Callable[[str, list[int]], str] | None = None
BFCHAR_BLOCK = 100  # entries per beginbfchar block: the most the CMap format allows


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """The ToUnicode CMap of one subset (codes 0..n-1 standing for the code points in `subset`), as reportlab
    writes it but with UTF-16BE destinations and blocks of at most 100 entries."""
    entries = [f"<{code:02X}> <{chr(cp).encode('utf-16-be').hex().upper()}>" for code, cp in enumerate(subset)]
    blocks: list[str] = []
    for start in range(0, len(entries), BFCHAR_BLOCK):
        chunk = entries[start : start + BFCHAR_BLOCK]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def register(path: Path) -> str:
    """The reportlab font name of the face at `path` (a .ttc by its first face), registered on first use."""
    name = _NAMES.get(path)
    if name is None:
        from reportlab.pdfbase import pdfmetrics, ttfonts  # lazy: --help loads this module

        global REPORTLAB_CMAP
        if ttfonts.makeToUnicodeCMap is not to_unicode_cmap:  # reportlab looks it up as a module global
            REPORTLAB_CMAP = ttfonts.makeToUnicodeCMap
            ttfonts.makeToUnicodeCMap = to_unicode_cmap
        name = f"Recap-{path.stem}"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(ttfonts.TTFont(name, str(path), subfontIndex=0))
        _NAMES[path] = name
    return name
