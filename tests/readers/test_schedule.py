"""Conference schedules in each published form, read into sessions; hostile and broken files refused, located."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.errors import ContentError
from decks.model import Recap
from decks.readers.schedule import (
    MAX_SESSIONS,
    ScheduleError,
    content_from,
    first_sentence,
    listing,
    parse_schedule,
    read_schedule,
    select,
)

SCHEDULES = Path(__file__).resolve().parents[1] / "fixtures" / "schedules"


@pytest.mark.parametrize(
    ("name", "title", "start", "end", "first"),
    [
        ("pretalx_en.json", "PyConf 2024", "2024-05-14", "2024-05-15", ("ABC123", "Free-threaded Python in practice")),
        (
            "frab_de.xml",
            "Datenkonferenz 2024",
            "2024-09-12",
            "2024-09-13",
            ("501", "Datenschutz für Maschinelles Lernen"),
        ),
        ("sessionize_ja.json", "sessionize_ja", "2024-11-23", "2024-11-24", ("612345", "Flutter の最新情報")),
        (
            "conf_zh.ics",
            "QCon 上海 2023",
            "2023-10-26",
            "2023-10-27",
            ("qcon-sh-2023-1@example.cn", "大模型推理的工程实践"),
        ),
    ],
)
def test_each_format_gives_the_conference_and_its_sessions(
    name: str, title: str, start: str, end: str, first: tuple[str, str]
) -> None:
    schedule = read_schedule(SCHEDULES / name)
    assert (schedule.title, str(schedule.start), str(schedule.end)) == (title, start, end)
    assert (schedule.sessions[0].id, schedule.sessions[0].title) == first
    assert all(s.day is not None for s in schedule.sessions)


def test_speakers_rooms_links_and_abstracts_are_read() -> None:
    pretalx = read_schedule(SCHEDULES / "pretalx_en.json")
    talk = pretalx.sessions[0]
    assert talk.speakers == ("Ada Lovelace",) and talk.room == "Main hall" and talk.track == "Core"
    assert talk.abstract.startswith("Python 3.13 can run without the GIL.")  # markup removed
    assert [link.url for link in talk.links] == [
        "https://www.youtube.com/watch?v=ft-python",
        "https://slides.example.org/ft.pdf",
    ]
    sessionize = read_schedule(SCHEDULES / "sessionize_ja.json")
    assert [s.title for s in sessionize.sessions] == [
        "Flutter の最新情報",
        "Gemini API ハンズオン",
    ]  # no service session
    assert sessionize.sessions[1].speakers == ("佐藤 花子", "山田 太郎") and sessionize.sessions[1].room == "ルーム B"
    assert read_schedule(SCHEDULES / "frab_de.xml").sessions[0].speakers == ("Jürgen Müller", "Ayşe Yılmaz")
    assert read_schedule(SCHEDULES / "conf_zh.ics").sessions[0].speakers == ("张伟",)


@pytest.mark.parametrize(
    ("name", "where", "what"),
    [
        ("bad_syntax.json", "bad_syntax.json:2:1:", "not valid JSON"),
        ("bad_not_schedule.json", "bad_not_schedule.json:1:1:", "not a schedule recap knows"),
        ("bad_entities.xml", "bad_entities.xml:", "DOCTYPE or entities"),
        ("bad_truncated.ics", "bad_truncated.ics:", "not a valid iCalendar file"),
    ],
)
def test_a_malformed_schedule_is_a_located_problem_in_plain_words(name: str, where: str, what: str) -> None:
    with pytest.raises(ScheduleError) as caught:
        read_schedule(SCHEDULES / name)
    message = str(caught.value.problems[0])
    assert where in message and what in message
    assert "b'" not in message and "Error" not in message  # no Python repr or exception names


def test_a_schedule_is_refused_past_its_bounds() -> None:
    events = ",".join(f'{{"title": "t{n}", "code": "c{n}"}}' for n in range(MAX_SESSIONS + 1))
    text = '{"schedule": {"conference": {"title": "Big", "days": [{"date": "2024-01-01", "rooms": {"A": [%s]}}]}}}'
    with pytest.raises(ScheduleError, match="more than"):
        parse_schedule((text % events).encode(), "big.json")
    with pytest.raises(ScheduleError, match="nested too deeply"):
        parse_schedule(b"[" * 100_000 + b"]" * 100_000, "deep.json")


@settings(max_examples=int(os.environ.get("RECAP_FUZZ_EXAMPLES", "40")), deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_any_bytes_give_a_schedule_or_a_located_problem(raw: bytes) -> None:
    for head in (b"", b"{", b"<schedule>", b"BEGIN:VCALENDAR\r\n"):
        with contextlib.suppress(ContentError):
            parse_schedule(head + raw, "x")


def test_sessions_are_chosen_by_id_or_number_and_a_typo_gets_a_did_you_mean() -> None:
    schedule = read_schedule(SCHEDULES / "pretalx_en.json")
    assert [s.id for s in select(schedule, ["GHI789", "1"], "f")] == ["ABC123", "GHI789"]  # the schedule's order
    with pytest.raises(ScheduleError) as caught:
        select(schedule, ["ABC124"], "f")
    assert "did you mean 'ABC123'?" in str(caught.value.problems[0])
    assert listing(schedule, "packaging") == [
        "2024-05-14:",
        "     2  11:00  Packaging without tears (Grace Hopper, Linus T.)  [id DEF456]",
    ]


def test_the_draft_summary_is_the_abstracts_first_sentence() -> None:
    assert first_sentence("Quantisierung in der Praxis. Und mehr.") == "Quantisierung in der Praxis."
    assert first_sentence("介绍经验。包括量化。") == "介绍经验。"
    assert first_sentence("word " * 100).endswith("…") and len(first_sentence("word " * 100)) <= 181


@pytest.mark.parametrize("name", ["pretalx_en.json", "frab_de.xml", "sessionize_ja.json", "conf_zh.ics"])
def test_the_content_made_from_a_schedule_is_valid_with_a_part_per_day(name: str) -> None:
    schedule = read_schedule(SCHEDULES / name)
    text = content_from(schedule, schedule.sessions, name)
    recap = Recap.model_validate(yaml.safe_load(text))
    assert [part.date for part in recap.parts] == schedule.days()
    assert [item.title for item in recap.all_items] == [s.title for s in schedule.sessions]
    assert "# check: the summary is the abstract's first sentence" in text


def test_from_a_schedule_to_a_deck_and_a_sketchnote(tmp_path: Path) -> None:
    def recap(*args: str) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, RECAP_CACHE_DIR=str(tmp_path / ".cache"))
        command = [sys.executable, "-m", "decks.cli.main", *args]
        return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)

    made = recap(
        "new",
        "talk.yaml",
        "--schedule",
        str(SCHEDULES / "pretalx_en.json"),
        "--sessions",
        "ABC123,GHI789",
        "--presenter",
        "Sam",
    )
    assert made.returncode == 0, made.stderr
    assert recap("check", "talk.yaml").returncode == 0
    strict = recap("check", "--strict", "talk.yaml")
    assert strict.returncode == 1 and "the summary is the abstract's first sentence" in strict.stderr
    for kind in ("pptx", "pdf"):
        done = recap(kind, "talk.yaml", "-o", f"talk.{kind}")
        assert done.returncode == 0, done.stderr
    posted = recap("post", "talk.yaml", "-o", "post")
    assert posted.returncode == 0, posted.stderr
    post = (tmp_path / "post" / "index.md").read_text(encoding="utf-8")
    assert "https://www.youtube.com/watch?v=ft-python" in post and "Free-threaded Python in practice" in post
    with zipfile.ZipFile(tmp_path / "talk.pptx") as deck:
        notes = " ".join(deck.read(n).decode() for n in deck.namelist() if n.startswith("ppt/notesSlides/notesSlide"))
        slides = " ".join(deck.read(n).decode() for n in deck.namelist() if n.startswith("ppt/slides/_rels/"))
    assert "Ada Lovelace" in notes and "Main hall" in notes
    assert "https://www.youtube.com/watch?v=ft-python" in slides
    listed = recap("new", "--schedule", str(SCHEDULES / "frab_de.xml"), "--list-sessions", "--filter", "sprach")
    assert listed.returncode == 0 and "Große Sprachmodelle" in listed.stdout and "Datenschutz" not in listed.stdout
    missing = recap("new", "x.yaml", "--schedule", str(SCHEDULES / "frab_de.xml"), "--no-input")
    assert missing.returncode == 2 and "--sessions" in missing.stderr
    assert not (tmp_path / "x.yaml").exists()
