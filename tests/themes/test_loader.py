"""Tests for loading themes: finding them (folders.py), `extends:` inheritance (chain.py), and located theme
problems (loader.py, filecheck.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decks.assets import content_dir, themes_dir
from decks.errors import ContentError
from decks.plan.stacks import stacks_for
from decks.text.lookup import find_system_font
from decks.themes.chain import locate, theme_layers
from decks.themes.folders import available_themes, describe_themes, find_theme, theme_in_content
from decks.themes.loader import load_theme
from tests.budget import examples

from .theme_helpers import write_content, write_theme

# What a theme says about itself, rather than what it looks like.
_OWN = {"name", "description", "extends", "folder"}


def _look(theme: Any) -> dict[str, Any]:
    return {k: v for k, v in theme.model_dump().items() if k not in _OWN}


def test_default_theme_loads_with_bundled_fonts() -> None:
    theme = load_theme()
    assert theme.name == "default"
    assert theme.fonts.body.file is not None and theme.fonts.body.file.is_file()
    assert theme.folder == (themes_dir() / "default").resolve()


def test_user_theme_changes_only_what_it_names(tmp_path: Path) -> None:
    folder = write_theme(tmp_path / "mine", 'extends: default\npalette:\n  accent: "#9A3412"\nsketch:\n  seed: 7\n')
    mine, base = load_theme(str(folder)), load_theme("default")
    assert mine.palette.accent == "#9A3412"
    assert mine.sketch.seed == 7
    expected = _look(base)
    expected["palette"]["accent"] = "#9A3412"
    expected["sketch"]["seed"] = 7
    assert _look(mine) == expected
    assert mine.name == "mine"
    assert mine.extends == "default"


def test_nearest_theme_in_a_chain_wins(tmp_path: Path) -> None:
    write_theme(tmp_path / "a", 'extends: default\npalette:\n  accent: "#9A3412"\n  accent2: "#1E40AF"\n')
    b = write_theme(tmp_path / "b", f'extends: {tmp_path / "a"}\npalette:\n  accent: "#7C2D12"\n')
    theme = load_theme(str(b))
    assert theme.palette.accent == "#7C2D12"
    assert theme.palette.accent2 == "#1E40AF"
    assert theme.palette.ink == load_theme("default").palette.ink


def test_lists_are_replaced_not_appended(tmp_path: Path) -> None:
    folder = write_theme(tmp_path / "t", "extends: default\nfonts:\n  fallbacks: []\n")
    assert load_theme(str(folder)).fonts.fallbacks == []


def test_theme_name_looks_in_current_folder_before_builtins(workdir: Path) -> None:
    write_theme(workdir / "assets" / "themes" / "ink", "description: my own ink\nextends: ink\n")
    assert find_theme("ink") == workdir / "assets" / "themes" / "ink"
    theme = load_theme("ink")
    # A user theme may extend the built-in of its own name without looping.
    assert theme.sketch.fill is False
    assert theme.description == "my own ink"
    assert available_themes()["ink"] == workdir / "assets" / "themes" / "ink"


def test_theme_path_takes_a_folder_or_its_theme_file(tmp_path: Path) -> None:
    folder = write_theme(tmp_path / "anywhere", "extends: chalkboard\n")
    assert load_theme(str(folder)).palette == load_theme("chalkboard").palette
    assert find_theme(str(folder / "theme.yaml")) == folder


def test_unknown_theme_lists_the_known_ones(workdir: Path) -> None:
    with pytest.raises(ContentError) as err:
        load_theme("nope")
    assert "chalkboard, default, ink" in str(err.value)


def test_extends_an_unknown_theme_is_located(tmp_path: Path) -> None:
    folder = write_theme(tmp_path / "t", "description: x\nextends: nope\n")
    with pytest.raises(ContentError) as err:
        load_theme(str(folder))
    assert f"{folder / 'theme.yaml'}:2:10: extends: no theme named 'nope'" in str(err.value)


def test_themes_extending_each_other_stop(tmp_path: Path) -> None:
    write_theme(tmp_path / "a", f"extends: {tmp_path / 'b'}\n")
    write_theme(tmp_path / "b", f"extends: {tmp_path / 'a'}\n")
    with pytest.raises(ContentError, match="loop"):
        load_theme(str(tmp_path / "a"))


def test_locate_names_the_file_that_says_the_key(tmp_path: Path) -> None:
    folder = write_theme(tmp_path / "t", 'extends: default\npalette:\n  muted: "#444444"\n')
    layers = theme_layers(load_theme(str(folder)))
    assert locate(layers, ("palette", "muted")) == (str(folder / "theme.yaml"), 3, 10)
    file, line, _ = locate(layers, ("palette", "ink"))
    assert file == str((themes_dir() / "default" / "theme.yaml").resolve())
    default_lines = Path(file).read_text(encoding="utf-8").splitlines()
    assert default_lines[line - 1].strip().startswith("ink:")


# -- problems through `recap check --theme DIR CONTENT` -------------------------------------------------------


def test_every_theme_problem_is_reported_at_once_with_file_line_col(tmp_path: Path, recap: Any) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "cff.otf").write_bytes(b"OTTO" + bytes(64))  # PostScript outlines, which reportlab cannot embed
    theme = write_theme(
        folder,
        "extends: default\n"  # 1
        "palette:\n"  # 2
        '  acent: "#000000"\n'  # 3
        '  ink: "red"\n'  # 4
        "fonts:\n"  # 5
        "  body: { file: missing.ttf }\n"  # 6
        "  heading: { file: cff.otf }\n"  # 7
        "  fallbacks:\n"  # 8
        "    - { system: No Such Family Recap Test }\n"  # 9
        "sketch:\n"  # 10
        "  rougness: 2\n",  # 11
    )
    file = theme / "theme.yaml"
    run = recap("check", "--theme", theme, write_content(tmp_path / "c.yaml"))
    assert run.code == 1
    assert f"{file}:3:3: palette.acent: unknown key 'acent'; did you mean 'accent'?" in run.err
    assert f"{file}:4:8: palette.ink: 'red' is not a colour; write it as #RRGGBB" in run.err
    assert f"{file}:6:17: fonts.body.file: font file not found: {folder / 'missing.ttf'}" in run.err
    assert f"{file}:7:20: fonts.heading.file: cff.otf has PostScript (CFF) outlines" in run.err
    assert f"{file}:9:17: fonts.fallbacks[0].system: no font of the family 'No Such Family Recap Test'" in run.err
    assert f"{file}:11:3: sketch.rougness: unknown key 'rougness'; did you mean 'roughness'?" in run.err
    assert "Traceback" not in run.err


def test_font_problems_show_once_the_rest_is_valid(tmp_path: Path, recap: Any) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "cff.otf").write_bytes(b"OTTO" + bytes(64))
    theme = write_theme(folder, "extends: default\nfonts:\n  hand: { file: cff.otf }\n")
    run = recap("check", "--theme", theme, write_content(tmp_path / "c.yaml"))
    assert run.code == 1
    assert f"{theme / 'theme.yaml'}:3:17: fonts.hand.file: cff.otf has PostScript (CFF) outlines" in run.err


def test_a_font_needs_a_file_or_a_system_family(tmp_path: Path) -> None:
    # In a list, as a mapping would merge with the base's font and so inherit its file.
    folder = write_theme(tmp_path / "t", "extends: default\nfonts:\n  fallbacks:\n    - { optional: true }\n")
    with pytest.raises(ContentError) as err:
        load_theme(str(folder))
    assert f"{folder / 'theme.yaml'}:4:7: fonts.fallbacks[0]: a font needs file: or system:" in str(err.value)


def test_optional_system_fallback_not_installed_is_skipped_quietly(tmp_path: Path, recap: Any) -> None:
    folder = write_theme(
        tmp_path / "t",
        "extends: default\nfonts:\n  fallbacks:\n    - { system: No Such Family Recap Test, optional: true }\n",
    )
    theme = load_theme(str(folder))
    stacks = stacks_for(theme)
    assert stacks.body.faces  # built without complaint
    run = recap("check", "--theme", folder, write_content(tmp_path / "c.yaml"))
    assert run.code == 0, run.err
    assert "No Such Family" not in run.err + run.out


def test_full_lxgw_wenkai_is_used_when_installed() -> None:
    path = find_system_font("LXGW WenKai")
    if path is None:
        pytest.skip("LXGW WenKai is not installed (apt-get install fonts-lxgw-wenkai); the bundled subset is used")
    faces = [face.path for face in stacks_for(load_theme("default")).body.faces]
    assert path.resolve() in faces


def test_characters_no_font_has_fail_the_check_unless_allowed(
    tmp_path: Path, recap: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every role is Lato and the machine's fonts are not asked, so the hanzi has nowhere to fall back to.
    monkeypatch.setenv("RECAP_NO_SYSTEM_FONTS", "1")
    lato = "{ file: Lato-Regular.ttf }"
    roles = ("heading", "body", "hand", "hand_bold", "cjk", "cjk_bold", "symbol")
    fonts = "".join(f"  {role}: {lato}\n" for role in roles)
    theme = f"extends: default\nfonts:\n{fonts}  fallbacks: []\n  languages: []\n  emoji: null\n"
    folder = write_theme(tmp_path / "latin", theme)
    content = write_content(tmp_path / "c.yaml", item="你好")
    run = recap("check", "--theme", folder, content)
    assert run.code == 1
    theme_file = Path(folder) / "theme.yaml"
    assert f"no font of theme 'latin' ({theme_file}) has '你' (U+4F60 CJK UNIFIED IDEOGRAPH-4F60)" in run.err
    assert f"{content}:3:12: items[0].title:" in run.err  # the content line that needs the glyph
    assert "apt-get install fonts-noto-cjk" in run.err
    allowed = recap("check", "--theme", folder, "--allow-missing-glyphs", content)
    assert allowed.code == 0  # a warning: the outputs still render, with boxes for those characters
    assert "warning: " in allowed.err and "U+4F60" in allowed.err


def test_bundled_chinese_example_needs_no_system_font(tmp_path: Path, recap: Any) -> None:
    folder = write_theme(tmp_path / "pip-only", "extends: default\nfonts:\n  fallbacks: []\n")
    run = recap("check", "--theme", folder, content_dir() / "tf-dev-summit-2019.zh.yaml")
    assert run.code == 0, run.err
    assert "no font" not in run.err


# -- recap themes ---------------------------------------------------------------------------------------------


def test_themes_lists_name_description_and_kind(workdir: Path, recap: Any) -> None:
    write_theme(workdir / "assets" / "themes" / "mine", "description: Mine, all mine.\nextends: default\n")
    write_theme(workdir / "assets" / "themes" / "bare", "extends: ink\n")
    run = recap("themes")
    assert run.code == 0
    lines = run.out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["bare", "chalkboard", "default", "ink", "mine"]
    assert "mine\tMine, all mine.\t(user)" in lines
    assert "bare\textends ink\t(user)" in lines
    assert any(line.startswith("chalkboard\t") and line.endswith("\t(built-in)") for line in lines)
    assert describe_themes()[1][2] == "built-in"


def test_themes_still_lists_a_broken_theme(workdir: Path, recap: Any) -> None:
    write_theme(workdir / "assets" / "themes" / "broken", "palette: [\n")
    run = recap("themes")
    assert run.code == 0
    assert "broken\t(cannot be read; see 'recap check --theme broken')\t(user)" in run.out


def _install_theme(tmp_path, monkeypatch, name: str = "neon") -> None:
    """A pip-installed theme, as a distribution on sys.path: a package holding theme.yaml and its entry point."""
    import sys

    pkg = tmp_path / "site" / "recap_neon"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "theme.yaml").write_text('extends: default\ndescription: "Neon, from pip"\npalette:\n  accent: "#7a00cc"\n')
    info = tmp_path / "site" / "recap_neon-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: recap-neon\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[recap.themes]\n{name} = recap_neon\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "site"), *sys.path])


def test_a_theme_installed_with_pip_is_found_by_its_entry_point(tmp_path, monkeypatch) -> None:
    from decks.themes.folders import available_themes, find_theme
    from decks.themes.loader import load_theme

    _install_theme(tmp_path, monkeypatch)
    monkeypatch.chdir(tmp_path)
    assert find_theme("neon") == tmp_path / "site" / "recap_neon"
    assert "neon" in available_themes()
    assert load_theme(str(find_theme("neon"))).palette.accent.lower() == "#7a00cc"


def test_a_folder_named_like_a_theme_does_not_hide_the_theme(tmp_path, monkeypatch) -> None:
    from decks.assets import themes_dir
    from decks.themes.folders import find_theme

    (tmp_path / "ink").mkdir()
    monkeypatch.chdir(tmp_path)
    assert find_theme("ink") == themes_dir() / "ink"
    assert find_theme("./ink") == tmp_path / "ink" or find_theme("./ink").resolve() == (tmp_path / "ink").resolve()


def test_system_in_a_child_theme_replaces_the_bases_file(tmp_path, monkeypatch) -> None:
    from decks.themes.loader import load_theme

    folder = tmp_path / "assets" / "themes" / "mine"
    folder.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    (folder / "theme.yaml").write_text(
        "extends: default\nfonts:\n  cjk: {system: No Such CJK Family, optional: true}\n", encoding="utf-8"
    )
    theme = load_theme("mine")
    assert theme.fonts.cjk.file is None and theme.fonts.cjk.system == "No Such CJK Family"


def test_a_font_with_both_a_file_and_a_system_name_is_an_error_at_its_line(tmp_path, monkeypatch) -> None:
    from decks.errors import ContentError
    from decks.themes.loader import load_theme

    folder = tmp_path / "assets" / "themes" / "both"
    folder.mkdir(parents=True)
    (folder / "theme.yaml").write_text(
        "extends: default\nfonts:\n  cjk: {file: RecapKai-Regular.ttf, system: LXGW WenKai}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as caught:
        load_theme("both")
    text = str(caught.value)
    assert "theme.yaml:3:" in text and "keep one of them" in text


def test_a_content_theme_names_a_theme_or_a_folder_beside_the_content(workdir: Path) -> None:
    talk = workdir / "talks" / "t.yaml"
    write_theme(workdir / "talks" / "look", "extends: ink\n")
    assert theme_in_content("chalkboard", talk) == "chalkboard"
    assert Path(theme_in_content("look", talk)) == workdir / "talks" / "look"  # not ./look
    assert Path(theme_in_content("./look/theme.yaml", talk)) == workdir / "talks" / "look" / "theme.yaml"
    write_theme(workdir / "talks" / "assets" / "themes" / "kept", "extends: ink\n")  # the talk's own themes
    assert Path(theme_in_content("kept", talk)) == workdir / "talks" / "assets" / "themes" / "kept"


def test_an_unknown_content_theme_fails_at_its_line(workdir: Path, recap: Any) -> None:
    talk = workdir / "t.yaml"
    talk.write_text("title: T\nlanguage: en\ntheme: chalkbord\nitems:\n  - title: A\n", encoding="utf-8")
    for args in (["check", talk], ["pdf", talk], ["plan", "deck", talk]):
        run = recap(*args)
        assert run.code == 1
        assert f"{talk}:3:8: theme: no such theme: chalkbord; name one of: " in run.err
        assert "chalkboard" in run.err and "relative to this file" in run.err
    assert recap("pdf", talk, "--theme", "ink").code == 0  # --theme overrides it


@settings(max_examples=examples(50, deep=150), deadline=None)
@given(value=st.text(min_size=1, max_size=300))
def test_any_content_theme_names_a_theme_or_is_a_located_content_error(value: str) -> None:
    talk = Path(__file__).parent / "no-such-talk.yaml"  # never read unless the theme is wrong, then not found
    try:
        assert isinstance(theme_in_content(value, talk), str)
    except ContentError as exc:
        assert exc.problems[0].field == "theme" and "no such theme" in exc.problems[0].message


def test_theme_files_are_the_chains_files_and_those_beside_them(tmp_path: Path) -> None:
    from decks.themes.loader import theme_files

    write_theme(tmp_path / "a", 'extends: default\npalette:\n  accent: "#9A3412"\n')
    b = write_theme(tmp_path / "b", f"extends: {tmp_path / 'a'}\n")
    (b / "notes.txt").write_text("not a theme file\n", encoding="utf-8")
    (b / "extra.yaml").write_text("x: 1\n", encoding="utf-8")
    files = theme_files(str(b))
    assert files == sorted(files)
    assert {b / "theme.yaml", b / "extra.yaml", tmp_path / "a" / "theme.yaml"} <= set(files)
    assert (themes_dir() / "default" / "theme.yaml").resolve() in files
    assert b / "notes.txt" not in files


def test_theme_files_of_a_broken_chain_still_name_the_themes_own_files(tmp_path: Path) -> None:
    from decks.themes.loader import theme_files

    folder = write_theme(tmp_path / "t", "extends: nope\n")
    assert theme_files(str(folder)) == [folder / "theme.yaml"]


def test_a_changed_theme_is_read_again_only_after_forget_themes(tmp_path: Path) -> None:
    from decks.themes.loader import forget_themes

    folder = write_theme(tmp_path / "t", 'extends: default\npalette:\n  accent: "#9A3412"\n')
    assert load_theme(str(folder)).palette.accent == "#9A3412"
    (folder / "theme.yaml").write_text('extends: default\npalette:\n  accent: "#1E40AF"\n', encoding="utf-8")
    assert load_theme(str(folder)).palette.accent == "#9A3412"  # kept by folder
    forget_themes()
    assert load_theme(str(folder)).palette.accent == "#1E40AF"
