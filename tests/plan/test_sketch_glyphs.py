"""Icon outlines read from the glyf table without fontTools match fontTools' reading of the same glyphs."""

from __future__ import annotations

import pytest

from decks.plan import icons
from decks.plan.sketch import glyphs


@pytest.mark.parametrize("name", ["rocket", "brain", "star", "utensils", "users", "microchip", "lightbulb"])
def test_contours_match_fonttools(name) -> None:
    font = icons.font_path()
    char = icons.get(name).char
    fast = glyphs.contours(font, char)
    slow = glyphs._contours_fonttools(font, char)
    assert len(fast) == len(slow) > 0
    for a, b in zip(fast, slow, strict=True):
        for axis in (0, 1):
            # The same shape: its extent agrees to within a unit (curves are flattened at other steps).
            assert min(p[axis] for p in a) == pytest.approx(min(p[axis] for p in b), abs=1.0)
            assert max(p[axis] for p in a) == pytest.approx(max(p[axis] for p in b), abs=1.0)
        assert a[0] == pytest.approx(a[-1], abs=1e-6) or len(a) > 2


def test_every_icon_of_the_set_is_read_without_fonttools() -> None:
    _, codes, glyf, offsets = glyphs._tables(icons.font_path())
    drawn = [gid for gid in set(codes.values()) if offsets[gid] != offsets[gid + 1]]
    assert len(drawn) > 1300
    assert all(glyphs._points(glyf, offsets[gid]) is not None for gid in drawn)


def test_a_missing_glyph_has_no_contours() -> None:
    assert glyphs.contours(icons.font_path(), "A") == () or glyphs.contours(icons.font_path(), "\u0378") == ()
