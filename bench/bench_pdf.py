"""Benchmark `recap pdf`: wall time and peak memory of the real command, in a child process, vs targets.

Run from the repository root: python bench/bench_pdf.py [--runs N]. The target is a ratio measured in the same
run: the example against `python -c "import reportlab.pdfgen.canvas"`, which any reportlab PDF must pay.

Figures on the development machine (warm caches; `python -c pass` alone takes about 0.10 s there), the
sketch work before and after fewer fitting tries, cached card plans and word widths, cached QR codes and
PDF path operators written directly, interleaved A/B runs, best / median:
  example (en): 0.52 / 0.55-0.57 s -> 0.40 / 0.44 s, 54 MB peak
  example (zh): 0.57 / 0.58 s      -> 0.45 / 0.48 s, 68 MB peak
  radial (en):  0.42 / 0.43 s; dense 24 items: 0.44 / 0.45 s
(Those met the earlier 0.35 s target; pydantic's 0.13 s went with decks/model/typed.py. Issue 12 set the ratio.)
Issue 12's start-up work (lazy commands, struct-read font metrics, lazy advances, the icon map cached), 7
interleaved rounds on the 2-core machine (other work running, load ~2.5), before -> after: the example / importing
reportlab's canvas 3.61x wall, 3.61x cpu -> 3.41x wall, 3.40x cpu (recap's median cpu 0.318 s -> 0.287 s);
peak 44 -> 35 MB.
Then each embedded face's parse kept in the cache folder and the radial layout and abridging imported on use;
interleaved A/B runs of the two trees, 7 rounds at load ~1.2, CPU medians, before -> after (same bytes out):
the example 3.39x -> 3.30x (0.260 -> 0.253 s), the Chinese one 4.58x -> 4.09x, the Japanese one 3.29x -> 3.07x.
Then fewer and cheaper page layouts in the sketch's size search (the captioned search cut short when its first
try is over, column counts given up once they cannot win, cheaper strokes and path formatting; same bytes out).
Interleaved A/B runs of the two trees with this script's `measure`, 15 rounds at load ~3, medians, before -> after:
the example / importing reportlab's canvas 3.37x -> 3.13x cpu (0.279 -> 0.259 s), 3.43x -> 2.90x wall (noisy);
this script itself, run once on each tree back to back at load ~2.5-3.5: 3.57x -> 3.31x cpu, 3.45x -> 2.73x wall.
The second pass (msgspec Structs, shipped font metrics, one fontconfig walk a run, the other helpers' work on
text and loading), interleaved A/B of the two trees, 13 rounds, best / median CPU: 0.309 / 0.467 -> 0.267 /
0.347 s; this script after it, 15 rounds: 2.93x (medians; 2.7x by best times).
Issue 22 (a tag arrow's route buried in a card refused before it is drawn, an icon matched once per text; same
bytes out), interleaved A/B of the two trees, 7 pairs at load ~4-5, CPU medians before -> after: the example
0.60 -> 0.54 s (0.96x; two earlier runs 0.91x, 0.92x); `recap png` of it 1.10 -> 1.09 s (0.97x; earlier 0.92x,
0.95x); 1,000 items 1.02 -> 0.95 s (0.92x; target 0.5 s, missed).
Where the rest goes: docs/DESIGN.md, "Start-up", and docs/performance.md, "Repeated work removed".
From issue 22's second pass on, this script also times 1,000 items (target 0.5 s), made by bench/large.py with
words of their own per item (the 1,000-item figures above repeated the example's texts: NOT comparable). The tree
before that pass, whole process, 5 interleaved pairs, CPU medians / peak: the old repeated 1,000 items
1.33 s / 61 MB; the distinct 1,000 items 1.21 s / 58 MB (the sketch abridges either to one page).
Loading without places unless asked and a cheaper has_markup (same bytes out), 9 interleaved pairs at load 7-9,
CPU medians: 1,000 items 1.96 -> 1.88 s (0.96x; 15 pairs: 0.91x; loading alone, in process, 0.267 -> 0.219 s);
the example 0.95 -> 0.86 s (0.90x, noise mostly). docs/performance.md, "Loading and writing 1,000 items".
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
from sketch_dense import write_dense  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from large import large_content  # noqa: E402

TARGET_RATIO = 2.5  # the example against importing reportlab's canvas, the floor of any reportlab PDF (issue 12)
TARGET_MEM = 100.0  # MB peak resident


# Users' Pythons cache compiled modules; a shell that forbids it would time recompiling recap on every run.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def measure(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB of one child process (ru_maxrss is KiB on
    Linux). On a machine busy with other work the CPU time varies much less than the wall time."""
    script = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
        "wall = time.perf_counter() - t\n"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(code, wall, r.ru_utime + r.ru_stime, r.ru_maxrss)\n"
    )
    # A fresh wrapper per run, so RUSAGE_CHILDREN sees exactly one `recap` process.
    out = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True).stdout
    code, wall, cpu, rss = out.split()
    if code != "0":
        raise SystemExit(f"{' '.join(args)} failed with exit code {code}")
    return float(wall), float(cpu), int(rss) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    opts = parser.parse_args()
    recap = shutil.which("recap") or "recap"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["RECAP_CACHE_DIR"] = str(folder / "cache")  # a cache of its own, filled by the first run
        dense = write_dense(folder, 24)
        cases = [
            ("example (en)", [recap, "pdf", "-o", str(folder / "en.pdf")]),
            ("import reportlab", [sys.executable, "-c", "import reportlab.pdfgen.canvas"]),
            (
                "example (zh)",
                [recap, "pdf", str(ROOT / "content" / "tf-dev-summit-2019.zh.yaml"), "-o", str(folder / "zh.pdf")],
            ),
            (
                "example (ja)",
                [
                    recap,
                    "pdf",
                    str(ROOT / "content" / "ml-engineering-summit-tokyo-2025.ja.yaml"),
                    "-o",
                    str(folder / "ja.pdf"),
                ],
            ),
            ("radial (en)", [recap, "pdf", "--layout", "radial", "-o", str(folder / "radial.pdf")]),
            ("dense 24 items", [recap, "pdf", str(dense), "-o", str(folder / "dense.pdf")]),
            ("1000 items", [recap, "pdf", str(large_content(folder, 1000)), "-o", str(folder / "large.pdf")]),
        ]
        for _, args in cases:  # warm the cache and the OS file cache
            measure(args)
        # Interleaved rounds: a machine busy with something else slows every case alike.
        runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _ in cases}
        for _ in range(opts.runs):
            for name, args in cases:
                runs[name].append(measure(args))
    print(f"{'case':<18} {'wall best':>10} {'wall median':>12} {'cpu median':>11} {'peak MB':>8}")
    medians, cpus = {}, {}
    for name, measured in runs.items():
        walls = sorted(w for w, _, _ in measured)
        medians[name] = statistics.median(walls)
        cpus[name] = statistics.median(c for _, c, _ in measured)
        peak = max(m for _, _, m in measured)
        print(f"{name:<18} {walls[0]:>9.3f}s {medians[name]:>11.3f}s {cpus[name]:>10.3f}s {peak:>8.1f}")
    ratio = medians["example (en)"] / medians["import reportlab"]
    cpu_ratio = cpus["example (en)"] / cpus["import reportlab"]
    peak = max(m for _, _, m in runs["example (en)"])
    print(
        f"\nrecap pdf example / python -c 'import reportlab.pdfgen.canvas': {ratio:.2f}x wall, {cpu_ratio:.2f}x cpu "
        f"(target <= {TARGET_RATIO}x: {'met' if ratio <= TARGET_RATIO else 'MISSED'}); peak {peak:.0f} MB "
        f"(target <= {TARGET_MEM:.0f} MB: {'met' if peak <= TARGET_MEM else 'MISSED'}); medians of {opts.runs} "
        "interleaved rounds"
    )
    big = cpus["1000 items"]
    print(f"recap pdf, 1,000 items: {big:.2f} s cpu (target <= 0.5 s: {'met' if big <= 0.5 else 'MISSED'})")
    ja = medians["example (ja)"] / medians["example (en)"]
    print(f"recap pdf, the Japanese example / the English one: {ja:.2f}x (issue 9's target <= 1.2x)")


if __name__ == "__main__":
    main()
