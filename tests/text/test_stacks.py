"""A theme's font stacks: each role's own font first, then CJK, the fallbacks, then symbols."""

from __future__ import annotations

from decks.text.stacks import stacks_for
from decks.themes.loader import load_theme


def test_each_role_starts_with_its_own_font_and_falls_back_to_cjk_then_symbols() -> None:
    stacks = stacks_for(load_theme("default"))
    families = [face.family for face in stacks.body.faces]
    assert families[0] == "Calibri" and families[1] == "Recap Kai" and families[-1] == "DejaVu Sans"
    assert stacks.hand.primary.family == "Comic Neue"
    assert stacks.hand_bold.faces[1].path.name == "RecapKai-Bold.ttf"  # bold CJK for bold lettering


def test_stacks_are_built_once_per_theme_object() -> None:
    theme = load_theme("default")
    assert stacks_for(theme) is stacks_for(theme)


def test_hanzi_beyond_the_bold_subset_fall_back_to_the_regular_cjk_face() -> None:
    stacks = stacks_for(load_theme("default"))
    rare = "亍"  # in GB2312 level 2: the bold subset keeps level 1 only
    face = stacks.hand_bold.face_for(rare)
    assert face is not None and face.path.name == "RecapKai-Regular.ttf"
