"""The sketch options a command passes on are checked into the types `sketch_plan` takes (decks.plan)."""

from __future__ import annotations

import pytest

from decks.errors import OutputError
from decks.options import OptionValue
from decks.plan import SKETCH_OPTIONS, sketch_options


def test_each_choice_of_each_option_passes_as_it_is() -> None:
    for option in SKETCH_OPTIONS:
        for choice in option.choices or ():
            assert sketch_options({option.name: choice}) == {option.name: choice}


def test_options_not_given_stay_out_and_none_stays_none() -> None:
    assert sketch_options({}) == {}
    assert sketch_options({"layout": None, "max_takeaways": None, "no_abridge": False}) == {
        "layout": None,
        "max_takeaways": None,
        "no_abridge": False,
    }


@pytest.mark.parametrize(
    ("name", "value"),
    [("layout", "spiral"), ("paper", "A4"), ("orientation", 1), ("qr", "some"), ("max_takeaways", "3")],
)
def test_a_value_no_option_may_hold_is_an_output_error_naming_it(name: str, value: OptionValue) -> None:
    with pytest.raises(OutputError) as caught:
        sketch_options({name: value})
    assert caught.value.problems[0].file == f"--{name.replace('_', '-')}"
