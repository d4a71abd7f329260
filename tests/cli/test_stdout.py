"""Standard output that cannot take recap's output (a full disk, a closed stream, a reader that went away) is one
plain error line and exit 3, never a traceback, an internal error or a content error (exit 1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from decks.assets import content_dir

RECAP = [sys.executable, "-c", "from decks.cli.main import run; run()"]
CONTENT = str(content_dir() / "tf-dev-summit-2019.yaml")
FULL = "error: standard output: the disk it goes to is full; free some space, or send the output elsewhere\n"
PIPE = (
    "error: standard output: the program reading it closed it before recap finished writing; let the reader "
    "take the whole output (e.g. no 'head'), or ignore this if that was meant\n"
)
CLOSED = "error: standard output: it is closed; run the command with its output going to a terminal, a file or a pipe\n"


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1"}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["check", CONTENT], ["schema"]])
def test_output_to_a_full_disk_is_exit_3_and_one_line(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        run = subprocess.run(RECAP + args, stdout=full, stderr=subprocess.PIPE, text=True, env=_env(), timeout=120)
    assert (run.returncode, run.stderr) == (3, FULL)


@pytest.mark.parametrize("args", [["check", CONTENT], ["schema"]])
def test_a_reader_that_closes_the_pipe_is_exit_3_not_a_content_error(args: list[str]) -> None:
    proc = subprocess.Popen(RECAP + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # as `| head -0` does, before recap writes its first line
    err = proc.stderr.read()
    assert (proc.wait(timeout=120), err) == (3, PIPE)


def test_a_closed_stdout_is_exit_3_with_what_to_do() -> None:
    run = subprocess.run(
        [*RECAP, "check", CONTENT],
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
        timeout=120,
        preexec_fn=lambda: os.close(1),  # `>&-`
    )
    assert (run.returncode, run.stderr) == (3, CLOSED)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_deck_written_to_a_full_or_closed_stdout_is_exit_3() -> None:
    args = [*RECAP, "pptx", CONTENT, "-o", "-"]
    with open("/dev/full", "wb") as full:
        run = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, text=True, env=_env(), timeout=300)
    assert (run.returncode, run.stderr) == (3, FULL)
    run = subprocess.run(
        args, stderr=subprocess.PIPE, text=True, env=_env(), timeout=300, preexec_fn=lambda: os.close(1)
    )
    assert (run.returncode, run.stderr) == (3, CLOSED)
