"""The one URL rule: only full http, https and mailto addresses, in every URL field of the model, at load."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.errors import ContentError
from decks.model import Recap
from decks.model.typed import After, Model
from decks.model.urls import ascii_url, check_url, is_dangerous, url_problem
from decks.readers.content import parse_content

SAFE = ["https://example.com", "http://example.com/a?b=c#d", "mailto:me@example.com", "HTTPS://EXAMPLE.COM/X"]
UNSAFE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "\\\\host\\share\\x.exe",
    "//host/share",
    "https:/example.com",
    "https://",
    "http:example.com",
    "mailto:",
    "ftp://example.com",
    "/relative/path",
    "example",
]


@pytest.mark.parametrize("url", SAFE)
def test_full_http_https_and_mailto_addresses_are_links(url: str) -> None:
    assert check_url(url) == url


@pytest.mark.parametrize("url", UNSAFE)
def test_every_other_scheme_or_path_is_refused_with_what_to_write(url: str) -> None:
    problem = url_problem(url)
    assert problem is not None
    what, _, todo = problem.partition("; ")
    assert what and todo  # "what; what to do"


def test_an_address_without_its_scheme_is_told_to_add_https() -> None:
    assert url_problem("www.example.com/x") == (
        "a link needs a full address; add https:// in front: https://www.example.com/x"
    )


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///x", "data:,x", "\\\\h\\s"])
def test_script_file_data_and_share_links_count_as_dangerous(url: str) -> None:
    assert is_dangerous(url)


@pytest.mark.parametrize("url", ["https://a.b", "www.a.b", "/about", "localhost:8080/x"])
def test_web_and_relative_addresses_are_not_dangerous(url: str) -> None:
    assert not is_dangerous(url)


def _url_fields(model: type[Model], path: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every field path whose name says it holds a URL, found by walking the model's types."""
    found: set[tuple[str, ...]] = set()
    for name, info in model.model_fields.items():
        if "url" in name:
            found.add((*path, name))
        for arg in _models_in(info.annotation):
            if arg is not model:
                found |= _url_fields(arg, (*path, name))
    return found


def _models_in(hint: Any) -> list[type[Model]]:
    if isinstance(hint, type) and issubclass(hint, Model):
        return [hint]
    return [m for arg in typing.get_args(hint) for m in _models_in(arg)]


def _afters(hint: Any) -> list[Any]:
    """Every After function anywhere in a hint (inside Annotated, Optional, list)."""
    found = [meta.func for meta in getattr(hint, "__metadata__", ()) if isinstance(meta, After)]
    return found + [f for arg in typing.get_args(hint) for f in _afters(arg)]


def _uses_the_url_rule(model: type[Model], name: str) -> bool:
    return check_url in _afters(model.model_fields[name].hint)


def test_every_url_field_of_the_model_goes_through_the_one_rule() -> None:
    fields = _url_fields(Recap)
    assert len(fields) >= 5  # links, resources, source, event, presenter handles
    for path in fields:
        model: Any = Recap
        for part in path[:-1]:
            model = _models_in(model.model_fields[part].annotation)[0]
        assert _uses_the_url_rule(model, path[-1]), path


def _with_url(slot: str, url: str) -> dict[str, Any]:
    data: dict[str, Any] = {"title": "T", "items": [{"title": "I"}]}
    if slot == "link":
        data["items"][0]["links"] = [{"url": url}]
    elif slot == "resource":
        data["resources"] = [{"url": url}]
    elif slot == "source":
        data["source"] = {"url": url}
    elif slot == "event":
        data["event"] = {"name": "E", "url": url}
    else:
        data["presenter"] = {"name": "P", "handles": [{"network": "n", "handle": "h", "url": url}]}
    return data


