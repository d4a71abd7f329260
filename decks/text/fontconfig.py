"""Asking fontconfig (fc-list, fc-match): the one place the text engine starts a font tool, with a time limit,
reading its answer as lines. Callers cache the answers; a machine without fontconfig simply has no answers."""

from __future__ import annotations

import shutil
import subprocess  # only when an answer is not cached

TIMEOUT = 10  # seconds: a first run can rebuild fontconfig's cache; a hung tool must not hang recap


def tool(name: str) -> str | None:
    """The path of fontconfig's `name` (fc-list, fc-match), or None when it is not installed."""
    return shutil.which(name)


def run(path: str, *args: str) -> list[str] | None:
    """The lines `path args...` printed, or None when it could not be asked (it failed to start or took too long)."""

    try:
        done = subprocess.run([path, *args], capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.splitlines()
