"""What a theme may say: numbers finite and in range, extends chains, whole fonts, templates within budget."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decks.errors import ContentError
from decks.themes.loader import load_theme
from decks.themes.model import SketchSizes, SlideSizes

from .theme_helpers import write_theme


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_theme(str(folder))
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        (
            "{ body: 200 }",
            "3:19: sizes.slides.body: 200 is above 40, the most allowed; write a number from 12 to 40",
        ),
        (
            "{ floor: 150 }",
            "3:20: sizes.slides.floor: 150 is above 32, the most allowed; write a number from 10 to 32",
        ),
        (
            "{ body: .inf }",
            "3:19: sizes.slides.body: inf is above 40, the most allowed; write a number from 12 to 40",
        ),
        (
            "{ body: .nan }",
            "3:19: sizes.slides.body: nan is below 12, the least allowed; write a number from 12 to 40",
        ),
        (
            "{ body: 20, floor: 30 }",
            "3:11: sizes.slides: the floor (30 pt) is above the body size (20 pt); "
            "make floor at most body (sizes.slides.floor)",
        ),
    ],
)
def test_slide_sizes_out_of_range_are_refused_with_the_allowed_range(tmp_path: Path, sizes: str, expected: str) -> None:
    folder = write_theme(tmp_path / "t", f"extends: default\nsizes:\n  slides: {sizes}\n")
    assert _problems(folder) == [f"{folder / 'theme.yaml'}:{expected}"]


numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10**6), 10**6))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    slide=st.fixed_dictionaries({k: numbers for k in SlideSizes.model_fields}),
    sketch=st.fixed_dictionaries({k: numbers for k in SketchSizes.model_fields}),
)
def test_any_size_loads_finite_and_in_range_or_is_refused(slide: dict[str, float], sketch: dict[str, float]) -> None:
    from decks.model.typed import ValidationError

    for model, data in ((SlideSizes, slide), (SketchSizes, sketch)):
        try:
            sizes = model.model_validate(data)
        except ValidationError as exc:
            assert all(e["loc"] == () or e.get("ctx", {}).get("range") for e in exc.errors())
            continue
        values = [getattr(sizes, k) for k in model.model_fields]
        assert all(v == v and abs(v) < 100 for v in values)  # finite, and in the documented ranges
        assert sizes.floor <= sizes.body


def test_a_chain_of_ten_themes_is_not_a_loop(tmp_path: Path) -> None:
    write_theme(tmp_path / "t0", "extends: default\n")
    for i in range(1, 10):
        write_theme(tmp_path / f"t{i}", f"extends: {tmp_path / f't{i - 1}'}\n")
    assert load_theme(str(tmp_path / "t9")).name == "t9"


def test_a_real_loop_is_named_with_its_chain(tmp_path: Path) -> None:
    write_theme(tmp_path / "a", f"extends: {tmp_path / 'b'}\n")
    write_theme(tmp_path / "b", f"extends: {tmp_path / 'a'}\n")
    (problem,) = _problems(tmp_path / "a")
    assert "themes extend each other in a loop (a -> b -> a)" in problem


def test_a_chain_deeper_than_twenty_has_its_own_message(tmp_path: Path) -> None:
    write_theme(tmp_path / "t0", "extends: default\n")
    for i in range(1, 25):
        write_theme(tmp_path / f"t{i}", f"extends: {tmp_path / f't{i - 1}'}\n")
    (problem,) = _problems(tmp_path / "t24")
    assert "the themes extend each other more than 20 deep; make a theme nearer the start extend a built-in" in problem


def test_a_theme_file_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    os.mkfifo(tmp_path / "t" / "theme.yaml")
    (problem,) = _problems(tmp_path / "t")
    assert problem.endswith("this is a pipe (FIFO), not a regular file; give a theme.yaml file")


def test_a_font_that_is_a_device_is_refused_at_its_key(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    os.symlink("/dev/zero", folder / "zero.ttf")
    write_theme(folder, "extends: default\nfonts:\n  body: { file: zero.ttf }\n")
    (problem,) = _problems(folder)
    assert problem == (
        f"{folder / 'theme.yaml'}:3:17: fonts.body.file: cannot use the font zero.ttf: this is a device or socket, "
        "not a regular file; give a .ttf or .ttc font file"
    )


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip at all", "is not a readable .pptx (File is not a zip file)"),
        (_zip({}), "is an empty zip"),
        (_zip({"a.txt": b"hello"}), "is a zip but not a PowerPoint presentation or template"),
        (_zip({"big.xml": b"\0" * (3 * 1024 * 1024)}), "unpacks to 3 MB, over the 2 MB recap reads"),
    ],
)
def test_a_template_that_is_not_a_whole_pptx_is_refused_at_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, message: str
) -> None:
    monkeypatch.setattr("decks.readers.template.MAX_UNCOMPRESSED", 2 * 1024 * 1024)  # a small zip bomb
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "bad.pptx").write_bytes(data)
    write_theme(folder, "extends: default\nslides:\n  template: bad.pptx\n")
    (problem,) = _problems(folder)
    assert problem.startswith(f"{folder / 'theme.yaml'}:3:13: slides.template: the template bad.pptx {message}")
    assert problem.endswith("; save the template from PowerPoint or LibreOffice as .pptx (or .potx)")


def test_a_potx_template_passes_the_theme_check(tmp_path: Path) -> None:
    from decks.assets import assets_dir

    pptx = (assets_dir() / "templates" / "recap-16x9.pptx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"presentationml.presentation.main+xml", b"presentationml.template.main+xml"
    )
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "mine.potx").write_bytes(_zip(parts))
    write_theme(folder, "extends: default\nslides:\n  template: mine.potx\n")
    assert load_theme(str(folder)).slides.template == folder / "mine.potx"


def test_an_unknown_sketch_layout_is_refused_when_the_theme_loads(tmp_path: Path) -> None:
    folder = write_theme(tmp_path / "t", "extends: default\nsketch:\n  layout: spiral\n")
    assert _problems(folder) == [
        f"{folder / 'theme.yaml'}:3:11: sketch.layout: 'spiral' is not one of 'modular', 'path', 'radial', "
        "'vertical' or 'popcorn'; use one of the values listed"
    ]


def test_a_theme_description_is_listed_with_its_escape_sequences_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from decks.themes.folders import describe_themes

    monkeypatch.chdir(tmp_path)
    write_theme(tmp_path / "assets" / "themes" / "mine", 'description: "Mine\\e]0;pwned\\a"\nextends: default\n')
    (row,) = [row for row in describe_themes() if row[0] == "mine"]
    assert row == ("mine", "Mine\\x1b]0;pwned\\x07", "user")


def test_a_font_with_damaged_tables_behind_a_valid_header_is_refused_at_its_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECAP_CACHE_DIR", str(tmp_path / "cache"))
    from decks.assets import fonts_dir

    raw = (fonts_dir() / "Lato-Regular.ttf").read_bytes()
    directory = 12 + 16 * int.from_bytes(raw[4:6], "big")
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "bad.ttf").write_bytes(raw[:directory] + bytes(len(raw) - directory))  # tables zeroed
    write_theme(folder, "extends: default\nfonts:\n  body: { file: bad.ttf }\n")
    with pytest.raises(ContentError) as info:
        load_theme(str(folder))
    (problem,) = info.value.problems
    assert str(problem).startswith(f"{folder / 'theme.yaml'}:3:17: fonts.body.file: cannot read the font bad.ttf (")
    assert str(problem).endswith("; use another copy of the font file")
