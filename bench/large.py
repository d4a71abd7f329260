"""Large content for the benches: the example's items, each with its own words, as many as asked.

Every item keeps the shape of the example item it is made from (its summary, takeaways and sub-points, links,
icon, tags, image, notes), but about a third of the plain words of every text are swapped for other words of the
example, drawn from a random generator seeded by the item's number: the same call writes the same bytes, and no
two items share a text. Repeating the example's texts with only the titles changed (what the benches did before)
lets every memo keyed by text answer most items from another item's work, and flatters the figures (1,000 items:
2.1 s and 83 MB of CPU and peak memory that way, 6.1 s and 173 MB with distinct texts, docs/performance.md).
"""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "content" / "tf-dev-summit-2019.yaml"

# A plain word: letters only, so code spans, URLs, markup and numbers stay as they are.
_WORD = re.compile(r"(?<![`\w*/.:@#-])[A-Za-z]{3,}(?![`\w*/.:@-])")


def _vocabulary(data: Any) -> list[str]:
    words: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, str):
            words.update(w.lower() for w in _WORD.findall(node))
        elif isinstance(node, dict):
            for key, value in node.items():
                if key not in ("url", "path", "icon", "kind", "tags"):
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data.get("parts", []))
    return sorted(words)


def _vary(text: str, rng: random.Random, words: list[str], seen: set[str]) -> str:
    """`text` with about a third of its plain words swapped, a text no earlier call returned (when it can be)."""

    def swap(m: re.Match[str]) -> str:
        if rng.random() >= 0.35:
            return m.group(0)
        word = rng.choice(words)
        return word.capitalize() if m.group(0)[0].isupper() else word

    for _ in range(20):
        varied = _WORD.sub(swap, text)
        if varied not in seen:
            break
    seen.add(varied)
    return varied


def _vary_item(item: dict[str, Any], rng: random.Random, words: list[str], seen: set[str], n: int) -> dict[str, Any]:
    it = copy.deepcopy(item)
    it["title"] = f"{_vary(it['title'], rng, words, seen)} #{n}"
    for key in ("summary", "notes"):
        if key in it:
            it[key] = _vary(it[key], rng, words, seen)
    takeaways = []
    for t in it.get("takeaways", []):
        if isinstance(t, str):
            takeaways.append(_vary(t, rng, words, seen))
        else:
            t = {**t, "text": _vary(t["text"], rng, words, seen)}
            if "points" in t:
                t["points"] = [_vary(p, rng, words, seen) for p in t["points"]]
            takeaways.append(t)
    if takeaways:
        it["takeaways"] = takeaways
    for link in it.get("links", []):
        if "label" in link:
            link["label"] = _vary(link["label"], rng, words, seen)
    return it


def large_content(folder: Path, items: int) -> Path:
    """The example's items, each with words of its own (seeded by its number), `items` of them over three parts."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    pool = [it for part in data["parts"] for it in part["items"]]
    for it in pool:
        if "image" in it:
            it["image"]["path"] = str(EXAMPLE.parent / it["image"]["path"])
    words = _vocabulary(data)
    seen: set[str] = set()
    parts, n = [], 0
    for p in range(3):
        chunk = []
        for _ in range(items // 3 + (1 if p < items % 3 else 0)):
            chunk.append(_vary_item(pool[n % len(pool)], random.Random(n), words, seen, n + 1))
            n += 1
        parts.append({"title": f"Day {p + 1}", "items": chunk})
    data["parts"] = parts
    path = folder / f"large-{items}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


if __name__ == "__main__":  # python bench/large.py OUT_DIR [ITEMS]
    import sys

    print(large_content(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000))