SLOTS = ["link", "resource", "source", "event", "handle"]
schemes = st.sampled_from(["http", "https", "mailto", "javascript", "file", "data", "ftp", "vbscript", "", "HTTP"])
urls = st.one_of(
    st.builds(
        lambda s, sep, rest: f"{s}{sep}{rest}",
        schemes,
        st.sampled_from([":", "://", ":/", ":\\\\", ""]),
        st.text(max_size=30),
    ),
    st.text(max_size=40),
    st.sampled_from(UNSAFE + SAFE),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(slot=st.sampled_from(SLOTS), url=urls)
def test_any_url_in_any_field_loads_as_a_safe_link_or_is_refused_at_its_line(slot: str, url: str) -> None:
    raw = yaml.safe_dump(_with_url(slot, url), allow_unicode=False).encode()
    try:
        recap = parse_content(raw, "c.yaml", base_dir=Path("."))
    except ContentError as exc:
        assert all(p.line is not None and p.message for p in exc.problems), exc.problems
        return
    kept = [link.url for item in recap.all_items for link in item.links] + [r.url for r in recap.resources]
    kept += [recap.source.url] if recap.source else []
    kept += [recap.event.url] if recap.event and recap.event.url else []
    kept += [h.url for h in recap.presenter.handles if h.url] if recap.presenter else []
    assert len(kept) == 1
    assert kept[0].split(":", 1)[0].lower() in ("http", "https", "mailto")
    assert url_problem(kept[0]) is None


@pytest.mark.parametrize("slot", SLOTS)
def test_a_javascript_link_in_any_field_is_refused_at_load_with_its_place(slot: str) -> None:
    raw = yaml.safe_dump(_with_url(slot, "javascript:alert(1)")).encode()
    with pytest.raises(ContentError) as info:
        parse_content(raw, "c.yaml", base_dir=Path("."))
    (problem,) = info.value.problems
    assert problem.line is not None and problem.field and problem.field.endswith("url")
    assert "'javascript:' links are not allowed" in str(problem)


def test_a_link_with_any_white_space_character_is_refused_as_holding_spaces() -> None:
    # url_problem finds white space with re's \s: the characters str.isspace() accepts, every one of them.
    spaces = [ch for ch in map(chr, range(0x110000)) if ch.isspace()]
    assert len(spaces) > 20
    for ch in spaces:
        assert url_problem(f"https://example.com/a{ch}b") == "a link address cannot contain spaces; encode them as %20"


@pytest.mark.parametrize(
    "ch", ["\u202a", "\u202e", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b", "\ufeff", "\u2060", "\u00ad"]
)
@pytest.mark.parametrize("where", ["https://ex{}ample.com/x", "https://example.com/{}gpj.exe", "mailto:a{}@b.org"])
def test_a_bidi_control_or_invisible_format_character_anywhere_in_a_link_is_refused_at_its_place(
    ch: str, where: str
) -> None:
    url = where.format(ch)
    problem = url_problem(url)
    assert problem == (
        f"the link address holds U+{ord(ch):04X} (at character {url.index(ch) + 1}), a bidi control or invisible "
        "format character that hides or reorders what the address shows; remove it"
    )


def test_every_format_character_of_unicode_is_refused_in_a_link() -> None:
    import unicodedata

    cf = [ch for ch in map(chr, range(0x110000)) if unicodedata.category(ch) == "Cf"]
    assert len(cf) > 150
    assert all(url_problem(f"https://example.com/a{ch}b") is not None for ch in cf)


@pytest.mark.parametrize(
    ("url", "written"),
    [
        ("https://zh.wikipedia.org/wiki/张量", "https://zh.wikipedia.org/wiki/%E5%BC%A0%E9%87%8F"),
        ("https://bücher.example/x?q=ä#f", "https://xn--bcher-kva.example/x?q=%C3%A4#f"),
        ("https://BÜCHER.example:8080", "https://xn--bcher-kva.example:8080"),
        ("https://faß.de/", "https://xn--fa-hia.de/"),  # IDNA 2008, as browsers read it (2003 said fass.de)
        ("mailto:jürgen@bücher.de?subject=größe", "mailto:j%C3%BCrgen@xn--bcher-kva.de?subject=gr%C3%B6%C3%9Fe"),
        ("https://user:pä@[::1]:80/x", "https://user:p%C3%A4@[::1]:80/x"),
        ("https://example.com/a%zz%20b<>", "https://example.com/a%25zz%20b%3C%3E"),
        ("https://example.com/a?b=c#d", "https://example.com/a?b=c#d"),
    ],
)
def test_the_written_form_of_an_address_is_ascii_with_punycode_hosts_and_percent_encoded_utf8(
    url: str, written: str
) -> None:
    assert url_problem(url) is None
    assert ascii_url(url) == written


@pytest.mark.parametrize("url", ["http://\x08.example/", "https://example.com/a\x7fb", "https://example.com/\x9f"])
def test_a_control_character_in_a_link_is_refused_by_the_rule_itself(url: str) -> None:
    assert "control character" in (url_problem(url) or "")


@pytest.mark.parametrize("url", ["https://example.com:x/", "https://example.com:99999/", "http://a:.example/"])
def test_a_port_that_is_no_number_is_refused(url: str) -> None:
    assert "the port of the link address" in (url_problem(url) or "")


def test_a_symbol_host_is_written_in_punycode_only_when_it_makes_a_host_name() -> None:
    assert ascii_url("mailto:a@<\u00e4") == "mailto:a@%3C%C3%A4"  # IDNA 2003 made it xn--<-6ba


def test_a_host_that_is_no_international_domain_name_is_refused() -> None:
    problem = url_problem("https://a\u0300b..example/")
    assert problem is not None and "host name" in problem
