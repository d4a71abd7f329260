"""The renderer plugin interface and its discovery through the `recap.renderers` entry-point group.

A third-party package registers a renderer exactly as the built-ins do, in its pyproject.toml:

    [project.entry-points."recap.renderers"]
    outline = "my_package.outline:OutlineRenderer"

and `recap outline` appears. A renderer's module is imported only when its command runs.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import sys
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:  # listing renderers must not pay for importing the model
    from decks.model import Recap
    from decks.themes.model import Theme

GROUP = "recap.renderers"


@dataclass(frozen=True)
class Option:
    """A renderer-specific command-line option, e.g. `--paper a3`."""

    name: str  # the option's long name without dashes, also the keyword passed to render()
    help: str
    default: Any = None
    choices: tuple[str, ...] | None = None
    type: type = str


@dataclass
class Rendered:
    """What a renderer made: the file's bytes, and warnings for the user."""

    data: bytes
    warnings: list[str] = field(default_factory=list)


class Renderer(ABC):
    """Turns a recap and a theme into the bytes of one file."""

    name: ClassVar[str]
    suffix: ClassVar[str]  # with the dot: ".pptx"
    description: ClassVar[str] = ""
    options: ClassVar[tuple[Option, ...]] = ()

    @abstractmethod
    def render(self, recap: Recap, theme: Theme, **options: Any) -> Rendered:
        """The file for `recap` in `theme`; raise `decks.errors.OutputError` when it cannot be made."""


@dataclass(frozen=True)
class Plugin:
    """A renderer registered under the entry-point group: its name, `module:Class` and distribution."""

    name: str
    value: str
    dist: str | None

    def load(self) -> Any:
        """Import the module and return the object the entry point names."""
        module, _, attrs = self.value.partition(":")
        obj: Any = importlib.import_module(module.strip())
        for attr in filter(None, attrs.strip().split(".")):
            obj = getattr(obj, attr)
        return obj


def discover() -> dict[str, Plugin]:
    """Installed renderers by name, without importing them (a later distribution wins a name clash).

    Reading every distribution's metadata costs a noticeable share of a render's start-up, so the answer is
    kept in the cache folder, keyed by the folders on sys.path and their modification times: installing or
    removing a distribution changes its folder's time, and a new sys.path entry changes the key.
    """
    key = _sys_path_key()
    cache_file = _cache_dir() / f"entry-points-{key}.json"
    try:
        found = [Plugin(*row) for row in json.loads(cache_file.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        from importlib.metadata import entry_points

        found = [
            Plugin(ep.name, ep.value, ep.dist.name if ep.dist else None)
            for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name)
        ]
        for stale in cache_file.parent.glob("entry-points-*.json"):  # one answer is kept, the latest
            stale.unlink(missing_ok=True)
        _store(cache_file, json.dumps([[p.name, p.value, p.dist] for p in found]))
    return {plugin.name: plugin for plugin in found}


def _sys_path_key() -> str:
    parts = []
    for entry in sys.path:
        try:
            parts.append(f"{entry}\0{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            parts.append(f"{entry}\0-")
    return hashlib.sha1("\n".join([GROUP, *parts]).encode()).hexdigest()[:20]


def _cache_dir() -> Path:
    base = os.environ.get("RECAP_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "recap"


def _store(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only home still works; it is only slower


def load(entry: Plugin) -> type[Renderer]:
    """The renderer class behind an entry point, checked to be one."""
    cls = entry.load()
    if not (isinstance(cls, type) and issubclass(cls, Renderer)):
        raise TypeError(f"entry point {entry.name} = {entry.value} is not a recap Renderer subclass")
    return cls
