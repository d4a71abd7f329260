"""The content file read again after a save, parsing only the item the edit fell in when that gives the same result.

Reading and validating a 1,000-item file takes a good part of a second, while a save usually changes a few
characters of one item. `ContentReader` keeps the last text, its `Recap` and where each item's lines are (an item
written in block style, `- title: …`, runs from its dash line to the next line as indented as the dash or less,
blank and comment lines included). After a save it finds the one changed stretch of text (the common beginning
and end of the two versions); when that stretch lies inside one item's lines, only those lines are parsed (as a
one-entry YAML list, standalone) and validated as an `Item`, and the item is put in place in the last `Recap`.
An edit inside one top-level key's lines other than `parts:` and `items:` (the overall takeaways, the event,
the title …) likewise reads only that key, validated as that field of a recap.

It falls back to reading the whole file (`decks.readers.content`, as every command does) on anything it cannot
prove is local: an edit across two items or keys or outside them (a part's own lines), lines that did not read
back to the same item or value, a dash or key moved, a line indented out of its item or key, anchors or aliases,
line breaks other than `\\n`, and any problem at all, so that every error is reported by the whole-file reader
with its FILE:LINE:COL; the last good text stays the one the next save is compared with (an editor that empties
the file before writing it is caught half-way now and then). Pictures are checked again when their stamp
changed. The result
equals `load_content`'s (tests check with random edits).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

import yaml

from decks.errors import RecapError
from decks.imagefiles import picture_problem
from decks.model import Recap
from decks.model.content import Item
from decks.model.typed import ValidationError
from decks.preview.stamps import Stamp, stamp
from decks.readers.content import load_located, parse_located, resolve_images
from decks.readers.yamlpos import Located, Path_, YamlProblems, decode, parse
from decks.safeio import ReadRefused, read_bounded

_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")  # line breaks YAML counts besides \n: such a file is read whole


@dataclass(frozen=True)
class _Span:
    """One item's lines: text[start:end], its dash at column `dash`, its place in the data."""

    start: int
    end: int
    dash: int
    path: Path_  # ("items", j), ("parts", i, "items", j), or a top-level key's (key,)


