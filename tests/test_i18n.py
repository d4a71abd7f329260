"""The message catalogue: every word in every language, locales from BCP 47 tags, dates and counts in each
language's own form, and a warm start that imports no Babel."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

import decks
import decks.i18n as i18n
from decks.i18n import available, locale_for, messages
from decks.i18n.catalogues import compile_po

PO_FILES = sorted(i18n.LOCALES.glob("*.po"))
FIELD = re.compile(r"\{(\w*)\}")


@cache
def _used_in_code() -> frozenset[tuple[str | None, str]]:
    """(context, msgid) of every message the code asks for, found as Babel's extractor finds them."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        Path(decks.__file__).parent, method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.add((context, msgid))
    return frozenset(found)


def _entries(po: Path):
    with po.open("rb") as f:
        catalog = read_po(f)
    return {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog if m.id}


def test_the_ten_languages_are_there() -> None:
    assert {"en", "zh_Hans", "zh_Hant", "ja", "ko", "vi", "es", "pt", "fr", "de"} <= set(available())


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.stem)
def test_every_message_the_code_uses_is_translated_in_every_locale_file(po: Path) -> None:
    used = _used_in_code()
    assert len(used) > 30  # the extractor sees the calls (a renamed method would hide them all)
    entries = _entries(po)
    assert set(entries) == used, f"missing: {used - set(entries)}; unused: {set(entries) - used}"
    for key, message in entries.items():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(forms), f"{po.name}: {key} has an empty translation"
        assert not message.fuzzy, f"{po.name}: {key} is marked fuzzy"


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.stem)
def test_translations_keep_exactly_the_fields_recap_fills_in(po: Path) -> None:
    for (_, msgid), message in _entries(po).items():
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            assert sorted(FIELD.findall(form)) == sorted(FIELD.findall(msgid)), f"{po.name}: {msgid!r} -> {form!r}"
            form.format(**{name: "x" for name in FIELD.findall(msgid)})  # no stray braces


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.stem)
def test_each_po_file_compiles_with_babel(po: Path) -> None:
    assert compile_po(po).startswith((b"\xde\x12\x04\x95", b"\x95\x04\x12\xde"))  # the .mo magic number


@pytest.mark.parametrize(
    ("tag", "locale"),
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("zh", "zh_Hans"),
        ("zh-CN", "zh_Hans"),
        ("zh-SG", "zh_Hans"),
        ("zh-Hans", "zh_Hans"),
        ("zh-hans-cn", "zh_Hans"),
        ("zh-TW", "zh_Hant"),
        ("zh-HK", "zh_Hant"),
        ("zh-MO", "zh_Hant"),
        ("zh-Hant", "zh_Hant"),
        ("zh_Hant_TW", "zh_Hant"),
        ("ja", "ja"),
        ("ja-JP", "ja"),
        ("ko", "ko"),
        ("ko-KR", "ko"),
        ("vi", "vi"),
        ("vi-VN", "vi"),
        ("fr", "fr"),
        ("fr-CA", "fr"),
        ("de-AT", "de"),
        ("es-419", "es"),
        ("pt-BR", "pt"),
        ("pt-PT", "pt"),
        ("tl", "en"),
        ("x-klingon", "en"),
        ("", "en"),
        ("-", "en"),
    ],
)
def test_a_bcp47_tag_picks_its_catalogue_and_unknown_languages_get_english(tag: str, locale: str) -> None:
    assert locale_for(tag) == locale
    assert messages(tag).locale == locale


@given(st.text())
def test_any_language_tag_gives_a_catalogue(tag: str) -> None:
    assert locale_for(tag) in available()


@pytest.mark.parametrize(
    ("language", "one", "eight", "agenda"),
    [
        ("en", "1 item", "8 items", "Agenda"),
        ("zh-CN", "1 项", "8 项", "议程"),
        ("zh-TW", "1 項", "8 項", "議程"),
        ("ja", "1件", "8件", "アジェンダ"),
        ("ko", "1개 항목", "8개 항목", "목차"),
        ("vi", "1 mục", "8 mục", "Chương trình"),
        ("fr", "1 sujet", "8 sujets", "Programme"),
        ("de", "1 Thema", "8 Themen", "Agenda"),
        ("es", "1 tema", "8 temas", "Agenda"),
        ("pt", "1 tema", "8 temas", "Agenda"),
    ],
)
def test_counts_and_words_in_each_language(language: str, one: str, eight: str, agenda: str) -> None:
    t = messages(language)

    def count(n: int) -> str:
        return t.ngettext("{n} item", "{n} items", n).format(n=t.format_number(n))

    assert (count(1), count(8), t.gettext("Agenda")) == (one, eight, agenda)
    assert count(12345).startswith(t.format_number(12345))


