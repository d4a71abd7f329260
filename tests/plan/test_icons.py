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
from icon_titles_languages import TITLES as LANGUAGE_TITLES


def test_the_contents_icon_wins_when_the_set_has_it() -> None:
    assert icons.choose(Item(title="Datasets", icon="rocket")).name == "rocket"


@pytest.mark.parametrize(
    ("name", "guess"), [("rocketship", "rocket"), ("pyhton", "python"), ("twiter", "twitter"), ("Rocket", "rocket")]
)
def test_an_unknown_icon_name_is_refused_with_the_closest_name(name: str, guess: str) -> None:
    from decks.model.typed import ValidationError

    with pytest.raises(ValidationError, match=f"unknown icon '{name}'; did you mean '{guess}'"):
        Item(title="TensorFlow Datasets", icon=name)


@pytest.mark.parametrize("name", ["python", "github", "twitter", "docker", "android", "rust"])
def test_a_brands_icon_is_drawn_from_the_brands_font_with_ink(name: str) -> None:
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    icon = icons.choose(Item(title="Anything at all", icon=name))
    assert icon.name == name and icon.font.name == "fa-brands-400.ttf" and icon.font in icons.icon_fonts()
    font = TTFont(icon.font)
    glyph = font.getBestCmap()[ord(icon.char)]
    pen = BoundsPen(font.getGlyphSet())
    font.getGlyphSet()[glyph].draw(pen)
    assert pen.bounds is not None  # an outline, not an empty glyph


def test_every_indexed_icon_is_in_the_bundled_font_of_its_style_with_the_licence_beside_it() -> None:
    from fontTools.ttLib import TTFont

    from decks.assets import assets_dir
    from decks.model.icon_names import STYLES, index

    folder = assets_dir() / "icons"
    assert "SIL OFL 1.1" in (folder / "LICENSE-FontAwesome.txt").read_text(encoding="utf-8")
    cmaps = {}
    for style in STYLES:
        path = icons.font_path(style)
        assert path.parent == folder and path.is_file()  # shipped in the wheel with assets/, not another package
        cmaps[style] = TTFont(path).getBestCmap()
    missing = [name for name, (code, _, _, style) in index().items() if int(code, 16) not in cmaps[style]]
    assert len(index()) > 1800 and missing == []


def test_a_name_both_sets_have_is_the_solid_one() -> None:
    assert icons.get("font-awesome").font.name == "fa-solid-900.ttf"


@pytest.mark.parametrize("title", ["One", "Two things", "A", "7 ideas"])
def test_digit_and_letter_icons_are_never_chosen_from_words(title: str) -> None:
    assert len(icons.choose(Item(title=title)).name) >= 3


def test_the_icon_character_is_in_the_font_awesome_font() -> None:
    from decks.text.metrics import load_face

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


def _table_files() -> list[Path]:
    from decks.assets import assets_dir

    return [assets_dir() / "icons" / "words.yaml", *sorted((assets_dir() / "icons" / "words").glob("*.yaml"))]


@pytest.mark.parametrize("path", _table_files(), ids=lambda p: p.stem)
def test_every_word_names_an_icon_of_the_set_and_no_word_names_two(path: Path) -> None:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    strip = path.stem != "vi"  # Vietnamese keeps its tone marks
    seen: dict[str, str] = {}
    for tier in ("specific", "broad", "generic"):
        for icon, words in data[tier].items():
            assert icons.exists(icon), icon
            for word in words:
                w = icons._fold(str(word), strip)  # two words that fold alike are one word when matched
                assert seen.setdefault(w, icon) == icon, f"{path.name}: {w!r} names {seen[w]} and {icon}"
    assert set(data) <= {"specific", "broad", "generic", "ignore"}
    english = icons._table("en")
    assert english is not None
    for word in data.get("ignore", ()):
        assert str(word) in english.words, f"{path.name}: ignores {word!r}, which the English table lacks"


def test_every_language_recap_has_words_for_has_a_keyword_table() -> None:
    from decks.i18n import available

    tables = {p.stem for p in _table_files()} - {"words"}
    assert tables == set(available()) - {"en"}


@pytest.mark.parametrize(
    ("language", "title", "fitting"), LANGUAGE_TITLES, ids=[f"{t[0]}-{t[1]}" for t in LANGUAGE_TITLES]
)
def test_a_title_in_each_language_gets_a_fitting_icon(language: str, title: str, fitting: set[str]) -> None:
    icon, why = icons.explain(Item(title=title), language=language)
    assert icon.name in fitting, f"{language} {title!r} got {icon.name} ({why})"


