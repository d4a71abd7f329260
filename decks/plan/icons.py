"""Icons for items: the content names one, or one is chosen from the item's words by a curated map.

The icon set is Font Awesome Free (solid and brands), drawn from its two font files bundled in assets/icons
(tools/build_icon_index.py copies them; the names: decks.model.icon_names). The map is one keyword table per
language: assets/icons/words.yaml (English, used for every talk) and assets/icons/words/<locale>.yaml for each
language recap has words for (zh_Hans, zh_Hant, ja, ko, vi, es, pt, fr, de, ar, he), chosen by the talk's
`language`. An item's tags are searched first, then its title, then its summary. `explain()` says which icon each
item gets and why, for `recap check`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple, TypeVar

import msgspec
import yaml

from decks.assets import assets_dir
from decks.i18n import locale_for
from decks.model import Item
from decks.model.icon_names import FONT_FILES, STYLES, derived, index, known

CREDIT = "Font Awesome Free (CC BY 4.0)"  # the icons' licence asks for it; the words around it are localised
ATTRIBUTION = f"Icons: {CREDIT}"


class Icon(msgspec.Struct, frozen=True):
    """An icon: its name, the character that draws it, and the font file that has that character."""

    name: str
    char: str
    font: Path
    label: str


def font_path(style: str = "solid") -> Path:
    """Font Awesome Free's font of `style` (solid, brands), bundled in assets/icons."""
    return assets_dir() / "icons" / FONT_FILES[style]


def icon_fonts() -> frozenset[Path]:
    """Every icon font: what draws an icon is a picture, not text (the SVG paints it as a path)."""
    return frozenset(font_path_cached(style) for style in STYLES)


Built = TypeVar("Built")


def _derived(source: Path, build: Callable[[bytes], Built]) -> Built:
    """`build(bytes of source)` kept in the cache folder (decks.model.icon_names.derived) under this module's
    version: the keyword tables."""
    return derived(source, build, _CACHE_VERSION)


_CACHE_VERSION = 3  # 3: a table is (words with their written form, ignored English words), per language


def exists(name: str) -> bool:
    return known(name)


def get(name: str) -> Icon:
    """The icon called `name` (solid or brands); KeyError when the set has none of that name."""
    code, label, _, style = index()[name]
    return Icon(name, chr(int(code, 16)), font_path_cached(style), label)


@cache
def font_path_cached(style: str = "solid") -> Path:
    return font_path(style)


# The keyword tables: English (words.yaml) for every talk, and one per language recap has words for. Chinese,
# Japanese and Korean write no spaces between words, so their words are found anywhere in a text; the others
# are matched as whole words, case-folded and (but in Vietnamese, whose tone marks tell words apart) with their
# accents folded too, so "Données", "DONNEES" and "données" are one word.
_SUBSTRING = frozenset({"zh_Hans", "zh_Hant", "ja", "ko"})
_KEEP_ACCENTS = frozenset({"vi"})


# Arabic and Hebrew write their article, conjunctions and one-letter prepositions as part of the next word
# ("والبيانات": and the data; "הנתונים": the data). In their talks a word matches where it stands alone or after
# such prefixes, all of them at the word's start with at least two letters left ("لغة" is still the word, not
# ل + "غة"); a keyword inside a longer word ("קוד" in "פקודה", a command) is not matched. A phrase takes the
# prefixes on its first word and only the article on the others ("الذكاء الاصطناعي", "למידת המכונה"), so the
# tables write their words bare. Vowel marks and the hamza on alef are folded off with the other accents.
class _Prefixes(NamedTuple):
    """A language's prefixes: every run of them a word can start with, the longest run's length, the article."""

    runs: frozenset[str]
    longest: int
    article: str


def _prefixes(article: str, *slots: tuple[str, ...]) -> _Prefixes:
    """The prefixes of a language whose words take at most one prefix of each slot, in the slots' order."""
    runs = {""}
    for slot in slots:
        runs |= {run + prefix for run in runs for prefix in slot}
    runs.discard("")
    return _Prefixes(frozenset(runs), max(map(len, runs)), article)


_PREFIXES = {
    # Conjunction و or ف, then a preposition ب ك ل and/or the article ال (ل + ال is written لل): 23 runs.
    "ar": _prefixes("ال", ("و", "ف"), ("ب", "ك", "ل", "ال", "بال", "كال", "لل")),
    # ו (and), then ש or כש (that, when), then מ ב ל כ (from, in, to, as), then ה (the): 59 runs.
    "he": _prefixes("ה", ("ו",), ("ש", "כש"), ("מ", "ב", "ל", "כ"), ("ה",)),
}


class _Table(msgspec.Struct, frozen=True):
    """One language's keywords: whole-word entries (folded, phrases too) or, for a language written without
    spaces, entries found anywhere; the longest entry's words; English words that are ordinary words there."""

    words: dict[str, tuple[str, int, str]]  # folded word -> (icon, rank, the word as the table writes it)
    substring: bool
    longest: int
    ignore: frozenset[str]
    by_first: dict[str, tuple[str, ...]]  # a substring table's words by their first character
    # A whole-word table's first words of its phrases: a phrase is looked up only where one of them starts.
    starts: frozenset[str] = frozenset()


