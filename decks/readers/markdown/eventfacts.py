"""The event's facts as a post states them: its name without the post's framing, its dates, its venue and city.

A recap post is titled by what the author made of the event ("Learnings from TensorFlow Dev Summit 2019",
"KubeCon China 2019 的收获", "… 参加レポート 🎉"), and says when and where in its opening prose ("I attended … on
March 6 & 7 at the Google Event Center in Sunnyvale", "我于 3 月 6 日& 7 日在桑尼维尔的谷歌活动中心参加了 …").
Each function here returns what it found, or None; the importer marks every taken fact for review.

Month names come from Babel's CLDR data in the post's language (and English, which posts in any language use).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names

# Words a post puts around the event's name, per language: cut from the start or the end of the title.
_LEADING = re.compile(
    r"^\s*(?:(?:my|some|a\s+few|key)\s+)?(?:learnings?|lessons(?:\s+learned)?|takeaways?|highlights?|notes|"
    r"thoughts|impressions|recap|report|reflections?|summary)\s+(?:from|of|on|at)\s+(?:the\s+)?"
    r"|^\s*what\s+(?:i|we)\s+(?:learned|learnt|saw)\s+(?:at|from)\s+(?:the\s+)?"
    r"|^\s*(?:my\s+)?(?:trip|visit)\s+to\s+(?:the\s+)?"
    r"|^\s*(?:recap|report|notes|highlights)\s*[:：\-–—]\s*"
    r"|^\s*(?:retour\s+sur|compte[\s-]rendu\s+(?:de|du|des)|ce\s+que\s+j'ai\s+appris\s+(?:à|au|aux))\s+(?:la\s+|le\s+|l')?"
    r"|^\s*(?:lo\s+que\s+aprendí\s+en|resumen\s+(?:de|del)|crónica\s+(?:de|del))\s+(?:la\s+|el\s+)?"
    r"|^\s*(?:o\s+que\s+aprendi\s+n[oa]|resumo\s+d[oa])\s+"
    r"|^\s*(?:rückblick|bericht|notizen)\s*(?:auf|von|zur|zum|vom)?\s*[:：\-–—]?\s*(?:die\s+|der\s+|das\s+)?"
    r"|^\s*(?:những\s+điều\s+(?:học\s+được|rút\s+ra)\s+từ|tổng\s+kết|ghi\s+chép\s+từ)\s+",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"\s*(?:[:：\-–—|｜]\s*)?(?:(?:my\s+)?(?:learnings|takeaways|highlights|recap|report|notes|impressions)"
    r"|的?(?:收获|收穫|参会心得|參會心得|心得体会|心得|回顾|回顧|总结|總結|笔记|筆記|见闻|見聞|参会记录|游记)"
    r"|(?:に)?(?:参加レポート|参加報告|参加記|参加してきました|に参加しました|行ってきました|レポート|まとめ|振り返り)"
    r"|(?:참가|참석)?\s*(?:후기|정리|리뷰)"
    r"|\s+(?:rückblick|recap))\s*[!！。.]*\s*$",
    re.IGNORECASE,
)


def _drop_symbols(text: str) -> str:
    """The title without emoji and pictographs (🎉 ✨), which name no event."""
    kept = [ch for ch in text if unicodedata.category(ch) != "So" and ch not in "\ufe0f\u200d"]
    return " ".join("".join(kept).split())


def event_name(title: str) -> str | None:
    """The event's name in a post's title, when the title frames it; None when there is no framing to cut."""
    name = _drop_symbols(title)
    for _ in range(2):  # "Recap: KubeCon 2019 takeaways" has both
        name = _TRAILING.sub("", _LEADING.sub("", name, count=1), count=1).strip(" \t:：-–—|｜,，")
    name = re.sub(r"^(\d{4})\s*年\s*", r"\1 年 ", name)  # keep the year as the post wrote it
    if not name or name == " ".join(title.split()):
        return None
    return name


@dataclass(frozen=True)
class Dates:
    start: dt.date
    end: dt.date | None
    text: str  # the words they were read from


_DASH = r"\s*(?:-|–|—|~|～|〜|to|and|&|＆|through|thru|bis|und|et|au|al|y|a|e|và|đến|至|到|和|与|與|、|及)\s*"


@functools.cache
def _month_names(language: str) -> dict[str, int]:
    """Month names (wide and abbreviated, format and stand-alone) of the language and of English, folded."""

    names: dict[str, int] = {}
    tags = ["en"]
    base = language.replace("-", "_").split("_")[0].lower()
    if base and base not in ("en", "zh", "ja", "ko"):
        tags.append(base)
    for tag in tags:
        try:
            Locale.parse(tag)
        except (UnknownLocaleError, ValueError):
            continue
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, tag).items():
                    key = name.casefold().rstrip(".")
                    if len(key) >= 3:
                        names.setdefault(key, number)
    names.setdefault("sept", 9)
    return names


def _make(
    year: str | None, text: str, hint: dt.date | None, m1: int, d1: int, m2: int | None, d2: int | None
) -> Dates | None:
    """The dates, the year from the match, else from a year the text names, else from the post's date."""
    stated = int(year) if year else None
    in_text = re.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
    whole = stated or (int(in_text.group(1)) if in_text else None) or (hint.year if hint else None)
    if whole is None:
        return None
    try:
        start = dt.date(whole, m1, d1)
        end = dt.date(whole, m2 or m1, d2) if d2 else None
        if hint and not stated and not in_text and start > hint:
            # A post is written after the event: a day later in the year than the post is last year's.
            start = start.replace(year=whole - 1)
            end = end.replace(year=whole - 1) if end else None
        if end is not None and end < start:
            end = end.replace(year=end.year + 1)
    except ValueError:
        return None
    return Dates(start, None if end == start else end, "")


