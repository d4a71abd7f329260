"""Which library should the content model stand on? Import + validate the example, every error at once, and a
JSON Schema, for msgspec, pydantic v2, attrs+cattrs and recap's own `decks/model/typed.py`.

Each library gets the same slice of the content model (recap, parts, items, takeaways, links with a kind) and
the example's data, already parsed from YAML (parsing is the same for all). Each figure is a fresh process
(best of RUNS), minus an empty interpreter's start. Run from the repo root: `python bench/bench_models.py`; a
library that is not installed is skipped (`pip install msgspec pydantic attrs cattrs`). Not a test: the
figures vary by machine. The decision and the figures are in docs/DESIGN.md.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

DATA = f"""
import yaml
data = yaml.safe_load(open({str(ROOT / "content" / "tf-dev-summit-2019.yaml")!r}, encoding="utf-8"))
def slim(d):
    return {{"title": d["title"], "parts": [{{"title": p["title"], "items": [
        {{"title": i["title"], "summary": i.get("summary"),
          "takeaways": [t if isinstance(t, str) else {{"text": t["text"], "points": t.get("points", [])}}
                        for t in i.get("takeaways", [])],
          "links": [{{"label": l["label"], "url": l["url"], "kind": l.get("kind", "other")}}
                    for l in i.get("links", [])]}} for i in p["items"]]}} for p in d["parts"]]}}
good = slim(data)
bad = slim(data)
bad["parts"][0]["items"][0]["links"] = [{{"label": 3, "url": "x", "kind": "movie"}}]
bad["parts"][1]["items"][0]["title"] = None
"""

CASES = {
    "typed.py (recap today)": (
        "decks",
        """
from decks.model.content import Recap
from decks.model.schema_writer import json_schema
import time
t0 = time.perf_counter()
Recap.model_validate({**good, "parts": good["parts"]})
try:
    Recap.model_validate(bad)
except Exception as e:
    n = len(e.errors())
schema = json_schema(Recap)
""",
    ),
    "pydantic v2": (
        "pydantic",
        """
from typing import Literal
from pydantic import BaseModel, ValidationError
class Takeaway(BaseModel):
    text: str
    points: list[str] = []
class Link(BaseModel):
    label: str
    url: str
    kind: Literal["video", "docs", "repo", "slides", "blog", "other"] = "other"
class Item(BaseModel):
    title: str
    summary: str | None = None
    takeaways: list[str | Takeaway] = []
    links: list[Link] = []
class Part(BaseModel):
    title: str
    items: list[Item]
class Recap(BaseModel):
    title: str
    parts: list[Part]
Recap.model_validate(good)
try:
    Recap.model_validate(bad)
except ValidationError as e:
    n = len(e.errors())
schema = Recap.model_json_schema()
""",
    ),
    "msgspec": (
        "msgspec",
        """
from typing import Literal, Union
import msgspec
class Takeaway(msgspec.Struct):
    text: str
    points: list[str] = []
class Link(msgspec.Struct):
    label: str
    url: str
    kind: Literal["video", "docs", "repo", "slides", "blog", "other"] = "other"
class Item(msgspec.Struct):
    title: str
    summary: Union[str, None] = None
    takeaways: list[Union[str, Takeaway]] = []
    links: list[Link] = []
class Part(msgspec.Struct):
    title: str
    items: list[Item]
class Recap(msgspec.Struct):
    title: str
    parts: list[Part]
msgspec.convert(good, Recap)
try:
    msgspec.convert(bad, Recap)
except msgspec.ValidationError as e:
    n = 1  # msgspec stops at the first error
schema = msgspec.json.schema(Recap)
""",
    ),
    "attrs + cattrs": (
        "cattrs",
        """
from typing import Literal, Union
import attrs, cattrs
@attrs.frozen
class Takeaway:
    text: str
    points: list[str] = attrs.field(factory=list)
@attrs.frozen
class Link:
    label: str
    url: str
    kind: Literal["video", "docs", "repo", "slides", "blog", "other"] = "other"
@attrs.frozen
class Item:
    title: str
    summary: Union[str, None] = None
    takeaways: list[Union[str, Takeaway]] = attrs.field(factory=list)
    links: list[Link] = attrs.field(factory=list)
@attrs.frozen
class Part:
    title: str
    items: list[Item]
@attrs.frozen
class Recap:
    title: str
    parts: list[Part]
conv = cattrs.Converter(detailed_validation=True)
conv.register_structure_hook(
    Union[str, Takeaway], lambda v, _: v if isinstance(v, str) else conv.structure(v, Takeaway)
)
conv.structure(good, Recap)
try:
    conv.structure(bad, Recap)
except Exception as e:
    n = len(cattrs.transform_error(e))
schema = None  # cattrs writes no JSON Schema: it would be hand-written
""",
    ),
}


def best(code: str) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    data_only = best(DATA)
    print(f"{'model library':28} {'import+validate+errors+schema':>30}  (python + yaml load: {data_only:.3f} s)")
    for name, (module, code) in CASES.items():
        if importlib.util.find_spec(module) is None:
            print(f"{name:28} {'not installed':>30}")
            continue
        took = best(DATA + code) - data_only
        print(f"{name:28} {took * 1000:27.1f} ms")


if __name__ == "__main__":
    main()
