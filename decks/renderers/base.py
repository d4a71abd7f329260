"""The renderer plugin interface and its discovery through the `recap.renderers` entry-point group.

A third-party package registers a renderer exactly as the built-ins do, in its pyproject.toml:

    [project.entry-points."recap.renderers"]
    outline = "my_package.outline:OutlineRenderer"

and `recap outline` appears. A renderer's module is imported only when its command runs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
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


def discover() -> dict[str, EntryPoint]:
    """Installed renderers by name, without importing them (a later distribution wins a name clash)."""
    return {ep.name: ep for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name)}


def load(entry: EntryPoint) -> type[Renderer]:
    """The renderer class behind an entry point, checked to be one."""
    cls = entry.load()
    if not (isinstance(cls, type) and issubclass(cls, Renderer)):
        raise TypeError(f"entry point {entry.name} = {entry.value} is not a recap Renderer subclass")
    return cls
