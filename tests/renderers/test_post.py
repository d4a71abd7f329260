"""`recap post` and `recap card`: a blog post that renders, reads back through `recap import` as the same
content, and a social card legible as a link preview."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from decks.cli.main import main
from decks.model import Recap
from decks.model.inline import plain, spans
from decks.readers.markdown import import_markdown
from decks.renderers.markdown import escape, write_post
from tests.conftest import EXAMPLE_EN as EXAMPLE
from tests.conftest import EXAMPLE_ZH

# Words in several scripts, with the punctuation Markdown gives meaning to: each must come back as itself.
_WORD = st.sampled_from(
    [
        "TensorFlow", "2.0", "tf.keras", "*star*", "_under_", "`code`", "[x](y)", "#tag", "a|b", "<b>", "!",
        "1.", "-", "+", "~", "&amp;", "\\", "机器学习", "发布", "参加", "レポート", "한국어", "후기", "Việt", "Ünïcödé",
        "ελληνικά", "русский", "🎉", "50%", "C++", "(beta)", "O'Reilly", '"quoted"',
    ]
)  # fmt: skip
_TEXT = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)
_LINK = st.fixed_dictionaries(
    {
        "url": st.sampled_from(["https://example.com/a", "https://www.youtube.com/watch?v=x", "https://ex.org/(p)"]),
        "label": _TEXT,
        "kind": st.sampled_from(["video", "docs", "repo", "slides", "blog", "other"]),
    }
)
_TAKEAWAY = st.one_of(_TEXT, st.fixed_dictionaries({"text": _TEXT, "points": st.lists(_TEXT, min_size=1, max_size=2)}))
_ITEM = st.fixed_dictionaries(
    {"title": _TEXT},
    optional={
        "summary": _TEXT,
        "takeaways": st.lists(_TAKEAWAY, min_size=1, max_size=3),
        "links": st.lists(_LINK, min_size=1, max_size=3, unique_by=lambda link: link["url"]),
    },
)


@st.composite
def contents(draw: st.DrawFn) -> dict[str, object]:
    language = draw(st.sampled_from(["en", "zh-CN", "ja", "ko"]))
    start = draw(st.dates(dt.date(2015, 1, 1), dt.date(2030, 1, 1)))
    data: dict[str, object] = {
        "title": draw(_TEXT),
        "language": language,
        "event": {"name": draw(_TEXT), "start": start, "end": start + dt.timedelta(days=draw(st.integers(0, 3)))},
        "presenter": {"name": draw(_TEXT)},
    }
    titles = draw(st.lists(_TEXT, min_size=1, max_size=3, unique=True))
    items = st.lists(_ITEM, min_size=1, max_size=3, unique_by=lambda item: item["title"])
    if draw(st.booleans()):
        data["parts"] = [
            {"title": t, "items": draw(items)} | ({"intro": draw(_TEXT)} if draw(st.booleans()) else {}) for t in titles
        ]
    else:
        data["items"] = draw(items)
    if draw(st.booleans()):
        data["key_takeaways"] = draw(st.lists(_TAKEAWAY, min_size=1, max_size=3))
    if draw(st.booleans()):
        data["resources"] = draw(st.lists(_LINK, min_size=1, max_size=3, unique_by=lambda link: link["url"]))
    if draw(st.booleans()):
        data["closing"] = draw(_TEXT)
    if draw(st.booleans()):
        data["intro"] = draw(_TEXT)
    return data


def _fields(recap: Recap) -> dict[str, object]:
    """What a reader sees of the content: texts as their styled spans (`_under_` and `*under*` are one thing)."""

    def links(found: list) -> list[tuple[str, str | None, str]]:
        return [(str(link.url), link.label, str(link.kind)) for link in found]

    def shown(text: str | None) -> object:
        return None if text is None else spans(text)

    def takeaways(found: list) -> list[tuple[object, list[object]]]:
        return [(shown(t.text), [shown(p) for p in t.points]) for t in found]

    return {
        "title": plain(recap.title),  # the front matter holds the title in plain words
        "language": recap.language,
        "event": recap.event,
        "presenter": recap.presenter,
        "parts": [(shown(p.title), shown(p.intro)) for p in recap.parts],
        "items": [(shown(i.title), shown(i.summary), takeaways(i.takeaways), links(i.links)) for i in recap.all_items],
        "key_takeaways": takeaways(recap.key_takeaways),
        "resources": links(recap.resources),
        "intro": shown(recap.intro),
        "closing": shown(recap.closing),
    }


@settings(
    max_examples=int(os.environ.get("RECAP_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(contents())
def test_a_post_imports_back_as_the_same_content(data: dict[str, object]) -> None:
    recap = Recap.model_validate(data)
    post = write_post(recap)
    back = Recap.model_validate(yaml.safe_load(import_markdown(post, source_name="index.md").yaml_text))
    assert _fields(back) == _fields(recap)


@pytest.mark.parametrize("text", ["*a* _b_ `c` [d](e) <f> # g | h ~ i & j \\ k", "1. not a list", "- nor this"])
def test_escaped_text_renders_as_itself(text: str) -> None:
    html = MarkdownIt("commonmark").render(escape(text))
    assert "<em>" not in html and "<code>" not in html and "<a " not in html and "<ol" not in html
    assert "<ul" not in html


@pytest.mark.parametrize("flavor", ["hugo", "jekyll", "plain"])
def test_front_matter_has_the_keys_each_site_generator_reads(flavor: str) -> None:
    from decks.readers.content import load_content

    post = write_post(load_content(EXAMPLE), flavor)
    front = yaml.safe_load(post.split("---\n")[1])
    assert {"title", "date", "description"} <= set(front)
    assert ("images" in front) if flavor == "hugo" else ("image" in front)
    assert (front.get("layout") == "post") == (flavor == "jekyll")
    assert front["recap"]["event"]["name"] == "TensorFlow Dev Summit 2019"


@pytest.mark.parametrize("content", [EXAMPLE, EXAMPLE_ZH], ids=["en", "zh"])
def test_recap_post_writes_a_folder_that_reads_back(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / ".cache"))
    out = tmp_path / "post"
    assert main(["post", str(content), "-o", str(out)]) == 0
    assert {p.name for p in out.iterdir()} >= {"index.md", "sketchnote.png", "sketchnote.svg", "card.png", "pictures"}
    with Image.open(out / "card.png") as card:
        assert card.size == (1200, 630)
    text = (out / "index.md").read_text(encoding="utf-8")
    assert "](sketchnote.png)](sketchnote.svg)" in text
    for line in text.splitlines():
        if line.startswith("![") and "pictures/" in line:
            assert (out / line.split("](", 1)[1].split(" ", 1)[0].rstrip(")")).is_file()
    assert main(["post", str(content), "-o", str(out)]) == 3  # a post already there is not replaced...
    assert main(["post", str(content), "-o", str(out), "--force"]) == 0  # ...unless asked


def test_recap_card_square(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / ".cache"))
    assert main(["card", str(EXAMPLE), "--square", "-o", str(tmp_path / "c.png")]) == 0
    with Image.open(tmp_path / "c.png") as card:
        assert card.size == (1080, 1080)


def test_recap_card_takes_the_talks_own_theme(tmp_path: Path) -> None:
    talk = tmp_path / "talk.yaml"
    talk.write_text("title: A talk\ntheme: chalkboard\nitems:\n  - title: One\n", encoding="utf-8")
    assert main(["-q", "card", str(talk), "-o", str(tmp_path / "own.png")]) == 0
    assert main(["-q", "card", str(talk), "--theme", "chalkboard", "-o", str(tmp_path / "chalk.png")]) == 0
    assert main(["-q", "card", str(talk), "--theme", "default", "-o", str(tmp_path / "plain.png")]) == 0
    own = (tmp_path / "own.png").read_bytes()
    assert own == (tmp_path / "chalk.png").read_bytes() and own != (tmp_path / "plain.png").read_bytes()
