"""LibreOffice's measure of a line: script types, the East Asian face, and the space between scripts."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.assets import fonts_dir
from decks.plan.stacks import office_stacks
from decks.text.breaking import atoms, break_lines, reach
from decks.text.faces import Face
from decks.text.fallback import FontStack, is_ignorable
from decks.text.kerning import _read_kerning, kerning_rows
from decks.text.metrics import load_face
from decks.text.office import (
    ASIAN,
    LATIN,
    WEAK,
    OfficeStack,
    east_asian,
    field_height,
    script_type,
    script_types,
)
from decks.text.shaping import has_rtl, joined
from decks.themes.loader import load_theme
from tests.budget import examples

SIZE = 20.0


@cache
def stack() -> OfficeStack:
    carlito = load_face(fonts_dir() / "Carlito-Regular.ttf")
    kai = load_face(fonts_dir() / "RecapKai-Regular.ttf")
    return OfficeStack((carlito, kai), system=False, ea=kai)


@cache
def plain() -> FontStack:
    return FontStack(stack().faces, system=False)


def test_spaces_and_curly_quotes_take_the_script_of_the_character_before_them() -> None:
    assert script_types("天 “研") == [ASIAN] * 4
    assert script_types("a “b") == [LATIN] * 4
    assert script_types(" 字") == [ASIAN, ASIAN]  # at the start: the script after
    assert script_type("（") == ASIAN and script_type("(") == LATIN and script_type("3") == LATIN


def test_latin_text_is_kerned_as_the_faces_kern_feature_says() -> None:
    carlito = stack().primary
    to = (carlito.advance("T") + carlito.advance("o") - 0.0888671875) * SIZE  # Carlito kerns "To" by -182 units
    assert stack().width("To", SIZE) == pytest.approx(to)
    assert stack().width("Tö", SIZE) < plain().width("Tö", SIZE)  # beyond ASCII too
    assert stack().width("TensorFlow Dev Summit", SIZE) < plain().width("TensorFlow Dev Summit", SIZE)
    assert stack().width("TensorFlow Dev Summit", SIZE) > 0.98 * plain().width("TensorFlow Dev Summit", SIZE)


def test_a_curly_quote_after_a_hanzi_is_as_wide_as_in_the_east_asian_face() -> None:
    # Carlito has "“" (0.42 em); after a hanzi LibreOffice draws it in the run's East Asian face (0.35 em).
    carlito, kai = stack().faces
    assert stack().width("“", SIZE) == pytest.approx(carlito.advance("“") * SIZE)
    assert stack().width("字“", SIZE) == pytest.approx((1 + kai.advance("“")) * SIZE)


def test_a_space_after_a_hanzi_is_the_cjk_faces_space() -> None:
    kai_space = stack().ea.advance(" ")
    assert stack().width("字 ", SIZE) - stack().width("字", SIZE) == pytest.approx(kai_space * SIZE)


def test_a_change_of_script_adds_a_fifth_of_the_font_independent_line_height() -> None:
    s = stack()
    gap = 0.2 * 1.2 * SIZE
    assert s.width("TF字", SIZE) == pytest.approx(s.width("TF", SIZE) + gap + SIZE, abs=0.01)
    assert s.width("字TF", SIZE) == pytest.approx(SIZE + gap + s.width("TF", SIZE), abs=0.01)
    # A space between: the space takes the script before it, and the gap comes after it.
    assert s.width("TF 字", SIZE) == pytest.approx(s.width("TF ", SIZE) + gap + SIZE, abs=0.01)


def test_a_painter_is_told_which_characters_are_east_asian_and_the_face_that_draws_each() -> None:
    # The interface for renderers (decks.paint.deck): the script types resolved, as booleans.
    assert east_asian("用 TensorFlow “字”") == [t == ASIAN for t in script_types("用 TensorFlow “字”")]
    assert east_asian("a “b") == [False] * 4 and east_asian(" 字") == [True, True]
    carlito, kai = stack().faces
    assert stack().drawn("字", True) is kai and stack().drawn("T", False) is carlito
    assert stack().drawn(" ", True) is kai and stack().drawn(" ", False) is carlito  # a space after a hanzi: Kai's


def test_a_links_line_height_is_its_faces_hhea_ascender_and_descender() -> None:
    # LibreOffice sets a link as a field, whose line is as tall as its face's hhea ascender and descender (the line
    # gap not counted): Recap Klee's 1.16 + 0.288 em, taller than the 1.2 em of other text; Carlito's 0.75 + 0.25.
    assert field_height(load_face(fonts_dir() / "RecapKlee-Regular.ttf")) == pytest.approx(1.448)
    assert field_height(stack().primary) == pytest.approx(1.0)


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("字与中文 TensorFlow“”（）：，。2019\u200b-"), max_size=40))
def test_a_line_grown_atom_by_atom_with_join_measures_as_the_whole_line(text: str) -> None:
    """The breaker adds atoms' widths and `join`; that is the width of the line measured whole."""
    s = stack()
    line, width = "", 0.0
    for atom in atoms(text):
        core = atom.rstrip()
        if core and line:
            width += s.join(line, atom) * SIZE
        width += s.width(atom, SIZE)
        line += atom
        if line.rstrip() == line and not any(ch.isspace() or ch == "\u200b" for ch in line[:1]):
            assert width == pytest.approx(s.width(line, SIZE), abs=1e-6), line


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60), st.floats(50, 400))
def test_lines_broken_with_the_office_measure_lose_nothing_and_fit(text: str, width: float) -> None:
    s = stack()
    lines = break_lines(text, width, lambda t: s.width(t, SIZE), join=lambda a, b: s.join(a, b) * SIZE)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:
        assert s.width(line, SIZE) <= width + 1e-6 or len(atoms(line)) == 1 or len(line) == 1