class ContentReader:
    """Reads one content file again after each save; `last` says how the last read went: "whole", "item" (one
    item read again), "key" (one top-level key read again) or "same" (the text did not change)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.last = ""
        self._text: str | None = None
        self._recap: Recap | None = None
        self._spans: list[_Span] = []
        self._starts: list[int] = []
        self._checked: dict[Path, tuple[Stamp, bool]] = {}  # each picture's stamp and verdict, at its last check

    def read(self) -> Recap:
        """The validated recap in the file now; raises `ContentError` (from the whole-file reader) when it is wrong."""
        file = str(self.path)
        try:
            raw = read_bounded(self.path, "content")
        except ReadRefused:
            self.last = "whole"
            return load_located(self.path)[0]  # it says what is wrong with the file, as every command does
        if self._recap is not None:
            try:
                text = decode(raw, file)
            except YamlProblems:
                text = None
            recap = self._again(text) if text is not None else None
            if recap is not None:
                return recap
        # The last good text and recap stay until another reads whole: a file caught half-written (an editor
        # that empties it, then writes it) is an error now, and its next save is read item by item again.
        self.last = "whole"
        recap, located = parse_located(raw, file, self.path.parent, placed=True)  # its items' lines are mapped
        self._remember(decode(raw, file), recap, located)
        return recap

    def _remember(self, text: str, recap: Recap, located: Located) -> None:
        self._text, self._recap = text, recap
        self._spans = [] if any(b in text for b in _OTHER_BREAKS) else _spans(text, recap, located)
        self._starts = [s.start for s in self._spans]

    def _again(self, text: str) -> Recap | None:
        """The recap of `text` from the last one with one item read again, or None when that cannot be shown to
        equal a whole read."""
        old, recap = self._text, self._recap
        assert old is not None and recap is not None
        if text == old:
            if not _pictures_fine(recap, self._checked):
                return None
            self.last = "same"
            return recap
        begin = _common_prefix(old, text)
        tail = _common_suffix(old, text, min(len(old), len(text)) - begin)
        n = bisect.bisect_right(self._starts, begin) - 1
        if n < 0:
            return None
        span = self._spans[n]
        if len(old) - tail > span.end:
            return None  # the edit reaches past this item's lines
        delta = len(text) - len(old)
        before, after = old[span.start : span.end], text[span.start : span.end + delta]
        if span.dash < 0:  # a top-level key
            key = str(span.path[0])
            value = _read_key(before, after, key, str(self.path), self.path.parent)
            if value is None or getattr(recap, key) != value[0]:
                return None
            edited = recap.model_copy(update={key: value[1]})
        else:
            item = _read_item(before, after, span.dash, str(self.path), self.path.parent)
            if item is None or _item_at(recap, span.path) != item[0]:
                return None
            edited = _with_item(recap, span.path, item[1])
        if not _pictures_fine(edited, self._checked):
            return None
        self._text, self._recap = text, edited
        moved = [_Span(s.start + delta, s.end + delta, s.dash, s.path) for s in self._spans[n + 1 :]]
        self._spans = [*self._spans[:n], _Span(span.start, span.end + delta, span.dash, span.path), *moved]
        self._starts = [s.start for s in self._spans]
        self.last = "key" if span.dash < 0 else "item"
        return edited


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common beginning (halving: each comparison runs in C)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the longest common end, at most `limit` (so it does not overlap the common beginning)."""
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid : len(a) - lo] == b[len(b) - mid : len(b) - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _spans(text: str, recap: Recap, located: Located) -> list[_Span]:
    """Where each block-style item's lines are, and each top-level key's but `parts` and `items` (which hold
    the items), in file order."""
    paths: list[Path_] = [("items", j) for j in range(len(recap.items))]
    for i, part in enumerate(recap.parts):
        paths.extend(("parts", i, "items", j) for j in range(len(part.items)))
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    spans = []
    for path in paths:
        where = located.values.get(path)
        if where is None:
            continue
        row, col = where[0] - 1, where[1] - 1
        dash = col - 2
        if dash < 0 or row >= len(lines) or lines[row][:col] != " " * dash + "- ":
            continue  # not `- key: …` on one line (flow style, or the dash on a line of its own)
        end = len(lines)
        for k in range(row + 1, len(lines)):
            body = lines[k].lstrip(" ")
            if body and not body.startswith("#") and len(lines[k]) - len(body) <= dash:
                end = k
                break
        spans.append(_Span(offsets[row], min(offsets[end], len(text)), dash, path))
    for path, (at, col) in located.keys.items():
        row, key = at - 1, path[0]
        if len(path) != 1 or key in ("parts", "items") or col != 1 or not lines[row].startswith(f"{key}:"):
            continue
        end = len(lines)
        for k in range(row + 1, len(lines)):
            if not _inside_key(lines[k]):
                end = k
                break
        spans.append(_Span(offsets[row], min(offsets[end], len(text)), -1, path))
    spans.sort(key=lambda s: s.start)
    return spans


def _inside_key(line: str) -> bool:
    """Whether a line after a top-level key's can belong to its value: blank, a comment, indented, or an entry
    of a list written at the key's own indentation (`key:` then `- a`, as PyYAML writes lists)."""
    body = line.lstrip(" ")
    return not body or body.startswith("#") or body != line or line == "-" or line.startswith("- ")


def _read_item(before: str, after: str, dash: int, file: str, base_dir: Path) -> tuple[Item, Item] | None:
    """The item the old lines read as and the one the new lines read as, each standalone, or None when either
    does not read cleanly or the new lines could mean something else in their place in the file."""
    if not after.startswith(" " * dash + "- ") or any(b in after for b in _OTHER_BREAKS):
        return None
    if before.endswith("\n") != after.endswith("\n"):
        return None  # the item's last line break went: its last line now runs into the next one
    for line in after.split("\n")[1:]:
        body = line.lstrip(" ")
        if body and not body.startswith("#") and len(line) - len(body) <= dash:
            return None  # a line as indented as the dash or less would end the item in the file
    if _anchored(before) or _anchored(after):
        return None
    items = []
    for lines in (before, after):
        data = _standalone(lines, file)
        if not isinstance(data, list) or len(data) != 1 or not isinstance(data[0], dict):
            return None
        resolve_images({"items": data}, base_dir)
        try:
            items.append(Item.model_validate(data[0]))
        except ValidationError:
            return None
    return items[0], items[1]


def _standalone(lines: str, file: str) -> object:
    """The data of `lines` read as a YAML document of their own, or None when they do not read cleanly."""
    try:
        located = parse(lines, file, keep_going=True)
    except YamlProblems:
        return None
    return None if located.problems else located.data


def _read_key(before: str, after: str, key: str, file: str, base_dir: Path) -> tuple[object, object] | None:
    """The value of top-level `key` the old lines read as and the one the new lines read as, each standalone
    and validated as that field of a recap, or None when either does not read cleanly or the new lines could
    mean something else in their place in the file."""
    if not after.startswith(f"{key}:") or any(b in after for b in _OTHER_BREAKS):
        return None
    if before.endswith("\n") != after.endswith("\n"):
        return None
    if not all(_inside_key(line) for line in after.split("\n")[1:]):
        return None  # a line that would start another key (or end the document) in the file
    if _anchored(before) or _anchored(after):
        return None
    values = []
    for lines in (before, after):
        data = _standalone(lines, file)
        if not isinstance(data, dict) or list(data) != [key]:
            return None
        # The field alone, in the smallest recap that is valid without it (its checks see the other fields).
        whole = {"title": "x", "items": [{"title": "x"}], **data}
        resolve_images(whole, base_dir)
        try:
            values.append(getattr(Recap.model_validate(whole), key))
        except ValidationError:
            return None
    return values[0], values[1]


def _anchored(lines: str) -> bool:
    """Whether the lines hold an anchor or an alias (they tie the item to other parts of the file)."""
    if "&" not in lines and "*" not in lines:
        return False
    try:
        return any(isinstance(t, (yaml.AnchorToken, yaml.AliasToken)) for t in yaml.scan(lines, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return True


def _indices(path: Path_) -> tuple[int, int]:
    """The part's index (-1: the top-level items) and the item's in an item's path."""
    part, index = (path[1], path[3]) if path[0] == "parts" else (-1, path[1])
    assert isinstance(part, int) and isinstance(index, int)  # as `_spans` makes them
    return part, index


def _item_at(recap: Recap, path: Path_) -> Item | None:
    p, index = _indices(path)
    items = recap.parts[p].items if p >= 0 else recap.items
    return items[index] if index < len(items) else None


def _with_item(recap: Recap, path: Path_, item: Item) -> Recap:
    """The recap with the item at `path` replaced (the models are frozen: the rest is shared)."""
    p, index = _indices(path)
    if p < 0:
        items = list(recap.items)
        items[index] = item
        return recap.model_copy(update={"items": items})
    parts = list(recap.parts)
    part = parts[p]
    items = list(part.items)
    items[index] = item
    parts[p] = part.model_copy(update={"items": items})
    return recap.model_copy(update={"parts": parts})


def _pictures_fine(recap: Recap, checked: dict[Path, tuple[Stamp, bool]]) -> bool:
    """Whether every picture the recap names reads as one (else the whole-file reader says where it is named).

    A picture is read and checked again only when its stamp (time and size) changed since `checked` holds its
    verdict, the stamp the watcher goes by; `checked` is left holding the recap's pictures only."""
    paths = [p for p in (recap.event and recap.event.logo, recap.presenter and recap.presenter.avatar) if p]
    paths.extend(i.image.path for i in recap.all_items if i.image is not None)
    last = dict(checked)
    checked.clear()
    fine = True
    for path in paths:
        now = stamp(Path(path))
        held = last.get(path) or checked.get(path)
        if held is None or held[0] != now or now is None:
            try:
                held = (now, not picture_problem(read_bounded(Path(path), "image"), Path(path).name))
            except (ReadRefused, RecapError, OSError):
                held = (now, False)
        checked[path] = held
        fine = fine and held[1]
    return fine
