"""`import_markdown`: a post in, a content file out, within the import's budgets, with warnings by post line.

The steps: refuse a post too large to hold, walk it into drafts (walk.py), finish the drafts into the recap
(finish.py), and write them as commented YAML (emit.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from decks.readers.markdown import budget
from decks.readers.markdown.drafts import ItemDraft
from decks.readers.markdown.emit import emit_yaml
from decks.readers.markdown.finish import finish
from decks.readers.markdown.walk import walk_post


@dataclass(frozen=True)
class ImportResult:
    """The content file to write, and what the user should look at in it."""

    yaml_text: str
    warnings: list[str]
    markers: int = 0  # the TODO and check: comments left in the file for the user to review


def import_markdown(
    text: str, *, source_name: str = "post.md", base_dir: Path | None = None, output_dir: Path | None = None
) -> ImportResult:
    """Convert a recap post to content YAML.

    `base_dir` is where the post's relative image paths start; `output_dir` is where the content file will be
    written (default: `base_dir`), so that image paths in it resolve from there.
    """
    budget.check_post(text, source_name)  # before markdown-it: a post no recap holds is refused fast
    post = walk_post(text)
    budget.check_size(((item.line, _size(item)) for item in post.all_items), source_name)
    recap, comments = finish(post, source_name, base_dir, output_dir or base_dir)
    yaml_text = emit_yaml(recap, comments, source_name)
    budget.check_written(yaml_text, post.all_items[-1].line, source_name)
    post.warnings.sort(key=lambda pair: pair[0])
    warnings = [f"{source_name}:{line}: {msg}" for line, msg in post.warnings]
    return ImportResult(yaml_text, warnings, count_markers(yaml_text))


def _size(item: ItemDraft) -> int:
    """About how many bytes `item` takes in the content file (its texts and links, and 40 for the keys)."""
    texts = [item.title, *(p for _, p in item.paragraphs), *(n for _, n in item.notes), *item.checks]
    texts += [t.text for t in item.takeaways] + [p for t in item.takeaways for p in t.points]
    texts += [link.url for link in item.links] + [link.label or "" for link in item.links]
    return 40 + sum(len(t.encode("utf-8", "surrogatepass")) + 12 for t in texts)


_MARKER = re.compile(r"^\s*#\s*(?:TODO\b|check:)", re.MULTILINE)


def count_markers(yaml_text: str) -> int:
    """How many TODO and check: comments a content file still has (what `recap check --strict` refuses)."""
    return len(_MARKER.findall(yaml_text))
