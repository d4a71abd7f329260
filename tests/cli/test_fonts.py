"""`recap fonts` lists the bundled fonts and `recap fonts install` copies them, once, to the user's font folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from decks.assets import fonts_dir
from decks.cli.fonts import bundled_fonts, install_fonts, user_font_dir
from decks.cli.main import main
from decks.errors import ExitCode


def test_every_bundled_font_has_a_family_and_a_licence_from_the_fonts_readme() -> None:
    fonts = bundled_fonts()
    assert {f.path.name for f in fonts} == {p.name for p in fonts_dir().glob("*.ttf")}
    by_file = {f.path.name: f for f in fonts}
    assert by_file["RecapKai-Regular.ttf"].family == "Recap Kai"
    assert by_file["RecapKai-Regular.ttf"].licence == "SIL OFL 1.1 (OFL-LXGWWenKai.txt)"
    assert by_file["DejaVuSans.ttf"].licence.startswith("Bitstream Vera")
    for font in fonts:
        assert font.family and font.licence


def test_recap_fonts_prints_the_folder_then_a_line_per_font(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fonts"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"folder: {fonts_dir()}"
    assert "Lato Bold\tLato-Bold.ttf\tSIL OFL 1.1 (OFL-Lato.txt)" in lines[1:]
    assert len(lines) == 1 + len(list(fonts_dir().glob("*.ttf")))


def test_fonts_install_copies_every_font_then_has_nothing_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "fonts"
    total = len(bundled_fonts())
    assert main(["fonts", "install", "--dest", str(dest)]) == 0
    assert capsys.readouterr().out == f"{dest}: {total} fonts installed, 0 already there\n"
    for font in bundled_fonts():
        assert (dest / font.path.name).read_bytes() == font.path.read_bytes()
    assert main(["fonts", "install", "--dest", str(dest)]) == 0
    assert capsys.readouterr().out == f"{dest}: 0 fonts installed, {total} already there (unchanged)\n"
    assert not [p for p in dest.iterdir() if p.name.endswith(".tmp")]


def test_fonts_install_replaces_a_font_file_that_differs(tmp_path: Path) -> None:
    fonts = bundled_fonts()
    (tmp_path / fonts[0].path.name).write_bytes(b"an older font")
    copied, present, replaced = install_fonts(fonts, tmp_path)
    assert [p.name for p in copied] == [fonts[0].path.name] + [f.path.name for f in fonts[1:]]
    assert present == []
    assert replaced == [f"{fonts[0].path.name} (a different file of 13 bytes)"]
    assert (tmp_path / fonts[0].path.name).read_bytes() == fonts[0].path.read_bytes()


def test_fonts_install_into_a_file_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder should be")
    assert main(["fonts", "install", "--dest", str(blocker / "fonts")]) == ExitCode.OUTPUT
    assert "cannot copy the fonts there" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {}, "/home/u/.local/share/fonts/recap"),
        ("linux", {"XDG_DATA_HOME": "/data"}, "/data/fonts/recap"),
        ("darwin", {}, "/home/u/Library/Fonts"),
        ("win32", {"LOCALAPPDATA": "/appdata"}, "/appdata/Microsoft/Windows/Fonts"),
        ("win32", {}, "/home/u/AppData/Local/Microsoft/Windows/Fonts"),
    ],
)
def test_the_user_font_folder_is_the_one_each_system_reads(platform: str, env: dict[str, str], expected: str) -> None:
    assert user_font_dir(platform, env, Path("/home/u")) == Path(expected)
