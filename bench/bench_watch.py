"""Benchmark `recap watch`: in the warm preview process, edit a takeaway and time from the file change to the
new deck plan and slides page built (published to the page first), and then with the sketchnote too, for the
example and for 1,000 items, against the targets.

Run from the repository root: python bench/bench_watch.py [--runs N] [--rewrite]

The poll that notices the change runs every 50 ms, which adds 25 ms on average (at most 50 ms) before the
render starts; the figures are from the change being noticed to the page being ready, with the split. The
slides are published first; the sketchnote follows (in `recap watch`, 0.2 s later, so the page's fetch of the
new slides does not compete with it).

A save inside one item reads only that item again (decks/preview/reread.py); the slides of unchanged items
are the very objects of the last build, so the faces and the page's SVG are found by identity.

Figures on the 2-core development machine while other sessions kept its load average at 5.0-5.5,
10 edits (1,000 items: 3):
  example:     slides 11 ms best / 13 ms median (load 1, deck plan 8, page 4); + sketchnote 129 ms
               recap pptx --watch, change to file replaced: 38 ms best / 44 ms median
  1,000 items: slides 143 ms best / 228 ms median (load 7, deck plan 136, page 89); + sketchnote 770 ms
               recap pptx --watch, change to file replaced: 1.26 s best / 2.07 s median (every slide written)
Before the item-by-item reading and the identity keys: 1,000 items 1104 ms median (load 777, deck plan 230,
page 136) at load 7-9; with the item reading alone, in one run beside the final code at load 6, 633 ms median
(load 3, deck plan 415, page 234) against 340 ms (load 3, deck plan 200, page 112).

Issue 22 (the preview split into modules, warm re-planning as a `SlideCache` the `Planner` takes, the glyph check
stopping once nothing is missing), against the tree at the start of it, run one after the other, 10 edits
(1,000 items: 3), load average 2.6: example 10 / 11 ms median (before 10 / 15); 1,000 items 65 / 70 ms
(before 61 / 71): both targets met, the same as before.
Then main gained layouts chosen from the content (issue 23), which tried every candidate slide of every item and
asked every earlier item's slide count again for each choice, on every build: 1,000 items 2.9-4.0 s a save.
With `pick` walking back only along the run, the `SlideCache` keeping whether a layout holds an unchanged item,
and ASCII text's columns counted by length, two runs interleaved with that main at load 1-2.4:
  example:     slides 21 / 20 ms median (main 38 / 30): target <= 50 ms met
  1,000 items: slides 149 / 340 ms median (deck plan 109 / 283, page 37 / 54; main 2950 / 3988): target
               <= 100 ms NOT met; with the sketchnote 519 / 979 ms (main 3213 / 4450)
What is left at 1,000 items is work per item on every build that the cache does not hold: the deck's body size
(every item's list fitted), each item's candidate layouts, thawing and freezing 4,500 drafts, the font list of
the whole deck (`finish_deck`), and writing the page's HTML of every slide.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
from sketch_dense import write_dense  # noqa: E402

from decks.assets import content_dir  # noqa: E402
from decks.preview.session import Session  # noqa: E402

TARGETS = {"example": 0.050, "1,000 items": 0.100}  # seconds from change to new plan and page (issue 22)

os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def edit_loop(content: Path, needle: str, runs: int) -> tuple[list[float], dict[str, list[float]]]:
    """Render once (cold), then `runs` times: change one takeaway and time the re-render."""
    session = Session(content, echo=lambda line: None)
    if not session.render():
        raise SystemExit(f"{content} does not render: {session.errors}")
    text = content.read_text(encoding="utf-8")
    assert needle in text, needle
    totals: list[float] = []
    parts: dict[str, list[float]] = {}
    for n in range(runs):
        edited = text.replace(needle, f"{needle} (edit {n})", 1)
        content.write_text(edited, encoding="utf-8")
        t0 = time.perf_counter()
        assert session.poll(), "the change was not noticed"
        totals.append(time.perf_counter() - t0)
        assert f"(edit {n})" in session.html
        for key, value in session.timings.items():
            parts.setdefault(key, []).append(value)
    content.write_text(text, encoding="utf-8")
    return totals, parts


def rewrite_loop(content: Path, needle: str, runs: int) -> list[float]:
    """`recap pptx --watch`'s loop: write once, then `runs` times change one takeaway and time until the file
    is replaced."""
    from decks.cli import console
    from decks.cli.rewrite import OutputWatch
    from decks.renderers.base import discover, load

    console.settings.level = console.QUIET
    target = content.with_suffix(".pptx")
    watch = OutputWatch(content, None, target, load(discover()["pptx"]), {})
    if not watch.render():
        raise SystemExit(f"{content} does not render")
    text = content.read_text(encoding="utf-8")
    totals = []
    for n in range(runs):
        content.write_text(text.replace(needle, f"{needle} (edit {n})", 1), encoding="utf-8")
        t0 = time.perf_counter()
        assert watch.poll() and watch.writes == n + 2, "the file was not written again"
        totals.append(time.perf_counter() - t0)
    content.write_text(text, encoding="utf-8")
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--rewrite", action="store_true", help="also time `recap pptx --watch` writing the file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(content_dir(), folder / "example")
        example = folder / "example" / "tf-dev-summit-2019.yaml"
        (folder / "big").mkdir()
        big = write_dense(folder / "big", items=1000)
        cases = [
            ("example", example, "Easier for beginners and experts, researchers and developers", args.runs),
            ("1,000 items", big, "Point 1: ", max(3, args.runs // 3)),
        ]
        for name, path, needle, runs in cases:
            if needle not in path.read_text(encoding="utf-8"):
                needle = _first_takeaway(path)
            totals, parts = edit_loop(path, needle, runs)
            best, median = min(totals), statistics.median(totals)
            slides = parts["slides"]
            split = ", ".join(f"{k} {statistics.median(v) * 1000:.0f}" for k, v in parts.items())
            verdict = "met" if statistics.median(slides) <= TARGETS[name] else "NOT met"
            print(
                f"{name:12} new deck plan and slides page: best {min(slides) * 1000:.0f} ms, median "
                f"{statistics.median(slides) * 1000:.0f} ms (target <= {TARGETS[name] * 1000:.0f} ms: {verdict}); "
                f"with the sketchnote: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms\n"
                f"{'':12} median split, ms: {split}"
            )
            if args.rewrite:
                totals = rewrite_loop(path, needle, runs)
                print(
                    f"{'':12} recap pptx --watch, change to file replaced: best {min(totals) * 1000:.0f} ms, "
                    f"median {statistics.median(totals) * 1000:.0f} ms"
                )


def _first_takeaway(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("- ") and len(stripped) > 12 and ":" not in stripped:
            return stripped[2:].strip("'\"")
    raise SystemExit(f"no takeaway found in {path}")


if __name__ == "__main__":
    main()
