"""The plan's roles are typed: every value a plan holds is one its `Literal` names, and the content model's item
layouts are the plan's."""

from __future__ import annotations

from typing import get_args

import msgspec
import pytest

from decks import plan
from decks.model import ItemLayout
from decks.plan.deck.plan import ITEM_LAYOUTS, LAYOUTS, Design, Para, Slide, TextBox
from decks.readers.content import load_content
from decks.themes.loader import load_theme
from tests.conftest import EXAMPLE_EN, EXAMPLE_ZH


def test_the_item_layouts_a_content_file_may_name_are_the_plans() -> None:
    assert [m.value for m in ItemLayout] == list(ITEM_LAYOUTS)
    assert {*LAYOUTS, ""} == set(get_args(Design))


@pytest.mark.parametrize("path", [EXAMPLE_EN, EXAMPLE_ZH])
@pytest.mark.parametrize("theme", ["default", "ink"])
def test_a_built_plan_holds_only_the_roles_its_types_name(path, theme: str) -> None:
    deck = plan.deck_plan(load_content(path), load_theme(theme))
    # Decoding checks every Literal field: a role the types do not name is a validation error.
    data = msgspec.to_builtins(deck.slides, enc_hook=str)
    again = msgspec.convert(data, tuple[Slide, ...], dec_hook=lambda kind, value: kind(value))
    assert again == deck.slides


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        (TextBox, {"role": "bdy", "box": {"x": 0, "y": 0, "w": 1, "h": 1}, "paras": []}),
        (TextBox, {"role": "body", "box": {"x": 0, "y": 0, "w": 1, "h": 1}, "paras": [], "anchor": "middle"}),
        (Para, {"runs": [], "size": 12, "pitch": 14, "align": "centre"}),
        (Para, {"runs": [{"text": "a", "color": "red"}], "size": 12, "pitch": 14}),
    ],
)
def test_a_misspelt_role_is_refused(kind: type, data: dict[str, object]) -> None:
    with pytest.raises(msgspec.ValidationError):
        msgspec.convert(data, kind)
