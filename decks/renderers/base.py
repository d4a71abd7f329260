"""The renderer plugin interface and its discovery through the `recap.renderers` entry-point group.

A third-party package registers a renderer exactly as the built-ins do, in its pyproject.toml:

    [project.entry-points."recap.renderers"]
    outline = "my_package.outline:OutlineRenderer"

and `recap outline` appears. A renderer's module is imported only when its command runs.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, ClassVar, Literal

import msgspec

from decks import cachedir, plan
from decks.i18n import untranslated
from decks.options import Option, OptionValue

if TYPE_CHECKING:  # listing renderers must not pay for importing the model
    from pathlib import Path

    from decks.model import Recap
    from decks.plan.deck.plan import Deck
    from decks.plan.sketch.primitives import Sketch
    from decks.themes.model import Theme

GROUP = "recap.renderers"


class Rendered(msgspec.Struct):
    """What a renderer made: the file's bytes, and warnings for the user."""

    data: bytes
    warnings: list[str] = msgspec.field(default_factory=list)


Consumes = Literal["model", "deck", "sketch"]
"""What a renderer may consume: the validated model, or one of the plans (decks.plan)."""
CONSUMES: tuple[Consumes, ...] = ("model", "deck", "sketch")


class Renderer(ABC):
    """Turns what it consumes (the model, the deck plan or the sketch) and the theme into the bytes of one file.

    `consumes` says which: the CLI builds that once and passes it as the first argument of `render`. A renderer
    that consumes the sketch also gets the sketch's options (`--paper`, `--layout` ...) on its command; its own
    `options` are passed to `render` as keywords.
    """

    name: ClassVar[str]
    suffix: ClassVar[str]  # with the dot: ".pptx"
    # The default output's ending when it differs from `suffix`: two renderers that write the same format must
    # not default to the same file (`recap slides` writes talk.slides.pdf, beside `recap pdf`'s talk.pdf).
    default_suffix: ClassVar[str] = ""
    description: ClassVar[str] = ""
    consumes: ClassVar[Consumes] = "model"
    options: ClassVar[tuple[Option, ...]] = ()

    @abstractmethod
    def render(self, subject: Recap | Deck | Sketch, theme: Theme, **options: OptionValue) -> Rendered:
        """The file for `subject` in `theme`; raise `decks.errors.OutputError` when it cannot be made."""


def render(renderer: type[Renderer], recap: Recap, theme: Theme, **options: OptionValue) -> Rendered:
    """What `recap NAME` does between loading and writing: build what the renderer consumes (the sketch takes
    the sketch options among `options`), render it, and gather the plan's warnings with the renderer's (and the
    content language's, when recap has no words for it)."""
    subject: Recap | Deck | Sketch = recap
    warnings: tuple[str, ...] = ()
    if renderer.consumes == "deck":
        deck = plan.deck_plan(recap, theme)
        subject, warnings = deck, deck.warnings
    elif renderer.consumes == "sketch":
        staged = plan.sketch_options({k: options.pop(k) for k in plan.SKETCH_OPTION_NAMES if k in options})
        sketch = plan.sketch_plan(recap, theme, **staged)
        subject, warnings = sketch, sketch.warnings
    result = renderer().render(subject, theme, **options)
    return Rendered(result.data, [*language_warnings(recap), *warnings, *result.warnings])


def language_warnings(recap: Recap) -> list[str]:
    """The one warning for a content language recap has no words for, which every render command gives."""

    words = untranslated(recap.language)
    return [words] if words else []


class Plugin(msgspec.Struct, frozen=True):
    """A renderer registered under the entry-point group: its name, `module:Class` and distribution."""

    name: str
    value: str
    dist: str | None

    def load(self) -> object:
        """Import the module and return the object the entry point names (`load` checks it is a renderer)."""
        module, _, attrs = self.value.partition(":")
        obj: object = importlib.import_module(module.strip())
        for attr in filter(None, attrs.strip().split(".")):
            obj = getattr(obj, attr)
        return obj


def discover() -> dict[str, Plugin]:
    """Installed renderers by name, without importing them (a later distribution wins a name clash).

    Reading every distribution's metadata costs a noticeable share of a render's start-up, so the answer is
    kept in the cache folder, one file per sys.path, stamped with the modification times of its folders that
    hold distributions: installing or removing one changes its folder's time. Other folders (the current one,
    which `python -m` puts on sys.path and recap writes into) do not stamp it, so writing there keeps the answer.
    """
    name = f"entry-points-{cachedir.key(GROUP, *sys.path)[:20]}.json"
    stamp = _sys_path_stamp()
    try:
        kept_stamp, rows = json.loads(cachedir.read("plugins", name) or b"")
        if kept_stamp != stamp:
            raise ValueError("stale")
        found = _cached_plugins(rows)
    except (ValueError, TypeError):
        import importlib.metadata  # lazy: read only when the cached answer is missing or stale (~20 ms of import)

        found = [
            Plugin(ep.name, ep.value, ep.dist.name if ep.dist else None)
            for ep in sorted(importlib.metadata.entry_points(group=GROUP), key=lambda e: e.name)
        ]
        # One file per sys.path (one per venv, for `recap`): keep the most recent few.
        kept = sorted(cachedir.folder("plugins").glob("*entry-points-*.json"), key=_mtime, reverse=True)
        for old in kept[_KEEP - 1 :]:
            old.unlink(missing_ok=True)
        cachedir.write("plugins", name, json.dumps([stamp, [[p.name, p.value, p.dist] for p in found]]).encode())
    return {plugin.name: plugin for plugin in found}