def test_every_language_has_titles_in_the_table() -> None:
    from decks.i18n import available, locale_for

    assert {locale_for(language) for language, _, _ in LANGUAGE_TITLES} == set(available()) - {"en"}


@pytest.mark.parametrize(
    ("language", "title", "english_talk", "own_talk"),
    [
        # An English word that is an ordinary word of the talk's language is not matched in that language
        ("pt", "Data e local do encontro", "database", "users"),
        ("vi", "Ai cũng học lập trình", "brain", "code"),
        # A Japanese word is not looked for in a Chinese talk (分散 is "distributed" in Japanese, "distract" in
        # 分散注意力)
        ("zh-CN", "如何避免分散注意力", "network-wired", "lightbulb"),
    ],
)
def test_a_languages_table_is_used_for_a_talk_in_that_language(
    language: str, title: str, english_talk: str, own_talk: str
) -> None:
    assert icons.choose(Item(title=title), language="en").name == english_talk
    assert icons.choose(Item(title=title), language=language).name == own_talk


def test_a_word_inside_a_longer_match_does_not_choose_the_icon() -> None:
    assert icons.choose(Item(title="Machine learning on phones")).name == "mobile-screen"  # not "learning"
    assert icons.choose(Item(title="机器学习"), language="zh-CN").name == "brain"  # not 学习, a course
    assert icons.choose(Item(title="Apprentissage automatique"), language="fr").name == "brain"


@pytest.mark.parametrize(
    ("language", "title", "keyword"),
    [
        # Arabic: كود (code) inside ركود (a slump); ر is no prefix
        ("ar", "ركود الأسواق", "code"),
        # امن (security) inside الآمنة (the safe one, feminine): ال + امنة is a longer word
        ("ar", "الطرق الآمنة", "shield-halved"),
        # Hebrew: קוד (code) inside פקודות (commands) and after a prefix letter in מקודד (an encoder)
        ("he", "פקודות שימושיות", "code"),
        ("he", "מקודד ומפענח", "code"),
        # רשת (a network) inside המרשתת (the internet): ה + מ + רשתת is a longer word
        ("he", "המרשתת", "network-wired"),
    ],
)
def test_a_word_that_merely_contains_a_keyword_is_not_matched_in_arabic_and_hebrew(
    language: str, title: str, keyword: str
) -> None:
    assert icons.choose(Item(title=title), language=language).name != keyword


@pytest.mark.parametrize(
    ("language", "title", "icon"),
    [
        ("ar", "بيانات", "database"),
        ("ar", "البيانات", "database"),
        ("ar", "والبيانات", "database"),
        ("ar", "فبالبيانات", "database"),
        ("ar", "للبيانات", "database"),
        ("he", "נתונים", "database"),
        ("he", "הנתונים", "database"),
        ("he", "וכשמהנתונים", "database"),
    ],
)
def test_an_arabic_or_hebrew_word_matches_alone_and_after_its_prefixes(language: str, title: str, icon: str) -> None:
    assert icons.choose(Item(title=title), language=language).name == icon


def test_prefixes_are_taken_off_only_in_arabic_and_hebrew_talks() -> None:
    # The same letters in a talk of another language are a word of their own
    assert icons.choose(Item(title="والبيانات"), language="fr").name == "lightbulb"
    assert icons.choose(Item(title="הנתונים"), language="en").name == "lightbulb"
    # and a Latin word with a Latin "prefix" is not cut in any talk
    assert icons.choose(Item(title="Bweb"), language="ar").name == "lightbulb"


def _examples() -> list[Path]:
    from tests.conftest import ROOT

    return [*sorted((ROOT / "content").glob("*.yaml")), FIXTURES / "languages" / "vi.yaml"]


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.name)
def test_the_examples_items_get_a_meaningful_icon_from_their_words_alone(path: Path) -> None:
    """With no `icon:` and no tags, most items of each bundled example (Chinese, Japanese, Korean, English) and
    of a Vietnamese talk still get an icon from their titles in their own language."""
    import dataclasses

    from decks.readers.content import load_content

    recap = load_content(path)
    items = [dataclasses.replace(item, icon=None, tags=[]) for item in recap.all_items]
    rows = icons.chosen(items, "lightbulb", recap.language)
    defaults = [title for title, _, why in rows if why == "default"]
    assert len(defaults) <= len(rows) // 10, f"{path.name}: default icon for {defaults}"


