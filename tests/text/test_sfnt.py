"""Font files: checked before use, read with fontTools, a character counted only when its glyph has ink."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.assets import fonts_dir
from decks.text import sfnt
from decks.text.fallback import FontStack
from decks.text.metrics import load_face
from decks.text.sfnt import FontFileError, check_font_file

LATO = fonts_dir() / "Lato-Regular.ttf"
KAI = fonts_dir() / "RecapKai-Regular.ttf"


def test_check_font_file_accepts_truetype_and_refuses_the_rest(tmp_path: Path) -> None:
    check_font_file(LATO)
    with pytest.raises(FontFileError, match="not found"):
        check_font_file(tmp_path / "missing.ttf")
    otf = tmp_path / "cff.otf"
    otf.write_bytes(b"OTTO" + b"\0" * 20)
    with pytest.raises(FontFileError, match="CFF"):
        check_font_file(otf)
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"hello world, not a font")
    with pytest.raises(FontFileError, match="not a TrueType font"):
        check_font_file(junk)


def test_the_family_is_the_typographic_family_or_the_family_or_the_file_name(tmp_path: Path) -> None:
    assert sfnt.read_metrics(KAI)[0] == "Recap Kai"
    path = tmp_path / "Nameless.ttf"
    _font_with_glyphs(path, ["box"], {ord("a"): 1}, [[]], names={})
    assert sfnt.read_metrics(path)[0] == "Nameless"


COMIC = (fonts_dir() / "ComicNeue-Regular.ttf").read_bytes()


def _read_spans(font: bytes) -> list[tuple[int, int]]:
    """The byte ranges the reader reads: the table directory and the tables that hold the metrics."""
    import struct

    count = int.from_bytes(font[4:6], "big")
    spans = [(0, 12 + 16 * count)]
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sLLL", font, 12 + 16 * i)
        if tag in (b"head", b"maxp", b"hhea", b"hmtx", b"cmap", b"OS/2", b"name", b"loca", b"glyf"):
            spans.append((offset, offset + min(length, 4096) - 1))
    return spans


_DAMAGE_AT = st.sampled_from(_read_spans(COMIC)).flatmap(lambda span: st.integers(*span))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_DAMAGE_AT, st.binary(min_size=1, max_size=4)), min_size=1, max_size=3))
def test_a_damaged_font_is_refused_or_read_as_numbers_a_font_could_have(
    tmp_path: Path, damage: list[tuple[int, bytes]]
) -> None:
    raw = bytearray(COMIC)
    for at, data in damage:
        raw[at : at + len(data)] = data[: len(raw) - at]
    path = tmp_path / "damaged.ttf"
    path.write_bytes(bytes(raw))
    try:
        family, upm, ascent, descent, gap, advances, notdef = sfnt.read_metrics(path)
    except Exception:  # fontTools raises many kinds; the theme check words them for the user
        return
    assert isinstance(family, str) and family and upm > 0
    assert all(isinstance(v, float) and abs(v) < 65536 for v in (ascent, descent, gap))
    assert all(0 <= w <= 0xFFFF for w in advances.values()) and 0 <= notdef <= 0xFFFF


# --- ink, not cmap: a character mapped to a glyph without an outline is missing -----------------------------


def _font_with_glyphs(
    path: Path, kinds: list[str], cmap: dict[int, int], parts: list[list[int]], names: dict[str, str] | None = None
) -> None:
    """A TrueType font whose glyph i+1 is kinds[i]: "empty" (no outline), "box" (one contour) or "composite" (of
    the glyphs parts[i], which may all be empty); `cmap` maps code points to glyph indices."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    order = [".notdef"] + [f"g{i + 1}" for i in range(len(kinds))]
    glyphs = {}
    for i, name in enumerate(order):
        pen = TTGlyphPen(glyphs)  # components refer to earlier glyphs only
        kind = "box" if i == 0 else kinds[i - 1]
        if kind == "box":
            pen.moveTo((50, 0))
            pen.lineTo((50, 500))
            pen.lineTo((450, 500))
            pen.lineTo((450, 0))
            pen.closePath()
        elif kind == "composite":
            for part in parts[i - 1]:
                pen.addComponent(order[part], (1, 0, 0, 1, 0, 0))
        glyphs[name] = pen.glyph()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({cp: order[gid] for cp, gid in cmap.items()})
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (500 + 10 * i, 0) for i, name in enumerate(order)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Ink Test", "styleName": "Regular"} if names is None else names)
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))


def _drawn(path: Path, cp: int) -> bool:
    """Whether fontTools' BoundsPen finds an outline for the glyph `cp` is mapped to."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    font = TTFont(str(path))
    glyph_set = font.getGlyphSet()
    pen = BoundsPen(glyph_set)
    glyph_set[font.getBestCmap()[cp]].draw(pen)
    return pen.bounds is not None


_CODE_POINTS = st.integers(0x20, 0x10FFFF).filter(lambda cp: not 0xD800 <= cp <= 0xDFFF)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_ink_coverage_never_counts_a_character_mapped_to_a_glyph_without_an_outline(
    tmp_path: Path, data: st.DataObject
) -> None:
    kinds = data.draw(st.lists(st.sampled_from(["empty", "box", "composite"]), min_size=1, max_size=8))
    parts = [data.draw(st.lists(st.integers(1, i), max_size=3)) if i else [] for i in range(len(kinds))]
    parts = [p if kinds[i] == "composite" else [] for i, p in enumerate(parts)]
    cmap = data.draw(st.dictionaries(_CODE_POINTS, st.integers(1, len(kinds)), min_size=1, max_size=12))
    path = tmp_path / "ink.ttf"
    _font_with_glyphs(path, kinds, cmap, parts)
    advances = sfnt.read_metrics(path)[5]
    for cp in cmap:
        drawn = _drawn(path, cp)
        if cp in advances and not sfnt.blank_ok(cp):
            assert drawn, f"U+{cp:04X} counted as covered by a glyph without an outline"
        assert (cp in advances) == (drawn or sfnt.blank_ok(cp)), f"U+{cp:04X}"


def test_a_users_font_with_blank_glyphs_falls_back_like_a_missing_one(tmp_path: Path, cache_dir: Path) -> None:
    # "在" and "和" map to blank glyphs (as in Nanum Pen Script), "한" to an outline, the space to a blank glyph.
    path = tmp_path / "PenLike.ttf"
    _font_with_glyphs(path, ["empty", "box"], {ord("在"): 1, ord("和"): 1, ord("한"): 2, 0x20: 1}, [[], []])
    pen, kai = load_face(path), load_face(KAI)
    assert not pen.has("在") and not pen.has("和") and pen.has("한") and pen.has(" ")
    stack = FontStack((pen, kai), system=False)
    assert stack.draws("在") is kai and stack.draws("한") is pen and stack.draws(" ") is pen
    assert [face for face, _ in stack.segments("在한")] == [kai, pen]
    alone = FontStack((pen,), system=False)
    assert alone.missing("在移한 ") == {"在", "移"}  # a blank glyph is as missing as no glyph


def test_a_blank_glyph_counts_for_white_space_and_format_characters_only() -> None:
    for ch in " \u00a0\u3000\u200b\u200d\u2060\ufe0f\u3164":
        assert sfnt.blank_ok(ord(ch)), f"U+{ord(ch):04X}"
    for ch in "a在한\u0301\U0001f600\ufffc":
        assert not sfnt.blank_ok(ord(ch)), f"U+{ord(ch):04X}"
