"""`recap import` is bounded: posts no recap holds are refused before parsing, at their line, in little time and
memory; a post that would make a content file over the content cap is refused at the item that crosses it."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from decks.errors import ContentError
from decks.readers.markdown import budget, import_markdown


def _refused(post: str) -> tuple[ContentError, float, float]:
    tracemalloc.start()
    start = time.process_time()
    try:
        with pytest.raises(ContentError) as info:
            import_markdown(post, source_name="p.md")
        return info.value, time.process_time() - start, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_a_post_of_100k_headings_is_refused_at_the_first_heading_over_the_budget_fast() -> None:
    post = "# T\n\n" + "".join(f"## Heading {n}\n\n" for n in range(100_000))  # 1.8 MB
    error, seconds, megabytes = _refused(post)
    (problem,) = error.problems
    assert (problem.file, problem.line) == ("p.md", 1 + 2 * budget.MAX_HEADINGS)  # "# T" is the first
    assert f"more than {budget.MAX_HEADINGS:,} headings" in problem.message
    assert problem.hint and "split the post" in problem.hint
    assert seconds < 2 and megabytes < 40  # the post itself is 1.8 MB; markdown-it took 420 MB of it


def test_a_post_of_more_blocks_than_the_budget_is_refused_before_parsing() -> None:
    post = "# T\n\n## A\n\n" + "- a\n" * (budget.MAX_BLOCKS + 10)
    error, seconds, megabytes = _refused(post)
    (problem,) = error.problems
    assert problem.line == 5 + budget.MAX_BLOCKS - 2  # the title and the heading are blocks too
    assert seconds < 2 and megabytes < 20


def test_a_post_that_would_make_a_content_file_over_the_cap_is_refused_at_the_item_that_crosses_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(budget, "CONTENT_CAP", 20_000)
    items = "".join(f"## Item {n}\n\n{'words ' * 300}\n\n" for n in range(30))  # 1.8 KB of text an item
    with pytest.raises(ContentError) as info:
        import_markdown("# T\n\n" + items, source_name="p.md")
    (problem,) = info.value.problems
    assert "over the" in problem.message and problem.line is not None
    crossing = 1 + (problem.line - 3) // 4  # the post line of item n is 3 + 4n
    assert 9 <= crossing <= 12  # 20,000 bytes / about 1,850 an item


def test_a_post_within_the_budgets_imports() -> None:
    post = "# T\n\n" + "".join(f"## Item {n}\n\n- one\n- two\n\n" for n in range(300))
    result = import_markdown(post, source_name="p.md")
    assert result.yaml_text.count("- title: Item") == 300


def test_thousands_of_links_under_one_heading_are_kept_once_each_in_linear_time() -> None:
    links = "".join(f"- [v{n}](https://example.com/{n % 2000})\n" for n in range(4000))
    start = time.process_time()
    result = import_markdown("# T\n\n## A\n\n" + links, source_name="p.md")
    assert time.process_time() - start < 30  # it was quadratic: each link compared with every one kept
    assert result.yaml_text.count("url: https://example.com/") == 2000