def test_the_deck_stacks_name_the_east_asian_face_of_the_content_language() -> None:
    theme = load_theme(None)
    zh, ja = office_stacks(theme, "zh-CN"), office_stacks(theme, "ja")
    assert zh.body.ea is not None and "Kai" in zh.body.ea.path.name
    assert ja.body.ea is not None and "Klee" in ja.body.ea.path.name
    assert zh.heading.ea is not None and "Bold" in zh.heading.ea.path.name
    assert office_stacks(theme, "zh-CN").body is zh.body  # kept, with what it measured


@pytest.mark.parametrize("name", ["Carlito-Regular.ttf", "Carlito-Bold.ttf"])
def test_each_pair_read_from_its_row_is_the_whole_tables_pair(name: str) -> None:
    face = load_face(fonts_dir() / name)
    s = OfficeStack((face,), system=False)
    table = gpos_pairs(face)
    assert all(s.kern(face, pair[0], pair[1]) == value for pair, value in table.items())
    assert kerning_rows.__wrapped__(face.path) == kerning_rows(face.path)  # as kept in the cache folder
    assert s.kern(face, "字", "T") == 0.0 and s.kern(face, "T", "\u0300") == table.get("T\u0300", 0.0)


def gpos_pair(path, first: str, second: str) -> float:
    """The 'kern' feature's adjustment of `first` before `second`, in ems, read with fontTools from the font's GPOS
    pair tables directly (by glyph, first lookup that has the pair), as a shaper applies it."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path))
    cmap, upm, gpos = font.getBestCmap(), font["head"].unitsPerEm, font["GPOS"].table
    a, b = cmap[ord(first)], cmap[ord(second)]
    lookups = sorted(
        {i for r in gpos.FeatureList.FeatureRecord if r.FeatureTag == "kern" for i in r.Feature.LookupListIndex}
    )
    for index in lookups:
        lookup = gpos.LookupList.Lookup[index]
        for table in lookup.SubTable:
            table = table.ExtSubTable if lookup.LookupType == 9 else table
            if a not in table.Coverage.glyphs:
                continue
            if table.Format == 1:
                pairs = table.PairSet[table.Coverage.glyphs.index(a)].PairValueRecord
                for record in pairs:
                    if record.SecondGlyph == b and record.Value1 is not None:
                        return getattr(record.Value1, "XAdvance", 0) / upm
            else:
                row = table.Class1Record[table.ClassDef1.classDefs.get(a, 0)]
                value = row.Class2Record[table.ClassDef2.classDefs.get(b, 0)].Value1
                if value is not None and getattr(value, "XAdvance", 0):
                    return value.XAdvance / upm
    return 0.0


@pytest.mark.parametrize("east_asian", [True, False])
@pytest.mark.parametrize("pair", ["Tó", "Fé", "Yá", "Ťo", "Lť", "“A", "’s", "Та", "Уо", "Το", "Tổ"])
def test_latin_beyond_ascii_is_kerned_as_the_fonts_gpos_says_with_or_without_an_east_asian_face(
    pair: str, east_asian: bool
) -> None:
    # LibreOffice kerns a run's Latin, Greek and Cyrillic text ("Tó", "Та", "Το", "Tổ", curly quotes), whether the
    # run names an East Asian face or not; the measure kerned only ASCII without one, and never Greek or Cyrillic.
    carlito = stack().primary
    s = OfficeStack(stack().faces, system=False, ea=stack().ea if east_asian else None)
    value = gpos_pair(carlito.path, *pair)
    assert value != 0.0  # pairs the font kerns
    assert s.ems(pair) == carlito.advance(pair[0]) + carlito.advance(pair[1]) + value


def test_latin_in_a_right_to_left_line_is_kerned_too() -> None:
    dejavu = load_face(fonts_dir() / "DejaVuSans.ttf")
    s = OfficeStack((stack().primary, dejavu), system=False, ea=stack().ea)
    arabic = "سلام"
    value = gpos_pair(stack().primary.path, "T", "o")
    # "To" kerned as in a left-to-right line (the measure added plain advances to a line with Arabic in it)
    assert value < 0 and s.ems("To") == stack().primary.advance("T") + stack().primary.advance("o") + value
    assert s.ems(f"To {arabic}") == pytest.approx(s.ems("To") + s.ems(f" {arabic}"))
    assert s.ems(f"{arabic} To") == pytest.approx(s.ems(f"{arabic} ") + s.ems("To"))


@cache
def gpos_pairs(face: Face) -> dict[str, float]:
    """The whole kerning table of `face`, by the two characters, read from its GPOS with fontTools."""
    return _read_kerning(face.path)


def whole_table_ems(s: OfficeStack, text: str) -> float:
    """The office width in ems as measured before the ASCII pairs were read apart: every pair from the whole
    table, the advances and pairs added one by one in the text's order."""
    if text.isascii():
        ems = sum(map(s.em, text))
        pairs = gpos_pairs(s.primary)
        if pairs and len(text) > 1:
            ems += sum(pairs.get(text[i : i + 2], 0.0) for i in range(len(text) - 1))
        return ems
    if has_rtl(text):
        text = joined(text)
    total = gap = 0.0
    previous, before, last = WEAK, None, ""
    for ch, script in zip(text, script_types(text), strict=True):
        advance, after, face = s.setting(ch, script)
        if not advance and is_ignorable(ch):
            continue
        if script != previous and previous != WEAK:
            total += gap
        elif face is before:
            total += gpos_pairs(face).get(last + ch, 0.0)
        total += advance
        gap, previous, before, last = after, script, face, ch
    return total


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=40),
        st.text(st.characters(max_codepoint=0x7F), max_size=40),
        st.text(
            st.one_of(st.characters(max_codepoint=0x24F), st.characters(min_codepoint=0x2000, max_codepoint=0x206F)),
            max_size=40,
        ),
        st.text(st.sampled_from("字与中文 TensorFlow“”’—é（）：，。2019\u200b\u00ad-"), max_size=40),
    ),
    st.booleans(),
)
def test_the_office_width_is_the_one_measured_with_the_whole_kerning_table(text: str, east_asian: bool) -> None:
    # Reading the ASCII pairs apart (and adding ASCII text's advances at C speed) changes no width, not by a bit.
    s = OfficeStack(stack().faces, system=False, ea=stack().ea if east_asian else None)
    assert s.ems(text) == whole_table_ems(s, text)
    assert s.width(text, SIZE) == whole_table_ems(s, text) * SIZE


