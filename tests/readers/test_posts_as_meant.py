"""Posts in the style of real recap posts (tests/fixtures/posts/real), imported and compared field by field with
what a reader means by them, written by hand in tests/fixtures/posts/real/expected (not produced by recap)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from decks.model import Recap
from decks.readers.markdown import import_markdown
from decks.readers.markdown.importer import count_markers

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "posts" / "real"
POSTS = sorted(REAL.glob("*.md"))


def _imported(post: Path) -> tuple[Recap, str]:
    result = import_markdown(post.read_text(encoding="utf-8"), source_name=post.name, base_dir=post.parent)
    return Recap.model_validate(yaml.safe_load(result.yaml_text)), result.yaml_text


def _event(recap: Recap) -> dict[str, Any]:
    event = recap.event
    assert event is not None
    return {
        "name": event.name,
        "start": event.start,
        "end": event.end,
        "venue": event.venue,
        "city": event.city,
    }


@pytest.mark.parametrize("post", POSTS, ids=[post.stem for post in POSTS])
def test_an_imported_post_says_what_its_author_meant(post: Path) -> None:
    expected = yaml.safe_load((REAL / "expected" / f"{post.stem}.yaml").read_text(encoding="utf-8"))
    recap, text = _imported(post)
    assert recap.title == expected["title"]
    assert recap.tags == expected["tags"]
    assert _event(recap) == expected["event"]
    assert (recap.presenter.name if recap.presenter else None) == expected["presenter"]
    # Nothing of the post becomes a part that only repeats the title or names a group of sessions.
    assert [part.title for part in recap.parts if part.title not in (recap.title, expected["event"]["name"])] == [
        part["title"] for part in expected["parts"]
    ]
    items = [
        {"title": i.title, "summary": i.summary, "takeaways": [t.text for t in i.takeaways], "notes": i.notes}
        for i in recap.all_items
    ]
    assert items == expected["items"]
    assert recap.closing == expected["closing"]
    flagged = any("reads as a blog post" in line for line in text.splitlines() if line.startswith("# check:"))
    assert flagged == expected["closing_flagged"]
    # Every fact taken from prose is marked for review, and the count the command prints is the file's.
    assert "# check: the dates are read from" in text
    assert count_markers(text) == sum(
        1 for line in text.splitlines() if line.lstrip().startswith(("# TODO", "# check:"))
    )
