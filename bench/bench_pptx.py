"""Benchmark `recap pptx`: wall time and peak memory against `import pptx` and pandoc, printed as a table.

Run from the repo root: `python bench/bench_pptx.py`. Each measurement is a fresh child process; its peak
memory is the child's ru_maxrss (os.wait4 rusage). Not a test: figures vary by machine.
"""

from __future__ import annotations

import copy
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "tf-dev-summit-2019.yaml"
RUNS = 3


# Users' Pythons cache compiled modules; a shell that forbids it would time recompiling recap on every run.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def measure(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Best wall time (s) and the largest peak RSS (MB) of `cmd` over RUNS runs."""
    best, peak = float("inf"), 0.0
    for _ in range(RUNS):
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.chdir(cwd)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.execvp(cmd[0], cmd)
        _, status, usage = os.wait4(pid, 0)
        best = min(best, time.perf_counter() - start)
        if status != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}")
        peak = max(peak, usage.ru_maxrss / 1024)
    return best, peak


def large_content(folder: Path, items: int = 150) -> Path:
    """The example with its items repeated until there are `items` of them, spread over three parts."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    pool = [it for part in data["parts"] for it in part["items"]]
    for it in pool:
        if "image" in it:
            it["image"]["path"] = str(EXAMPLE.parent / it["image"]["path"])
    parts = []
    for p in range(3):
        chunk = []
        for n in range(items // 3):
            it = copy.deepcopy(pool[(p * 50 + n) % len(pool)])
            it["title"] = f"{it['title']} #{p * 50 + n + 1}"
            chunk.append(it)
        parts.append({"title": f"Day {p + 1}", "items": chunk})
    data["parts"] = parts
    path = folder / "large.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def markdown(content: Path, folder: Path) -> Path:
    """Equivalent Markdown for pandoc: a slide per item with its takeaways and links."""
    data = yaml.safe_load(content.read_text(encoding="utf-8"))
    lines = [f"% {data['title']}", ""]
    for part in data["parts"]:
        lines += [f"# {part['title']}", ""]
        for it in part["items"]:
            lines += [f"## {it['title']}", "", it.get("summary", ""), ""]
            for t in it.get("takeaways", []):
                lines.append(f"- {t if isinstance(t, str) else t['text']}")
            lines.append("")
            lines += [f"[{link.get('label', 'link')}]({link['url']})  " for link in it.get("links", [])]
            lines.append("")
    if data.get("key_takeaways"):
        lines += ["# Wrap-up", "", "## Key takeaways", ""]
        lines += [f"- {t if isinstance(t, str) else t['text']}" for t in data["key_takeaways"]] + [""]
    if data.get("resources"):
        lines += ["## Resources", ""]
        lines += [f"- [{link.get('label', 'link')}]({link['url']})" for link in data["resources"]] + [""]
    path = folder / (content.stem + ".md")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main() -> None:
    recap = shutil.which("recap") or "recap"
    pandoc = shutil.which("pandoc")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        large = large_content(folder)
        floor_t, floor_m = measure([sys.executable, "-c", "import pptx"], folder)
        rows: list[tuple[str, float, float, str, str]] = [("python -c 'import pptx'", floor_t, floor_m, "", "")]
        for label, content, out in (("example", EXAMPLE, "a"), ("150 items", large, "b")):
            t, m = measure([recap, "pptx", str(content), "-o", str(folder / f"{out}.pptx")], folder)
            if content == EXAMPLE:
                verdict = "ok" if t <= 1.6 * floor_t and m <= 120 else "MISS"
                rows.append((f"recap pptx {label}", t, m, f"{t / floor_t:.2f}x import (target <= 1.6x)", verdict))
            else:
                rows.append((f"recap pptx {label}", t, m, "peak <= 120 MB", "ok" if m <= 120 else "MISS"))
            if not pandoc:
                rows.append((f"pandoc {label}", float("nan"), float("nan"), "pandoc not installed: skipped", ""))
                continue
            md = markdown(content, folder)
            pd_t, pd_m = measure([pandoc, str(md), "-o", str(folder / f"{out}-pandoc.pptx")], folder)
            target = "target <= 1.0x" if content != EXAMPLE else "for reference"
            verdict = ("ok" if t <= pd_t else "MISS") if content != EXAMPLE else ""
            rows.append((f"pandoc {label}", pd_t, pd_m, f"recap/pandoc {t / pd_t:.2f}x ({target})", verdict))
    print(f"{'run':<26}{'wall s':>8}{'peak MB':>9}  {'target':<40}{'':>5}")
    for name, t, m, target, verdict in rows:
        print(f"{name:<26}{t:>8.2f}{m:>9.1f}  {target:<40}{verdict:>5}")


if __name__ == "__main__":
    main()
