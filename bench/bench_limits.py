"""Bounded work (issue 11): any content up to 5 MB is rendered or refused in at most 5 s and 500 MB, and 10,000
items are abridged or refused by `recap pdf` in at most 2 s. Fresh `recap` processes; wall time and peak memory
(the child's ru_maxrss). Run from the repo root with the venv's bin on PATH (`make bench` does). Not a test: the
figures vary with the machine and its load.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # users' Pythons cache bytecode


def run(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak MB and exit code of one fresh process."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execvp(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def contents(folder: Path) -> dict[str, Path]:
    """A 5 MB content of long items, one 5 MB paragraph, and 10,000 plain items."""
    long = "A takeaway that goes on for a while about what was announced and why it matters, " * 3
    many = "title: Five megabytes\nitems:\n"
    n = 0
    while len(many) < 5_000_000:
        many += f"  - title: Item {n}\n    takeaways:\n" + "".join(f"      - {long}{k}\n" for k in range(4))
        n += 1
    one = "title: One paragraph\nitems:\n  - title: x\n    takeaways:\n      - " + "word " * 990_000 + "\n"
    plain = "title: Ten thousand\nitems:\n" + "".join(f"  - title: Item {i}\n" for i in range(10_000))
    out = {}
    for name, text in (("5mb-items", many), ("5mb-paragraph", one), ("10k-items", plain)):
        out[name] = folder / f"{name}.yaml"
        out[name].write_text(text, encoding="utf-8")
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = contents(folder)
        print(f"{'content':15} {'command':7} {'exit':>4} {'wall s':>7} {'peak MB':>8}  target")
        for name, path in files.items():
            commands = ["check", "pdf", "pptx"] if name != "10k-items" else ["pdf"]
            for command in commands:
                out = folder / f"{name}.{command}"
                args = ["recap", command, str(path)] + ([] if command == "check" else ["-o", str(out)])
                wall, peak, code = run(args)
                target = "<= 2 s" if name == "10k-items" else "<= 5 s, <= 500 MB"
                print(f"{name:15} {command:7} {code:>4} {wall:7.2f} {peak:8.0f}  {target}")


if __name__ == "__main__":
    main()