def _table_path(locale: str) -> Path:
    folder = assets_dir() / "icons"
    return folder / "words.yaml" if locale == "en" else folder / "words" / f"{locale}.yaml"


@cache
def _table(locale: str) -> _Table | None:
    """The keyword table of `locale` ("en" for words.yaml), None when recap has none for it.

    Each word maps to (icon, rank, word as written): specific words rank 0, broad ones (AI, models) 1, generic
    ones (a release) 2.
    """
    path = _table_path(locale)
    if not path.is_file():
        return None
    substring = locale in _SUBSTRING
    strip = locale not in _KEEP_ACCENTS

    def build(raw: bytes) -> tuple[dict[str, tuple[str, int, str]], list[str]]:
        data = yaml.safe_load(raw.decode("utf-8")) or {}
        words: dict[str, tuple[str, int, str]] = {}
        for rank, tier in enumerate(("specific", "broad", "generic")):
            for icon, entries in (data.get(tier) or {}).items():
                for word in entries or ():
                    w = str(word) if substring else _fold(str(word), strip).replace("-", " ")
                    words.setdefault(w.lower(), (icon, rank, str(word).lower()))
        return words, [_fold(str(w), True) for w in data.get("ignore") or ()]

    words, ignore = _derived(path, build)
    longest = 1 if substring else max((len(w.split()) for w in words), default=1)
    by_first: dict[str, list[str]] = {}
    for word in words if substring else ():
        by_first.setdefault(word[:1], []).append(word)
    first = {ch: tuple(ws) for ch, ws in by_first.items()}
    starts = frozenset(w.split(" ")[0] for w in words if " " in w) if not substring else frozenset()
    return _Table(words, substring, longest, frozenset(ignore), first, starts)


@cache
def _cjk() -> re.Pattern[str]:
    """Kana, Han and Hangul. Compiled when first needed: a class of such wide ranges takes ~4 ms to compile,
    which a deck whose items name their icons never needs."""
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


# A word: letters and digits of any script, with . + # & ' inside (c++, q&a, what's, node.js, d'accès).
_TOKEN = re.compile(r"[^\W_](?:[^\W_]|[.+#&'])*(?:[^\W_]|[+#])|[^\W_]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


def _fold(text: str, strip_accents: bool) -> str:
    """`text` case-folded, composed (NFC), with typographic apostrophes made plain and, with `strip_accents`, the
    marks of Latin, Greek and Cyrillic letters taken off (é -> e, ữ -> u, đ -> d); other scripts as they are
    (taking Hangul or kana apart would change their letters)."""
    low = unicodedata.normalize("NFC", text.casefold().translate(_APOSTROPHES))
    if not strip_accents or low.isascii():
        return low
    out = []
    for ch in low:
        if ch.isascii():  # nothing to take off
            out.append(ch)
        elif ord(ch) < 0x3000:
            base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
            out.append({"đ": "d", "ł": "l", "ø": "o"}.get(base, base))
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=64)
def _prefix_rule(language: str) -> _Prefixes | None:
    """The prefixes words of `language` are written with, None for a language that writes them apart."""
    return _PREFIXES.get(locale_for(language))


@lru_cache(maxsize=4096)
def _bare(token: str, prefixes: _Prefixes) -> tuple[str, ...]:
    """`token`, then `token` without each run of the prefixes that leaves at least two letters, shortest run
    first. Memoised: a talk's titles, summaries and takeaways share most of their words."""
    ends = range(1, min(prefixes.longest, len(token) - 2) + 1)
    return (token, *(token[k:] for k in ends if token[:k] in prefixes.runs))


def _prefixed_forms(words: list[str], rule: _Prefixes) -> list[str]:
    """The forms of a phrase in a language that writes prefixes on its words: its first word as written or
    without its prefixes, each later word as written or without the article; and each form with a plural -s or
    -es taken off (an English word in such a talk)."""
    article = rule.article
    forms = list(_bare(words[0], rule))
    for word in words[1:]:
        later = (word, word[len(article) :]) if word.startswith(article) and len(word) - len(article) >= 2 else (word,)
        forms = [f"{form} {w}" for form in forms for w in later]
    return [plural for form in forms for plural in _with_plurals(form)]


def _with_plurals(form: str) -> list[str]:
    """`form`, then without a plural -s and -es where it ends so (an English word matches its plural)."""
    return [form, *([form[:-1]] if form.endswith("s") else ()), *([form[:-2]] if form.endswith("es") else ())]


def _tables(language: str, text: str) -> tuple[_Table, ...]:
    """The tables a text of a talk in `language` is matched with: the language's own, then English; a text in
    Chinese, Japanese or Korean in a talk of another language (an English talk with a Chinese title) is also
    matched with those languages' tables."""
    return _tables_for(language, bool(_cjk().search(text)))


