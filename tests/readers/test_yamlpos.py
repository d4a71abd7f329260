"""The located YAML reader: decoding, positions, duplicate keys, refused tags, the alias bound."""

from __future__ import annotations

import time

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.readers import yamlpos
from decks.readers.yamlpos import MAX_BYTES, YamlProblems, decode, did_you_mean, dotted, parse
from tests.budget import examples


def problems_of(text: str) -> list[str]:
    with pytest.raises(YamlProblems) as info:
        parse(text, "f.yaml")
    return [str(p) for p in info.value.problems]


def test_decode_strips_a_utf8_bom() -> None:
    assert decode(b"\xef\xbb\xbftitle: X\n", "f.yaml") == "title: X\n"


def test_decode_refuses_binary_and_names_the_first_nul_byte() -> None:
    with pytest.raises(YamlProblems) as info:
        decode(b"title: X\nab\0cd", "f.yaml")
    assert [str(p) for p in info.value.problems] == [
        "f.yaml:2:3: this is a binary file, not text; give a YAML text file"
    ]


def test_decode_refuses_non_utf8_and_names_the_byte_and_its_place() -> None:
    with pytest.raises(YamlProblems) as info:
        decode("title: café\n".encode("latin-1"), "f.yaml")
    (problem,) = info.value.problems
    assert (problem.line, problem.col) == (1, 11)
    assert str(problem).startswith("f.yaml:1:11: byte 0xe9 is not UTF-8; save the file as UTF-8")


def test_decode_refuses_a_file_over_the_size_bound() -> None:
    with pytest.raises(YamlProblems) as info:
        decode(b"#" * (MAX_BYTES + 1), "f.yaml")
    assert "5 MB" in str(info.value)


def test_parse_records_one_based_positions_of_values_and_keys() -> None:
    located = parse("title: X\nitems:\n  - title: Y\n    summary: Z\n", "f.yaml")
    assert located.data == {"title": "X", "items": [{"title": "Y", "summary": "Z"}]}
    assert located.values[("title",)] == (1, 8)
    assert located.values[("items", 0)] == (3, 5)
    assert located.values[("items", 0, "summary")] == (4, 14)
    assert located.keys[("items", 0, "summary")] == (4, 5)


def test_where_falls_back_to_the_nearest_located_ancestor() -> None:
    located = parse("title: X\nitems:\n  - title: Y\n", "f.yaml")
    assert located.where(("items", 0, "links", 3, "url")) == (3, 5)
    assert located.where(("nothing",)) == (1, 1)


def test_parse_of_empty_text_gives_no_data() -> None:
    assert parse("", "f.yaml").data is None
    assert parse("# only a comment\n", "f.yaml").data is None


def test_duplicate_keys_are_refused_naming_both_lines() -> None:
    assert problems_of("title: X\nsummary: S\ntitle: Y\n") == [
        "f.yaml:3:1: title: duplicate key 'title' (first at line 1); keep only one of them"
    ]


def test_nested_duplicate_keys_name_their_path() -> None:
    assert problems_of("items:\n  - title: A\n    title: B\n") == [
        "f.yaml:3:5: items[0].title: duplicate key 'title' (first at line 2); keep only one of them"
    ]


def test_a_python_tag_is_refused_at_its_line_and_column_and_never_run(tmp_path) -> None:
    marker = tmp_path / "pwned"
    text = f'title: X\nitems: !!python/object/apply:os.system ["touch {marker}"]\n'
    assert problems_of(text) == [
        "f.yaml:2:8: items: the tag !!python/object/apply:os.system is not allowed; "
        "recap reads plain YAML only: remove the tag"
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!binary aGVsbG8=\n", "!!binary"),
        ("a: !custom x\n", "!custom"),
        ("a: !!set {x, y}\n", "!!set"),
        ("a: !!python/tuple [1, 2]\n", "!!python/tuple"),
        ("a: !!omap [{x: 1}]\n", "!!omap"),
    ],
)
def test_every_non_standard_tag_is_refused(text: str, tag: str) -> None:
    (problem,) = problems_of(text)
    assert problem.startswith("f.yaml:1:4: a: the tag ")
    assert f"the tag {tag} is not allowed" in problem