@pytest.mark.parametrize(
    ("language", "number"),
    [("en", "12,345"), ("ja", "12,345"), ("vi", "12.345"), ("de", "12.345"), ("fr", "12\u00a0345"), ("pt", "12.345")],
)
def test_numbers_are_grouped_as_the_language_groups_them(language: str, number: str) -> None:
    assert messages(language).format_number(12345) == number


@pytest.mark.parametrize(
    ("language", "zero"), [("fr", "0 sujet"), ("pt", "0 tema"), ("es", "0 temas"), ("de", "0 Themen")]
)
def test_zero_takes_the_languages_own_plural(language: str, zero: str) -> None:
    # French and Brazilian Portuguese count 0 as one (CLDR: i = 0,1); Spanish and German as many.
    t = messages(language)
    assert t.ngettext("{n} item", "{n} items", 0).format(n=t.format_number(0)) == zero


@pytest.mark.parametrize(
    ("language", "day", "span", "months"),
    [
        ("en", "Mar 6, 2019", "Mar 6 – 7, 2019", "Mar 6 – Apr 7, 2019"),
        ("zh-Hans", "2019年3月6日", "2019年3月6日 – 7日", "2019年3月6日 – 4月7日"),
        ("zh-Hant", "2019年3月6日", "2019年3月6日至7日", "2019年3月6日至4月7日"),
        ("ja", "2019年3月6日", "2019年3月6日～7日", "2019年3月6日～4月7日"),
        ("ko", "2019년 3월 6일", "2019년 3월 6일~7일", "2019년 3월 6일~4월 7일"),
        ("vi", "6 thg 3, 2019", "6 – 7 thg 3, 2019", "6 thg 3 – 7 thg 4, 2019"),
        ("fr", "6 mars 2019", "6–7 mars 2019", "6 mars – 7 avr. 2019"),
        ("de", "6. März 2019", "6.–7. März 2019", "6. März – 7. Apr. 2019"),
        ("es", "6 mar 2019", "6–7 mar 2019", "6 mar – 7 abr 2019"),
        ("pt", "6 de mar. de 2019", "6 – 7 de mar. de 2019", "6 de mar. – 7 de abr. de 2019"),
        # No catalogue, yet Babel knows the language: English words, the language's own dates
        ("en-GB", "6 Mar 2019", "6 – 7 Mar 2019", "6 Mar – 7 Apr 2019"),
        ("tl", "Mar 6, 2019", "Mar 6–7, 2019", "Mar 6 – Abr 7, 2019"),
        ("sv", "6 mars 2019", "6–7 mars 2019", "6 mars–7 apr. 2019"),
        ("x-klingon", "Mar 6, 2019", "Mar 6 – 7, 2019", "Mar 6 – Apr 7, 2019"),
    ],
)
def test_dates_in_each_language(language: str, day: str, span: str, months: str) -> None:
    t = messages(language)
    start = dt.date(2019, 3, 6)
    assert t.format_date(start) == day
    assert t.format_dates(start, None) == t.format_dates(None, start) == t.format_dates(start, start) == day
    assert t.format_dates(start, dt.date(2019, 3, 7)) == span
    assert t.format_dates(start, dt.date(2019, 4, 7)) == months
    assert t.format_dates(None, None) == ""


_ENDINGS = ".!?。！？"


@pytest.mark.parametrize("language", ["en", "zh-CN", "zh-TW", "ja", "ko"])
@given(texts=st.lists(st.text(min_size=1), max_size=5))
def test_sentences_end_once_and_keep_the_text_as_it_is(language: str, texts: list[str]) -> None:
    t = messages(language)
    out = t.sentences(texts)
    for text in texts:
        if text.strip():
            assert text.rstrip() in out  # braces and punctuation in the text are not interpreted
    stop = t.pgettext("full stop", ".")
    for text in (x for x in texts if x.strip()):
        sentence = t.sentence(text)
        assert sentence.startswith(text.rstrip())
        assert not (sentence[-1:] == stop and sentence[-2:-1] in _ENDINGS and sentence != text.rstrip())


def test_cjk_sentences_run_on_without_spaces_and_english_ones_with_one() -> None:
    assert messages("ja").sentences(["今日は晴れ", "明日は雨！", ""]) == "今日は晴れ。明日は雨！"
    assert messages("ko").sentences(["좋다", "정말"]) == "좋다. 정말."
    assert messages("en").sentences(["Hello", "world!"]) == "Hello. world!"
    assert messages("zh-CN").join(["甲", "乙"]) == "甲、乙"