_CJK_DATE = re.compile(
    r"(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日?"
    r"(?:" + _DASH + r"(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日)?"
)
_KO_DATE = re.compile(
    r"(?:((?:19|20)\d{2})\s*년\s*)?(\d{1,2})\s*월\s*(\d{1,2})\s*일"
    r"(?:\s*(?:-|–|~|～|부터|와|과|,)\s*(?:(\d{1,2})\s*월\s*)?(\d{1,2})\s*일)?"
)
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?:\s*(?:-|–|to|~)\s*(?:(\d{2})-)?(\d{2})(?!\d))?")


def _word_dates(text: str, language: str, hint: dt.date | None) -> Dates | None:
    names = _month_names(language)
    month = "(" + "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True)) + r")\.?"
    day = r"(\d{1,2})(?:st|nd|rd|th|er|º|\.)?"
    year = r"(?:,?\s*((?:19|20)\d{2}))?"
    # "March 6 & 7, 2019", "May 7–9", "Mar 6 - Mar 8"
    month_first = re.compile(
        r"(?<!\w)" + month + r"\s+" + day + r"(?:" + _DASH + r"(?:" + month + r"\s+)?" + day + r")?" + year,
        re.IGNORECASE,
    )
    # "6-7 March 2019", "6 et 7 mars", "24 al 26 de junio", "6. bis 7. März"
    day_first = re.compile(
        r"(?<![\w.])" + day + r"(?:\s*(?:de\s+)?" + r"(?:" + month + r")?" + _DASH + day + r")?"
        r"\s*(?:de\s+|tháng\s+)?" + month + r"(?:\s+de)?" + year,
        re.IGNORECASE,
    )
    best: tuple[int, Dates] | None = None
    for found in month_first.finditer(text):
        m1, d1, m2, d2, y = found.groups()
        got = _make(
            y, text, hint, names[m1.casefold()], int(d1), names[m2.casefold()] if m2 else None, int(d2) if d2 else None
        )
        if got and (best is None or found.start() < best[0]):
            best = (found.start(), Dates(got.start, got.end, found.group().strip(" .,;")))
    for found in day_first.finditer(text):
        d1, m1, d2, m2, y = found.groups()
        month2 = names[m2.casefold()]
        got = _make(
            y,
            text,
            hint,
            names[m1.casefold()] if m1 else month2,
            int(d1),
            month2 if d2 else None,
            int(d2) if d2 else None,
        )
        if got and (best is None or found.start() < best[0]):
            best = (found.start(), Dates(got.start, got.end, found.group().strip(" .,;")))
    return best[1] if best else None


