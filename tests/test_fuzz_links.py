"""Fuzzing links and imports: hostile addresses in every field and every output, and huge posts.

- any address the URL rule accepts is written as 7-bit ASCII (Punycode host, percent-encoded UTF-8) that the
  rule accepts again and that names the same resource; the rule refuses every bidi control and format character;
- any address in any link field of a content either is refused at its line or reaches the deck only as that ASCII
  form (PPTX hyperlink targets, speaker notes);
- any link target in a post is kept only when the rule accepts it, and the content made from the post loads;
- a post of any shape (many headings, blocks, long lines) is imported or refused at a line of the post, in
  bounded time and memory.

The budget is RECAP_FUZZ_EXAMPLES (default 10) examples a test, as in tests/test_fuzz.py; CI raises it.
"""

from __future__ import annotations

import html
import os
import re
import time
import tracemalloc
import unicodedata
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from decks.errors import ContentError
from decks.model import Recap
from decks.model.urls import ascii_url, url_problem
from decks.readers.content import parse_content
from decks.readers.markdown import budget, import_markdown

_BUDGET = settings(
    max_examples=int(os.environ.get("RECAP_FUZZ_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- hostile addresses ----------------------------------------------------------------------------------------

_HIDDEN = ["\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\ufeff", "\u2060", "\xad"]
_any_char = st.characters(exclude_categories=("Cs",))
_host = st.one_of(
    st.sampled_from(["example.com", "bücher.example", "zh.wikipedia.org", "ΕΛΛΑΣ.example", "☃.net", "[::1]"]),
    st.text(_any_char, min_size=1, max_size=12).map(lambda s: s + ".example"),
)
_tail = st.text(_any_char, max_size=24)
addresses = st.one_of(
    st.builds(
        lambda scheme, host, tail: f"{scheme}://{host}/{tail}",
        st.sampled_from(["http", "https", "HTTPS"]),
        _host,
        _tail,
    ),
    st.builds(lambda local, host: f"mailto:{local}@{host}", st.text(_any_char, min_size=1, max_size=8), _host),
    st.builds(
        lambda url, ch, at: url[:at] + ch + url[at:],
        st.just("https://example.com/a.jpg"),
        st.sampled_from(_HIDDEN),
        st.integers(0, 25),
    ),
    st.sampled_from(["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "\\\\host\\share", "//host/x"]),
    st.text(_any_char, max_size=40),
)


@_BUDGET
@given(url=addresses)
@example(url="https://zh.wikipedia.org/wiki/张量")
@example(url="https://bücher.example/ä?q=ö#ü")
@example(url="https://a.example/\u202egpj.exe")
def test_an_accepted_address_is_written_as_ascii_that_names_the_same_place(url: str) -> None:
    if url_problem(url) is not None:
        return
    written = ascii_url(url)
    assert written.isascii() and written.isprintable()
    assert url_problem(written) is None  # what is written is itself a link the rule accepts
    assert ascii_url(written) == written  # and writing it again changes nothing
    if url.lower().startswith("http"):
        given_parts, written_parts = urlsplit(url), urlsplit(written)
        assert unquote(written_parts.path) == unquote(given_parts.path)
        assert (written_parts.port, written_parts.scheme) == (given_parts.port, given_parts.scheme)


@_BUDGET
@given(prefix=st.text(_any_char, max_size=10), ch=st.sampled_from(_HIDDEN), suffix=st.text(_any_char, max_size=10))
def test_a_bidi_or_format_character_anywhere_in_an_address_is_refused(prefix: str, ch: str, suffix: str) -> None:
    assert unicodedata.category(ch) == "Cf"
    assert url_problem(f"https://example.com/{prefix}{ch}{suffix}") is not None
    assert url_problem(f"https://ex{ch}ample.com/") is not None


# -- addresses in every link field, through to the deck ------------------------------------------------------

SLOTS = ["link", "resource", "source", "event", "handle"]


def _with_url(slot: str, url: str) -> dict[str, Any]:
    item: dict[str, Any] = {"title": "One", "takeaways": ["a point"]}
    data: dict[str, Any] = {"schema_version": 1, "title": "T", "language": "en", "items": [item]}
    if slot == "link":
        item["links"] = [{"url": url, "kind": "video"}]
    elif slot == "resource":
        data["resources"] = [{"url": url}]
    elif slot == "source":
        data["source"] = {"url": url}
    elif slot == "event":
        data["event"] = {"name": "E", "url": url}
    else:
        data["presenter"] = {"name": "P", "handles": [{"network": "web", "handle": "p", "url": url}]}
    return data


@_BUDGET
@given(slot=st.sampled_from(SLOTS), url=addresses)
@example(slot="link", url="https://zh.wikipedia.org/wiki/张量")
@example(slot="event", url="https://bücher.example/")
def test_any_address_in_any_field_is_refused_at_its_line_or_reaches_the_deck_as_ascii(
    tmp_path_factory: Any, slot: str, url: str
) -> None:
    from decks.renderers.base import render
    from decks.renderers.pptx import PptxRenderer
    from decks.themes.loader import load_theme

    raw = yaml.safe_dump(_with_url(slot, url), allow_unicode=True).encode("utf-8")
    try:
        recap = parse_content(raw, "c.yaml", base_dir=Path("."))
    except ContentError as exc:
        assert all(p.line is not None and p.message for p in exc.problems), exc.problems
        return
    deck = render(PptxRenderer, recap, load_theme(None)).data
    out = tmp_path_factory.mktemp("deck") / "d.pptx"
    out.write_bytes(deck)
    targets: list[str] = []
    notes = ""
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            text = z.read(name).decode("utf-8", "replace")
            targets += map(html.unescape, re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"', text))
            if name.startswith("ppt/notesSlides/notesSlide"):
                notes += text
    kept = ascii_url(url.strip())
    assert targets and all(t.isascii() and url_problem(t) is None for t in targets)
    assert kept in targets or slot in ("resource", "handle", "source")
    assert all(ch not in notes for ch in _HIDDEN)


# -- posts ---------------------------------------------------------------------------------------------------

_targets = st.one_of(addresses, st.sampled_from(["javascript:alert(1)", "JaVaScRiPt:x", "file:x", "data:,x"]))


@_BUDGET
@given(
    targets=st.lists(_targets, min_size=1, max_size=6),
    style=st.sampled_from(["[x]({})", "<{}>", '<a href="{}">x</a>', "[x]({} 'title')"]),
)
def test_a_post_keeps_only_link_targets_the_rule_accepts_and_its_content_loads(targets: list[str], style: str) -> None:
    bullets = "".join(f"- see {style.format(t.replace(chr(10), ' '))} here\n" for t in targets)
    result = import_markdown(f"# T\n\n## Item\n\n{bullets}", source_name="p.md")
    data = yaml.safe_load(result.yaml_text)
    recap = Recap.model_validate(data)
    kept = [link.url for item in recap.all_items for link in item.links] + [r.url for r in recap.resources]
    assert all(url_problem(url) is None for url in kept)
    lowered = result.yaml_text.lower()
    assert "javascript:" not in lowered and "file:" not in lowered.replace("# imported from", "")
    # (A bidi control may stay in prose, where right-to-left text needs it; never in a kept address, above.)


_line = st.one_of(
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 6), st.text(_any_char, max_size=20)),
    st.builds(lambda t: "- " + t, st.text(_any_char, max_size=30)),
    st.builds(lambda t: "| " + t + " |", st.text(_any_char, max_size=20)),
    st.text(_any_char, max_size=200),
    st.just(""),
)


@_BUDGET
@given(lines=st.lists(_line, max_size=40), repeat=st.sampled_from([1, 50, 400, 3000]))
def test_a_post_of_any_shape_and_size_is_imported_or_refused_at_its_line_in_bounded_time(
    lines: list[str], repeat: int
) -> None:
    post = "\n".join(lines * repeat) + "\n"
    tracemalloc.start()
    started = time.process_time()
    try:
        result = import_markdown(post, source_name="p.md")
    except ContentError as exc:
        (problem,) = exc.problems
        assert problem.file == "p.md" and problem.line is not None and problem.line >= 1
        assert "split the post" in (problem.hint or "")
    else:
        assert len(result.yaml_text.encode("utf-8")) <= budget.CONTENT_CAP
        assert all(w.startswith("p.md:") for w in result.warnings)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.process_time() - started < 120  # a generous ceiling for a loaded CI box; the budget keeps it far lower
    assert peak < 400 * 2**20


def test_non_ascii_addresses_in_every_field_are_ascii_in_every_output(tmp_path: Path) -> None:
    from decks.cli.main import main

    zh, de, mail = "https://zh.wikipedia.org/wiki/张量", "https://bücher.example/événement", "mailto:jürgen@bücher.de"
    data = {
        "schema_version": 1,
        "title": "Links",
        "language": "en",
        "event": {"name": "Ev", "url": de},
        "source": {"url": zh, "label": "张量"},
        "presenter": {"name": "Me", "handles": [{"handle": "me", "network": "site", "url": de + "/me"}]},
        "items": [{"title": "One", "takeaways": ["a"], "links": [{"url": zh, "kind": "video"}, {"url": mail}]}],
        "resources": [{"url": de + "/r"}],
    }
    content = tmp_path / "links.yaml"
    content.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    outputs = {"pptx": "d.pptx", "pdf": "s.pdf", "slides": "d.pdf", "svg": "s.svg", "html": "p.html"}
    for command, name in outputs.items():
        assert main([command, str(content), "-o", str(tmp_path / name)]) == 0
    written = {ascii_url(zh), ascii_url(de), ascii_url(mail), ascii_url(de + "/me"), ascii_url(de + "/r")}
    assert all(w.isascii() for w in written) and "https://xn--bcher-kva.example/%C3%A9v%C3%A9nement" in written
    found: dict[str, set[str]] = {}
    with zipfile.ZipFile(tmp_path / "d.pptx") as z:
        rels = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".rels"))
        notes = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("ppt/notesSlides/notesSlide"))
    found["pptx"] = {html.unescape(t) for t in re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"', rels)}
    for name in ("s.pdf", "d.pdf"):
        raw = (tmp_path / name).read_bytes()
        found[name] = {u.decode("latin-1") for u in re.findall(rb"/URI \(([^)]*)\)", raw)}
        assert b"/URI <FEFF" not in raw.upper() and b"/URI (\xfe\xff" not in raw  # no UTF-16 strings
    for name in ("s.svg", "p.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        found[name] = {html.unescape(h) for h in re.findall(r'<a href="([^"]*)"', text)}
    for where, targets in found.items():
        assert targets and targets <= written, (where, targets - written)
    assert ascii_url(zh) in notes and zh not in notes  # the address a speaker clicks or copies
