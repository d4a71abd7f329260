"""Per-character font fallback: which face draws each character, and which ones no face has."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.assets import fonts_dir
from decks.text.faces import Face
from decks.text.fallback import FontStack, strip_ignorable
from decks.text.metrics import load_face
from decks.text.shaping import joined, visual

LATO = load_face(fonts_dir() / "Lato-Regular.ttf")
KAI = load_face(fonts_dir() / "RecapKai-Regular.ttf")
DEJAVU = load_face(fonts_dir() / "DejaVuSans.ttf")
STACK = FontStack((LATO, KAI, DEJAVU), system=False)


def test_latin_stays_in_the_primary_face_and_hanzi_fall_back_to_the_cjk_face() -> None:
    # A space is drawn in the face it was measured in (the primary one), not the CJK face's wider space.
    assert [(face.family, text) for face, text in STACK.segments("TF 2.0 发布了 Alpha")] == [
        ("Lato", "TF 2.0 "),
        ("Recap Kai", "发布了"),
        ("Lato", " Alpha"),
    ]


def test_symbols_the_text_faces_lack_come_from_the_symbol_face() -> None:
    assert STACK.face_for("☂") is DEJAVU
    assert STACK.missing("☂ ok") == set()


def test_characters_no_face_has_are_reported_and_measured_as_the_notdef_box_drawn_for_them() -> None:
    assert STACK.missing("mind 🥳 blown") == {"🥳"}
    assert LATO.notdef > 0
    assert STACK.width("🥳", 10) == pytest.approx(LATO.notdef * 10 / LATO.units_per_em)


def test_zero_width_characters_are_neither_missing_nor_drawn() -> None:
    text = "a\u200bb\ufe0f"
    assert STACK.missing(text) == set()
    assert strip_ignorable(text) == "ab"
    assert "".join(t for _, t in STACK.segments(text)) == "ab"


def test_width_is_the_sum_of_the_faces_advances() -> None:
    assert STACK.width("A发", 20) == LATO.width("A", 20) + KAI.width("发", 20)


def test_a_missing_glyph_is_drawn_in_the_primary_face_that_measured_it() -> None:
    runs = STACK.segments("发🥳c")
    assert [(f.family, t) for f, t in runs] == [("Recap Kai", "发"), ("Lato", "🥳c")]
    assert sum(f.width(t, 10) for f, t in runs) == pytest.approx(STACK.width("发🥳c", 10))


EMOJI = load_face(fonts_dir() / "RecapEmoji-Regular.ttf")
FULL = FontStack((LATO, KAI, DEJAVU, EMOJI), system=False)


@cache
def reportlab_name(face: Face) -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = f"test-{face.path.stem}"
    pdfmetrics.registerFont(TTFont(name, str(face.path)))
    return name


_RTL_MIX = st.text(st.sampled_from("abc (1) [2] ,.\u200c\u200f\u202bשלוםעברית مرحبا بكم لا ١٢٣"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), _RTL_MIX))
def test_measuring_and_painting_agree_on_every_advance_missing_glyphs_included(text: str) -> None:
    from reportlab.pdfbase import pdfmetrics

    runs = FULL.segments(text)
    # Drawn in drawing order: Arabic joined and right-to-left lines reordered, nothing else changed.
    assert "".join(chunk for _, chunk in runs) == visual(strip_ignorable(text))
    measured = FULL.width(strip_ignorable(text), 10)
    assert sum(face.width(chunk, 10) for face, chunk in runs) == pytest.approx(measured)
    for face, chunk in runs:
        # What reportlab draws: its glyph for each character, .notdef for one the face lacks, a space for
        # a no-break space. Its Widths array gives each glyph's advance.
        drawn = chunk.replace("\xa0", " ")
        assert pdfmetrics.stringWidth(drawn, reportlab_name(face), 10) == pytest.approx(face.width(chunk, 10))


def test_a_character_no_face_has_is_looked_for_among_the_machines_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    from decks.text import fallback

    monkeypatch.setattr(fallback, "system_face", lambda ch: DEJAVU if ch == "ꙮ" else None)
    stack = FontStack((LATO,))
    assert stack.draws("ꙮ") is DEJAVU and stack.missing("ꙮx") == set()
    assert FontStack((LATO,), system=False).missing("ꙮ") == {"ꙮ"}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=30), min_size=1, max_size=6))
def test_a_texts_width_and_line_height_do_not_depend_on_what_was_measured_before(texts: list[str]) -> None:
    # A stack remembers advances, left-to-right characters and the characters its primary face draws, to measure
    # faster: a fresh stack must give the same figures, bit for bit, whatever the order of the texts.
    warm = FontStack((LATO, KAI, DEJAVU), system=False)
    for text in texts:
        fresh = FontStack((LATO, KAI, DEJAVU), system=False)
        assert warm.ems(text) == fresh.ems(text) == fresh.width(text, 1.0)
        assert warm.line_height(text) == FontStack((LATO, KAI, DEJAVU), system=False).line_height(text)
    arabic = "مرحبا abc"
    assert warm.ems(arabic) == sum(map(warm.em, joined(arabic)))


def test_a_bold_stack_draws_a_character_from_the_machines_fonts_in_their_bold_cut(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # LibreOffice sets a bold run's fallback family in its bold cut (DejaVu Sans Bold's Arabic, 18 % wider).
    from decks.text import fallback, lookup
    from tests.fixtures.bold_family import bold_family

    regular, bold = bold_family(tmp_path)
    monkeypatch.setattr(fallback, "system_face", lambda ch: load_face(regular) if load_face(regular).has(ch) else None)
    monkeypatch.setattr(lookup, "find_bold_font", lambda family: None)
    assert FontStack((LATO,), bold=True).draws("م").path == bold
    assert FontStack((LATO,)).draws("م").path == regular
    assert FontStack((LATO,), bold=True).width("م", 10) > FontStack((LATO,)).width("م", 10)