@settings(max_examples=examples(100, deep=300), deadline=None)
@given(st.text(st.characters(max_codepoint=0x7F), max_size=60), st.integers(0, 60), st.integers(0, 60))
def test_a_slice_of_ascii_text_measures_as_the_slice_itself(text: str, a: int, b: int) -> None:
    # Fitting measures atoms and lines as slices of their paragraph's listed advances and pairs.
    s = OfficeStack(stack().faces, system=False, ea=stack().ea)
    span = s.spans(text)
    assert span is not None and s.spans(text + "字") is None
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    assert span(a, b) == s.ems(text[a:b])


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from("字中 \u3000“”（）A-V.T\u200b\u00a0é\u0301"), max_size=20) | st.text(max_size=20),
    st.text(st.sampled_from("字中 “”（）A-V.To\u200b"), min_size=1, max_size=20) | st.text(min_size=1, max_size=20),
)
def test_a_join_kept_by_its_characters_is_the_join_of_the_whole_context(left: str, right: str) -> None:
    """`join` keeps the usual case (a strong character starts the atom) by the characters that decide it; any
    left and right give what `_join` gives for the whole of the context the breaker passes."""
    s = OfficeStack(stack().faces, system=False, ea=stack().ea)  # a fresh stack: nothing kept yet
    expected = s._join(left[-16:], right[:17]) if left and right else 0.0
    assert s.join(left, right) == expected
    assert s.join(left, right) == expected  # and once kept


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(max_codepoint=0x7F), max_size=80), st.data())
def test_a_slice_of_ascii_text_measures_as_the_slice_alone(text: str, data: st.DataObject) -> None:
    """`spans` gives each slice the width `ems` gives the slice alone, to the bit, whether its words were kept."""
    s = OfficeStack(stack().faces, system=False, ea=stack().ea)
    span = s.spans(text)
    assert span is not None
    for _ in range(3):
        a = data.draw(st.integers(0, len(text)))
        b = data.draw(st.integers(a, len(text)))
        fresh = OfficeStack(stack().faces, system=False, ea=stack().ea)
        assert span(a, b) == fresh.ems(text[a:b]) == span(a, b)
    assert s.spans(text + "é") is None


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=120), st.data())
def test_the_reach_of_ascii_text_is_no_less_than_the_breakers(text: str, data: st.DataObject) -> None:
    """`ascii_reach`, found from the text's advances and kerning alone, bounds the breaker's reach (the sum of
    the magnitudes of what it adds up over the atoms), with links or without: fitting takes a paragraph for one
    line by it."""
    s = stack()
    cut = data.draw(st.integers(0, len(text)))
    fields = ((data.draw(st.integers(0, cut)), cut),) if cut else ()
    bound = s.ascii_reach(text)
    assert bound is not None
    assert reach(text, s.ems, join=s.join, fields=fields, spans=s.spans) <= bound * (1 + 1e-12)
    assert s.ascii_reach(text + "\u00e9") is None and s.ascii_reach(text + "\t") is None


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("AVTo.,-' ()→·éÉ“”’—…ßçøŁłT"), max_size=120), st.data())
def test_the_reach_of_latin_text_is_no_less_than_the_breakers(text: str, data: st.DataObject) -> None:
    """`latin_reach` bounds the breaker's reach for printable text of Latin and weak characters the primary face
    draws (a link line's arrows and dots, accents, curly quotes), with links or without; East Asian, right-to-left
    and ignorable characters are left to the breaker's own reach."""
    s = stack()
    cut = data.draw(st.integers(0, len(text)))
    fields = ((data.draw(st.integers(0, cut)), cut),) if cut else ()
    bound = s.latin_reach(text)
    assert bound is not None
    assert reach(text, s.ems, join=s.join, fields=fields, spans=s.spans) <= bound * (1 + 1e-12)
    for other in ("字", "\u05d0", "\u200d", "\u00a0"):
        assert s.latin_reach(text + other) is None
