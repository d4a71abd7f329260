"""Safe YAML reading that remembers where every value came from.

PyYAML composes the node graph (no Python tags are ever constructed); we build plain Python values from it
ourselves, so that we can record a line and column for every path, refuse duplicate keys, refuse every
non-standard tag, and bound alias expansion (a "billion laughs" file stops early instead of eating memory).

Speed: the places are found only when first asked for. A text is built once without them, and `Located` keeps
the node graph to build it again with them on the first `where` (the render commands never ask of a valid file:
recording them was half of building 1,000 items); the first problem found stops the build without places and
starts the one with them, so that every problem reads the same.
"""

from __future__ import annotations

import re

import yaml

from decks.errors import Problem, excerpt
from decks.model.paths import Path_, dotted

__all__ = ["Located", "Path_", "YamlProblems", "decode", "did_you_mean", "dotted", "parse"]

MAX_BYTES = 5 * 1024 * 1024
MAX_VALUES = 50_000  # values an alias may repeat in all (the file's own values are bounded by its size)

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_STR_TAG = "tag:yaml.org,2002:str"
_Scalar = yaml.ScalarNode
# libyaml's safe loader where PyYAML was built with it (composing is most of a read), else the pure one.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LIBYAML = _Loader is not yaml.SafeLoader


Place = tuple[int, int]


class Located:
    """Parsed YAML data and the 1-based (line, col) of each value and each mapping key, by path (`values`,
    `keys`: found from the node graph when first asked for, see the module's docstring)."""

    def __init__(self, data: object = None, problems: list[Problem] | None = None) -> None:
        self.data = data
        self.problems: list[Problem] = problems if problems is not None else []  # with parse(keep_going=True)
        self._values: dict[Path_, Place] = {}
        self._keys: dict[Path_, Place] = {}
        self._graph: tuple[yaml.Node, str, bool] | None = None  # (root, file, aliases) while not yet placed

    @property
    def values(self) -> dict[Path_, Place]:
        """The place of each value, by path."""
        if self._graph is not None:
            self._place()
        return self._values

    @property
    def keys(self) -> dict[Path_, Place]:
        """The place of each mapping key, by the path of its value."""
        if self._graph is not None:
            self._place()
        return self._keys

    def _place(self) -> None:
        """Build the values again from the graph, recording places (the first build found no problem)."""
        assert self._graph is not None
        node, file, aliases = self._graph
        self._graph = None
        _Builder(file, self, aliases=aliases).build(node, ())  # the same values, dropped: `data` stays as it is

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int] | None:
        """The position of `path`, or of its nearest located ancestor."""
        values = self.values
        table = self.keys if key else values
        for n in range(len(path), -1, -1):
            pos = table.get(path[:n]) or values.get(path[:n])
            if pos:
                return pos
        return None


