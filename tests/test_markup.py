"""decks/markup.py: escaping drops exactly what XML 1.0 forbids and escapes the rest, over every code point."""

from __future__ import annotations

from decks.markup import esc, xml_safe


def test_esc_is_xml_safe_then_the_five_escapes_and_kept_whitespace_for_every_code_point() -> None:
    every = "".join(map(chr, range(0x110000)))
    expected = (
        xml_safe(every)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )
    assert esc(every) == expected
    # Text that needs no escape skips translating: each code point alone gives the same as in the whole.
    assert "".join(esc(ch) for ch in every) == expected
    assert esc("a\x01\ud800\ufffe\uffffb") == "ab"
