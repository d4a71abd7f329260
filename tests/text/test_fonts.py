"""Font faces: metrics read once and cached on disk (RECAP_CACHE_DIR), font files checked before use."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.assets import fonts_dir
from decks.text import fonts
from decks.text.fallback import FontStack
from decks.text.fonts import FontFileError, check_font_file, load_face

LATO = fonts_dir() / "Lato-Regular.ttf"
KAI = fonts_dir() / "RecapKai-Regular.ttf"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "metrics"


@pytest.fixture
def user_font(tmp_path: Path) -> Path:
    """A font outside recap's own folder (bundled fonts ship their metrics and need no cache entry)."""
    copy = tmp_path / "fonts" / "UserLato.ttf"
    copy.parent.mkdir()
    copy.write_bytes(LATO.read_bytes())
    return copy


def read_uncached(path: Path) -> fonts.Face:
    """`load_face` without its in-process memo, so the disk cache is what is tested."""
    return load_face.__wrapped__(path)


def test_recap_cache_dir_redirects_the_metrics_cache(cache_dir: Path, user_font: Path) -> None:
    read_uncached(user_font)
    assert [p.suffix for p in cache_dir.iterdir()] == [".marshal"]


def test_the_second_load_reads_the_cache_file_not_the_font(
    cache_dir: Path, user_font: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read_uncached(user_font)

    def no_parsing(path: Path) -> None:
        raise AssertionError("the font was parsed again")

    monkeypatch.setattr(fonts, "read_metrics", no_parsing)
    second = read_uncached(user_font)
    assert second.advances == first.advances
    assert (second.family, second.units_per_em, second.ascent) == (first.family, first.units_per_em, first.ascent)


def test_a_damaged_cache_file_is_read_again_from_the_font(cache_dir: Path, user_font: Path) -> None:
    first = read_uncached(user_font)
    (cache_file,) = cache_dir.iterdir()
    cache_file.write_bytes(b"\0garbage")
    assert read_uncached(user_font).advances == first.advances


def test_a_changed_font_file_gets_a_new_cache_entry(cache_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "Copy.ttf"
    copy.write_bytes(LATO.read_bytes())
    read_uncached(copy)
    copy.write_bytes(LATO.read_bytes() + b"\0\0\0\0")
    read_uncached(copy)
    assert len(list(cache_dir.iterdir())) == 2


def test_an_unwritable_cache_still_loads_the_face(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("RECAP_CACHE_DIR", str(blocker))
    assert read_uncached(LATO).has("A")


def test_face_metrics_are_sane(cache_dir: Path) -> None:
    face = read_uncached(LATO)
    assert face.family == "Lato"
    assert face.has("A") and not face.has("我")
    assert 0.3 < face.advance("A") < 1
    assert face.width("AA", 10) == pytest.approx(2 * face.advance("A") * 10)
    assert face.line_height > 1


def test_the_stack_falls_back_to_the_cjk_face_per_character(cache_dir: Path) -> None:
    lato, kai = read_uncached(LATO), read_uncached(KAI)
    stack = FontStack((lato, kai), system=False)
    assert stack.face_for("A") is lato and stack.face_for("我") is kai
    assert stack.segments("AB我们C") == [(lato, "AB"), (kai, "我们"), (lato, "C")]
    assert stack.missing("A我\U0001f600") == {"\U0001f600"}
    assert stack.width("\u200b", 12) == 0


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


def test_fontconfig_is_asked_once_until_a_font_folder_changes(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts.shutil, "which", lambda name: "/usr/bin/fc-list")
    asked: list[str] = []

    def ask(fc_list: str, family: str) -> Path | None:
        asked.append(family)
        return LATO if family == "Lato" else None

    monkeypatch.setattr(fonts, "_ask_fontconfig", ask)
    monkeypatch.setattr(fonts, "font_folders_stamp", lambda: ["/usr/share/fonts:1"])
    find = fonts.find_system_font.__wrapped__  # without the in-process memo
    assert [find("Lato"), find("Lato"), find("Nothing"), find("Nothing")] == [LATO, LATO, None, None]
    assert asked == ["Lato", "Nothing"]  # the second answers, a file and none, came from the cache
    monkeypatch.setattr(fonts, "font_folders_stamp", lambda: ["/usr/share/fonts:2"])  # a font was installed
    assert find("Nothing") is None and asked == ["Lato", "Nothing", "Nothing"]


def test_fontconfig_that_cannot_be_asked_is_not_remembered(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts.shutil, "which", lambda name: "/usr/bin/fc-list")
    answers: list[Path | bool | None] = [False, LATO]
    monkeypatch.setattr(fonts, "_ask_fontconfig", lambda fc_list, family: answers.pop(0))
    find = fonts.find_system_font.__wrapped__
    assert find("Lato") is None  # fc-list failed (a timeout): no font this time
    assert find("Lato") == LATO  # and the failure was not kept


def test_the_family_is_the_typographic_family_or_the_family_or_the_file_name(tmp_path: Path) -> None:
    assert fonts.read_metrics(KAI)[0] == "Recap Kai"
    path = tmp_path / "Nameless.ttf"
    _font_with_glyphs(path, ["box"], {ord("a"): 1}, [[]], names={})
    assert fonts.read_metrics(path)[0] == "Nameless"


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
        family, upm, ascent, descent, gap, advances, notdef = fonts.read_metrics(path)
    except Exception:  # fontTools raises many kinds; the theme check words them for the user
        return
    assert isinstance(family, str) and family and upm > 0
    assert all(isinstance(v, float) and abs(v) < 65536 for v in (ascent, descent, gap))
    assert all(0 <= w <= 0xFFFF for w in advances.values()) and 0 <= notdef <= 0xFFFF


def test_a_face_reads_its_advances_only_when_a_character_is_measured(cache_dir: Path) -> None:
    read_uncached(KAI)  # fills the cache
    face = read_uncached(KAI)
    assert "advances" not in vars(face) and face.line_height > 1
    assert face.has("我") and not face.has("\U0001f600") and "advances" not in vars(face)  # from the code points
    assert face.advance("我") > 0.5 and "advances" in vars(face)


def test_every_bundled_font_ships_the_metrics_a_fresh_read_gives() -> None:
    for path in sorted(fonts_dir().glob("*.ttf")):
        shipped = fonts.bundled_metrics(path.resolve())
        assert shipped is not None, f"{path.name}: run tools/build_font_records.py"
        family, upm, ascent, descent, gap, advances, notdef = fonts.read_metrics(path)
        assert shipped[:6] == (family, upm, ascent, descent, gap, notdef), path.name
        assert shipped[6].as_dict() == advances, path.name


def test_a_bundled_font_is_measured_from_its_record_without_parsing(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_parsing(path: Path) -> None:
        raise AssertionError("the font was parsed")

    monkeypatch.setattr(fonts, "read_metrics", no_parsing)
    face = read_uncached(KAI)
    assert face.family and face.advance("我") > 0.5 and face.has("我")
    assert not cache_dir.exists() or not list(cache_dir.iterdir())  # the record is its cache


@pytest.mark.parametrize("change", ["a metric table", "the size", "the record"])
def test_a_record_is_not_used_for_a_font_that_changed_or_a_damaged_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    import struct

    folder = tmp_path / "fonts"
    (folder / "metrics").mkdir(parents=True)
    font = folder / LATO.name
    record = fonts_dir() / "metrics" / (LATO.name + ".marshal.z")
    data, kept = bytearray(LATO.read_bytes()), record.read_bytes()
    monkeypatch.setattr("decks.assets.fonts_dir", lambda: folder)
    font.write_bytes(data)
    (folder / "metrics" / record.name).write_bytes(kept)
    assert fonts.bundled_metrics(font.resolve()) is not None  # the copy, unchanged, is served
    if change == "a metric table":  # the cmap's checksum in the table directory, as a rebuilt font has
        count = int.from_bytes(data[4:6], "big")
        i = next(12 + 16 * k for k in range(count) if data[12 + 16 * k : 16 + 16 * k] == b"cmap")
        struct.pack_into(">L", data, i + 4, (struct.unpack_from(">L", data, i + 4)[0] + 1) % 2**32)
        font.write_bytes(data)
    elif change == "the size":
        font.write_bytes(bytes(data) + b"\0\0\0\0")
    else:
        (folder / "metrics" / record.name).write_bytes(kept[: len(kept) // 2])
    assert fonts.bundled_metrics(font.resolve()) is None


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
    advances = fonts.read_metrics(path)[5]
    for cp in cmap:
        drawn = _drawn(path, cp)
        if cp in advances and not fonts.blank_ok(cp):
            assert drawn, f"U+{cp:04X} counted as covered by a glyph without an outline"
        assert (cp in advances) == (drawn or fonts.blank_ok(cp)), f"U+{cp:04X}"


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
        assert fonts.blank_ok(ord(ch)), f"U+{ord(ch):04X}"
    for ch in "a在한\u0301\U0001f600\ufffc":
        assert not fonts.blank_ok(ord(ch)), f"U+{ord(ch):04X}"