class YamlProblems(Exception):
    """The text is not readable YAML for recap; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def decode(raw: bytes, file: str, what: str = "a YAML text file") -> str:
    """UTF-8 text from bytes (a BOM is allowed); binary or other encodings are refused with a place, saying to
    give `what` instead."""
    if len(raw) > MAX_BYTES:
        raise YamlProblems([Problem(file, f"the file is {len(raw):,} bytes", "a recap file should be far under 5 MB")])
    nul = raw.find(b"\0")
    if nul >= 0:
        line, col = _line_col(raw, nul)
        raise YamlProblems([Problem(file, "this is a binary file, not text", f"give {what}", line=line, col=col)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        raise YamlProblems(
            [
                Problem(
                    file,
                    f"byte 0x{raw[exc.start]:02x} is not UTF-8",
                    "save the file as UTF-8 (most editors: 'Save with encoding')",
                    line=line,
                    col=col,
                )
            ]
        ) from None


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def parse(text: str, file: str, *, keep_going: bool = False, placed: bool = False) -> Located:
    """Parse YAML text into plain values with positions; raise `YamlProblems` with every problem found.

    With `keep_going`, problems that leave the rest readable (a duplicate key, a refused tag, an impossible
    date) are returned in `Located.problems`, with the offending value left out, so that the caller can
    report them together with its own checks of the rest; broken syntax and alias bombs still raise.
    With `placed`, the places are recorded as the values are built, for a caller that will ask for them anyway
    (`recap watch` maps its items' lines): one build instead of two.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "not valid YAML"
        start = exc.context_mark
        if exc.problem and exc.context and start and mark and start.line != mark.line:
            # An unclosed quote or bracket is found only at the end; say where it began.
            what += f" ({exc.context} started at line {start.line + 1}, column {start.column + 1})"
        hint = "check the indentation and quoting here"
        if mark and text[mark.index : mark.index + 1] == "\t":
            hint = "indent with spaces, not tabs"
        raise YamlProblems(
            [
                Problem(
                    file,
                    f"not valid YAML: {what}",
                    hint,
                    line=mark.line + 1 if mark else None,
                    col=mark.column + 1 if mark else None,
                )
            ]
        ) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML forbids (a control character): its str() spans lines and names no line.
        # libyaml counts the position in UTF-8 bytes, the pure-Python reader in characters.
        pos = exc.position
        if _LIBYAML:
            pos = len(text.encode("utf-8")[: max(pos, 0)].decode("utf-8", "ignore"))
        pos = min(max(pos, 0), len(text))
        line = text.count("\n", 0, pos) + 1
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        raise YamlProblems(
            [
                Problem(
                    file,
                    f"the character U+{exc.character:04X} is not allowed in YAML ({exc.reason})",
                    "remove it, or write it as an escape like \\x01 inside double quotes",
                    line=line,
                    col=col,
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblems([Problem(file, f"not valid YAML: {exc}", "check the file's syntax")]) from None
    located = Located()
    if node is None:
        return located
    aliases = "*" in text  # an alias is written *name
    if not placed:
        try:
            located.data = _Builder(file, located, aliases=aliases, places=False).build(node, ())
            located._graph = (node, file, aliases)  # placed when first asked
            return located
        except _Unplaced:
            pass  # a problem: built again with places, which its words need
    builder = _Builder(file, located, aliases=aliases)
    try:
        located.data = builder.build(node, ())
    except _TooBig:
        raise YamlProblems(builder.problems) from None
    if builder.problems and not keep_going:
        raise YamlProblems(builder.problems)
    located.problems = builder.problems
    return located


MAX_DEPTH = 64  # nesting levels: recap's deepest field is a few levels down; past this is no content


class _TooBig(Exception):
    """Raised once alias expansion passes the bound, to stop building at once."""


class _Unplaced(Exception):
    """Raised by a build without places at the first problem: a problem is told with its place."""


class _Builder:
    """Builds plain values from the node graph, recording positions; `inline` is the fast path for plain text.

    Nearly every value is plain text written once, in a mapping or a list whose depth is far from the bound: with
    `inline`, such a child is taken where it stands (its position recorded, its node marked as seen) instead of
    through `build`, which gives the same value, position and order at three calls more per value. In a text
    without `aliases` every node is met once, so the inline path need not remember the nodes it takes. Without
    `places`, nothing is recorded and the first problem raises `_Unplaced`.
    """

    inline = True

    def __init__(self, file: str, located: Located, *, aliases: bool = True, places: bool = True) -> None:
        self.file = file
        self.track = aliases
        self.record = places
        self.located = located
        self.problems: list[Problem] = []
        self.count = 0  # values built again through an alias
        self.seen: set[int] = set()  # the nodes built once (the graph holds them all, so their ids stay unique)
        self.open: set[int] = set()  # the nodes being built now: meeting one again is a value holding itself
        self.scalars = _Loader("")  # only for its standard scalar constructors

    def _problem(self, node: yaml.Node, message: str, hint: str, path: Path_) -> None:
        if not self.record:
            raise _Unplaced
        self.problems.append(
            Problem(
                self.file,
                message,
                hint,
                field=dotted(path) or None,
                line=node.start_mark.line + 1,
                col=node.start_mark.column + 1,
            )
        )

    def build(self, node: yaml.Node, path: Path_) -> object:
        if id(node) in self.open:
            self._problem(node, "this value contains itself (an alias inside its own anchor)", "write it out", path)
            raise _TooBig
        if len(path) > MAX_DEPTH:
            self._problem(
                node, f"values are nested more than {MAX_DEPTH} deep", "a recap nests a few levels: flatten it", path
            )
            raise _TooBig
        if isinstance(node, yaml.CollectionNode):
            self.open.add(id(node))
            try:
                return self._build(node, path)
            finally:
                self.open.discard(id(node))
        return self._build(node, path)

    def _build(self, node: yaml.Node, path: Path_) -> object:
        # Only values an alias repeats count against the budget: each node written in the file is built once for
        # free (the file's size bounds those), so 10,000 plain items pass while an alias bomb stops early.
        if id(node) in self.seen:
            self.count += 1
            if self.count > MAX_VALUES:
                self._problem(
                    node,
                    f"the file expands to more than {MAX_VALUES:,} repeated values (aliases repeated inside aliases)",
                    "write the content out instead of nesting aliases (*name)",
                    (),
                )
                raise _TooBig
        else:
            self.seen.add(id(node))
        if self.record and path[-1:] != ("<key>",):
            self.located._values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node, path)
        if node.tag == _STR_TAG:  # most values: what the str constructor would return, without its calls
            return node.value
        if node.tag not in _SCALAR_TAGS:
            self._bad_tag(node, path)
            return None
        try:
            return self.scalars.yaml_constructors[node.tag](self.scalars, node)
        except (yaml.constructor.ConstructorError, ValueError, OverflowError):
            # The library's words ("use sys.set_int_max_str_digits()") are not the user's: say what was written.
            if node.tag.endswith(":timestamp"):
                self._problem(
                    node, f"not a real date{_why_not_a_date(str(node.value))}", "write the date as YYYY-MM-DD", path
                )
            elif node.tag.endswith(":int") and isinstance(node.value, str):
                digits = sum(ch.isdigit() for ch in node.value)
                what = f"a whole number of {digits:,} digits is too long to read"
                self._problem(node, what, "write a shorter number, or quote it to keep it as text", path)
            else:
                self._problem(node, "cannot read this value", "quote it to keep it as text", path)
            return None

    def _bad_tag(self, node: yaml.Node, path: Path_) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self._problem(node, f"the tag {tag} is not allowed", "recap reads plain YAML only: remove the tag", path)

    def _sequence(self, node: yaml.SequenceNode, path: Path_) -> list[object]:
        if node.tag != _SEQ_TAG:
            self._bad_tag(node, path)
        result: list[object] = []
        seen, values, build, track, record = self.seen, self.located._values, self.build, self.track, self.record
        inline = self.inline and len(path) < MAX_DEPTH
        for i, child in enumerate(node.value):
            if inline and child.__class__ is _Scalar and child.tag == _STR_TAG and not (track and id(child) in seen):
                if track:
                    seen.add(id(child))
                if record:
                    mark = child.start_mark
                    values.setdefault((*path, i), (mark.line + 1, mark.column + 1))
                result.append(child.value)
            else:
                result.append(build(child, (*path, i)))
        return result

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, object]:
        if node.tag != _MAP_TAG:
            self._bad_tag(node, path)
        result: dict[str, object] = {}
        seen, values, keys, build, track = self.seen, self.located._values, self.located._keys, self.build, self.track
        record = self.record
        inline = self.inline and len(path) < MAX_DEPTH
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._problem(key_node, "merge keys (<<) are not supported", "write the keys out in full", path)
                continue
            if (
                key_node.tag == _STR_TAG
                and key_node.__class__ is _Scalar
                and not (track and id(key_node) in seen)
                and len(path) < MAX_DEPTH
            ):
                # A plain key written once (nearly every key): what `build` would give, without its calls.
                if track:
                    seen.add(id(key_node))
                key = key_node.value
            else:
                key = build(key_node, (*path, "<key>"))
            if not isinstance(key, str):
                self._problem(key_node, *_key_problem(key_node, key), path)
                continue
            here = (*path, key)
            if key in result:
                if not record:
                    raise _Unplaced  # the words name the first key's line
                self._problem(
                    key_node,
                    f"duplicate key '{key}' (first at line {keys[here][0]})",
                    "keep only one of them",
                    here,
                )
                continue
            if record:
                mark = key_node.start_mark
                keys[here] = (mark.line + 1, mark.column + 1)
            if (
                inline
                and value_node.__class__ is _Scalar
                and value_node.tag == _STR_TAG
                and not (track and id(value_node) in seen)
                and key != "<key>"  # `build` records no position at a path ending so (taken for a complex key's)
            ):
                if track:
                    seen.add(id(value_node))
                if record:
                    mark = value_node.start_mark
                    values.setdefault(here, (mark.line + 1, mark.column + 1))
                result[key] = value_node.value
            else:
                result[key] = build(value_node, here)
        return result


def did_you_mean(word: str, choices: list[str]) -> str | None:
    """The closest known name to a misspelt one, if any is close."""
    import difflib  # lazy: only when a name is wrong; every command loads this module

    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return match[0] if match else None


def _key_problem(node: yaml.Node, key: object) -> tuple[str, str]:
    """(what, what to do) for a key YAML reads as something other than text: `yes:` is true, `1:` a number."""
    if not isinstance(node, yaml.ScalarNode):
        return "a key cannot be a list or a mapping", "write keys as words, like title:"
    written = excerpt(str(node.value), 40)
    kind = (
        "true or false"
        if isinstance(key, bool)
        else "a number"
        if isinstance(key, int | float)
        else "empty"
        if key is None
        else "a date"
        if hasattr(key, "isoformat")
        else "something other than text"
    )
    return f"the key '{written}' reads as {kind}, not as a word", f'put it in quotes ("{written}":) or write a word'


def _why_not_a_date(written: str) -> str:
    """ " (there is no month 13)" or " (day 31 is past the end of the month)" for YYYY-MM-DD, else ""."""
    match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", written)
    if match is None:
        return ""
    month, day = int(match.group(2)), int(match.group(3))
    if not 1 <= month <= 12:
        return f" (there is no month {month})"
    if day < 1:
        return f" (there is no day {day})"
    return f" (day {day} is past the end of the month)"
