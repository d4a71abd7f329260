"""The content read again after a save equals a whole read of the file: the same recap, or the same located
problems, whether the reader parsed one item again or the whole file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.assets import content_dir
from decks.errors import ContentError
from decks.preview.reread import ContentReader
from decks.readers.content import load_content

TAKEAWAY = "We had been testing the TensorFlow 2.0 preview and sending feedback"


def _outcome(read) -> tuple[str, object]:
    try:
        return "ok", read()
    except ContentError as exc:
        return "error", [str(p) for p in exc.problems]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reread") / "content"
    shutil.copytree(content_dir(), folder)
    return folder


@pytest.fixture
def example(folder: Path) -> Path:
    path = folder / "tf-dev-summit-2019.yaml"
    shutil.copyfile(content_dir() / path.name, path)
    return path


def test_an_edit_inside_one_item_reads_only_that_item_and_equals_a_whole_read(example: Path) -> None:
    reader = ContentReader(example)
    first = reader.read()
    assert reader.last == "whole" and first == load_content(example)
    text = example.read_text(encoding="utf-8")
    for n, (before, after) in enumerate(
        [
            (TAKEAWAY, TAKEAWAY + " and more"),
            (TAKEAWAY + " and more", "Short"),
            ("        icon: utensils\n", "        icon: utensils\n        emphasis: true\n"),
            ("    items:\n      - title: TensorFlow 2.0 Alpha\n", "    items:\n      - title: TF 2\n"),
        ]
    ):
        text = text.replace(before, after, 1)
        example.write_text(text, encoding="utf-8")
        assert reader.read() == load_content(example), n
        assert reader.last == "item", n
    example.write_text(text, encoding="utf-8")
    assert reader.read() == load_content(example) and reader.last == "same"


def test_an_edit_inside_one_top_level_key_reads_only_that_key_and_equals_a_whole_read(example: Path) -> None:
    reader = ContentReader(example)
    reader.read()
    text = example.read_text(encoding="utf-8")
    for before, after in [
        ("Learnings from TensorFlow Dev Summit 2019\n", "Learnings\n"),  # the title
        ("  - TensorFlow Datasets loads", "  - TFDS loads"),  # an overall takeaway
        ("  venue: Google Event Center\n", "  venue: Google Event Center\n  logo: img/summit-badge.png\n"),  # a picture
        ("  end: 2019-03-07\n", "  end: 2019-03-08\n"),
    ]:
        assert before in text
        text = text.replace(before, after, 1)
        example.write_text(text, encoding="utf-8")
        assert reader.read() == load_content(example) and reader.last == "key", before
    # The event's own check (it ends before it starts) is the whole reader's to report, with its place.
    example.write_text(text.replace("  end: 2019-03-08\n", "  end: 2019-03-01\n", 1), encoding="utf-8")
    warm = _outcome(reader.read)
    assert warm == _outcome(lambda: load_content(example)) and warm[0] == "error"


def test_an_edit_outside_items_and_keys_or_across_two_reads_the_whole_file(example: Path) -> None:
    reader = ContentReader(example)
    reader.read()
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("    intro: The evening before", "    intro: Before", 1), "utf-8")  # a part
    assert reader.read() == load_content(example) and reader.last == "whole"
    # A new item typed after the last of a part: two entries where there was one.
    grown = text.replace("\n  - title: Day 1\n", "      - title: Brand new\n\n  - title: Day 1\n", 1)
    example.write_text(grown, encoding="utf-8")
    assert reader.read() == load_content(example) and reader.last == "whole"
    assert "Brand new" in [i.title for i in reader.read().all_items]


def test_a_broken_edit_inside_an_item_is_reported_at_its_line_and_column_as_a_whole_read_does(example: Path) -> None:
    reader = ContentReader(example)
    reader.read()
    text = example.read_text(encoding="utf-8")
    for broken in (
        text.replace("          - For many of us", "          - [For many of us", 1),  # unclosed bracket
        text.replace("kind: other", "kind: podcast", 1),  # a value the model refuses
        text.replace("icon: utensils", "icon: utensils\n        icon: rocket", 1),  # a duplicate key
        text.replace("icon: utensils", "iconn: utensils", 1),  # an unknown key
    ):
        example.write_text(broken, encoding="utf-8")
        warm = _outcome(reader.read)
        assert warm == _outcome(lambda: load_content(example))
        assert warm[0] == "error" and all(re.search(r"\.yaml:\d+:\d+: ", p) for p in warm[1])
        example.write_text(text, encoding="utf-8")
        assert reader.read() == load_content(example)


def test_a_picture_gone_since_the_last_read_is_reported_although_the_text_is_the_same(example: Path) -> None:
    reader = ContentReader(example)
    recap = reader.read()
    picture = Path(next(i.image.path for i in recap.all_items if i.image is not None))
    kept = picture.read_bytes()
    picture.unlink()
    try:
        warm = _outcome(reader.read)
        assert warm == _outcome(lambda: load_content(example)) and warm[0] == "error"
    finally:
        picture.write_bytes(kept)
    assert reader.read() == load_content(example)


def test_a_picture_replaced_by_a_broken_file_is_reported_and_read_again_once_mended(example: Path) -> None:
    # Pictures are checked again only when their stamp changed: a changed picture must be seen, both ways.
    reader = ContentReader(example)
    recap = reader.read()
    picture = Path(next(i.image.path for i in recap.all_items if i.image is not None))
    kept = picture.read_bytes()
    try:
        picture.write_bytes(b"\x89PNG\r\n\x1a\n not a picture after all")
        warm = _outcome(reader.read)
        assert warm == _outcome(lambda: load_content(example)) and warm[0] == "error"
        assert warm == _outcome(reader.read)  # still broken: still reported
    finally:
        picture.write_bytes(kept)
    assert reader.read() == load_content(example)
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace("sending feedback", "sending notes", 1), encoding="utf-8")
    assert reader.read() == load_content(example) and reader.last == "item"


# Pieces an edit types: plain letters mostly (so that many edits stay inside one item), and YAML's own marks.
_PIECES = st.one_of(
    st.sampled_from(["a", "é", " ", "\n", "- ", ": ", "# ", "'", '"', "[", "]", "{", "}", "&x ", "*x", "!!int "]),
    st.sampled_from(["|", ">-", "\t", "  ", "\n      - ", "\n      - title: X\n", "---\n", "\r", "\u2028", "@", "0"]),
    st.text(max_size=3),
)
_EDIT = st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 6), st.lists(_PIECES, max_size=3).map("".join))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(_EDIT, min_size=1, max_size=4))
def test_after_random_edits_a_warm_read_equals_a_cold_read(example: Path, edits: list) -> None:
    shutil.copyfile(content_dir() / example.name, example)
    reader = ContentReader(example)
    reader.read()
    text = example.read_text(encoding="utf-8")
    for where, cut, typed in edits:
        at = int(where * len(text))
        text = text[:at] + typed + text[at + cut :]
        example.write_bytes(text.encode("utf-8", "surrogatepass"))
        assert _outcome(reader.read) == _outcome(lambda: load_content(example))


def _line_edit(lines: list[str], op: str, where: float, other: float) -> list[str]:
    """One edit of the file's shape: a line deleted, doubled, moved in or out, copied, joined, split, and so on."""
    k, j = int(where * len(lines)), int(other * len(lines))
    line = lines[k]
    new = {
        "delete": [],
        "double": [line, line],
        "indent": ["  " + line],
        "dedent": [line.removeprefix("  ")],
        "copy": [lines[j], line],
        "join": [line + (lines[k + 1] if k + 1 < len(lines) else "")],
        "split": [line[: int(other * len(line))], line[int(other * len(line)) :]],
        "dash": [line.replace("  ", "- ", 1)],
        "comment": [" " * (j % 8) + "# a note", line],
        "blank": [" " * (j % 8), line],
    }[op]
    end = k + 2 if op == "join" and k + 1 < len(lines) else k + 1
    return [*lines[:k], *new, *lines[end:]]