# Any text the model accepts: every character but the ones it refuses (decks.model.chars).
_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn")), max_size=60)


@given(
    _TEXT,
    st.lists(_TEXT.map(lambda t: t[:12]), max_size=3),
    st.sampled_from(["en", "zh-CN", "zh-TW", "ja", "ko", "vi", "fr", "es", "pt", "de", "ar", "he", "tl"])
    | st.text(max_size=8),
)
def test_any_text_gets_an_icon_the_font_has(title, tags, language) -> None:
    from decks.text.metrics import load_face

    icon = icons.choose(Item(title="x" + title, tags=["t" + t for t in tags]), language=language)
    assert load_face(icon.font).has(icon.char)


def test_the_icon_map_is_read_from_the_cache_folder_once_parsed_and_rebuilt_when_its_entry_is_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path))
    first = icons._table.__wrapped__("en")  # without the in-process memo: parsed, then kept
    assert first == icons._table("en")

    def no_parsing(text: str) -> None:
        raise AssertionError("the map was parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(yaml, "safe_load", no_parsing)
        assert icons._table.__wrapped__("en") == first
    for entry in (tmp_path / "icons-data").iterdir():
        entry.write_bytes(b"\0damaged")
    assert icons._table.__wrapped__("en") == first
    assert icons.index.__wrapped__() == icons.index()


TALK = """title: Brands
items:
  - title: Python packaging
    icon: python
    takeaways: [uv is fast]
  - title: Something vague
    takeaways: [a thing]
  - title: Rockets
    icon: rocket
"""


def test_a_brands_icon_is_drawn_on_the_slide_and_on_the_sketchnote(tmp_path: Path) -> None:
    from decks import plan
    from decks.paint.svg_sketch import paint
    from decks.plan.sketch import specs_for
    from decks.readers.content import load_content
    from decks.themes.loader import load_theme

    talk = tmp_path / "talk.yaml"
    # Each item on a list slide, which draws the item's icon at its title (a statement slide draws none).
    talk.write_text(
        TALK.replace("    icon: python", "    icon: python\n    layout: bullets").replace(
            "    icon: rocket", "    icon: rocket\n    layout: bullets\n    takeaways: [up]"
        ),
        encoding="utf-8",
    )
    recap, theme = load_content(talk), load_theme("default")
    deck = plan.deck_plan(recap, theme)
    drawn = {p.icon.name: p.icon.font.name for s in deck.slides for p in s.pictures if p.icon is not None}
    assert drawn["python"] == "fa-brands-400.ttf" and drawn["rocket"] == "fa-solid-900.ttf"
    python = icons.get("python")
    cards = {spec.title: spec.icon for spec in specs_for(recap, theme, None)}
    assert cards["Python packaging"] == python and python.font.name == "fa-brands-400.ttf"
    svg = paint(plan.sketch_plan(recap, theme)).decode("utf-8")
    assert python.char not in svg  # painted as strokes of the glyph's outline, not as text in a font


def test_check_names_the_items_left_with_the_default_and_never_calls_a_set_icon_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from decks.cli.main import main

    talk = tmp_path / "talk.yaml"
    talk.write_text(TALK, encoding="utf-8")
    assert main(["check", str(talk)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("icon:")]
    assert lines[0] == "icon: python\tPython packaging\t(set by icon: on the item)"
    assert lines[1].startswith("icon: lightbulb\tSomething vague\t(default; set icon: on the item")
    assert lines[2] == "icon: rocket\tRockets\t(set by icon: on the item)"


def test_an_unknown_icon_fails_check_and_every_render_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from decks.cli.main import main

    talk = tmp_path / "talk.yaml"
    talk.write_text(TALK.replace("icon: rocket", "icon: rocketship"), encoding="utf-8")
    for command in ("check", "pptx", "pdf"):
        assert main([command, str(talk), *(["-o", str(tmp_path / "out")] if command != "check" else [])]) == 1
        err = capsys.readouterr().err
        assert f"{talk}:9:11: items[2].icon: unknown icon 'rocketship'; did you mean 'rocket'?" in err
    assert not (tmp_path / "out").exists()


def test_a_theme_with_an_unknown_default_icon_is_refused(tmp_path: Path) -> None:
    from decks.errors import ContentError
    from decks.themes.loader import load_theme

    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "theme.yaml").write_text("extends: default\nicons:\n  default: lightbulbb\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_theme(str(tmp_path / "t"))
    assert "unknown icon 'lightbulbb'; did you mean 'lightbulb'?" in str(caught.value.problems[0])
