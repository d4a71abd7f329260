"""The words recap adds, in the content's language: the Chinese, Japanese and Korean decks (read back from the
.pptx), their notes and their sketchnotes hold none of recap's English words, and generated notes read as
sentences whatever fields the content leaves out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from decks.assets import content_dir
from decks.i18n import LOCALES, messages
from decks.model import Recap
from decks.plan.deck import build_plan
from decks.plan.icons import CREDIT
from decks.plan.sketch import build
from decks.plan.sketch.primitives import TextRun
from decks.readers.content import load_content
from decks.renderers.base import render
from decks.renderers.pptx import PptxRenderer
from decks.themes.loader import load_theme
from tests.budget import examples
from tests.conftest import EXAMPLE_ZH

EXAMPLE_JA = content_dir() / "ml-engineering-summit-tokyo-2025.ja.yaml"
EXAMPLE_KO = content_dir() / "frontend-conf-seoul-2025.ko.yaml"
WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


@cache
def _recaps_english() -> frozenset[str]:
    """Every English word in recap's own messages (the msgstrs of en.po), fields left out."""
    text = (LOCALES / "en.po").read_text(encoding="utf-8")
    said = " ".join(re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', text, re.M))
    # The icons' licence ("CC BY 4.0") is a name, not a word to translate.
    return frozenset(_words(re.sub(r"\{\w*\}", " ", said)) - {"n", "t"} - _words(CREDIT))


@pytest.fixture(scope="module")
def theme():
    return load_theme(None)


def _examples() -> dict[str, tuple[Recap, str]]:
    zh = load_content(EXAMPLE_ZH)
    return {
        "ja": (load_content(EXAMPLE_JA), EXAMPLE_JA.read_text(encoding="utf-8")),
        "ko": (load_content(EXAMPLE_KO), EXAMPLE_KO.read_text(encoding="utf-8")),
        "zh-Hans": (zh, EXAMPLE_ZH.read_text(encoding="utf-8")),
        "zh-Hant": (dataclasses.replace(zh, language="zh-TW"), EXAMPLE_ZH.read_text(encoding="utf-8")),
    }


EXAMPLES = _examples()
LANGUAGES = ["en", "zh-CN", "zh-TW", "ja", "ko", "vi", "fr", "de", "es", "pt"]  # one of each catalogue


def _deck_text(recap: Recap, theme) -> str:
    """All the text of the rendered deck, read back with python-pptx: every shape's text and the notes."""
    deck = Presentation(io.BytesIO(render(PptxRenderer, recap, theme).data))
    out = []
    for slide in deck.slides:
        out += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        out.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(out)


def test_the_english_words_recap_adds_are_known() -> None:
    assert {"agenda", "takeaways", "resources", "thank", "cont", "items", "welcome", "source", "icons"} <= set(
        _recaps_english()
    )


@pytest.mark.parametrize("name", EXAMPLES)
def test_cjk_decks_and_their_notes_hold_no_english_word_recap_added(name: str, theme) -> None:
    recap, source = EXAMPLES[name]
    added = _words(_deck_text(recap, theme)) & (_recaps_english() - _words(source))
    assert not added, f"English words recap added to the {name} deck: {sorted(added)}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_cjk_sketchnotes_hold_no_english_word_recap_added(name: str, theme) -> None:
    recap, source = EXAMPLES[name]
    sketch = build(recap, theme)
    text = " ".join(p.text for p in sketch.primitives if isinstance(p, TextRun))
    added = _words(text) & (_recaps_english() - _words(source))
    assert not added, f"English words recap added to the {name} sketchnote: {sorted(added)}"


def test_the_japanese_deck_says_its_words_in_japanese(theme) -> None:
    recap, _ = EXAMPLES["ja"]
    text = _deck_text(recap, theme)
    for words in (
        "アジェンダ",
        "2 件",
        "重要なポイント",
        "ありがとうございました！",
        "2025年6月12日～13日",
        "元記事：",
    ):
        assert words.replace(" ", "") in text.replace(" ", "")
    sketch = build(recap, theme)
    drawn = "".join(p.text for p in sketch.primitives if isinstance(p, TextRun))
    assert "元記事：" in drawn and "重要なポイント" in drawn and "2025年6月12日" in drawn


# Field texts over the whole of Unicode but without punctuation, so any punctuation in the notes is recap's.
_WORD = st.text(st.characters(exclude_categories=("P", "Z", "Cc", "Cs", "Cf", "Co", "Cn")), min_size=1, max_size=6)
_TEXT = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)
_DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 1, 1))


def _maybe(draw: st.DrawFn, value):
    return value if draw(st.booleans()) else None