def test_merge_keys_are_refused() -> None:
    (problem,) = problems_of("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert problem == "f.yaml:3:3: other: merge keys (<<) are not supported; write the keys out in full"


def test_a_key_that_is_not_text_is_refused() -> None:
    (problem,) = problems_of("? [a, b]\n: 1\n")
    assert problem.startswith("f.yaml:1:3: a key cannot be a list or a mapping")


@pytest.mark.parametrize(
    ("key", "kind"), [("True", "true or false"), ("yes", "true or false"), ("1", "a number"), ("null", "empty")]
)
def test_a_key_yaml_reads_as_no_word_is_named_as_written_not_as_python_shows_it(key: str, kind: str) -> None:
    (problem,) = problems_of(f"{key}: 1\n")
    assert problem == (
        f"f.yaml:1:1: the key '{key}' reads as {kind}, not as a word; put it in quotes (\"{key}\":) or write a word"
    )


def test_a_number_too_long_to_read_says_so_without_pythons_words() -> None:
    (problem,) = problems_of("a: " + "1" * 5000 + "\n")
    assert problem == (
        "f.yaml:1:4: a: a whole number of 5,000 digits is too long to read; "
        "write a shorter number, or quote it to keep it as text"
    )


def test_every_reader_problem_is_reported_at_once() -> None:
    found = problems_of("a: 1\na: 2\nb: !!binary eA==\nc: 2019-02-30\n")
    assert [p.split(": ")[0] for p in found] == ["f.yaml:2:1", "f.yaml:3:4", "f.yaml:4:4"]


def test_small_aliases_are_expanded() -> None:
    assert parse("a: &x [1, 2]\nb: *x\n", "f.yaml").data == {"a": [1, 2], "b": [1, 2]}


def test_an_alias_bomb_stops_quickly_with_one_problem() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    started = time.perf_counter()
    found = problems_of("\n".join(lines))
    assert time.perf_counter() - started < 2
    assert len(found) == 1
    assert "expands to more than" in found[0]
    assert "write the content out instead of nesting aliases" in found[0]


def test_an_impossible_date_is_a_located_problem() -> None:
    assert problems_of("start: 2019-02-30\n") == [
        "f.yaml:1:8: start: not a real date (day 30 is past the end of the month); write the date as YYYY-MM-DD"
    ]


def test_a_tab_in_the_indentation_gets_its_own_hint() -> None:
    (problem,) = problems_of("title: X\n\tsummary: Y\n")
    assert problem.startswith("f.yaml:2:1: not valid YAML: ")
    assert problem.endswith("; indent with spaces, not tabs")


def test_an_unclosed_quote_says_where_it_began() -> None:
    (problem,) = problems_of('title: X\nitems:\n  - title: "Unclosed\n  - title: Y\n')
    assert problem.startswith("f.yaml:5:1: not valid YAML: ")
    assert "started at line 3, column 12" in problem


@pytest.mark.parametrize("text", ["\x01", "title: X\nitems: a\x07b\n", "日本語: b\n c\x01"])
def test_a_control_character_is_one_located_line(text: str) -> None:
    (problem,) = problems_of(text)
    assert "\n" not in problem
    index = text.index(next(c for c in text if c in "\x01\x07"))
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    assert problem.startswith(f"f.yaml:{line}:{col}: the character U+00")


def test_dotted_writes_paths_as_people_do() -> None:
    assert dotted(("parts", 0, "items", 2, "title")) == "parts[0].items[2].title"
    assert dotted(()) == ""


def test_did_you_mean_finds_close_names_only() -> None:
    assert did_you_mean("sumary", ["title", "summary"]) == "summary"
    assert did_you_mean("zzz", ["title", "summary"]) is None


def test_ten_thousand_plain_items_are_not_an_alias_bomb() -> None:
    text = "title: T\nitems:\n" + "".join(f"  - title: item {i}\n    tags: [a, b]\n" for i in range(10_000))
    located = parse(text, "f.yaml")
    assert len(located.data["items"]) == 10_000


def test_an_alias_bomb_in_a_large_file_is_still_refused() -> None:
    padding = "".join(f"p{i}: x\n" for i in range(20_000))
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
    for name, prev in zip("bcdefg", "abcdef", strict=True):
        bomb += f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    with pytest.raises(YamlProblems, match="repeated values"):
        parse(padding + bomb, "f.yaml")


def test_an_alias_inside_its_own_anchor_is_a_located_problem_not_a_recursion() -> None:
    import pytest

    from decks.readers.yamlpos import YamlProblems, parse

    for text in ("title: T\nitems: &a [*a]\n", "a: &x {b: *x}\n", "a: &x [[[*x]]]\n"):
        with pytest.raises(YamlProblems) as caught:
            parse(text, "f.yaml")
        assert "contains itself" in str(caught.value.problems[0])


# -- the fast paths give what the general ones give --------------------------------------------------------------

_WORDS = [
    "", "~", "null", "Null", "NULL", "yes", "No", "on", "OFF", "true", "False", "y", "n", "<<", "=", "12", "-3",
    "0x1F", "0o17", "017", "0b101", "1_000", "1:30", "1.5", "-.inf", ".NaN", "6.8e+3", "2019-03-06",
    "2019-02-30", "2019-03-06 10:30:00", "2019-03-06T10:30:00Z", "title", "text", "tags", "TensorFlow 2.0",
    "falsehood", "nullable", "yesterday", "onward", "offset", "+", "-", ".", "12 monkeys", "2019-03-06 x",
]  # fmt: skip


def _double_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, every character not printable ASCII escaped (lone surrogates too)."""
    out = []
    for ch in text:
        if " " <= ch <= "~" and ch not in '"\\':
            out.append(ch)
        else:
            out.append(f"\\U{ord(ch):08X}")
    return '"' + "".join(out) + '"'


_KEYS = st.sampled_from(["title", "url", "a", "b", "<key>", "yes", "1", "null", '""', "<<", "~", "[a]", "{a: b}"])
_SCALARS = st.one_of(
    st.sampled_from(_WORDS[1:]),
    st.text(st.characters(exclude_categories=()), max_size=10).map(_double_quoted),
    st.sampled_from(["!!str 12", "!!int 7", "!!binary eA==", "!custom x", "!!timestamp 2019-02-30", "!!float x"]),
)


@st.composite
def _yaml_values(draw: st.DrawFn, depth: int = 0) -> str:
    """A flow-style YAML value: scalars of every kind, lists and mappings with duplicate and odd keys, anchors
    and aliases (an alias may come before its anchor, or inside it: the compose or the build then refuses it)."""
    kind = draw(st.sampled_from(["scalar", "scalar", "list", "map", "alias"] if depth < 4 else ["scalar", "alias"]))
    if kind == "scalar":
        value = draw(_SCALARS)
    elif kind == "alias":
        return "*" + draw(st.sampled_from("xy"))
    elif kind == "list":
        value = "[" + ", ".join(draw(st.lists(_yaml_values(depth + 1), max_size=4))) + "]"
    else:
        pairs = draw(st.lists(st.tuples(_KEYS, _yaml_values(depth + 1)), max_size=4))
        value = "{" + ", ".join(f"? {k} : {v}" for k, v in pairs) + "}"
    if draw(st.integers(0, 5)) == 0:
        value = f"&{draw(st.sampled_from('xy'))} {value}"
    return value


def _built(node: yaml.Node, inline: bool, aliases: bool = True) -> tuple[str, list[object], list[object], list[str]]:
    located = yamlpos.Located(data=None)
    builder = yamlpos._Builder("f.yaml", located, aliases=aliases)
    builder.inline = inline
    try:
        data = repr(builder.build(node, ()))
    except yamlpos._TooBig:
        data = "too big"
    return data, list(located.values.items()), list(located.keys.items()), [str(p) for p in builder.problems]


@settings(max_examples=examples(75, deep=300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.lists(st.tuples(_KEYS, _yaml_values()), min_size=1, max_size=5))
def test_building_plain_text_inline_gives_the_general_builds_values_positions_and_problems(
    document: list[tuple[str, str]],
) -> None:
    text = "".join(f"? {key}\n: {value}\n" for key, value in document)
    try:
        node = yaml.compose(text, Loader=yamlpos._Loader)
    except yaml.YAMLError:
        return  # both builders start from the same graph; text libyaml refuses never reaches them
    general = _built(node, inline=False)
    assert _built(node, inline=True) == general
    if "*" not in text:  # no alias: the inline path need not remember nodes
        assert _built(node, inline=True, aliases=False) == general


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.lists(st.tuples(_KEYS, _yaml_values()), min_size=1, max_size=5))
def test_parse_gives_the_values_places_and_problems_of_a_build_with_places(document: list[tuple[str, str]]) -> None:
    # parse builds without places first, and again with them on a problem or when they are first asked for.
    text = "".join(f"? {key}\n: {value}\n" for key, value in document)
    try:
        node = yaml.compose(text, Loader=yamlpos._Loader)
    except yaml.YAMLError:
        return
    with_places = _built(node, inline=True, aliases="*" in text)
    for placed in (False, True):
        try:
            located = parse(text, "f.yaml", keep_going=True, placed=placed)
        except YamlProblems as exc:
            assert (with_places[0], with_places[3]) == ("too big", [str(p) for p in exc.problems])
            continue
        problems = [str(p) for p in located.problems]
        read = (repr(located.data), list(located.values.items()), list(located.keys.items()), problems)
        assert read == with_places


def test_a_text_without_a_problem_is_placed_only_when_a_place_is_asked_for() -> None:
    located = parse("title: X\nitems:\n  - title: Y\n    summary: Z\n", "f.yaml")
    assert located._graph is not None  # built once, without places
    assert located.where(("items", 0, "summary")) == (4, 14)
    assert located._graph is None  # placed, the graph let go
    assert located.data == {"title": "X", "items": [{"title": "Y", "summary": "Z"}]}
    assert located.keys[("items", 0, "summary")] == (4, 5)


def test_placed_records_the_places_as_the_values_are_built() -> None:
    located = parse("title: X\nitems:\n  - title: Y\n", "f.yaml", placed=True)
    assert located._graph is None
    assert located.values[("items", 0)] == (3, 5)


def test_a_text_with_a_problem_is_placed_at_once_and_names_the_first_keys_line() -> None:
    located = parse("title: X\ntitle: Y\n", "f.yaml", keep_going=True)
    assert located._graph is None
    assert [str(p) for p in located.problems] == [
        "f.yaml:2:1: title: duplicate key 'title' (first at line 1); keep only one of them"
    ]
    assert located.values[("title",)] == (1, 8)