def event_dates(text: str, language: str, hint: dt.date | None) -> Dates | None:
    """The first date or span of days the text names, in its language's forms; `hint` (the post's own date)
    gives the year when the text does not, and a post comes after its event."""
    found: list[tuple[int, Dates]] = []
    # Numeric forms, each with its groups as (year, month, day, month, day); an ISO date carries its own year.
    for pattern, year_hint in ((_CJK_DATE, hint), (_KO_DATE, hint), (_ISO_DATE, None)):
        for match in pattern.finditer(text):
            y, m1, d1, m2, d2 = match.groups()
            got = _make(y, text, year_hint, int(m1), int(d1), int(m2) if m2 else None, int(d2) if d2 else None)
            if got:
                found.append((match.start(), Dates(got.start, got.end, match.group().strip(" .,;"))))
                break
    words = _word_dates(text, language, hint)
    if words:
        found.append((text.find(words.text), words))
    if not found:
        return None
    return min(found, key=lambda pair: pair[0])[1]


@dataclass(frozen=True)
class Place:
    venue: str | None
    city: str | None


_PLACE_WORD = r"[A-Z][\w'&.-]*"
_PLACE = _PLACE_WORD + r"(?:\s+(?:of\s+|de\s+|the\s+)?" + _PLACE_WORD + r"){0,5}"
_EN_VENUE_CITY = re.compile(r"\b(?:at|in)\s+(?:the\s+)?(" + _PLACE + r"),\s+(" + _PLACE + r"(?:,\s+[A-Z]{2}\b)?)")
_EN_VENUE_IN_CITY = re.compile(r"\bat\s+(?:the\s+)?(" + _PLACE + r")\s+in\s+(" + _PLACE + r"(?:,\s+[A-Z]{2}\b)?)")
_VENUE_WORDS = re.compile(
    r"(?:Center|Centre|Amphitheat(?:re|er)|Hall|Arena|Convention|Campus|Hotel|Theat(?:re|er)|Museum|Forum|"
    r"Palais|Messe|Expo|Stadium|Park|Pavilion|Building|Auditorium|House|Complex|Club|Space|Venue|HQ)\b"
)
_ZH_VENUE = re.compile(
    r"在([^\s，。、“”！？]{2,12}?)的([^\s，。、“”！？]{2,16}?)(?:参加|參加|舉行|举行|举办|舉辦|召开|召開)"
)
_ZH_CITY = re.compile(r"在([^\s，。、“”！？的]{2,10}?)(?:参加|參加|举行|舉行|举办|舉辦)")
_JA_VENUE = re.compile(r"(?:会場は)?([^\s、。「」！？は]{2,16}?)(?:で開催|にて開催)")


def event_place(text: str) -> Place | None:
    """The venue and city the text names ("at Shoreline Amphitheatre, Mountain View"; "在桑尼维尔的谷歌活动中心")."""
    for pattern in (_EN_VENUE_CITY, _EN_VENUE_IN_CITY):
        for match in pattern.finditer(text):
            venue, city = match.group(1).strip(" ."), match.group(2).strip(" .")
            if _VENUE_WORDS.search(venue) or pattern is _EN_VENUE_IN_CITY:
                return Place(venue, city)
    zh = _ZH_VENUE.search(text)
    if zh:
        return Place(zh.group(2), zh.group(1))
    city = _ZH_CITY.search(text)
    if city:
        return Place(None, city.group(1))
    ja = _JA_VENUE.search(text)
    if ja:
        return Place(ja.group(1), None)
    return None
