"""The post `recap post` writes, rendered as GitHub renders Markdown (CommonMark with tables) and opened in
headless Chromium: the sketchnote and every picture load, and the sections are the recap's."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from decks.cli.main import main
from decks.readers.content import load_content
from tests.conftest import EXAMPLE_EN
from tests.preview.test_browser import Browser, browser  # noqa: F401  (the module's Chromium fixture)

EXAMPLES = sorted(EXAMPLE_EN.parent.glob("*.yaml"))


@pytest.mark.parametrize("content", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_the_post_renders_in_a_browser_with_its_sketchnote_and_pictures(
    content: Path,
    browser: Browser,  # noqa: F811  (the fixture, imported above)
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / ".cache"))
    folder = tmp_path / "post"
    assert main(["post", str(content), "-o", str(folder)]) == 0
    text = (folder / "index.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    keys = yaml.safe_load(front)
    assert {"title", "date", "description", "images", "recap"} <= set(keys)  # what Hugo reads, and recap's own
    html = MarkdownIt("commonmark").enable("table").render(body)
    page = folder / "index.html"
    page.write_text(f"<!doctype html><meta charset=utf-8><title>{keys['title']}</title>{html}", encoding="utf-8")
    browser.call("Page.navigate", url=page.as_uri())
    browser.wait_for("document.readyState === 'complete' && [...document.images].every(i => i.complete)", 30)
    sizes = browser.eval("[...document.images].map(i => [i.getAttribute('src'), i.naturalWidth])")
    assert sizes[0][0] == "sketchnote.png" and sizes[0][1] > 1000  # the sketchnote first, loaded
    assert all(width > 0 for _, width in sizes), sizes  # every picture the post names is there
    recap = load_content(content)
    h1 = browser.eval("[...document.querySelectorAll('h1')].map(h => h.textContent)")
    h2 = browser.eval("[...document.querySelectorAll('h2')].map(h => h.textContent)")
    assert [p.title for p in recap.parts if p.items] == h1[: len(recap.parts)]
    assert [i.title for i in recap.all_items] == h2
    links = browser.eval("[...document.querySelectorAll('a[href^=http]')].length")
    assert links >= sum(len(i.links) for i in recap.all_items) + len(recap.resources)
