"""Install weight: the size on disk of a fresh venv, as a user gets it (`pip install recap`, the runtime
dependencies only) and as a developer gets it (`make venv`: editable, with the test extra), and its largest
packages.

Each venv is made new in a temporary folder from the tree at `--tree` (default: this checkout, as committed:
`git archive HEAD`), so uncommitted files and this checkout's .venv do not count. It downloads from PyPI (pip's
cache makes a second run quicker) and takes a minute or two per venv. Not a test: the figures depend on the
platform's wheels. Run from the repo root: `python bench/bench_install.py [--tree REV]`; figures in
docs/performance.md ("Install weight").
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def du(path: Path) -> int:
    """Bytes on disk under `path` (du -s, in KiB blocks), as `du -sh` reports it."""
    out = subprocess.run(["du", "-sk", str(path)], check=True, capture_output=True, text=True).stdout
    return int(out.split()[0]) * 1024


def mib(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


def venv(tree: Path, where: Path, spec: str, editable: bool) -> Path:
    """A fresh venv at `where` with `spec` of `tree` installed (editable or as a wheel)."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    pip = [str(where / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    for args in (["--upgrade", "pip"], [*(["-e"] if editable else []), f"{tree}{spec}"]):
        done = subprocess.run([*pip, *args], capture_output=True, text=True)  # pip's warnings only on failure
        if done.returncode:
            sys.exit(f"pip install {' '.join(args)} failed:\n{done.stderr}")
    return where


def report(label: str, env: Path) -> None:
    site = next((env / "lib").glob("python3*/site-packages"))
    sizes = sorted(((du(p), p.name) for p in site.iterdir() if p.is_dir()), reverse=True)
    print(f"{label}: {mib(du(env))}")
    print("  largest: " + ", ".join(f"{name} {mib(size)}" for size, name in sizes[:6]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", default="HEAD", help="the git revision to install (default HEAD)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="recap-install-") as tmp:
        tree = Path(tmp) / "tree"
        tree.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.tree], check=True, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        print(f"tree: {args.tree}")
        report("pip install recap (runtime)", venv(tree, Path(tmp) / "user", "", editable=False))
        report("make venv (editable, test extra)", venv(tree, Path(tmp) / "dev", "[test]", editable=True))


if __name__ == "__main__":
    main()
