"""Line breaking: nothing is lost, lines fit, and CJK kinsoku rules hold."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from decks.assets import fonts_dir
from decks.text.breaking import (
    NO_END,
    NO_START,
    _atoms,
    atoms,
    break_lines,
    has_wide,
    is_wide,
)
from decks.text.fallback import FontStack
from decks.text.metrics import load_face
from decks.text.office import OfficeStack

SIZE = 12.0


@cache
def stack() -> FontStack:
    faces = (load_face(fonts_dir() / "Lato-Regular.ttf"), load_face(fonts_dir() / "RecapKai-Regular.ttf"))
    return FontStack(faces, system=False)  # the same answer on every machine


def measure(text: str) -> float:
    return stack().width(text, SIZE)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_latin_text_breaks_at_spaces() -> None:
    lines = break_lines("TensorFlow two point oh is here now", measure("TensorFlow two") + 1, measure)
    assert lines == ["TensorFlow two", "point oh is here", "now"]


def test_newlines_are_hard_breaks() -> None:
    assert break_lines("one\ntwo", 1000, measure) == ["one", "two"]
    assert break_lines("one\n\ntwo", 1000, measure) == ["one", "", "two"]


def test_empty_text_is_one_empty_line() -> None:
    assert break_lines("", 100, measure) == [""]


def test_a_long_url_breaks_after_its_punctuation() -> None:
    url = "https://www.tensorflow.org/alpha/guide/keras/overview"
    lines = break_lines(url, measure("https://www.tensorflow.org/") + 2, measure)
    assert "".join(lines) == url
    assert all(line.endswith(("/", ".", "-")) for line in lines[:-1])


def test_each_ideograph_is_an_atom_and_closing_punctuation_joins_the_one_before() -> None:
    assert atoms("我们，测试。") == ("我", "们，", "测", "试。")
    assert atoms("「模型」") == ("「模", "型」")


def test_a_closing_mark_is_never_pushed_to_the_start_of_a_line() -> None:
    width = measure("我们测试") + 0.5  # four ideographs fit; the full stop after them does not
    lines = break_lines("我们测试。好", width, measure)
    assert lines == ["我们测", "试。好"]


def test_an_opening_mark_is_never_left_at_the_end_of_a_line() -> None:
    width = measure("我们测「") + 0.5
    lines = break_lines("我们测「试」", width, measure)
    assert not any(line.endswith("「") for line in lines)
    assert "".join(lines) == "我们测「试」"


def test_a_word_broken_inside_keeps_its_opening_quote_off_the_line_end() -> None:
    # Curly quotes are not wide, so they glue into one long atom that must be broken inside.
    lines = break_lines("が”“が，", 3 * SIZE, measure)
    assert "".join(lines) == "が”“が，"
    assert not any(line.endswith("“") for line in lines[:-1])


_LATIN = st.sampled_from(["TensorFlow", "2.0", "Keras", "a", "is", "eager", "supercalifragilisticexpialidocious"])
_URL = st.sampled_from(["https://www.tensorflow.org/alpha", "https://github.com/tensorflow/tensorflow/issues?q=x&y=2"])
_CJK_WORD = st.text(st.sampled_from("我们测试机器学习模型数据中文字符のカタカナひらがな"), min_size=1, max_size=6)
_CLOSER = st.sampled_from([*"，。、：；！？）」』》”…ー", "っ"])
_OPENER = st.sampled_from([*"（「『《“"])
_PUNCT = st.sampled_from([*",.;:!?()-—/'\"%$"])
_SPACE = st.sampled_from([" ", "  ", "\t", " "])
mixed_text = st.lists(st.one_of(_LATIN, _URL, _CJK_WORD, _CLOSER, _OPENER, _PUNCT, _SPACE), max_size=40).map("".join)
cjk_text = st.lists(
    st.one_of(
        _CJK_WORD,
        st.tuples(_CJK_WORD, _CLOSER).map("".join),
        st.tuples(_OPENER, _CJK_WORD, _CLOSER).map("".join),
    ),
    min_size=1,
    max_size=30,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(mixed_text, st.floats(1, 400))
def test_breaking_never_loses_a_character_and_every_line_fits(text: str, width: float) -> None:
    lines = break_lines(text, width, measure)
    assert squash("".join(lines)) == squash(text)
    for line in lines:
        assert measure(line) <= width or len(line) == 1, (line, width)


@settings(max_examples=200, deadline=None)
@given(cjk_text, st.floats(3 * SIZE, 400))
def test_cjk_lines_follow_kinsoku(text: str, width: float) -> None:
    lines = break_lines(text, width, measure)
    assert "".join(lines) == text
    for line in lines:
        assert measure(line) <= width or len(line) == 1
    for line in lines[1:]:
        assert line[0] not in NO_START, lines
    for line in lines[:-1]:
        assert line[-1] not in NO_END, lines


@pytest.mark.parametrize("ch", sorted("，。、）」』》ー々"))
def test_common_closing_marks_are_in_no_start(ch: str) -> None:
    assert ch in NO_START


def test_a_paragraph_never_ends_with_a_lone_ideograph() -> None:
    def per_char(s: str) -> float:
        return 10.0 * len(s)

    # Greedy breaking would leave "数" alone on the last line: one more character comes down with it.
    assert break_lines("我们测试机器学习模型数", 50, per_char) == ["我们测试机", "器学习模", "型数"]
    assert break_lines("ひらがなとカタカナ。", 40, per_char)[-1] != "ナ。"
    assert break_lines("数", 50, per_char) == ["数"]  # a one-line paragraph stays as it is


def test_lines_broken_as_libreoffice_breaks_them_may_end_with_a_lone_ideograph() -> None:
    def per_char(s: str) -> float:
        return 10.0 * len(s)

    lines = break_lines("我们测试机器学习模型数", 50, per_char, lone_ideographs=True)
    assert lines == ["我们测试机", "器学习模型", "数"]


def test_join_widens_a_line_where_two_atoms_meet() -> None:
    def per_char(s: str) -> float:
        return 10.0 * len(s)

    def gap(line: str, atom: str) -> float:
        # Space between an ideograph and a Latin letter set without a space, as LibreOffice adds it.
        return 5.0 if line[-1].isascii() != atom[0].isascii() else 0.0

    assert break_lines("数ab", 30, per_char) == ["数ab"]
    assert break_lines("数ab", 30, per_char, join=gap) == ["数", "ab"]
    assert break_lines("数ab", 35, per_char, join=gap) == ["数ab"]


def test_small_kana_and_closing_marks_never_start_a_line() -> None:
    text = "ちょっとまってください。ジャンプ！ｼｮｯﾄ"
    for width in range(4 * int(SIZE), 200, 3):  # narrower than "ちょっ" itself, something must give
        for line in break_lines(text, width, measure)[1:]:
            assert line[0] not in NO_START, (width, line)


def test_a_latin_word_inside_cjk_text_is_split_only_when_longer_than_the_line() -> None:
    text = "新機能TensorFlowを発表しましたKerasも"
    for width in range(int(measure("TensorFlow")) + 1, 300, 7):
        lines = break_lines(text, width, measure)
        assert any("TensorFlow" in line for line in lines), (width, lines)
        assert any("Keras" in line for line in lines), (width, lines)


def test_emoji_sequences_and_flags_stay_whole_and_marks_stay_with_their_letter() -> None:
    family = "👨\u200d👩\u200d👧"
    assert atoms(f"{family}🇯🇵🇰🇷") == (family, "🇯🇵", "🇰🇷")
    assert atoms("か\u3099き") == ("か\u3099", "き")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.floats(0.5, 300))
def test_breaking_any_unicode_never_loses_or_duplicates_a_character(text: str, width: float) -> None:
    lines = break_lines(text, width, measure)
    # Only white space at the line ends goes; newlines become the line breaks.
    assert squash("".join(lines)) == squash(text)
    assert len(lines) >= text.count("\n") + 1


def test_korean_breaks_between_words_not_inside_them() -> None:
    text = "뷰 전환 API로 페이지 이동이 자연스러워진다"
    for width in range(int(measure("자연스러워진다")) + 1, 300, 5):
        lines = break_lines(text, width, measure)
        assert [w for line in lines for w in line.split()] == text.split(), lines


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), mixed_text, cjk_text), st.floats(0.5, 400), st.floats(4, 96))
def test_breaking_by_ems_at_a_size_gives_the_lines_of_breaking_by_points(text: str, width: float, size: float) -> None:
    # Fitting breaks by ems scaled to each size it tries; a line that ended elsewhere would be a different deck.
    ems = stack().ems
    assert break_lines(text, width, ems, size) == break_lines(text, width, lambda s: stack().width(s, size))


latin_text = st.text(st.sampled_from(" \t-–—/abcXYZ019,.;:!?()[]\"'$%«»“”…°é"), max_size=40)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=40), latin_text, mixed_text, cjk_text))
def test_text_without_wide_characters_or_joining_marks_is_cut_into_the_atoms_the_full_rules_give(text: str) -> None:
    # Plain text (most Latin text) is cut by one pattern: the same atoms as the character-by-character rules.
    assert atoms(text) == _atoms(text)
    assert has_wide(text) == any(map(is_wide, text))


def test_a_link_breaks_as_libreoffice_breaks_a_field() -> None:
    from decks.text.breaking import field_atoms

    text = "MLOps の原則（ml-ops.org） ml-ops.org"
    link = (0, text.index(" ml-ops.org"))
    host = (link[1] + 1, len(text))
    atoms_ = field_atoms(text, (link, host))
    assert "".join(atoms_) == text
    assert "ml-ops.org" in atoms_  # no break after the hyphen inside a link
    assert any(a.endswith("（") for a in atoms_)  # an opening bracket may end a line inside a link
    assert "ml-" in atoms("plain ml-ops.org")  # outside a link a hyphen is a break as before


def test_no_break_between_east_asian_closing_punctuation_and_a_latin_word() -> None:
    assert "Center、Sunnyvale, " in atoms("Google Event Center、Sunnyvale, CA")
    assert atoms("会议、研讨") == ("会", "议、", "研", "讨")


@given(st.text(st.characters(codec="utf-8"), max_size=60), st.lists(st.integers(0, 60), max_size=6))
def test_breaking_with_links_keeps_every_character_once(text: str, cuts: list[int]) -> None:
    from decks.text.breaking import field_atoms

    marks = sorted({min(c, len(text)) for c in cuts})
    fields = tuple((a, b) for a, b in zip(marks[::2], marks[1::2], strict=False) if a < b)
    assert "".join(field_atoms(text, fields)) == text
    lines = break_lines(text, 50.0, lambda s: 7.0 * len(s), fields=fields)
    assert squash("".join(lines)) == squash(text)


@cache
def office_stack(east_asian: bool) -> OfficeStack:
    """A slide stack as the deck plan measures it: Carlito kerned, with or without an East Asian face (whose
    joins add the space between scripts)."""
    carlito, kai = load_face(fonts_dir() / "Carlito-Regular.ttf"), load_face(fonts_dir() / "RecapKai-Regular.ttf")
    return OfficeStack((carlito, kai), system=False, ea=kai if east_asian else None)


# Lines that start with weak characters (spaces, dashes, curly quotes) next to hanzi: the join of a line's next
# atom then depends on where the line began.
weak_text = st.text(st.sampled_from("字中 Tg“”—…\u3000 ,。a-"), max_size=30)


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(st.characters(codec="utf-8"), max_size=80),
        mixed_text,
        cjk_text,
        st.text(st.characters(max_codepoint=0x7F), max_size=80),
    ),
    st.floats(0.5, 600),
    st.floats(4, 96),
    st.booleans(),
    st.lists(st.integers(0, 80), max_size=6),
)
def test_breaking_by_ems_with_joins_and_links_gives_the_lines_of_breaking_by_points(
    text: str, width: float, size: float, east_asian: bool, cuts: list[int]
) -> None:
    # The deck plan breaks by ems scaled to each size it tries, with the joins between scripts and its links; a
    # line that ended elsewhere than breaking by points ends it would be a different deck.
    s = office_stack(east_asian)
    marks = sorted({min(c, len(text)) for c in cuts})
    fields = tuple((a, b) for a, b in zip(marks[::2], marks[1::2], strict=False) if a < b)
    expected = break_lines(
        text,
        width,
        lambda t: s.width(t, size),
        join=lambda line, atom: s.join(line, atom) * size,
        lone_ideographs=True,
        fields=fields,
    )
    assert break_lines(text, width, s.ems, size, join=s.join, fields=fields, lone_ideographs=True) == expected
    # Atoms measured as slices of the paragraph, as the deck plan measures them: the same lines.
    with_spans = break_lines(text, width, s.ems, size, join=s.join, fields=fields, spans=s.spans, lone_ideographs=True)
    assert with_spans == expected


def greedy(text: str, width: float, measure: Callable[[str], float], join: Callable[[str, str], float]) -> list[str]:
    """What the breaker's lines are, for text none of whose atoms is wider than `width`: each atom goes on the line
    while the line's width (its atoms measured apart, trailing spaces with their atom, and the join of each atom to
    the whole line before it) stays within `width`."""
    lines: list[str] = []
    line, line_w = "", 0.0
    for atom in atoms(text):
        core = atom.rstrip()
        core_w = measure(core) if core else 0.0
        if line and core:
            core_w += join(line, atom)
        if line_w + core_w > width:
            lines.append(line.rstrip())
            line, line_w = "", 0.0
            core_w = measure(core) if core else 0.0
        line += atom
        line_w += core_w + (measure(atom) - measure(core) if len(core) < len(atom) else 0.0)
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


@settings(max_examples=300, deadline=None)
@given(weak_text, st.floats(0.5, 150), st.floats(4, 96))
@example("字—T", 30.0, 20.0)  # "—" starts the second line: "T" after it is Latin after weak, not after the hanzi
def test_a_line_that_begins_with_weak_characters_is_joined_by_its_own_start(
    text: str, width: float, size: float
) -> None:
    # The joins kept with a paragraph's atoms are made with the paragraph before each; a line that starts just
    # before an atom must be joined by what is on that line (a weak character takes the script before it).
    s = office_stack(True)

    def measure(t: str) -> float:
        return s.width(t, size)

    def join(line: str, atom: str) -> float:
        return s.join(line, atom) * size

    width = max([width, *(measure(a.rstrip()) for a in atoms(text))])  # no atom is broken inside
    lines = break_lines(text, width, s.ems, size, join=s.join, lone_ideographs=True)
    assert lines == greedy(text, width, measure, join)


@pytest.mark.parametrize(
    "text",
    ["Merci\u202f!", "Points clés\u202f: demain", "«\u202fTitre\u202f»", "12\u00a0345 sujets", "6\u00a0mars"],
)
def test_no_line_breaks_at_a_no_break_space(text: str) -> None:
    # French puts a narrow no-break space before ! ? : ; and inside « »; LibreOffice and PowerPoint never break
    # there, so neither may the measuring, or a fitted line would not be the line drawn.
    pieces = atoms(text)
    for piece in pieces:
        assert not any(piece.endswith(nb) for nb in "\u00a0\u202f") or piece == pieces[-1]
    assert "".join(pieces) == text
    assert atoms(text.replace("\u202f", " ").replace("\u00a0", " ")) != pieces  # an ordinary space does break
