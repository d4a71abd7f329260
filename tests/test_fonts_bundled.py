"""The bundled fonts (assets/fonts, built by tools/build_fonts.py): what each language needs, under budget,
renamed where a licence reserves the name, and each with its licence file."""

from __future__ import annotations

from functools import cache

import pytest
from fontTools.ttLib import TTFont

from decks.assets import fonts_dir

BUDGET = 40_000_000  # all bundled fonts together, bytes


@cache
def cmap(name: str) -> frozenset[int]:
    return frozenset(TTFont(fonts_dir() / name, lazy=True).getBestCmap())


def decoded(codec: str, leads: range, trails: range) -> set[int]:
    found = set()
    for lead in leads:
        for trail in trails:
            try:
                found.add(ord(bytes((lead, trail)).decode(codec)))
            except UnicodeDecodeError:
                continue
    return found


def test_all_bundled_fonts_stay_under_the_budget() -> None:
    total = sum(p.stat().st_size for p in fonts_dir().glob("*.tt[fc]"))
    assert total < BUDGET, f"{total:,} bytes"


def test_japanese_text_finds_kana_and_every_jis_level_1_and_2_kanji() -> None:
    jis = decoded("euc_jp", range(0xB0, 0xF5), range(0xA1, 0xFF))  # level 1 from row 16, level 2 to row 84
    kana = set(range(0x3041, 0x3097)) | set(range(0x30A1, 0x30FB))
    assert len(jis) == 6355
    # Klee One itself lacks one of them (牙, U+7259): Japanese text draws it from Recap Kai.
    assert (jis | kana) - cmap("RecapKlee-Regular.ttf") == {0x7259}
    assert not (jis | kana) - cmap("RecapKlee-Regular.ttf") - cmap("RecapKai-Regular.ttf")


@pytest.mark.parametrize("name", ["RecapPen-Regular.ttf", "RecapGothicKR-Regular.ttf"])
def test_korean_faces_have_all_11172_hangul_syllables(name: str) -> None:
    assert set(range(0xAC00, 0xD7A4)) <= cmap(name)


@pytest.mark.parametrize("name", ["RecapKai-Regular.ttf", "RecapKai-Bold.ttf"])
def test_chinese_faces_have_gb2312_and_big5_level_1(name: str) -> None:
    gb = decoded("gb2312", range(0xB0, 0xF8), range(0xA1, 0xFF))
    big5 = {cp for cp in decoded("big5", range(0xA4, 0xC7), range(0x40, 0xFF)) if 0x4E00 <= cp <= 0x9FFF}
    assert len(gb) == 6763 and len(big5) == 5401
    assert not (gb | big5) - cmap(name)


def test_subsets_are_renamed_away_from_reserved_font_names_and_carry_their_licence() -> None:
    reserved = ("LXGW", "霞鹜", "WenKai", "Nanum", "나눔", "Naver", "Klee One", "Symbola", "Playpen", "Gaegu")
    for path in fonts_dir().glob("Recap*.ttf"):
        names = TTFont(path, lazy=True)["name"]
        for name_id in (1, 4, 6, 16):
            text = names.getDebugName(name_id) or ""
            assert not any(word.lower() in text.lower() for word in reserved), (path.name, name_id, text)
    readme = (fonts_dir() / "README.md").read_text(encoding="utf-8")
    for path in fonts_dir().glob("*.ttf"):
        row = next(line for line in readme.splitlines() if f"`{path.name}`" in line)
        licence = row.split("](")[1].split(")")[0]
        assert (fonts_dir() / licence).is_file(), (path.name, licence)


@cache
def _inked(name: str) -> frozenset[int]:
    """The characters of a bundled font whose glyph has an outline: a point once composites are resolved (a
    TrueType font's glyf table, read without drawing), or bounds from fontTools' BoundsPen (any other outlines)."""
    font = TTFont(fonts_dir() / name)
    found = set()
    if "glyf" in font:
        glyf = font["glyf"]
        for cp, glyph in font.getBestCmap().items():
            if len(glyf[glyph].getCoordinates(glyf)[0]):
                found.add(cp)
        return frozenset(found)
    from fontTools.pens.boundsPen import BoundsPen

    glyphs = font.getGlyphSet()
    for cp, glyph in font.getBestCmap().items():
        pen = BoundsPen(glyphs)
        glyphs[glyph].draw(pen)
        if pen.bounds is not None:
            found.add(cp)
    return frozenset(found)


@pytest.mark.parametrize("name", ["RecapPen-Regular.ttf", "RecapHand-Regular.ttf", "RecapHandKR-Regular.ttf"])
def test_the_hand_faces_map_no_character_to_a_blank_glyph(name: str) -> None:
    from decks.text.sfnt import blank_ok

    blank = {cp for cp in cmap(name) - _inked(name) if not blank_ok(cp)}  # spaces, joiners, fillers are blank
    assert not blank, [chr(cp) for cp in sorted(blank)][:20]


def test_no_built_font_maps_a_character_recap_would_count_as_missing() -> None:
    from decks.text.sfnt import read_metrics

    for path in sorted(fonts_dir().glob("Recap*.ttf")):
        metrics = read_metrics(path)
        assert set(metrics[5]) == cmap(path.name) | ({0xA0} & set(metrics[5])), path.name


VIETNAMESE = "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
GREEK = "αβγδεζηθικλμνξοπρσςτυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩάέήίόύώϊϋΐΰ"
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯіїєґІЇЄҐўЎ"


@pytest.mark.parametrize("name", ["RecapHand-Regular.ttf", "RecapHand-Bold.ttf"])
def test_the_latin_hand_face_draws_vietnamese_greek_and_cyrillic_letters(name: str) -> None:
    letters = {ord(ch) for ch in VIETNAMESE + VIETNAMESE.upper() + GREEK + CYRILLIC}
    assert not letters - _inked(name), "".join(chr(cp) for cp in sorted(letters - _inked(name)))


@pytest.mark.parametrize("name", ["RecapHandKR-Regular.ttf", "RecapHandKR-Bold.ttf"])
def test_the_korean_hand_face_draws_the_2350_hangul_syllables_of_ks_x_1001(name: str) -> None:
    ks = {cp for cp in decoded("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF)) if 0xAC00 <= cp <= 0xD7A3}
    assert len(ks) == 2350
    assert not ks - cmap(name)