@st.composite
def _sparse_recaps(draw: st.DrawFn) -> Recap:
    """Recaps in every language with any of the optional fields present or absent."""

    def link() -> dict:
        return {
            "url": f"https://example.org/{draw(st.integers(0, 99))}",
            "label": _maybe(draw, draw(_TEXT)),
            "kind": draw(st.sampled_from(["video", "docs", "repo", "slides", "blog", "other"])),
        }

    def item() -> dict:
        return {
            "title": draw(_TEXT),
            "summary": _maybe(draw, draw(_TEXT)),
            "takeaways": draw(st.lists(_TEXT, max_size=2)),
            "links": [link() for _ in range(draw(st.integers(0, 2)))],
        }

    data: dict = {"title": draw(_TEXT), "language": draw(st.sampled_from(LANGUAGES))}
    if draw(st.booleans()):
        start = _maybe(draw, draw(_DATES))
        end = _maybe(draw, draw(_DATES))
        if start and end and end < start:
            start, end = end, start
        data["event"] = {
            "name": draw(_TEXT),
            "start": start,
            "end": end,
            "venue": _maybe(draw, draw(_TEXT)),
            "city": _maybe(draw, draw(_TEXT)),
            "url": _maybe(draw, "https://example.org/event"),
        }
    if draw(st.booleans()):
        handles = [
            {"network": draw(_TEXT), "handle": "@" + draw(_WORD), "url": None} for _ in range(draw(st.integers(0, 2)))
        ]
        data["presenter"] = {"name": draw(_TEXT), "role": _maybe(draw, draw(_TEXT)), "handles": handles}
    if draw(st.booleans()):
        data["source"] = link()
    data["parts"] = [
        {
            "title": draw(_TEXT),
            "date": _maybe(draw, draw(_DATES)),
            "intro": _maybe(draw, draw(_TEXT)),
            "items": [item() for _ in range(draw(st.integers(1, 2)))],
        }
        for _ in range(draw(st.integers(1, 2)))
    ]
    data["key_takeaways"] = draw(st.lists(_TEXT, max_size=2))
    data["closing"] = _maybe(draw, draw(_TEXT))

    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value.isoformat() if hasattr(value, "isoformat") else value

    return Recap.model_validate(clean(data))


_STOPS = ".,;:!?。，、；：！？／"
_DOUBLED = re.compile(f"[{re.escape(_STOPS)}]\\s*[{re.escape(_STOPS)}]")
_EMPTY = re.compile(r"\(\s*\)|（\s*）|「\s*」|“\s*”")


@settings(max_examples=examples(10, deep=40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(recap=_sparse_recaps())
def test_generated_notes_read_as_sentences_whatever_fields_are_absent(recap: Recap) -> None:
    _check_notes(recap)


def _check_notes(recap: Recap) -> None:
    plan = build_plan(recap, load_theme(None))
    stop = messages(recap.language).pgettext("full stop", ".")
    for slide in plan.slides:
        notes = slide.notes
        assert notes and notes == notes.strip()
        assert not _EMPTY.search(notes), notes
        assert not _DOUBLED.search(notes.replace("://", "")), notes
        assert "{" not in notes and "}" not in notes and "  " not in notes, notes
        # no space before a stop or comma (an empty field's trace); French puts a narrow no-break one before : ;
        assert not re.search(r"[^\S\u202f][.,;:。，、；：]|\u202f[.,。，、]", notes), notes
        assert notes[-1] in stop + "!！", notes


_BARE = {
    "title": "T",
    "event": {"name": "E"},
    "presenter": {"name": "P", "handles": [{"network": "n", "handle": "@h"}]},
    "source": {"url": "https://example.org/s"},
    "parts": [{"title": "D", "items": [{"title": "I", "links": [{"url": "https://example.org/v", "kind": "video"}]}]}],
}
_FULL = {
    **_BARE,
    "event": {"name": "E", "start": "2019-03-06", "end": "2019-03-07", "venue": "V", "city": "C"},
    "presenter": {
        "name": "P",
        "role": "R",
        "handles": [{"network": "n", "handle": "@h"}, {"network": "m", "handle": "@i"}],
    },
    "parts": [
        {
            "title": "D",
            "date": "2019-03-06",
            "intro": "Intro",
            "items": [
                {
                    "title": "I",
                    "summary": "S",
                    "takeaways": ["A", "B"],
                    "links": [{"url": "https://x.org", "label": "L"}],
                }
            ],
        }
    ],
    "key_takeaways": ["K"],
    "closing": "Bye",
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "content", [_BARE, _FULL, {"title": "T", "items": [{"title": "I"}]}], ids=["bare", "full", "least"]
)
def test_notes_read_as_sentences_with_every_optional_field_absent_or_present(language: str, content: dict) -> None:
    _check_notes(Recap.model_validate({**content, "language": language}))


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_deck_and_sketchnote_take_their_words_from_the_one_catalogue(language: str, theme) -> None:
    recap = dataclasses.replace(load_content(EXAMPLE_ZH), language=language)
    t = messages(language)
    deck = _deck_text(recap, theme).replace("\u200b", "")
    drawn = "".join(p.text for p in build(recap, theme).primitives if isinstance(p, TextRun))
    source = t.gettext("Source: {title}").format(title="")  # the deck's closing slide and the sketchnote's footer
    for words in (t.gettext("Key takeaways"), source):
        assert words in deck and words in drawn, words


# Words of recap's English that are words of these languages too, as their catalogues write them.
_ALSO_THEIRS = {
    "vi": {"slide"},  # Vietnamese says slide
    "fr": {"me", "sum"},  # Vous pouvez me retrouver; En résumé (as the pattern splits it)
    "de": {"agenda", "in", "icons"},
    "es": {"agenda", "cont", "me"},  # (cont.) is Spanish too
    "pt": {"agenda", "cont", "me"},
}


@pytest.mark.parametrize("language", sorted(_ALSO_THEIRS))
def test_decks_and_sketchnotes_in_latin_script_languages_hold_no_english_word_recap_added(language: str, theme) -> None:
    recap = dataclasses.replace(load_content(EXAMPLE_ZH), language=language)
    english = _recaps_english() - _words(EXAMPLE_ZH.read_text(encoding="utf-8")) - _ALSO_THEIRS[language]
    sketch = " ".join(p.text for p in build(recap, theme).primitives if isinstance(p, TextRun))
    for where, text in (("deck", _deck_text(recap, theme)), ("sketchnote", sketch)):
        added = _words(text) & english
        assert not added, f"English words recap added to the {language} {where}: {sorted(added)}"
