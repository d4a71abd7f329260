"""Icon choice: the content's own icon, else a match from the item's words by the curated map (tested on 100 real
announcement titles), never a bare digit or letter."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decks.model import Item
from decks.plan import icons
from tests.conftest import FIXTURES

sys.path.insert(0, str(FIXTURES))
from icon_titles import TITLES


def test_the_contents_icon_wins_when_the_set_has_it() -> None:
    assert icons.choose(Item(title="Datasets", icon="rocket")).name == "rocket"


def test_an_unknown_icon_name_falls_back_to_a_match_from_the_words() -> None:
    assert icons.choose(Item(title="TensorFlow Datasets", icon="no-such-icon")).name == "database"


@pytest.mark.parametrize("title", ["One", "Two things", "A", "7 ideas"])
def test_digit_and_letter_icons_are_never_chosen_from_words(title: str) -> None:
    assert len(icons.choose(Item(title=title)).name) >= 3


def test_the_icon_character_is_in_the_font_awesome_font() -> None:
    from decks.text.fonts import load_face

    icon = icons.choose(Item(title="Launch day", tags=["release"]))
    assert load_face(icon.font).has(icon.char)


@pytest.mark.parametrize(("title", "tags", "fitting"), TITLES, ids=[t[0] for t in TITLES])
def test_a_real_announcement_title_gets_a_fitting_icon(title, tags, fitting) -> None:
    icon, why = icons.explain(Item(title=title, tags=list(tags)))
    assert icon.name in fitting, f"{title!r} got {icon.name} ({why})"


def test_the_table_holds_a_hundred_titles_in_four_languages() -> None:
    import re

    assert len(TITLES) == 100
    assert any(re.search("[\u4e00-\u9fff]", t) for t, _, _ in TITLES)
    assert any(re.search("[\u30a0-\u30ff]", t) for t, _, _ in TITLES)
    assert any(re.search("[\uac00-\ud7af]", t) for t, _, _ in TITLES)


@pytest.mark.parametrize(
    ("title", "wrong"),
    [
        ("Kotlin 2.0 released", "backward"),
        ("Android 15 preview", "file-pdf"),
        ("Keynote", "file-powerpoint"),
        ("Hardware", "ethernet"),
    ],
)
def test_the_misfires_of_font_awesome_search_terms_are_gone(title, wrong) -> None:
    assert icons.choose(Item(title=title)).name not in (wrong, "lightbulb")


def test_tags_come_before_the_title_and_the_title_before_the_summary() -> None:
    item = Item(title="Kotlin", summary="A dinner", tags=["security"])
    assert icons.explain(item) == (icons.get("shield-halved"), "tag 'security'")
    assert icons.choose(Item(title="Kotlin", summary="A dinner")).name == "code"
    assert icons.choose(Item(title="Day two", summary="A dinner")).name == "utensils"


def test_an_explicit_icon_always_wins_over_the_words() -> None:
    item = Item(title="Kotlin 2.0 released", tags=["security"], icon="gem")
    assert icons.explain(item) == (icons.get("gem"), "icon: gem")


def test_chosen_lists_each_items_icon_and_why_for_recap_check() -> None:
    rows = icons.chosen([Item(title="Keynote"), Item(title="Zzz", icon="rocket"), Item(title="Zzz")])
    assert rows == [
        ("Keynote", "microphone", "title word 'keynote'"),
        ("Zzz", "rocket", "icon: rocket"),
        ("Zzz", "lightbulb", "default"),
    ]


def test_every_word_names_an_icon_of_the_set_and_no_word_names_two() -> None:
    import yaml

    from decks.assets import assets_dir

    data = yaml.safe_load((assets_dir() / "icons" / "words.yaml").read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for tier in data.values():
        for icon, words in tier.items():
            assert icons.exists(icon), icon
            for word in words:
                w = str(word).lower()
                assert seen.setdefault(w, icon) == icon, f"{w!r} names {seen[w]} and {icon}"


# Any text the model accepts: every character but the ones it refuses (decks.model.chars).
_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn")), max_size=60)


@given(_TEXT, st.lists(_TEXT.map(lambda t: t[:12]), max_size=3))
def test_any_text_gets_an_icon_the_font_has(title, tags) -> None:
    from decks.text.fonts import load_face

    icon = icons.choose(Item(title="x" + title, tags=["t" + t for t in tags]))
    assert load_face(icon.font).has(icon.char)


def test_the_icon_map_is_read_from_the_cache_folder_once_parsed_and_rebuilt_when_its_entry_is_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path))
    first = icons._words.__wrapped__()  # without the in-process memo: parsed, then kept
    assert first == icons._words()

    def no_parsing(text: str) -> None:
        raise AssertionError("the map was parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(yaml, "safe_load", no_parsing)
        assert icons._words.__wrapped__() == first
    for entry in (tmp_path / "icons-data").iterdir():
        entry.write_bytes(b"\0damaged")
    assert icons._words.__wrapped__() == first
    assert icons.index.__wrapped__() == icons.index()