@lru_cache(maxsize=64)
def _tables_for(language: str, cjk: bool) -> tuple[_Table, ...]:
    own = locale_for(language)
    names = [own] if own == "en" else [own, "en"]
    if own not in _SUBSTRING and cjk:
        names += sorted(_SUBSTRING)
    return tuple(t for t in map(_table, names) if t is not None)


# Asked for the same texts again and again: an item's icon is chosen for each layout its slide is tried in, and
# a card's from its takeaway and the item's title. The tables are fixed, so the answer depends on these two only.
@lru_cache(maxsize=8192)
def _match(text: str, language: str = "en") -> tuple[str, str] | None:
    """The best icon for `text` and the word that chose it: a specific word before a broad or generic one, then
    the first in the text, then the longest of those starting at the same place, then the language's own table
    before English. A word inside a longer one that matched counts no more: "automatique" in "apprentissage
    automatique" and 学习 in 机器学习 are machine learning, not automation or a course."""
    tables = _tables(language, text)
    if not tables:
        return None
    own = tables[0]
    folded = _fold(text, strip_accents=not language_keeps_accents(language))
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(folded)]
    rule = _prefix_rule(language)  # Arabic, Hebrew: words written with their prefixes
    found: list[tuple[int, int, int, int, int, str, str]] = []  # rank, start, -length, table, end, icon, word
    for order, table in enumerate(tables):
        if table.substring:
            for pos, ch in enumerate(folded):
                for word in table.by_first.get(ch, ()):
                    if folded.startswith(word, pos):
                        icon, rank, written = table.words[word]
                        found.append((rank, pos, -len(word), order, pos + len(word), icon, written))
            continue
        # An English word that is an ordinary word of the talk's language is not matched, unless written in
        # capitals as an acronym: Vietnamese "Ai cũng…" is "who", "AI cho mọi người" is AI.
        ordinary = own.ignore if own is not table else frozenset()
        for i, (pos, _, token) in enumerate(tokens):
            # Every form of a phrase of two words or more has a space, so starts with a phrase's first word.
            firsts = _bare(token, rule) if rule else (token,)
            longest = table.longest if any(first in table.starts for first in firsts) else 1
            for n in range(1, longest + 1):
                if i + n > len(tokens):
                    break
                phrase = " ".join(t for _, _, t in tokens[i : i + n]) if n > 1 else token
                forms = _prefixed_forms([t for _, _, t in tokens[i : i + n]], rule) if rule else _with_plurals(phrase)
                for form in forms:
                    if form and form in table.words and not (form in ordinary and _ordinary(form, text)):
                        icon, rank, written = table.words[form]
                        found.append((rank, pos, -len(form), order, tokens[i + n - 1][1], icon, written))
                        break
    spans = [(f[1], f[4]) for f in found]
    kept = [
        f
        for f in found
        if not any(a <= f[1] and f[4] <= b and b - a > f[4] - f[1] for a, b in spans)  # inside a longer match
    ]
    if not kept:
        return None
    kept.sort()
    return kept[0][5], kept[0][6]


def _ordinary(word: str, text: str) -> bool:
    """Whether an English `word` that is an ordinary word of the talk's language is one in `text`: not written
    in capitals as an acronym."""
    return not re.search(rf"\b{re.escape(word.upper())}\b", text)


@lru_cache(maxsize=64)
def language_keeps_accents(language: str) -> bool:
    """Whether titles in `language` are matched with their accents (Vietnamese: its tone marks make words)."""

    return locale_for(language) in _KEEP_ACCENTS


def explain(item: Item, default: str = "lightbulb", language: str = "en") -> tuple[Icon, str]:
    """The icon `item` gets and why: "icon: NAME", "tag 'x'", "title word 'y'", "summary word 'z'" or "default";
    its words are matched with the keyword tables of the talk's `language` (a BCP 47 tag) and English."""
    if item.icon and exists(item.icon):
        return get(item.icon), f"icon: {item.icon}"
    sources: Iterable[tuple[str, str]] = (
        *(("tag", t) for t in item.tags),
        ("title", item.title),
        ("summary", item.summary or ""),
    )
    for where, text in sources:
        hit = _match(text, language) if text else None
        if hit and exists(hit[0]):
            return get(hit[0]), f"{where} word '{hit[1]}'" if where != "tag" else f"tag '{text}'"
    return get(default if exists(default) else "lightbulb"), "default"


def choose(item: Item, default: str = "lightbulb", language: str = "en") -> Icon:
    """The item's own icon, else one matched from its words (tags, title, summary), else `default`."""
    return explain(item, default, language)[0]


def chosen(items: Iterable[Item], default: str = "lightbulb", language: str = "en") -> list[tuple[str, str, str]]:
    """(item title, icon name, why) for each item: what `recap check` lists so a user can override with `icon:`."""
    out = []
    for item in items:
        icon, why = explain(item, default, language)
        out.append((item.title, icon.name, why))
    return out
