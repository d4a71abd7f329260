"""PDF fonts: every character the page draws is extracted and searched as itself, emoji beyond U+FFFF too."""

from __future__ import annotations

import io
import re

from hypothesis import given
from hypothesis import strategies as st

from decks.assets import fonts_dir
from decks.paint.pdffonts import BFCHAR_BLOCK, to_unicode_cmap
from decks.readers.content import parse_content
from decks.renderers.base import render
from decks.renderers.pdf import PdfRenderer
from decks.themes.loader import load_theme


def test_emoji_beyond_the_basic_plane_are_extracted_as_themselves(tmp_path) -> None:
    import pdfplumber

    raw = "title: Party 🎉 time\nitems:\n  - title: Launch 🚀 day\n    takeaways:\n      - shipped 😀 and ü\n"
    recap = parse_content(raw.encode("utf-8"), "c.yaml", tmp_path)
    pdf = render(PdfRenderer, recap, load_theme(None)).data
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = doc.pages[0].extract_text()
    for word in ("🎉", "🚀", "😀", "ü", "Launch"):
        assert word in text, (word, text)


@given(st.lists(st.integers(0x20, 0x10FFFF).filter(lambda c: not 0xD800 <= c <= 0xDFFF), min_size=1, max_size=256))
def test_the_text_map_gives_each_code_its_character_in_utf16(subset) -> None:
    cmap = to_unicode_cmap("F", subset)
    blocks = re.findall(r"beginbfchar\n(.*?)\nendbfchar", cmap, re.S)
    pairs = [re.fullmatch(r"<([0-9A-F]{2})> <([0-9A-F]+)>", line).groups() for b in blocks for line in b.split("\n")]
    assert [int(code, 16) for code, _ in pairs] == list(range(len(subset)))
    assert [bytes.fromhex(dest).decode("utf-16-be") for _, dest in pairs] == [chr(c) for c in subset]
    assert all(int(n) <= BFCHAR_BLOCK for n in re.findall(r"^(\d+) beginbfchar$", cmap, re.M))


FACE = fonts_dir() / "ComicNeue-Regular.ttf"


def test_the_text_map_fix_is_pinned_to_the_reportlab_versions_it_was_checked_with() -> None:
    # decks.paint.pdffonts replaces reportlab's makeToUnicodeCMap (a module global it looks up when it writes a
    # subset). A reportlab outside these versions may have fixed the bug or moved the function: check it again.
    import reportlab

    from decks.paint import pdffonts

    major, minor = (int(part) for part in reportlab.Version.split(".")[:2])
    assert (4, 2) <= (major, minor) <= (5, 1), reportlab.Version
    pdffonts.register(fonts_dir() / "ComicNeue-Regular.ttf")
    # reportlab's own map still writes 🎉 as five hex digits (the bug): when this fails, drop the fix.
    assert "<1F389>" in pdffonts.REPORTLAB_CMAP("X", [0x1F389])
    assert "<D83CDF89>" in pdffonts.to_unicode_cmap("X", [0x1F389])