@pytest.mark.parametrize(
    ("language", "text", "sentence"),
    [
        ("ja", "彼は「行きます。」", "彼は「行きます。」"),
        ("ja", "「未来」", "「未来」。"),
        ("en", 'She said "done."', 'She said "done."'),
        ("en", "(see the docs)", "(see the docs)."),
        ("zh-CN", "他说：“好的！”", "他说：“好的！”"),
        ("ko", "정말?", "정말?"),
    ],
)
def test_a_sentence_closed_after_its_stop_gets_no_second_stop(language: str, text: str, sentence: str) -> None:
    assert messages(language).sentence(text) == sentence


def test_adding_a_language_is_adding_one_file(tmp_path, monkeypatch) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(i18n.LOCALES, locales)
    text = (locales / "en.po").read_text(encoding="utf-8")
    french = text.replace('msgstr "Agenda"', 'msgstr "Programme"').replace("Language: en", "Language: fr")
    (locales / "fr.po").write_text(french, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES", locales)
    available.cache_clear()
    i18n._catalogue.cache_clear()
    try:
        t = messages("fr-FR")
        assert (t.locale, t.gettext("Agenda"), t.format_date(dt.date(2019, 3, 6))) == ("fr", "Programme", "6 mars 2019")
    finally:
        available.cache_clear()
        i18n._catalogue.cache_clear()


def test_a_warm_start_reads_the_cache_and_imports_no_babel(tmp_path) -> None:
    script = (
        "import datetime, sys, time\n"
        "t0 = time.perf_counter()\n"
        "from decks.i18n import messages\n"
        "t = messages('ja')\n"
        "words = (t.gettext('Agenda'), t.format_dates(datetime.date(2019, 3, 6), datetime.date(2019, 3, 7)),"
        " t.ngettext('{n} item', '{n} items', 3).format(n=t.format_number(3)))\n"
        "print(*words, 'babel' in sys.modules, round((time.perf_counter() - t0) * 1000))\n"
    )
    env = dict(os.environ, RECAP_CACHE_DIR=str(tmp_path))
    cold = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert cold.stdout.split()[:4] == ["アジェンダ", "2019年3月6日～7日", "3件", "True"]
    assert warm.stdout.split()[:4] == ["アジェンダ", "2019年3月6日～7日", "3件", "False"]


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.stem)
def test_a_compiled_catalogue_holds_no_date_of_the_build_so_builds_give_the_same_bytes(po: Path) -> None:
    import gettext
    import io

    header = gettext.GNUTranslations(io.BytesIO(compile_po(po))).info()
    assert header["pot-creation-date"] == "1980-01-01 00:00+0000"  # Babel's default is the time of compiling
    assert compile_po(po) == compile_po(po)


def test_a_run_reads_the_mo_the_build_compiled_and_compiles_nothing(tmp_path, monkeypatch) -> None:
    from decks.i18n import catalogues

    locales = tmp_path / "locales"
    locales.mkdir()
    for po in PO_FILES:
        shutil.copy2(po, locales / po.name)
    written = catalogues.compile_folder(locales)  # what hatch_build.py does for the wheel and `make venv`
    assert [mo.stem for mo in written] == [po.stem for po in PO_FILES]
    assert all(mo.read_bytes() == compile_po(locales / f"{mo.stem}.po") for mo in written)

    def refuse(po: Path) -> bytes:
        raise AssertionError(f"{po.name} compiled at run time")

    monkeypatch.setattr(catalogues, "compile_po", refuse)
    monkeypatch.setattr(i18n, "LOCALES", locales)
    i18n._catalogue.cache_clear()
    try:
        assert messages("ja").gettext("Agenda") == "アジェンダ"
        for po in locales.glob("*.po"):  # the wheel's layout: the .mo files alone
            po.unlink()
        available.cache_clear()
        i18n._catalogue.cache_clear()
        assert available() == tuple(po.stem for po in PO_FILES)
        assert messages("ko").gettext("Agenda") == messages("ko").gettext("Agenda") != "Agenda"
    finally:
        available.cache_clear()
        i18n._catalogue.cache_clear()


def test_a_changed_po_file_is_compiled_again(tmp_path, monkeypatch) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(i18n.LOCALES, locales)
    monkeypatch.setattr(i18n, "LOCALES", locales)
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    i18n._catalogue.cache_clear()
    try:
        assert messages("ja").gettext("Agenda") == "アジェンダ"
        po = locales / "ja.po"
        po.write_text(po.read_text(encoding="utf-8").replace('"アジェンダ"', '"議題"'), encoding="utf-8")
        i18n._catalogue.cache_clear()
        assert messages("ja").gettext("Agenda") == "議題"
    finally:
        i18n._catalogue.cache_clear()


