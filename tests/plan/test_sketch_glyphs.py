"""Icon outlines: a glyph's contours read with fontTools, flattened, and kept in the cache folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from decks.plan import icons
from decks.plan.sketch import glyphs


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    glyphs._kept.cache_clear()
    yield tmp_path / "cache" / "glyphs"
    glyphs._kept.cache_clear()


def _bounds(path: Path, char: str) -> tuple[float, float, float, float]:
    """The glyph's outline bounds as fontTools' BoundsPen finds them (curves at their extremes)."""
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    font = TTFont(str(path))
    glyph_set = font.getGlyphSet()
    pen = BoundsPen(glyph_set)
    glyph_set[font.getBestCmap()[ord(char)]].draw(pen)
    assert pen.bounds is not None
    return pen.bounds


def _extent(shape: glyphs.Contours) -> tuple[float, float, float, float]:
    xs = [x for contour in shape for x, _ in contour]
    ys = [y for contour in shape for _, y in contour]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize("name", ["rocket", "brain", "star", "utensils", "users", "microchip", "lightbulb"])
def test_an_icons_contours_are_closed_polylines_spanning_its_outline(name: str) -> None:
    font, char = icons.font_path(), icons.get(name).char
    shape = glyphs.contours(font, char)
    assert shape and all(len(c) > 2 and c[0] == c[-1] for c in shape)
    # The flattened curves reach the outline's extremes to within a unit (four steps a curve).
    assert _extent(shape) == pytest.approx(_bounds(font, char), abs=1.0)


def test_a_missing_glyph_has_no_contours() -> None:
    assert glyphs.contours(icons.font_path(), "\u0378") == ()  # unassigned: no font maps it


def test_a_glyph_drawn_once_is_read_from_the_cache_without_fonttools(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    font, char = icons.font_path(), icons.get("rocket").char
    first = glyphs.contours(font, char)
    assert [p.suffix for p in cache_dir.iterdir()] == [".marshal"]
    glyphs._kept.cache_clear()  # a new process

    def no_reading(path: Path, char: str) -> glyphs.Contours:
        raise AssertionError("the font was read again")

    monkeypatch.setattr(glyphs, "_read", no_reading)
    assert glyphs.contours(font, char) == first


def test_a_damaged_cache_entry_is_read_again_from_the_font(cache_dir: Path) -> None:
    import marshal

    from decks import cachedir

    font, char = icons.font_path(), icons.get("star").char
    first = glyphs.contours(font, char)
    name, _ = glyphs._kept(font.resolve())
    for forged in ({char: ((("x", 1),),)}, {char: (((float("nan"), 0.0),),)}, [1, 2], {"ab": ()}):
        cachedir.write("glyphs", name, marshal.dumps(forged))  # a well-signed entry that is not contours
        glyphs._kept.cache_clear()
        assert glyphs.contours(font, char) == first, forged


def test_a_cff_fonts_cubic_curves_are_drawn_as_quadratic_ones(tmp_path: Path) -> None:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    pen = T2CharStringPen(600, None)
    pen.moveTo((100, 0))
    pen.curveTo((100, 400), (500, 400), (500, 0))  # a cubic arch, its top at y = 300
    pen.closePath()
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", "arch"])
    builder.setupCharacterMap({ord("A"): "arch"})
    empty = T2CharStringPen(600, None)
    builder.setupCFF(
        "ArchTest", {"FullName": "Arch Test"}, {".notdef": empty.getCharString(), "arch": pen.getCharString()}, {}
    )
    builder.setupHorizontalMetrics({".notdef": (600, 0), "arch": (600, 100)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Arch Test", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    path = tmp_path / "arch.otf"
    builder.save(str(path))
    (arch,) = glyphs.contours(path, "A")
    assert arch[0] == arch[-1]
    assert _extent((arch,)) == pytest.approx((100, 0, 500, 300), abs=1.0)
