"""Every relative link of the Markdown docs resolves where they are read: in the checkout here, and in the wheel's
layout in tests/cli/test_first_hour.py (which builds the wheel and calls `broken_links` on it).

A link to a heading (`DESIGN.md#start-up-...`, `#templates-and-cache-entries`) must name a heading of its file,
slugged as GitHub and most viewers slug them.
"""

from __future__ import annotations

import itertools
import posixpath
import unicodedata
from collections.abc import Callable, Mapping
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt

from tests.conftest import ROOT

# The Markdown files people read: the README, what ships in the wheel (docs/, assets/, content/) and CONTRIBUTING.
SHIPPED = ("docs", "assets", "content")


def repo_docs() -> dict[str, str]:
    """The checkout's Markdown docs, by their path from the top of the checkout."""
    paths = [ROOT / "README.md", ROOT / "CONTRIBUTING.md"]
    paths += [path for top in SHIPPED for path in sorted((ROOT / top).rglob("*.md"))]
    return {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8") for path in paths if path.is_file()}


def _links(text: str) -> list[str]:
    """The targets of the links and pictures of a Markdown text (not those shown inside code)."""
    found: list[str] = []
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        for child in token.children or ():
            if child.type == "link_open":
                found.append(str(child.attrGet("href") or ""))
            elif child.type == "image":
                found.append(str(child.attrGet("src") or ""))
    return found


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens."""
    kept = "".join(c for c in heading.lower() if c in " -_" or unicodedata.category(c)[0] in "LNM")
    return kept.replace(" ", "-")


def anchors(text: str) -> set[str]:
    """The anchors of a Markdown text's headings (a repeated heading gets -1, -2 ... as on GitHub)."""
    seen: dict[str, int] = {}
    tokens = MarkdownIt("commonmark").parse(text)
    for token, inline in itertools.pairwise(tokens):
        if token.type == "heading_open":
            plain = "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))
            slug = _slug(plain)
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            if count:
                seen[f"{slug}-{count}"] = 1
    return set(seen)


def broken_links(docs: Mapping[str, str], exists: Callable[[str], bool]) -> list[str]:
    """`FILE: TARGET (why)` for each relative link of `docs` ({posix path: text}) that does not resolve.

    `exists(path)` says whether a file or folder is there, the path posix and relative to the docs' common top.
    """
    broken = []
    for name, text in docs.items():
        for target in _links(text):
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith("/"):
                continue  # an absolute link: not ours to resolve
            path = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
            if parts.path and (path == ".." or path.startswith("../") or not exists(path)):
                broken.append(f"{name}: {target} (no {path})")
                continue
            linked = docs.get(path if parts.path else name)  # a heading is checked in the docs read here
            if parts.fragment and linked is not None and unquote(parts.fragment) not in anchors(linked):
                broken.append(f"{name}: {target} (no heading #{parts.fragment})")
    return broken


def test_the_checkouts_docs_have_links_to_check() -> None:
    docs = repo_docs()
    assert {"README.md", "docs/themes.md", "docs/languages.md", "assets/fonts/README.md"} <= set(docs)
    assert sum(len(_links(text)) for text in docs.values()) > 30


def test_every_relative_link_of_the_docs_resolves_in_the_checkout() -> None:
    assert broken_links(repo_docs(), lambda path: (ROOT / path).exists()) == []


def test_a_missing_file_a_link_out_of_the_tree_and_a_missing_heading_are_found() -> None:
    docs = {
        "README.md": "# Top\n\n[a](docs/a.md#there) [b](docs/b.md) ![c](../c.png) [d](#top) [e](#nope)\n"
        "`[f](not/a/link.md)` [g](https://example.org/x.md)\n",
        "docs/a.md": "# Here\n\n## There\n",
    }
    assert broken_links(docs, lambda path: path in docs) == [
        "README.md: docs/b.md (no docs/b.md)",
        "README.md: ../c.png (no ../c.png)",
        "README.md: #nope (no heading #nope)",
    ]


def test_anchors_are_slugged_as_github_slugs_them() -> None:
    text = "# Start-up: where a run's time goes (measured, issue 12)\n\n## Pictures, the _preview_ and `writes`\n"
    text += "## Again\n## Again\n"
    assert anchors(text) == {
        "start-up-where-a-runs-time-goes-measured-issue-12",
        "pictures-the-preview-and-writes",
        "again",
        "again-1",
    }
