"""The preview session: renders in a warm process, notices changes to the content, its pictures and the theme,
keeps the last good page when an edit breaks the content, and says what is wrong as every command does."""

from __future__ import annotations

import os
import re
from pathlib import Path

from decks.preview.page import VERSION_MARK
from decks.preview.session import Session


def _touch(path: Path, text: str | None = None) -> None:
    if text is not None:
        path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # a new time even within one clock tick


def test_an_edit_is_noticed_and_shows_in_the_next_page(content: Path) -> None:
    lines: list[str] = []
    session = Session(content, echo=lines.append)
    assert session.render()
    first = session.version  # the slides, then the sketchnote: each published as it is ready
    assert not session.poll() and session.version == first  # nothing changed, nothing rendered
    text = content.read_text(encoding="utf-8")
    takeaway = "Easier for beginners and experts, researchers and developers"
    _touch(content, text.replace(takeaway, "Easy for everyone, really", 1))
    assert session.poll() and session.version > first
    page = session.page_html()
    assert "Easy for everyone, really" in page and VERSION_MARK not in page
    assert 'live-errors"' not in page and any(line.startswith("updated in") for line in lines)


def test_a_broken_edit_keeps_the_last_good_page_and_shows_located_errors(content: Path) -> None:
    lines: list[str] = []
    session = Session(content, echo=lines.append)
    session.render()
    good = session.html
    _touch(content, content.read_text(encoding="utf-8") + "\nitems: [\n")
    assert session.poll()
    assert session.html == good
    page = session.page_html()
    errors = re.findall(r'<div class="live-errors" role="alert">.*?<pre>(.*?)</pre>', page, flags=re.S)
    assert errors and re.match(r"error: .*tf-dev-summit-2019\.yaml:\d+:\d+: ", errors[0])
    assert errors[0].splitlines() == [line for line in lines if line.startswith("error:")]
    assert '<section class="slide"' in page  # the last good slides stay under the errors


def test_pictures_and_theme_files_are_watched(content: Path) -> None:
    session = Session(content, echo=lambda line: None)
    session.render()
    watched = session.watched()
    picture = next(p for p in watched if p.suffix == ".png")
    assert picture.parent.name == "img"
    assert any(p.name == "theme.yaml" for p in watched)
    _touch(picture)
    assert session.changed()


def test_served_files_are_only_those_the_page_names(content: Path) -> None:
    session = Session(content, echo=lambda line: None)
    session.render()
    urls = re.findall(r"(/files/\d+/[^)\"']+)", session.page_html())
    assert urls and all(session.files.get(url) is not None for url in urls)
    for bad in ("/files/0/../../etc/passwd", "/etc/passwd", "/files/999/x.ttf", "/files/0/" + "%2e%2e"):
        assert session.files.get(bad) is None


def test_an_edit_to_the_theme_shows_in_the_next_page(content: Path, tmp_path: Path) -> None:
    theme = tmp_path / "mine"
    theme.mkdir()
    (theme / "theme.yaml").write_text('extends: default\npalette:\n  accent: "#112233"\n', encoding="utf-8")
    session = Session(content, str(theme), echo=lambda line: None)
    assert session.render()
    assert 'fill="#112233"' in session.html
    _touch(theme / "theme.yaml", 'extends: default\npalette:\n  accent: "#445566"\n')
    assert session.poll()
    assert 'fill="#445566"' in session.html and 'fill="#112233"' not in session.html
    _touch(theme / "theme.yaml", "extends: default\npalette:\n  accent: 12\n")
    assert session.poll() and session.errors and "theme.yaml" in session.errors[0]


def test_after_edits_the_page_equals_the_page_a_fresh_session_renders(content: Path) -> None:
    session = Session(content, echo=lambda line: None)
    session.render()
    text = content.read_text(encoding="utf-8")
    takeaway = "We had been testing the TensorFlow 2.0 preview and sending feedback"
    for edited in (text.replace(takeaway, "Edited once", 1), text.replace(takeaway, "Edited twice", 1), text):
        _touch(content, edited)
        assert session.poll() and not session.errors
        assert session.reader.last == "item"
        fresh = Session(content, echo=lambda line: None)
        assert fresh.render() and fresh.html == session.html


def test_the_content_names_the_theme_and_an_edit_to_it_switches_theme(content: Path) -> None:
    for name, accent in (("mine", "#112233"), ("other", "#445566")):
        (content.parent / name).mkdir()
        (content.parent / name / "theme.yaml").write_text(
            f'extends: default\npalette:\n  accent: "{accent}"\n', encoding="utf-8"
        )
    text = content.read_text(encoding="utf-8").rstrip("\n")
    _touch(content, text + "\ntheme: mine\n")
    session = Session(content, echo=lambda line: None)  # no --theme: the content's, relative to it
    assert session.render()
    assert 'fill="#112233"' in session.html
    _touch(content, text + "\ntheme: other\n")
    assert session.poll()
    assert 'fill="#445566"' in session.html and 'fill="#112233"' not in session.html
    assert any(p.parent.name == "other" and p.name == "theme.yaml" for p in session.watched())


def _applied(session: Session, since: int) -> list[tuple[str, str]]:
    """The body parts a page showing version `since` holds after applying `/changes` (as live.js does)."""
    news = session.changes(str(since))
    assert not news.get("whole"), news
    old = dict(session._parts[since].body)
    return [(key, news["parts"].get(key, old.get(key, ""))) for key in news["keys"]]


def test_changes_after_a_save_hold_only_the_changed_slides_and_make_the_cold_page(content: Path) -> None:
    session = Session(content, echo=lambda line: None)
    session.render()
    text = content.read_text(encoding="utf-8")
    takeaway = "We had been testing the TensorFlow 2.0 preview and sending feedback"
    for edited in (text.replace(takeaway, "Edited once", 1), text.replace(takeaway, "Edited twice, longer " * 4, 1)):
        since = session.version
        _touch(content, edited)
        assert session.poll() and not session.errors and session.reader.last == "item"
        news = session.changes(str(since))
        slides = [key for key in news["keys"] if key.startswith("slide-")]
        changed = set(news["parts"])
        # The edited item's slide (and the sketchnote, which shows it too), not the other slides.
        assert changed - {"sketchnote"} and len(changed - {"sketchnote"}) <= 2 < len(slides)
        assert all("Edited" in news["parts"][key] for key in changed - {"sketchnote"})
        assert news["head"] is None and news["errors"] == ""
        # What the page holds after applying the news is the page a fresh session renders of the file now.
        fresh = Session(content, echo=lambda line: None)
        assert fresh.render() and fresh.html == session.html
        assert fresh.page.parts is not None
        assert _applied(session, since) == list(fresh.page.parts.body)
        assert session.page.parts is not None and session.page.parts.head == fresh.page.parts.head


def test_changes_carry_the_problems_and_a_page_too_old_or_unknown_loads_whole(content: Path) -> None:
    session = Session(content, echo=lambda line: None)
    session.render()
    good = session.version
    text = content.read_text(encoding="utf-8")
    _touch(content, text + "\nitems: [\n")
    session.poll()
    news = session.changes(str(good))
    assert news["parts"] == {} and 'class="live-errors"' in news["errors"] and "error: " in news["errors"]
    _touch(content, text)
    session.poll()
    assert session.changes(str(good))["errors"] == ""
    for since in ("", "x", "-1", "999999", "0"):
        assert session.changes(since) == {"version": session.version, "whole": True}
    for _ in range(12):  # many versions later, the first one is forgotten: memory stays bounded
        _touch(content, text)
        session.poll()
    assert session.changes(str(good))["whole"] and len(session._parts) <= 8
