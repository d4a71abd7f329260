"""The command line behaves like its neighbours (pandoc, marp-cli, mkdocs): `-` for standard input and output,
global flags anywhere, a did-you-mean for commands and values, `-V`, and picture size options."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from decks import __version__
from decks.cli.main import hoist_global_flags, main

MINIMAL = "title: T\nitems:\n  - title: A\n    links:\n      - {url: 'https://example.com/', kind: docs}\n"


def recap(args: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, RECAP_CACHE_DIR=str(cwd / ".cache"))
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run([sys.executable, "-m", "decks.cli.main", *args], cwd=cwd, env=env, timeout=120, **streams)  # type: ignore[call-overload]


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "talk.yaml").write_text(MINIMAL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("given", "read"),
    [
        (["pptx", "talk.yaml", "-v"], ["-v", "pptx", "talk.yaml"]),
        (["check", "-q", "talk.yaml", "--verbose"], ["-q", "--verbose", "check", "talk.yaml"]),
        (["-q", "pdf", "x"], ["-q", "pdf", "x"]),
        (["pptx", "--", "-v"], ["pptx", "--", "-v"]),  # after --, a file named -v
    ],
)
def test_global_flags_are_read_wherever_they_stand(given: list[str], read: list[str]) -> None:
    assert hoist_global_flags(given) == read


def test_a_flag_after_the_command_works_end_to_end(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "talk.yaml", "-q"]) == 0
    assert capsys.readouterr().err == ""  # quiet: not even the review warnings


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["ppt"], "Did you mean 'pptx'?"),
        (["chek", "talk.yaml"], "Did you mean 'check'?"),
        (["pdf", "--layout", "radal"], "Did you mean 'radial'?"),
        (["plan", "sketc"], "Did you mean 'sketch'?"),
    ],
)
def test_a_mistyped_command_or_value_gets_a_did_you_mean(
    work: Path, capsys: pytest.CaptureFixture[str], args: list[str], suggestion: str
) -> None:
    assert main(args) == 2
    assert suggestion in capsys.readouterr().err


def test_a_mistyped_value_in_the_content_gets_a_did_you_mean(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "talk.yaml").write_text(MINIMAL.replace("kind: docs", "kind: vidoe"), encoding="utf-8")
    assert main(["check", "talk.yaml"]) == 1
    assert "items[0].links[0].kind: 'vidoe' is not one of" in (err := capsys.readouterr().err)
    assert "did you mean 'video'?" in err


def test_dash_v_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-V"]) == 0
    assert capsys.readouterr().out == f"recap, version {__version__}\n"


def test_content_from_standard_input_to_standard_output_is_the_same_deck(work: Path) -> None:
    piped = recap(["pptx", "-", "-o", "-"], work, input=MINIMAL.encode())
    assert piped.returncode == 0, piped.stderr
    assert recap(["pptx", "talk.yaml", "-o", "file.pptx"], work).returncode == 0
    assert piped.stdout == (work / "file.pptx").read_bytes()
    # Standard input with no -o writes to standard output, as pandoc does; check reads it too.
    assert recap(["pdf", "-"], work, input=MINIMAL.encode()).stdout.startswith(b"%PDF")
    checked = recap(["check", "-"], work, input=MINIMAL.encode())
    assert checked.returncode == 0 and checked.stdout.startswith(b"ok: <stdin>: 1 part, 1 item")


def test_problems_in_standard_input_are_located_in_it(work: Path) -> None:
    done = recap(["check", "-"], work, input=b"title: T\nitems:\n  - titel: A\n")
    assert done.returncode == 1
    assert b"<stdin>:3:5: items[0].titel: unknown key 'titel'" in done.stderr


def test_a_terminal_is_neither_read_nor_written_as_a_file(work: Path) -> None:
    primary, secondary = pty.openpty()
    try:
        into_terminal = recap(["pptx", "talk.yaml", "-o", "-"], work, stdout=secondary, stderr=subprocess.PIPE)
        assert into_terminal.returncode == 2
        assert b"would go to the terminal" in into_terminal.stderr
        from_terminal = recap(["check", "-"], work, stdin=secondary)
        assert from_terminal.returncode == 1
        assert b"<stdin>: standard input is a terminal" in from_terminal.stderr
    finally:
        os.close(primary)
        os.close(secondary)


@pytest.mark.parametrize(("option", "size"), [(["--dpi", "72"], (842, 595)), (["--width", "600"], (600, 424))])
def test_png_takes_a_resolution_or_a_width(work: Path, option: list[str], size: tuple[int, int]) -> None:
    from PIL import Image

    assert main(["png", "talk.yaml", "-o", "talk.png", *option]) == 0
    with Image.open(work / "talk.png") as picture:
        assert picture.size == size


@pytest.mark.parametrize("option", [["--dpi", "5000"], ["--width", "50"], ["--dpi", "72", "--width", "600"]])
def test_png_refuses_sizes_out_of_range(work: Path, option: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["png", "talk.yaml", "-o", "talk.png", *option]) == 2
    assert "error: --" in capsys.readouterr().err
    assert not (work / "talk.png").exists()


def test_watch_takes_the_sketch_options_and_plans_with_them(work: Path) -> None:
    from decks.cli.watch import watch
    from decks.preview.session import Session

    names = {param.name for param in watch.params}
    assert {"layout", "paper", "orientation"} <= names
    session = Session(work / "talk.yaml", sketch_options={"layout": "radial"}, echo=lambda line: None)
    session.render()
    assert session._sketch is not None and session._sketch.layout == "radial"
