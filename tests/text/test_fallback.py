"""Per-character font fallback: which face draws each character, and which ones no face has."""

from __future__ import annotations

from decks.assets import fonts_dir
from decks.text.fallback import FontStack, strip_ignorable
from decks.text.fonts import load_face

LATO = load_face(fonts_dir() / "Lato-Regular.ttf")
KAI = load_face(fonts_dir() / "RecapKai-Regular.ttf")
DEJAVU = load_face(fonts_dir() / "DejaVuSans.ttf")
STACK = FontStack((LATO, KAI, DEJAVU))


def test_latin_stays_in_the_primary_face_and_hanzi_fall_back_to_the_cjk_face() -> None:
    # A space stays with the run before it, so runs change face only where a glyph needs it.
    assert [(face.family, text) for face, text in STACK.segments("TF 2.0 发布了 Alpha")] == [
        ("Lato", "TF 2.0 "),
        ("Recap Kai", "发布了 "),
        ("Lato", "Alpha"),
    ]


def test_symbols_the_text_faces_lack_come_from_the_symbol_face() -> None:
    assert STACK.face_for("☂") is DEJAVU
    assert STACK.missing("☂ ok") == set()


def test_characters_no_face_has_are_reported_and_measured_as_a_full_em() -> None:
    assert STACK.missing("mind 🤯 blown") == {"🤯"}
    assert STACK.width("🤯", 10) == 10


def test_zero_width_characters_are_neither_missing_nor_drawn() -> None:
    text = "a\u200bb\ufe0f"
    assert STACK.missing(text) == set()
    assert strip_ignorable(text) == "ab"
    assert "".join(t for _, t in STACK.segments(text)) == "ab"


def test_width_is_the_sum_of_the_faces_advances() -> None:
    assert STACK.width("A发", 20) == LATO.width("A", 20) + KAI.width("发", 20)


def test_a_missing_glyph_stays_in_the_run_before_it() -> None:
    runs = STACK.segments("ab🤯c")
    assert [(f.family, t) for f, t in runs] == [("Lato", "ab🤯c")]