@pytest.mark.parametrize("tag", ["en", "en-GB", "vi", "vi-VN", "fr-CA", "de", "es-419", "pt-PT", "zh-TW", "ja", "ko"])
def test_a_language_recap_has_words_for_gets_no_warning(tag: str) -> None:
    assert i18n.untranslated(tag) is None


def test_a_language_without_a_catalogue_is_named_with_the_english_words_and_how_to_add_it() -> None:
    warning = i18n.untranslated("tl")
    assert warning is not None
    assert "Tagalog" in warning and "tl.po" in warning and "recap docs languages" in warning
    for word in ("'Agenda'", "'Key takeaways'", "'Thank you!'", "speaker notes"):
        assert word in warning
    assert "dates and numbers are written in Tagalog" in warning
    # every word it says stays in English is one recap adds
    english = {msgid for _, msgid in _used_in_code()}
    assert set(re.findall(r"'([^'.…\d]+)'", warning)) <= english | {"tl"}


def test_a_tag_babel_does_not_know_is_named_as_written_and_keeps_english_dates() -> None:
    warning = i18n.untranslated("x-klingon")
    assert warning is not None and "'x-klingon'" in warning and "stay in English too" in warning


@given(st.text())
def test_any_language_tag_gives_at_most_one_warning_string(tag: str) -> None:
    warning = i18n.untranslated(tag)
    assert warning is None or (isinstance(warning, str) and "\n" not in warning)


_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_SUBTAG = st.text(st.sampled_from(_ALNUM), min_size=1, max_size=8)


@given(st.lists(_SUBTAG, min_size=1, max_size=4).map("-".join))
def test_any_well_formed_tag_writes_dates_and_numbers(tag: str) -> None:
    # a tag Babel does not know (qq-ZZ, abc-Defg) falls back to the catalogue's forms, never fails
    t = messages(tag)
    assert t.format_date(dt.date(2019, 3, 6)) and t.format_number(12345)


def test_a_warm_run_warns_about_a_language_without_words_importing_no_babel(tmp_path) -> None:
    script = (
        "import sys\nfrom decks.i18n import untranslated\nprint(untranslated('tl')[:40], '|', 'babel' in sys.modules)\n"
    )
    env = dict(os.environ, RECAP_CACHE_DIR=str(tmp_path))
    cold = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert cold.stdout.split("|") == ["language 'tl' (Tagalog): recap has no wo ", " True\n"]
    assert warm.stdout.split("|") == ["language 'tl' (Tagalog): recap has no wo ", " False\n"]


def test_a_language_is_right_to_left_exactly_when_cldr_says_its_characters_run_so() -> None:
    from babel import Locale, localedata

    from decks.i18n import right_to_left

    for name in localedata.locale_identifiers():
        locale = Locale.parse(name)
        tag = "-".join(p for p in (locale.language, locale.script, locale.territory) if p)
        assert right_to_left(tag) is (locale.character_order == "right-to-left"), tag
    assert right_to_left("he") and right_to_left("ar-EG") and right_to_left("pa_Arab")
    assert not right_to_left("pa") and not right_to_left("az-Latn") and not right_to_left("")


@pytest.mark.parametrize(("locale", "forms"), [("ar", 6), ("he", 3)])
def test_the_arabic_and_hebrew_catalogues_translate_every_english_message_in_every_plural_form(
    locale: str, forms: int
) -> None:
    from decks.text.shaping import has_rtl

    english = _entries(i18n.LOCALES / "en.po")
    entries = _entries(i18n.LOCALES / f"{locale}.po")
    assert set(entries) == set(english)
    for key, message in entries.items():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert len(strings) == (forms if isinstance(english[key].id, tuple) else 1), key
        for form in strings:
            # A message with English words (not only fields and signs) is written in the language's own letters.
            if re.search(r"[A-Za-z]", FIELD.sub("", key[1])):
                assert has_rtl(form), (key, form)


@pytest.mark.parametrize(
    ("language", "counts", "agenda"),
    [
        # Arabic's six CLDR forms: zero, one, two and 100+ take the singular, 3-10 the plural, 11-99 the
        # singular with tanween.
        ("ar", ["0 موضوع", "1 موضوع", "2 موضوع", "3 مواضيع", "11 موضوعًا", "100 موضوع"], "جدول الأعمال"),
        ("he", ["0 נושאים", "1 נושא", "2 נושאים", "3 נושאים", "11 נושאים", "100 נושאים"], "סדר היום"),
    ],
)
def test_counts_and_words_in_arabic_and_hebrew(language: str, counts: list[str], agenda: str) -> None:
    t = messages(language)
    got = [t.ngettext("{n} item", "{n} items", n).format(n=t.format_number(n)) for n in (0, 1, 2, 3, 11, 100)]
    assert (got, t.gettext("Agenda")) == (counts, agenda)
    assert i18n.untranslated(language) is None
