"""Every word recap adds to a deck, a sketchnote or their notes, in the content's language: one message
catalogue per language and dates and numbers in that language's own form.

The words live in gettext catalogues, `decks/i18n/locales/<locale>.po` (the file names are CLDR locale names:
`en`, `zh_Hans`, `zh_Hant`, `ja`, `ko`, `vi`, `es`, `pt`, `fr`, `de`); adding a language is adding one file. The
deck, its notes and the sketchnote all ask `messages(recap.language)`. Dates and numbers follow the content's
own language wherever Babel knows it, catalogue or not (a `tl` talk has English words and Tagalog dates), and a
language with no catalogue gets one warning (`untranslated`) saying which words stay in English.

Start-up is benchmarked, and Babel costs 45 ms to import and more to load a locale, so no run compiles a
catalogue: the build compiles each `.po` to the `.mo` beside it (hatch_build.py, for the wheel and for an
editable install), read with the standard library's `gettext`, which click has already imported. Only in a
checkout whose `.po` was edited after that, or that was never built, is the `.po` compiled in memory
(decks.i18n.catalogues). A date or number is formatted by Babel once per locale and value and remembered in
recap's cache folder with the other values of that locale (keyed by Babel's installed file). A warm run
imports no Babel at all.
"""

from __future__ import annotations

import datetime as dt
import gettext
import importlib.util
import io
import marshal
import os
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from decks import cachedir
from decks.i18n.catalogues import compile_po

if TYPE_CHECKING:  # only for the types: the words need no model at run time
    from decks.model import Event


class LinkLike(Protocol):
    """What `link_text` reads of a link: a model `Link`, or the markdown reader's draft of one."""

    @property
    def label(self) -> str | None: ...

    @property
    def kind(self) -> str: ...


LOCALES = Path(__file__).resolve().parent / "locales"
DEFAULT = "en"
_FORMAT = 2  # bump when what a cache file holds changes
_SKELETON = "yMMMd"  # a date with the month as a word or the language's own month unit: 2019年3月6日, Mar 6, 2019
_ENDS = ".!?。！？…‼⁇⁈⁉︒﹒．｡"  # a text ending in one of these already ends its sentence
_CLOSERS = "\"')]}»’”」』）］｝〉》】〕〗〙〛"
_TRADITIONAL_REGIONS = {"TW", "HK", "MO"}
_SPACES = str.maketrans({"\u2009": " ", "\u202f": "\u00a0"})  # thin, narrow no-break


@cache
def available() -> tuple[str, ...]:
    """The locales recap has words for: one per catalogue (`.po` in a checkout, `.mo` in the wheel)."""
    return tuple(sorted({p.stem for p in LOCALES.iterdir() if p.suffix in (".po", ".mo")}))


def locale_for(language: str) -> str:
    """The catalogue's locale for a BCP 47 tag: zh-CN and zh-Hans -> zh_Hans, zh-TW, zh-HK and zh-Hant ->
    zh_Hant, ja-JP -> ja, ko -> ko; English when recap has no words for the language."""
    subtags = [s for s in language.replace("_", "-").split("-") if s]
    if not subtags:
        return DEFAULT
    lang = subtags[0].lower()
    script = next((s.title() for s in subtags[1:] if len(s) == 4 and s.isalpha()), None)
    region = next((s.upper() for s in subtags[1:] if _is_region(s)), None)
    if lang == "zh" and script is None:  # Chinese is written in one of two scripts; the region says which
        script = "Hant" if region in _TRADITIONAL_REGIONS else "Hans"
    have = available()
    for name in (f"{lang}_{script}" if script else "", f"{lang}_{region}" if region else "", lang):
        if name and name in have:
            return name
    return DEFAULT