_OPS = st.sampled_from(["delete", "double", "indent", "dedent", "copy", "join", "split", "dash", "comment", "blank"])
_UNIT = st.floats(0, 1, exclude_max=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(_OPS, _UNIT, _UNIT), min_size=1, max_size=4))
def test_after_random_line_edits_a_warm_read_equals_a_cold_read(example: Path, edits: list) -> None:
    shutil.copyfile(content_dir() / example.name, example)
    reader = ContentReader(example)
    reader.read()
    lines = example.read_text(encoding="utf-8").split("\n")
    for op, where, other in edits:
        lines = _line_edit(lines, op, where, other)
        example.write_text("\n".join(lines), encoding="utf-8")
        assert _outcome(reader.read) == _outcome(lambda: load_content(example))


def test_a_file_caught_half_written_is_an_error_and_the_next_save_is_read_item_by_item(example: Path) -> None:
    # Editors that write in place empty the file first: a poll may read it empty or cut short.
    reader = ContentReader(example)
    reader.read()
    text = example.read_text(encoding="utf-8")
    edited = text.replace("sending feedback", "sending notes", 1)
    for caught in ("", edited[: len(edited) // 2] + "\n- ["):  # empty, then cut short and a flow list begun
        example.write_text(caught, encoding="utf-8")
        warm = _outcome(reader.read)
        assert warm == _outcome(lambda: load_content(example)) and warm[0] == "error"
        example.write_text(edited, encoding="utf-8")
        assert reader.read() == load_content(example) and reader.last == "item"
        edited, text = text, edited  # and back
