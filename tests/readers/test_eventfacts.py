"""The event's name, dates and place as posts in several languages state them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.readers.markdown.eventfacts import event_dates, event_name, event_place

D = dt.date


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Learnings from TensorFlow Dev Summit 2019", "TensorFlow Dev Summit 2019"),
        ("What we learned at ML Summit 2024", "ML Summit 2024"),
        ("Recap: PyCon US 2024", "PyCon US 2024"),
        ("KubeCon China 2019 的收获", "KubeCon China 2019"),
        ("2019 年 TensorFlow 发展峰会的收获", "2019 年 TensorFlow 发展峰会"),
        ("QCon 上海 2023 参会心得", "QCon 上海 2023"),
        ("ML Engineering Summit Tokyo 2025 参加レポート 🎉", "ML Engineering Summit Tokyo 2025"),
        ("FEConf 2025 후기", "FEConf 2025"),
        ("Retour sur Devoxx France 2024", "Devoxx France 2024"),
        ("PyCon US 2024", None),  # nothing frames it: the title is the name
    ],
)
def test_the_event_name_is_the_title_without_the_posts_framing(title: str, name: str | None) -> None:
    assert event_name(title) == name


@pytest.mark.parametrize(
    ("text", "language", "start", "end"),
    [
        ("I spent March 6 & 7 at the summit.", "en", D(2019, 3, 6), D(2019, 3, 7)),
        ("Google I/O, May 7–9", "en", D(2018, 5, 7), D(2018, 5, 9)),  # after the post's date: last year's
        ("Mar 6-7, 2019", "en", D(2019, 3, 6), D(2019, 3, 7)),
        ("我于 3 月 6 日& 7 日在桑尼维尔参加了峰会", "zh-CN", D(2019, 3, 6), D(2019, 3, 7)),
        ("6 月 24 日至 26 日", "zh-CN", D(2018, 6, 24), D(2018, 6, 26)),
        ("11月23日に参加しました", "ja", D(2018, 11, 23), None),
        ("2025년 6월 24일~25일", "ko", D(2025, 6, 24), D(2025, 6, 25)),
        ("les 6 et 7 mars 2019", "fr", D(2019, 3, 6), D(2019, 3, 7)),
        ("am 6. bis 7. März", "de", D(2019, 3, 6), D(2019, 3, 7)),
        ("del 24 al 26 de junio", "es", D(2018, 6, 24), D(2018, 6, 26)),
        ("from 2024-05-14 to 15", "en", D(2024, 5, 14), D(2024, 5, 15)),
    ],
)
def test_dates_in_prose_are_read_in_the_posts_language(text: str, language: str, start: D, end: D | None) -> None:
    found = event_dates(text, language, D(2019, 3, 20))
    assert found is not None and (found.start, found.end) == (start, end)


def test_a_year_in_the_text_wins_over_the_posts_date() -> None:
    found = event_dates("TF Dev Summit 2019 took place on Mar 6", "en", D(2024, 1, 2))
    assert found is not None and found.start == D(2019, 3, 6)


def test_no_date_without_a_year_to_place_it() -> None:
    assert event_dates("on March 6", "en", None) is None


@pytest.mark.parametrize(
    ("text", "venue", "city"),
    [
        ("I was at Shoreline Amphitheatre, Mountain View, for I/O.", "Shoreline Amphitheatre", "Mountain View"),
        ("I attended at the Google Event Center in Sunnyvale.", "Google Event Center", "Sunnyvale"),
        ("我于 3 月 6 日在桑尼维尔的谷歌活动中心参加了峰会", "谷歌活动中心", "桑尼维尔"),
        ("会場はベルサール渋谷ファーストで開催されました。", "ベルサール渋谷ファースト", None),
    ],
)
def test_venue_and_city_as_the_post_states_them(text: str, venue: str | None, city: str | None) -> None:
    place = event_place(text)
    assert place is not None and (place.venue, place.city) == (venue, city)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["en", "zh-CN", "ja", "ko", "fr", "de", "vi", "xx"]))
def test_any_text_gives_a_valid_answer_or_none(text: str, language: str) -> None:
    found = event_dates(text, language, D(2020, 6, 1))
    assert found is None or found.end is None or found.end > found.start
    name = event_name(text)
    assert name is None or name.strip() == name
    event_place(text)