# Which languages are written right to left, as CLDR says (Babel's `Locale.character_order`; checked against it
# in tests/test_i18n.py): by the script subtag when the tag has one, else by the language's usual script. Kept here
# so a deck's direction costs no Babel import (start-up is benchmarked).
_RTL_SCRIPTS = frozenset({"Adlm", "Arab", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"})
_RTL_LANGUAGES = frozenset(
    {"apc", "ar", "ary", "arz", "bal", "bgn", "bqi", "brh", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "lrc", "mzn"}
    | {"nqo", "ps", "rhg", "sd", "sdh", "skr", "syr", "trw", "ug", "ur", "yi"}
)


def right_to_left(language: str) -> bool:
    """Whether a BCP 47 tag names a language written right to left (ar, he, fa-IR, ur, pa-Arab; not pa, az-Latn):
    a deck in it is mirrored (decks.plan.deck)."""
    subtags = [s for s in language.replace("_", "-").split("-") if s]
    if not subtags:
        return False
    script = next((s.title() for s in subtags[1:] if len(s) == 4 and s.isalpha()), None)
    if script is not None:
        return script in _RTL_SCRIPTS
    return subtags[0].lower() in _RTL_LANGUAGES


def _is_region(subtag: str) -> bool:
    """A BCP 47 region subtag: two letters (TW) or three digits (419)."""
    return (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit())


def _stamp(path: str | None) -> str:
    """What identifies a file's version: path, size and mtime (empty when it cannot be read)."""
    try:
        st = os.stat(path or "")
    except OSError:
        return ""
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


@cache
def _babel_stamp() -> str:
    """What identifies the installed Babel, found without importing it."""
    spec = importlib.util.find_spec("babel")
    return _stamp(spec.origin if spec else None)


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return None


def _load_mo(po: Path) -> bytes:
    """The compiled catalogue of `po`: the `.mo` the build wrote beside it, unless the `.po` is newer (a checkout
    whose catalogue was edited since) or there is none (a checkout never built); then compiled in memory."""
    mo = po.with_suffix(".mo")
    built, source = _mtime(mo), _mtime(po)
    if built is not None and (source is None or built >= source):  # the wheel ships the .mo alone
        return mo.read_bytes()

    return compile_po(po)


class Catalogue:
    """The words of one language: messages, dates, numbers, and how sentences and lists are joined.

    `locale` names the catalogue the words come from; `formats` the CLDR locale dates and numbers are written
    in, which is the content's own language when recap has no words for it (`fr_CA`, `tl`, `en_GB`)."""

    def __init__(self, locale: str, translations: gettext.NullTranslations, formats: str | None = None) -> None:
        self.locale = locale
        self.formats = formats or locale
        self._t = translations
        self._formatted: dict[str, str] | None = None

    # Messages. The msgids are the English words; Babel's extractor finds them by these method names.
    def gettext(self, message: str) -> str:
        return self._t.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._t.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._t.pgettext(context, message)

    # Joining: the language's own punctuation and spacing.
    def sentence(self, text: str) -> str:
        """`text` ending as a sentence: the language's full stop added unless it already ends like one."""
        text = text.rstrip()
        # A quotation or bracket that closes after the stop ends the sentence too: 「…です。」, "… done."
        core = text.rstrip(_CLOSERS)
        if not text or (core and core[-1] in _ENDS):
            return text
        return text + self.pgettext("full stop", ".")

    def sentences(self, texts: Iterable[str]) -> str:
        """Sentences one after another (a space between them in English, none in Chinese or Japanese)."""
        pair = self.pgettext("between sentences", "{first} {next}")
        out = ""
        for text in texts:
            if text.strip():
                out = pair.format(first=out, next=self.sentence(text)) if out else self.sentence(text)
        return out

    def join(self, texts: Iterable[str]) -> str:
        """A list inside a sentence: "a, b, c" in English, "a、b、c" in Chinese and Japanese."""
        return self.pgettext("list separator", ", ").join(t for t in texts if t)

    def join_clauses(self, texts: Iterable[str]) -> str:
        """Longer list entries inside a sentence: "a; b; c" in English, "a；b；c" in Chinese."""
        return self.pgettext("clause separator", "; ").join(t for t in texts if t)

    def place(self, event: Event) -> str:
        """An event's venue and city, whichever are present, joined as the language lists things."""
        return self.join(p for p in (event.venue, event.city) if p)

    def link_text(self, link: LinkLike) -> str:
        """A link's words on the page: its own label, else what the language calls its kind ("video", ...)."""
        if link.label:
            return link.label
        kind = str(link.kind)
        kinds = {
            "video": self.pgettext("link kind", "video"),
            "docs": self.pgettext("link kind", "docs"),
            "repo": self.pgettext("link kind", "repo"),
            "slides": self.pgettext("link kind", "slides"),
            "blog": self.pgettext("link kind", "blog"),
            "other": self.pgettext("link kind", "link"),
        }
        return kinds.get(kind, kind)

    # Dates and numbers, in the language's form, from Babel through the cache.
    def format_number(self, n: int) -> str:
        return self._format(f"n:{n}")

    def format_date(self, day: dt.date) -> str:
        """One day as the language writes it: Mar 6, 2019 · 2019年3月6日 · 2019년 3월 6일."""
        return self._format(f"d:{day.isoformat()}")

    def format_dates(self, start: dt.date | None, end: dt.date | None) -> str:
        """A span of days (Mar 6 – 7, 2019 · 2019年3月6日～7日), one day, or "" when neither is known."""
        if start and end and end != start:
            return self._format(f"i:{start.isoformat()}:{end.isoformat()}")
        day = start or end
        return self.format_date(day) if day else ""

    def _format(self, key: str) -> str:
        return self._remember(key, lambda: _babel_format((self.formats, self.locale), key))

    def _remember(self, key: str, make: Callable[[], str]) -> str:
        """`make()`, kept with the language's other values derived from Babel (so a warm run imports none)."""
        if self._formatted is None:
            self._formatted = _read_formatted(self.formats, self.locale)
        value = self._formatted.get(key)
        if value is None:
            value = self._formatted[key] = make()
            cachedir.write("formats", _formats_name(self.formats, self.locale), marshal.dumps(self._formatted))
        return value


def _formats_name(formats: str, locale: str) -> str:
    return cachedir.key(_FORMAT, _babel_stamp(), formats, locale, _SKELETON) + ".marshal"


def _read_formatted(formats: str, locale: str) -> dict[str, str]:
    found = cachedir.load("formats", _formats_name(formats, locale), _formats_entry)
    return found if found is not None else {}


def _formats_entry(data: bytes) -> dict[str, str] | None:
    """Babel's formatted dates and numbers from the cache: text by text, or nothing."""
    found = marshal.loads(data)
    if not isinstance(found, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in found.items()):
        return None
    return found


def _babel_format(locales: tuple[str, ...], key: str) -> str:
    """Format what `key` names ("n:8", "d:2019-03-06", "i:2019-03-06:2019-03-07") with Babel in the first of
    `locales` Babel knows (the content's language, then the catalogue's)."""
    from babel.core import UnknownLocaleError  # lazy: --help and check need no babel

    kind, _, value = key.partition(":")
    for locale in locales:
        try:
            # CLDR puts thin spaces around a range's dash; the bundled faces have no glyph for them
            return _babel_format_in(locale, kind, value).translate(_SPACES)
        except (ValueError, UnknownLocaleError):
            continue
    return value.replace(":", " – ")  # Babel knows none of them (a .po added for it): language-neutral forms


def _babel_format_in(locale: str, kind: str, value: str) -> str:
    if kind == "n":
        from babel.numbers import format_decimal  # lazy: --help and check need no babel

        return format_decimal(int(value), locale=locale)
    from babel.dates import format_interval, format_skeleton  # lazy: --help and check need no babel

    if kind == "d":
        return format_skeleton(_SKELETON, dt.date.fromisoformat(value), locale=locale)
    start, end = (dt.date.fromisoformat(v) for v in value.split(":"))
    return format_interval(start, end, _SKELETON, locale=locale)


@cache
def _catalogue(locale: str, formats: str | None = None) -> Catalogue:
    mo = _load_mo(LOCALES / f"{locale}.po")
    return Catalogue(locale, gettext.GNUTranslations(io.BytesIO(mo)), formats)


def messages(language: str) -> Catalogue:
    """The catalogue for a content's `language` (a BCP 47 tag), English when recap has none for it; its dates
    and numbers in that language whenever Babel knows it."""
    return _catalogue(locale_for(language), format_locale(language))


def format_locale(language: str) -> str | None:
    """The CLDR form of a BCP 47 tag, for Babel to write dates and numbers in (`fr-CA` -> `fr_CA`, `zh-hant-tw`
    -> `zh_Hant_TW`); None for a tag that is no language (empty, private use, stray characters). Whether Babel
    knows it is learnt when it first formats something (the catalogue's locale is the fallback), so a warm
    start still imports no Babel."""
    subtags = [s for s in language.replace("_", "-").split("-") if s]
    if not subtags or not all(s.isascii() and s.isalnum() for s in subtags):
        return None
    lang = subtags[0].lower()
    if not (2 <= len(lang) <= 3 and lang.isalpha()):
        return None
    script = next((s.title() for s in subtags[1:] if len(s) == 4 and s.isalpha()), None)
    region = next((s.upper() for s in subtags[1:] if _is_region(s)), None)
    return "_".join(p for p in (lang, script, region) if p)


# The words a language without a catalogue keeps in English, as the warning lists them: what a slide shows.
_SHOWN = ("Agenda", "Introduction", "Key takeaways", "Resources", "Wrap-up", "Thank you!")


def untranslated(language: str) -> str | None:
    """The one warning for a content language recap has no words for (None when it has them): it names the
    language, the words that stay in English and how to add a catalogue."""
    tag = format_locale(language)
    lang = tag.split("_")[0] if tag else ""
    if locale_for(language) != DEFAULT or lang == DEFAULT or not language.strip():
        return None
    written = repr(language)  # quoted, with any control character escaped
    t = messages(language)  # what Babel says is kept with the language's dates, so a warm run imports no Babel
    name = (t._remember(f"name:{lang}", lambda: _language_name(lang) or "") if lang else "") or written
    known = bool(tag) and t._remember(f"known:{tag}", lambda: "yes" if tag and _babel_knows(tag) else "") == "yes"
    shown = ", ".join(f"'{word}'" for word in _SHOWN)
    dates = f"dates and numbers are written in {name}" if known else "dates and numbers stay in English too"
    label = written if name == written else f"{written} ({name})"
    target = f"{lang}.po" if lang else "<locale>.po, named with the language's CLDR locale,"
    return (
        f"language {label}: recap has no words in {name}, so the words it adds stay in English "
        f"({shown}, '3 items', 'Recap by …', 'Source: …' and the speaker notes it writes); {dates}. To give "
        f"recap {name} words, copy decks/i18n/locales/en.po to {target} and translate it (see recap docs languages)"
    )


def _language_name(lang: str) -> str | None:
    """The language's English name from CLDR (tl -> Tagalog), None when CLDR has none."""
    from babel.core import Locale  # lazy: --help and check need no babel

    return Locale("en").languages.get(lang)


def _babel_knows(tag: str) -> bool:
    from babel.core import Locale, UnknownLocaleError  # lazy: --help and check need no babel

    try:
        Locale.parse(tag)
    except (ValueError, UnknownLocaleError):
        return False
    return True