_BUILT_INS = frozenset({"pptx", "pdf", "png", "svg"})


def _cached_plugins(rows: object) -> list[Plugin]:
    """The cached answer; ValueError unless it is [name, module:Class, dist] rows naming a built-in renderer (an
    answer without them is damaged or was taken mid-install: the metadata is read again)."""
    if not isinstance(rows, list) or not all(
        isinstance(row, list)
        and len(row) == 3
        and isinstance(row[0], str)
        and isinstance(row[1], str)
        and isinstance(row[2], str | None)
        for row in rows
    ):
        raise ValueError("the cached entry points are not a list of rows")
    if not _BUILT_INS & {row[0] for row in rows}:
        raise ValueError("the cached entry points name no built-in renderer")
    plugins = [Plugin(*row) for row in rows]
    _confirm(plugins)
    return plugins


# recap's own renderers, as pyproject.toml registers them (tests/test_cachedir.py checks that they agree): the
# cache never decides which module is imported, so a cached row of recap's must say exactly this, and a
# plugin's row is confirmed by its own distribution's metadata before it is used.
_OWN_DIST = "recap"
_OWN = {
    "pptx": "decks.renderers.pptx:PptxRenderer",
    "pdf": "decks.renderers.pdf:PdfRenderer",
    "png": "decks.renderers.png:PngRenderer",
    "svg": "decks.renderers.svg:SvgRenderer",
    "slides": "decks.renderers.slides:SlidesRenderer",
    "html": "decks.renderers.html:HtmlRenderer",
    "markdown": "decks.renderers.markdown:MarkdownRenderer",
}


def _confirm(plugins: list[Plugin]) -> None:
    """ValueError unless every cached plugin is what its distribution registers (recap's own by `_OWN`; a
    plugin's by reading that one distribution's entry points, a millisecond, not every distribution's)."""
    others: dict[str, set[tuple[str, str]]] = {}
    for plugin in plugins:
        if plugin.dist == _OWN_DIST:
            if _OWN.get(plugin.name) != plugin.value:
                raise ValueError(f"the cached entry point {plugin.name} is not recap's")
        elif plugin.dist is None:
            raise ValueError("a cached entry point names no distribution")
        else:
            others.setdefault(plugin.dist, set()).add((plugin.name, plugin.value))
    if not others:
        return
    from importlib.metadata import PackageNotFoundError, distribution  # lazy: only for a third-party plugin

    for dist, wanted in others.items():
        try:
            registered = {(ep.name, ep.value) for ep in distribution(dist).entry_points if ep.group == GROUP}
        except (PackageNotFoundError, ValueError, OSError):
            raise ValueError(f"the cached distribution {dist} is not installed") from None
        if not wanted <= registered:
            raise ValueError(f"the cached entry points of {dist} are not what it registers")


_KEEP = 16
_METADATA = (".dist-info", ".egg-info", ".egg")


def _mtime(path: Path) -> int:
    try:
        return int(path.stat().st_mtime_ns)
    except OSError:
        return 0


def _sys_path_stamp() -> str:
    parts = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as children:
                holds = any(child.name.endswith(_METADATA) for child in children)
            parts.append(str(os.stat(entry or ".").st_mtime_ns) if holds else "")
        except NotADirectoryError:  # a zip file
            parts.append(str(os.stat(entry).st_mtime_ns))
        except OSError:
            parts.append("-")
    return cachedir.key(GROUP, *parts)[:20]


def load(entry: Plugin) -> type[Renderer]:
    """The renderer class behind an entry point, checked to be one."""
    cls = entry.load()
    if not (isinstance(cls, type) and issubclass(cls, Renderer)):
        raise TypeError(f"entry point {entry.name} = {entry.value} is not a recap Renderer subclass")
    if cls.consumes not in CONSUMES:
        raise TypeError(f"renderer {entry.name} consumes '{cls.consumes}'; it must be one of {', '.join(CONSUMES)}")
    return cls


def made_by(name: str) -> str:
    """The mark a renderer writes into its file's metadata ("recap pdf"), which tells recap, before it replaces
    a file, which command made it (decks.cli.provenance reads it back)."""
    return f"recap {name}"


__all__ = [
    "CONSUMES",
    "GROUP",
    "Option",
    "Plugin",
    "Rendered",
    "Renderer",
    "discover",
    "load",
    "made_by",
    "render",
]
