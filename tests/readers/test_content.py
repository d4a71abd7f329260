"""Reading content files: every kind of bad input gets a located message and exit code 1, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.assets import content_dir
from decks.cli.main import main
from decks.errors import ContentError, ExitCode
from decks.model import Recap
from decks.readers.content import load_content, parse_content

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINIMAL = "title: X\nitems: [{title: Y}]\n"


def problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_content(path)
    assert info.value.exit_code == ExitCode.CONTENT
    return [str(p) for p in info.value.problems]


def write(folder: Path, data: bytes | str, name: str = "c.yaml") -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def run_check(path: Path | str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", str(path)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


# The exact `FILE:LINE:COL: field.path: what; what to do` lines, with real positions.
EXPECTED = {
    "bad_unknown_key.yaml": ["{f}:4:5: items[0].sumary: unknown key 'sumary'; did you mean 'summary'?"],
    "bad_duplicate_key.yaml": ["{f}:4:1: title: duplicate key 'title' (first at line 1); keep only one of them"],
    "bad_types.yaml": [
        "{f}:4:16: items[0].takeaways: 5 is not a list; write a list, each entry on its own line starting with '- '",
        "{f}:5:15: items[0].emphasis: 'maybe' is not true or false; write true or false",
    ],
    "bad_dates.yaml": [
        "{f}:4:10: event.start: not a real date (day 30 is past the end of the month); write the date as YYYY-MM-DD",
        "{f}:7:11: parts[0].date: not a real date (there is no month 13); write the date as YYYY-MM-DD",
    ],
    "bad_date_order.yaml": ["{f}:3:3: event: the event ends before it starts; swap start and end"],
    "bad_url.yaml": [
        "{f}:5:14: items[0].links[0].url: a link needs a full address; add https:// in front: https://www.tensorflow.org"
    ],
    "bad_empty.yaml": ["{f}:1:1: the file is empty; start with 'title:' and an 'items:' list"],
    "bad_top_list.yaml": [
        "{f}:1:1: the file holds a single value, not keys and values; start with 'title:' and an 'items:' list"
    ],
    "bad_missing_image.yaml": [
        "{f}:5:13: items[0].image.path: image not found: {d}/img/no-such-picture.png; "
        "check the path (relative to this file)"
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_fixture_gives_its_exact_located_messages(name: str) -> None:
    path = FIXTURES / name
    expected = [line.format(f=path, d=FIXTURES) for line in EXPECTED[name]]
    assert problems(path) == expected


def test_malformed_yaml_names_the_place_and_where_the_quote_began() -> None:
    path = FIXTURES / "bad_syntax.yaml"
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:5:1: not valid YAML: ")
    assert "started at line 3, column 12" in problem
    assert problem.endswith("; check the indentation and quoting here")


def test_three_errors_give_three_lines_in_file_order(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "bad_three_errors.yaml"
    code, err = run_check(path, capsys)
    assert code == ExitCode.CONTENT
    lines = err.splitlines()
    assert len(lines) == 3
    assert [line.split(": ")[1] for line in lines] == [f"{path}:4:15", f"{path}:5:5", f"{path}:7:14"]
    assert lines[1] == f"error: {path}:5:5: items[1].title: 'title' is required here; add 'title:' with a value"


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("bad_*.yaml")))
def test_every_bad_fixture_exits_1_with_only_error_lines(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / name
    code, err = run_check(path, capsys)
    assert code == ExitCode.CONTENT
    assert err.strip()
    for line in err.splitlines():
        assert line.startswith(f"error: {path}")


def test_a_file_with_unknown_keys_and_no_close_match_lists_the_known_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "title: X\nitems:\n  - title: Y\n    zzzzzz: 1\n")
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:4:5: items[0].zzzzzz: unknown key 'zzzzzz'; remove it; the keys here are: ")
    assert "summary" in problem


def test_a_top_level_misspelt_key_gets_did_you_mean(tmp_path: Path) -> None:
    path = write(tmp_path, "titel: X\nitems: [{title: Y}]\n")
    assert f"{path}:1:1: titel: unknown key 'titel'; did you mean 'title'?" in problems(path)


def test_binary_input_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    assert problems(path) == [f"{path}:3:1: this is a binary file, not text; give a YAML text file"]


def test_non_utf8_input_is_refused_with_the_byte(tmp_path: Path) -> None:
    path = write(tmp_path, "title: Café\nitems: [{title: Y}]\n".encode("cp1252"))
    assert problems(path) == [
        f"{path}:1:11: byte 0xe9 is not UTF-8; save the file as UTF-8 (most editors: 'Save with encoding')"
    ]


def test_utf8_with_bom_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + "title: 会议回顾\nitems: [{title: Y}]\n".encode())
    assert load_content(path).title == "会议回顾"


def test_the_minimal_file_of_optional_fields_only_is_valid(tmp_path: Path) -> None:
    recap = load_content(write(tmp_path, MINIMAL))
    assert recap.title == "X"
    assert [item.title for item in recap.all_items] == ["Y"]
    assert recap.event is None and recap.presenter is None and recap.language == "en"


def test_the_minimal_file_passes_recap_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, MINIMAL)
    assert main(["check", str(path)]) == 0
    assert capsys.readouterr().out.startswith(f"ok: {path}: 1 part, 1 item")


def test_a_whitespace_and_comment_only_file_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "# nothing yet\n\n   \n")
    assert problems(path) == [f"{path}:1:1: the file is empty; start with 'title:' and an 'items:' list"]


def test_a_single_scalar_is_not_a_content_file(tmp_path: Path) -> None:
    path = write(tmp_path, "just some words\n")
    assert "the file holds a single value" in problems(path)[0]


def test_a_missing_file_is_a_content_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nope.yaml"
    assert problems(path) == [f"{path}: no such file; check the path"]
    code, err = run_check(path, capsys)
    assert code == ExitCode.CONTENT
    assert err == f"error: {path}: no such file; check the path\n"


def test_a_folder_given_as_content_is_a_content_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert problems(tmp_path) == [f"{tmp_path}: this is a folder; give a content file (.yaml)"]
    assert run_check(tmp_path, capsys)[0] == ExitCode.CONTENT


def test_a_python_tag_is_never_run_and_is_named_by_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "x"
    path = write(tmp_path, f'title: X\nitems:\n  - title: !!python/object/apply:os.system ["touch {marker}"]\n')
    code, err = run_check(path, capsys)
    assert code == ExitCode.CONTENT
    assert not marker.exists()
    assert err.startswith(f"error: {path}:3:12: items[0].title: the tag !!python/object/apply:os.system is not allowed")


def test_an_alias_bomb_finishes_fast(capsys: pytest.CaptureFixture[str]) -> None:
    started = time.perf_counter()
    code, err = run_check(FIXTURES / "bad_alias_bomb.yaml", capsys)
    assert time.perf_counter() - started < 2
    assert code == ExitCode.CONTENT
    assert len(err.splitlines()) == 1 and "aliases" in err


def test_a_date_in_words_is_refused_with_the_format_to_use(tmp_path: Path) -> None:
    path = write(tmp_path, "title: X\nevent:\n  name: E\n  start: March 5\nitems: [{title: Y}]\n")
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:4:10: event.start: ")
    assert problem.endswith("; write the date as YYYY-MM-DD")


def test_a_date_with_a_time_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "title: X\nparts:\n  - title: D\n    date: 2019-03-06 10:30:00\n    items: [{title: Y}]\n")
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:4:11: parts[0].date: ")
    assert "write the date as YYYY-MM-DD" in problem


def test_a_link_address_with_spaces_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "title: X\nresources:\n  - url: https://example.com/a b\nitems: [{title: Y}]\n")
    assert problems(path) == [
        f"{path}:3:10: resources[0].url: a link address cannot contain spaces; encode them as %20"
    ]


def test_an_unreadable_image_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "fake.png").write_bytes(b"this is not a picture")
    path = write(tmp_path, "title: X\nevent:\n  name: E\n  logo: fake.png\nitems: [{title: Y}]\n")
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:4:9: event.logo: cannot read the image fake.png")
    assert problem.endswith("; give a whole PNG, JPEG, GIF or WebP file")


def test_image_paths_resolve_against_the_content_file_folder(tmp_path: Path) -> None:
    badge = content_dir() / "img" / "summit-badge.png"
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "badge.png").write_bytes(badge.read_bytes())
    path = write(tmp_path, "title: X\nitems:\n  - title: Y\n    image: {path: img/badge.png, alt: A badge}\n")
    recap = load_content(path)
    assert recap.all_items[0].image.path == (tmp_path / "img" / "badge.png").resolve()


def test_both_parts_and_items_is_one_problem_with_a_hint(tmp_path: Path) -> None:
    path = write(tmp_path, "title: X\nitems: [{title: Y}]\nparts: [{title: D, items: [{title: Z}]}]\n")
    (problem,) = problems(path)
    assert problem.startswith(f"{path}:1:1: both parts and items are given; use either parts")


def test_a_recap_without_items_says_to_add_them(tmp_path: Path) -> None:
    path = write(tmp_path, "title: X\n")
    assert problems(path) == [f"{path}:1:1: a recap needs at least one item; add items: with a - title: under it"]


def test_a_missing_title_is_reported_at_its_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "language: en\nitems: [{title: Y}]\n")
    assert problems(path) == [f"{path}:1:1: title: 'title' is required here; add 'title:' with a value"]


def test_both_bundled_examples_are_valid() -> None:
    for name in ("tf-dev-summit-2019.yaml", "tf-dev-summit-2019.zh.yaml"):
        recap = load_content(content_dir() / name)
        assert len(recap.all_items) >= 10


def _assert_clean(raw: bytes, folder: Path) -> None:
    try:
        result = parse_content(raw, "x.yaml", folder)
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert str(problem).startswith("x.yaml")
            assert "\n" not in str(problem)
    else:
        assert isinstance(result, Recap)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_arbitrary_text_never_gives_a_traceback(tmp_path: Path, text: str) -> None:
    _assert_clean(text.encode("utf-8", "surrogatepass"), tmp_path)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_give_a_traceback(tmp_path: Path, raw: bytes) -> None:
    _assert_clean(raw, tmp_path)


_KEYS = ["title", "items", "parts", "takeaways", "text", "points", "links", "url", "event", "name", "start"]
_YAMLISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8) | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_YAMLISH)
def test_arbitrary_yaml_shaped_like_content_never_gives_a_traceback(tmp_path: Path, data: object) -> None:
    import yaml

    _assert_clean(yaml.safe_dump(data, allow_unicode=True).encode(), tmp_path)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_arbitrary_input_through_recap_check_exits_0_or_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes
) -> None:
    path = write(tmp_path, raw)
    code, err = run_check(path, capsys)
    assert code in (ExitCode.OK, ExitCode.CONTENT)
    assert "internal error" not in err


def _recap() -> list[str]:
    script = Path(sys.executable).with_name("recap")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "decks.cli.main"]


@pytest.mark.parametrize(
    "raw",
    [b"\0\1\2\3\xff", b"\xff\xfe t\0i\0t\0l\0e\0", b"title: [\n", b"- a\n", b"a: *nowhere\n", b"\x01"],
    ids=["binary", "utf16", "unclosed", "list", "undefined-alias", "control"],
)
def test_bad_input_through_the_real_command_has_no_traceback(tmp_path: Path, raw: bytes) -> None:
    path = write(tmp_path, raw)
    env = dict(os.environ, RECAP_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.run([*_recap(), "check", str(path)], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == ExitCode.CONTENT, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"error: {path}")


def test_yaml_level_and_model_level_problems_are_reported_together(tmp_path: Path) -> None:
    raw = b"title: x\ntitle: y\nitems:\n  - titel: a\n    when: !!python/name:os.system\n"
    with pytest.raises(ContentError) as caught:
        parse_content(raw, "mix.yaml", tmp_path)
    lines = [str(p) for p in caught.value.problems]
    assert lines[0] == "mix.yaml:2:1: title: duplicate key 'title' (first at line 1); keep only one of them"
    assert any(line.startswith("mix.yaml:4:5: items[0].titel: unknown key 'titel'") for line in lines)
    assert any(line.startswith("mix.yaml:5:11: items[0].when: the tag !!python/name:os.system") for line in lines)
    # The refused value is not reported a second time as an unknown key or a wrong type.
    assert not any("items[0].when: unknown key" in line for line in lines)


def test_a_picture_over_the_pixel_budget_is_refused_at_its_field(tmp_path: Path) -> None:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", 65535, 65535, 8, 2, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")
    (tmp_path / "bomb.png").write_bytes(bomb)
    path = write(tmp_path, "title: X\nitems:\n  - title: Y\n    image: {path: bomb.png, alt: a bomb}\n")
    assert problems(path) == [
        f"{path}:4:19: items[0].image.path: bomb.png is 65,535 x 65,535 pixels, over the 50,000,000 recap reads; "
        "scale it down (a 2,000-pixel-wide picture is plenty)"
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: os.mkfifo(p), "this is a pipe (FIFO), not a regular file; give a content file (.yaml)"),
        (lambda p: p.mkdir(), "this is a folder; give a content file (.yaml)"),
    ],
)
def test_a_content_path_that_is_not_a_regular_file_is_refused_without_reading(
    tmp_path: Path, make: Any, message: str
) -> None:
    path = tmp_path / "c.yaml"
    make(path)
    assert problems(path) == [f"{path}: {message}"]


def test_dev_zero_as_content_is_refused_at_once() -> None:
    assert problems(Path("/dev/zero")) == [
        "/dev/zero: this is a device or socket, not a regular file; give a content file (.yaml)"
    ]
