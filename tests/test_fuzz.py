"""Fuzzing `recap check` in-process with hostile content and themes: every run ends with a documented exit code
(0-3, never 4), no traceback, and every error placed in a file.

The budget is fixed (a few dozen examples each, no deadline) so that the suite stays fast; a deeper run sets
RECAP_FUZZ_EXAMPLES (e.g. 2000). Failing examples hypothesis finds belong below as regression tests.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from decks.cli.main import main

_BUDGET = settings(
    max_examples=int(os.environ.get("RECAP_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- hostile values ---------------------------------------------------------------------------------------------

hostile_text = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=20),  # the full range, surrogates included
    st.sampled_from(
        [
            "",
            " ",
            "\u200b",
            "\x1b]0;pwned\x07",
            "\x1b[2J",
            "\x85",
            "\uffff",
            "\ud800",
            "\0",
            "\u202e",
            "a" * 3000,
            "中文" * 200,
            "www.example.com/x",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "\\\\host\\share\\x.exe",
            "https://example.com/" + "a" * 5000,
            "mailto:",
            "{{ x }}",
            "*alias",
            "&anchor",
            "- list",
            "#comment",
            "null",
            "yes",
            "0x1F",
        ]
    ),
)
hostile_scalar = st.one_of(
    hostile_text,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1)),
)
hostile_value = st.recursive(
    hostile_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(hostile_text, st.sampled_from(["title", "url"])), inner, max_size=3),
    ),
    max_leaves=8,
)


def _maybe(value: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A plausible value most of the time, a hostile one otherwise."""
    return st.one_of(value, value, hostile_value)


url = _maybe(st.sampled_from(["https://example.com/a", "http://a.b", "mailto:me@a.b", "https://youtu.be/x"]))
text = _maybe(st.text(max_size=30).filter(str.strip) | st.just("plain text"))
link = st.fixed_dictionaries({"url": url}, optional={"label": text, "kind": _maybe(st.sampled_from(["video", "docs"]))})
takeaway = st.one_of(text, st.fixed_dictionaries({"text": text}, optional={"points": st.lists(text, max_size=3)}))
item = st.fixed_dictionaries(
    {"title": text},
    optional={
        "summary": text,
        "takeaways": _maybe(st.lists(takeaway, max_size=4)),
        "links": _maybe(st.lists(link, max_size=3)),
        "image": _maybe(st.fixed_dictionaries({"path": text, "alt": text}, optional={"credit": text})),
        "icon": text,
        "notes": text,
        "tags": _maybe(st.lists(text, max_size=3)),
        "emphasis": _maybe(st.booleans()),
    },
)
content = st.fixed_dictionaries(
    {"title": text, "items": _maybe(st.lists(item, min_size=1, max_size=4))},
    optional={
        "schema_version": _maybe(st.just(1)),
        "language": _maybe(st.sampled_from(["en", "zh-CN", "ja"])),
        "event": _maybe(
            st.fixed_dictionaries(
                {"name": text},
                optional={
                    "tagline": text,
                    "start": _maybe(st.dates()),
                    "end": _maybe(st.dates()),
                    "venue": text,
                    "city": text,
                    "url": url,
                    "hashtag": text,
                    "logo": text,
                },
            )
        ),
        "presenter": _maybe(
            st.fixed_dictionaries(
                {"name": text},
                optional={
                    "role": text,
                    "handles": _maybe(
                        st.lists(
                            st.fixed_dictionaries({"network": text, "handle": text}, optional={"url": url}),
                            max_size=2,
                        )
                    ),
                    "avatar": text,
                },
            )
        ),
        "source": _maybe(link),
        "key_takeaways": _maybe(st.lists(takeaway, max_size=3)),
        "resources": _maybe(st.lists(link, max_size=3)),
        "closing": text,
        "extra": hostile_value,
    },
)

