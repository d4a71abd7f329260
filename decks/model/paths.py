"""Field paths into a recap (`("parts", 0, "items", 2, "title")`) and how people write them."""

from __future__ import annotations

Path_ = tuple[str | int, ...]


def dotted(path: Path_) -> str:
    """A path as people write it: `parts[0].items[2].title`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out
