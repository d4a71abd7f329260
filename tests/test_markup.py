"""decks/markup.py: escaping drops exactly what XML 1.0 forbids and escapes the rest, over every code point."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from decks.markup import _ESC_AND_DROP, esc, xml_safe


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


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters() | st.characters(max_codepoint=0x7F) | st.sampled_from('&<>"\t\n\r\x00'), max_size=40))
def test_esc_of_any_text_is_the_one_translation_whichever_shortcut_it_takes(text: str) -> None:
    assert esc(text) == text.translate(_ESC_AND_DROP)