number = _maybe(st.sampled_from([8, 10, 12, 18, 28, 40, 0.5]))
color = _maybe(st.sampled_from(["#000000", "#FFFFFF", "#1A73E8", "red", "#12345"]))
theme = st.fixed_dictionaries(
    {"extends": _maybe(st.just("default"))},
    optional={
        "description": text,
        "palette": _maybe(st.fixed_dictionaries({}, optional={k: color for k in ("ink", "background", "accent")})),
        "sizes": _maybe(
            st.fixed_dictionaries(
                {},
                optional={
                    "slides": _maybe(
                        st.fixed_dictionaries({}, optional={k: number for k in ("body", "floor", "title")})
                    ),
                    "sketch": _maybe(st.fixed_dictionaries({}, optional={k: number for k in ("body", "floor")})),
                },
            )
        ),
        "fonts": _maybe(
            st.fixed_dictionaries(
                {}, optional={"body": _maybe(st.fixed_dictionaries({}, optional={"file": text, "system": text}))}
            )
        ),
        "slides": _maybe(st.fixed_dictionaries({}, optional={"size": text, "template": text})),
        "sketch": _maybe(
            st.fixed_dictionaries(
                {},
                optional={
                    "roughness": number,
                    "stroke": number,
                    "seed": _maybe(st.integers()),
                    "paper": text,
                    "layout": text,
                },
            )
        ),
    },
)


def _dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=False, sort_keys=False).encode("ascii")


# Bytes the YAML may be mangled with: invalid UTF-8, a NUL, tabs, an anchor bomb's start, unclosed quotes.
mangle = st.lists(
    st.tuples(st.integers(0, 10_000), st.sampled_from([b"\xff", b"\0", b"\t", b"&a [*a]", b'"', b"{", b": :", b"\r"])),
    max_size=2,
)

_LOCATED = re.compile(r"^error: [^:]+(:\d+:\d+)?: ")


def _check(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    os.environ.pop("RECAP_DEBUG", None)
    code = main(args)
    out, err = capsys.readouterr()
    assert code in (0, 1, 2, 3), err
    assert "Traceback" not in err and "internal error" not in err, err
    assert "\x1b" not in err + out and "\x07" not in err + out
    for line in err.splitlines():
        if line.startswith("error: "):
            assert _LOCATED.match(line), line
    return code, err


@_BUDGET
@given(data=content, cuts=mangle)
@example(data={"title": "T", "items": [{"title": "\x1b]0;x\x07"}]}, cuts=[])
@example(data={"title": "T", "items": [{"title": "A", "links": [{"url": "javascript:alert(1)"}]}]}, cuts=[])
@example(data={"title": "T", "items": [{"title": "\u200b"}]}, cuts=[])
@example(data={"title": "T", "items": [{"title": "A", "image": {"path": "a" * 3000, "alt": "x"}}]}, cuts=[])
def test_check_of_any_content_exits_0_to_3_with_located_errors(
    data: dict[str, Any], cuts: list[tuple[int, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    raw = _dump(data)
    for at, what in cuts:
        raw = raw[:at] + what + raw[at:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "talk.yaml"
        path.write_bytes(raw)
        code, err = _check(["check", str(path)], capsys)
        if code == 1:
            assert f"error: {path}" in err


@_BUDGET
@given(data=theme)
@example(data={"extends": "default", "sizes": {"slides": {"body": 200, "floor": 150}}})
@example(data={"extends": "default", "sizes": {"slides": {"body": float("inf")}}})
@example(data={"extends": "default", "slides": {"template": "/dev/zero"}})
@example(data={"extends": "a" * 3000})  # found by this test: a name too long for the file system crashed (exit 4)
@example(data={"extends": "default", "fonts": {"body": {"file": "a" * 3000}}})
@example(data={"extends": "default", "slides": {"template": "a" * 3000}})
def test_check_with_any_theme_exits_0_to_3_with_located_errors(
    data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        themes = Path(folder) / "mine"
        themes.mkdir()
        (themes / "theme.yaml").write_bytes(_dump(data))
        content_file = Path(folder) / "talk.yaml"
        content_file.write_text("title: T\nitems:\n  - title: A\n", encoding="utf-8")
        _check(["check", "--theme", str(themes), str(content_file)], capsys)
