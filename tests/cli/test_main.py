"""The `recap` command: help, version, exit codes, and how renderer commands write (or refuse to write) files."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from decks import __version__
from decks.assets import example_content
from decks.cli.main import cli, main
from decks.errors import ExitCode
from decks.renderers.base import GROUP

MINIMAL = "title: X\nitems:\n  - title: Y\n"

# A third-party renderer whose behaviour the test picks through an environment variable.
FAKE_SOURCE = """
import os

from decks.errors import OutputError, Problem
from decks.renderers.base import Rendered, Renderer


class FakeRenderer(Renderer):
    name = "fake"
    suffix = ".fake"
    description = "Writes the recap title, or fails as RECAP_FAKE_MODE says."

    def render(self, recap, theme, **options):
        mode = os.environ.get("RECAP_FAKE_MODE", "ok")
        if mode == "crash":
            raise RuntimeError("the renderer fell over")
        if mode == "too-big":
            raise OutputError([Problem("fake", "it does not fit on one page", "cut some takeaways")])
        return Rendered(recap.title.encode("utf-8"))
"""


@pytest.fixture
def fake_renderer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A `recap fake` command from a distribution on sys.path, as an installed plugin would be."""
    site = tmp_path / "site"
    (site / "recap_fake").mkdir(parents=True)
    (site / "recap_fake" / "__init__.py").write_text(textwrap.dedent(FAKE_SOURCE), encoding="utf-8")
    info = site / "recap_fake-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: recap_fake\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[{GROUP}]\nfake = recap_fake:FakeRenderer\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("RECAP_DEBUG", raising=False)
    yield "fake"
    sys.modules.pop("recap_fake", None)


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current folder with a minimal content file, talk.yaml."""
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "talk.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def command_names() -> list[str]:
    with click.Context(cli) as ctx:
        return cli.list_commands(ctx)


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    names = command_names()
    assert {"check", "schema", "renderers", "themes", "import", "pptx", "pdf", "png"} <= set(names)
    for name in names:
        assert main([name, "--help"]) == 0, name
        assert f"Usage: recap {name}" in capsys.readouterr().out


def test_the_top_level_help_lists_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Exit codes: 0 ok, 1 content or theme error, 2 usage error, 3 output error, 4 internal error" in out
    assert "check" in out and "pptx" in out


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"recap, version {__version__}\n"


def test_check_without_content_uses_the_bundled_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"ok: {example_content()}: 3 parts, ")


def test_renderers_lists_the_built_ins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["renderers"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    by_name = {row[0]: row for row in rows}
    assert by_name["pptx"][1:] == ["decks.renderers.pptx:PptxRenderer", "(recap)"]
    assert by_name["pdf"][1] == "decks.renderers.pdf:PdfRenderer"
    assert by_name["png"][1] == "decks.renderers.png:PngRenderer"


def test_themes_lists_the_default_theme(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["themes"]) == 0
    assert "default" in [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]


def test_schema_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "recap content file"


@pytest.mark.parametrize("args", [["no-such-command"], ["check", "--no-such-option"], ["import"], ["schema", "extra"]])
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "Error:" in err and "Traceback" not in err


def test_a_content_error_exits_1_with_located_lines(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "bad.yaml").write_text("title: X\nitems:\n  - titel: Y\n", encoding="utf-8")
    assert main(["check", "bad.yaml"]) == ExitCode.CONTENT
    assert capsys.readouterr().err.splitlines() == [
        "error: bad.yaml:3:5: items[0].title: 'title' is required here; add 'title:' with a value",
        "error: bad.yaml:3:5: items[0].titel: unknown key 'titel'; did you mean 'title'?",
    ]


def test_a_renderer_prints_the_path_it_wrote(
    fake_renderer: str, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([fake_renderer, "talk.yaml", "-o", "out/deck.fake"]) == 0
    assert capsys.readouterr().out == "out/deck.fake\n"
    assert (work / "out" / "deck.fake").read_bytes() == b"X"


def test_a_renderer_writes_beside_the_current_folder_by_default(
    fake_renderer: str, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([fake_renderer, "talk.yaml"]) == 0
    assert capsys.readouterr().out == f"{work / 'talk.fake'}\n"
    assert (work / "talk.fake").read_bytes() == b"X"


def test_a_renderer_never_overwrites_the_content_file(
    fake_renderer: str, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = work / "talk.fake"  # a content file that happens to carry the renderer's suffix
    content.write_text(MINIMAL, encoding="utf-8")
    assert main([fake_renderer, "talk.fake", "-o", "talk.fake"]) == ExitCode.OUTPUT
    assert "that is the content file itself" in capsys.readouterr().err
    assert content.read_text(encoding="utf-8") == MINIMAL


def test_a_wrong_output_suffix_exits_3(fake_renderer: str, work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([fake_renderer, "talk.yaml", "-o", "out.txt"]) == ExitCode.OUTPUT
    assert capsys.readouterr().err == "error: out.txt: the output must end in .fake; name it like out.fake\n"
    assert not (work / "out.txt").exists()


def test_bad_content_writes_nothing(fake_renderer: str, work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "bad.yaml").write_text("title: X\n", encoding="utf-8")
    assert main([fake_renderer, "bad.yaml", "-o", "bad.fake"]) == ExitCode.CONTENT
    assert not (work / "bad.fake").exists()


def test_a_crashing_renderer_leaves_the_previous_output_and_no_temp_files(
    fake_renderer: str, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = work / "talk.fake"
    previous.write_bytes(b"previous deck")
    monkeypatch.setenv("RECAP_FAKE_MODE", "crash")
    assert main([fake_renderer, "talk.yaml", "-o", "talk.fake"]) == ExitCode.INTERNAL
    err = capsys.readouterr().err
    assert err.startswith("internal error: RuntimeError: the renderer fell over\n")
    assert "RECAP_DEBUG=1" in err and "Traceback" not in err
    assert previous.read_bytes() == b"previous deck"
    assert leftovers(work) == []


def test_a_renderer_output_error_exits_3_and_keeps_the_previous_output(
    fake_renderer: str, work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = work / "talk.fake"
    previous.write_bytes(b"previous deck")
    monkeypatch.setenv("RECAP_FAKE_MODE", "too-big")
    assert main([fake_renderer, "talk.yaml"]) == ExitCode.OUTPUT
    assert capsys.readouterr().err == "error: fake: it does not fit on one page; cut some takeaways\n"
    assert previous.read_bytes() == b"previous deck"
    assert leftovers(work) == []


def test_a_failing_write_through_the_command_exits_3(
    fake_renderer: str, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "blocker").write_text("a file where a folder should be")
    assert main([fake_renderer, "talk.yaml", "-o", "blocker/deck.fake"]) == ExitCode.OUTPUT
    assert "cannot write it" in capsys.readouterr().err


def test_recap_debug_shows_the_traceback_of_an_internal_error(
    fake_renderer: str, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECAP_FAKE_MODE", "crash")
    monkeypatch.setenv("RECAP_DEBUG", "1")
    with pytest.raises(RuntimeError, match="fell over"):
        main([fake_renderer, "talk.yaml"])


def _has_renderer(name: str) -> bool:
    return importlib.util.find_spec(f"decks.renderers.{name}") is not None


@pytest.mark.parametrize("name", ["pptx", "pdf"])
def test_a_built_in_renderer_refuses_the_content_file_and_a_wrong_suffix(
    name: str, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not _has_renderer(name):
        pytest.skip(f"decks.renderers.{name} is not written yet")
    content = work / f"talk.{name}"
    content.write_text(MINIMAL, encoding="utf-8")
    assert main([name, content.name, "-o", content.name]) == ExitCode.OUTPUT
    assert content.read_text(encoding="utf-8") == MINIMAL
    assert main([name, "talk.yaml", "-o", "out.txt"]) == ExitCode.OUTPUT
    assert not (work / "out.txt").exists()
    assert "Traceback" not in capsys.readouterr().err


def recap_command() -> list[str]:
    script = Path(sys.executable).with_name("recap")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "decks.cli.main"]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, RECAP_CACHE_DIR=str(cwd / ".cache"))
    env.pop("RECAP_DEBUG", None)
    return subprocess.run([*recap_command(), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_end_to_end_version_and_check(work: Path) -> None:
    version = run(["--version"], work)
    assert (version.returncode, version.stdout) == (0, f"recap, version {__version__}\n")
    ok = run(["check", "talk.yaml"], work)
    assert ok.returncode == 0 and ok.stdout.startswith("ok: talk.yaml: 1 part, 1 item, 0 links")
    assert "Traceback" not in ok.stderr


def test_end_to_end_errors_exit_with_their_codes_and_no_traceback(work: Path) -> None:
    (work / "bad.yaml").write_text("title: X\ntitle: Y\nitems: [{title: Z}]\n", encoding="utf-8")
    cases = {("check", "bad.yaml"): 1, ("check", "missing.yaml"): 1, ("nope",): 2, ("import",): 2}
    for args, code in cases.items():
        proc = run(list(args), work)
        assert proc.returncode == code, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
    assert run(["check", "bad.yaml"], work).stderr == (
        "error: bad.yaml:2:1: title: duplicate key 'title' (first at line 1); keep only one of them\n"
    )


def test_a_render_imports_no_other_renderer(work: Path) -> None:
    probe = (
        "import sys\nfrom decks.cli.main import main\nmain(['pptx', 'talk.yaml', '-o', 'talk.pptx'])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('decks.renderers.', 'reportlab'))))"
    )
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=work, timeout=60)
    shown = proc.stdout.strip().splitlines()[-1]
    assert "decks.renderers.pptx" in shown  # the one it runs...
    assert "decks.renderers.pdf" not in shown and "reportlab" not in shown  # ...and no other


def test_a_render_in_a_built_in_theme_reads_no_distribution_metadata_once_plugins_are_cached(work: Path) -> None:
    # importlib.metadata (with email, csv and zipfile's readers) is ~20 ms of every command's start-up: it is
    # imported only to read installed renderers or themes, which a second render finds in the cache.
    probe = (
        "import sys\nfrom decks.cli.main import main\nmain(['pptx', 'talk.yaml', '-o', 'talk.pptx', '--force'])\n"
        "print('importlib.metadata' in sys.modules)"
    )
    env = dict(os.environ, RECAP_CACHE_DIR=str(work / ".cache"))
    for _ in range(2):  # the first fills the plugin cache (and may read the metadata)
        proc = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, cwd=work, env=env, timeout=60
        )
    assert proc.stdout.strip().splitlines()[-1] == "False", proc.stderr


def test_a_render_imports_no_other_command_and_help_still_lists_them(work: Path) -> None:
    probe = (
        "import sys\nfrom decks.cli.main import main\nmain(['pptx', 'talk.yaml', '-o', 'talk.pptx'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('decks.cli.')))"
    )
    env = dict(os.environ, RECAP_CACHE_DIR=str(work / ".cache"))
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=work, env=env, timeout=60)
    assert proc.stdout.strip().splitlines()[-1] == (
        "['decks.cli.console', 'decks.cli.main', 'decks.cli.output', 'decks.cli.render_command', 'decks.cli.stageopts',"
        " 'decks.cli.talk']"
    )
    shown = run(["--help"], work).stdout.split("Commands:")[1]
    listed = {line.split()[0] for line in shown.splitlines() if line.startswith("  ") and line[2:3] != " "}
    assert {"completion", "docs", "fonts", "import", "new", "watch", "check", "pptx"} <= listed
    for name in ("completion", "docs", "fonts", "import", "new", "watch"):
        assert main([name, "--help"]) == 0, name
    assert run(["neww"], work).returncode == ExitCode.USAGE


def test_rendering_with_a_low_contrast_theme_warns_at_the_colour_and_still_writes(work: Path) -> None:
    theme = work / "assets" / "themes" / "pale"
    theme.mkdir(parents=True)
    (theme / "theme.yaml").write_text('extends: default\npalette:\n  muted: "#AAAAAA"\n', encoding="utf-8")
    proc = run(["pptx", "talk.yaml", "--theme", "pale", "-o", "talk.pptx"], work)
    assert proc.returncode == 0, proc.stderr
    assert f"warning: {theme / 'theme.yaml'}:3:10: palette.muted: contrast 2.32:1" in proc.stderr
    assert (work / "talk.pptx").is_file()


def test_escape_sequences_in_content_are_echoed_escaped(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "talk.yaml").write_text('title: X\n"ti\\e]0;pwned\\a": 1\nitems:\n  - title: Y\n', encoding="utf-8")
    assert main(["check", "talk.yaml"]) == ExitCode.CONTENT
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "unknown key 'ti\\x1b]0;pwned\\x07'" in err


def test_renderer_summaries_are_their_descriptions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from decks.renderers.pdf import PdfRenderer

    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert " ".join(PdfRenderer.description.split()) in out
    assert "Render with the" not in out


def test_a_plugin_summary_comes_from_its_description(fake_renderer: str, capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import EntryPoint

    from decks.cli.render_command import renderer_summary

    def entry(value: str) -> EntryPoint:
        return EntryPoint("fake", value, "recap.renderers")

    assert renderer_summary(entry("recap_fake:FakeRenderer")) == (
        "Writes the recap title, or fails as RECAP_FAKE_MODE says."
    )
    assert renderer_summary(entry("recap_fake:Missing")) is None
    assert renderer_summary(entry("no_such_module:X")) is None


@pytest.mark.parametrize("name", ["pptx", "pdf", "import"])
def test_output_help_says_where_the_output_goes_by_default(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([name, "--help"]) == 0
    assert "in the current folder)" in " ".join(capsys.readouterr().out.split())


def test_choices_take_any_case(fake_renderer: str, work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pdf", "talk.yaml", "--paper", "A4", "--layout", "Path", "--orientation", "PORTRAIT"]) == 0
    assert (work / "talk.pdf").read_bytes().startswith(b"%PDF")
    assert main(["pdf", "talk.yaml", "--paper", "A5"]) == ExitCode.USAGE


def test_quiet_prints_only_errors_and_verbose_every_warning(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    many = "title: X\nitems:\n" + "".join(f"  - title: Item {i}\n    takeaways: [a, b, c]\n" for i in range(5))
    (work / "many.yaml").write_text(many, encoding="utf-8")
    args = ["pdf", "many.yaml", "--max-takeaways", "1"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (
        f"{work / 'many.pdf'}\n",
        "warning: --max-takeaways 1: 10 takeaways of 5 items are not on the page: 'Item 0', 'Item 1', 'Item 2' "
        "and 2 more (-v lists each)\n",
    )
    assert main(["-q", *args]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["-v", *args]) == 0
    err = capsys.readouterr().err.splitlines()
    assert "warning: --max-takeaways 1: 2 takeaways of 'Item 4' are not on the page" in err
    assert sum(line.startswith("warning:") for line in err) == 5
    assert main(["-q", "-v", "check"]) == ExitCode.USAGE
    assert "-q and -v contradict each other" in capsys.readouterr().err
    assert main(["-q", "check", "missing.yaml"]) == ExitCode.CONTENT
    assert capsys.readouterr().err.startswith("error: ")


def test_output_into_a_missing_folder_makes_it_and_says_so_on_stderr(
    fake_renderer: str, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([fake_renderer, "talk.yaml", "-o", "new/deck.fake"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("new/deck.fake\n", "note: made the folder new for the output\n")


def test_a_deleted_working_folder_exits_3_with_what_to_do(
    fake_renderer: str, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = work / "talk.yaml"
    gone = work / "gone"
    gone.mkdir()
    os.chdir(gone)
    gone.rmdir()
    assert main([fake_renderer, str(content)]) == ExitCode.OUTPUT
    assert "the current folder no longer exists; cd into a folder that exists" in capsys.readouterr().err
    assert main([fake_renderer, str(content), "-o", str(work / "x.fake")]) == 0  # built-in themes still load


def test_a_name_too_long_for_the_file_system_exits_3(
    fake_renderer: str, work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([fake_renderer, "talk.yaml", "-o", "x" * 300 + ".fake"]) == ExitCode.OUTPUT
    assert "the name is too long for the file system; use a shorter name" in capsys.readouterr().err


def test_a_usage_error_naming_an_escape_sequence_shows_it_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["\x1b]0;pwned\x07"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "\x1b" not in err and "No such command '\\x1b]0;pwned\\x07'" in err
    assert err.startswith("Usage: recap")


def test_check_lists_the_icon_each_item_gets_and_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "talk.yaml"
    content.write_text(
        "title: T\nitems:\n  - title: Kotlin 2.0 released\n  - title: Mine\n    icon: rocket\n", encoding="utf-8"
    )
    assert main(["check", str(content)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("icon: ")]
    assert len(lines) == 2
    assert lines[1].startswith("icon: rocket\tMine\t(")
    assert not lines[0].startswith("icon: backward")  # Kotlin is not "rewind"
