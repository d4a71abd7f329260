"""The watcher: the files one content file in one theme is made from (the content file, the pictures it names,
the theme's files), polled by their modification stamps, and a render run again whenever one changes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from decks.model import Recap
from decks.preview.reread import ContentReader
from decks.preview.stamps import Stamp, stamp
from decks.readers.content import resolve_path
from decks.themes import folders, loader
from decks.themes.model import Theme


class Watched:
    """The files one content file in one theme is made from, watched by their modification stamps; `render` is run
    again whenever one changes. `decks.preview.session.Session` renders the preview page;
    `decks.cli.rewrite` writes an output file."""

    def __init__(self, content: Path, theme: str | None = None, echo: Callable[[str], None] = print) -> None:
        self.content = Path(content)
        self.theme_name = theme
        self.echo = echo
        self.reader = ContentReader(self.content)
        self._theme: Theme | None = None
        self._theme_read_as: str | None = None  # the name or folder the theme was read from
        self._theme_files: list[Path] = []
        self._pictures: list[Path] = []
        self._stamps: dict[Path, Stamp] = {}

    def watched(self) -> list[Path]:
        """The content file, the pictures it names and the theme's files."""
        return [self.content, *self._pictures, *self._theme_files]

    def _theme_now(self, stamps: dict[Path, Stamp], recap: Recap | None = None) -> Theme:
        """The theme (`--theme`'s, else the content's `theme:`), read again only when one of its files changed
        since it was read, or the content names another."""
        name = self.theme_name
        if name is None and recap is not None and recap.theme is not None:
            name = folders.theme_in_content(recap.theme, self.content)
        if (
            self._theme is not None
            and name == self._theme_read_as
            and all(stamps.get(f) == self._stamps.get(f) for f in self._theme_files)
        ):
            return self._theme
        loader.forget_themes()  # the loader keeps themes by folder: the files may have changed
        self._theme = None
        self._theme_read_as = name
        self._theme_files = loader.theme_files(name)
        for f in self._theme_files:
            stamps.setdefault(f, stamp(f))
        theme = loader.load_theme(name)
        self._theme = theme
        return theme

    def _read(self) -> tuple[dict[Path, Stamp], Theme, Recap]:
        """The stamps of the watched files as they are now, then the theme and the content read from them (either
        may raise `RecapError`); pass the stamps to `_settle` after the render, whether it succeeded or not."""
        stamps = {f: stamp(f) for f in self.watched()}
        try:
            recap = self.reader.read()  # first: its `theme:` may name the theme
            return stamps, self._theme_now(stamps, recap), recap
        except BaseException:
            self._stamps = stamps
            raise

    def _settle(self, stamps: dict[Path, Stamp], recap: Recap | None = None) -> None:
        """Remember what was rendered from: the stamps, and (after a good render) the pictures the content names."""
        if recap is not None:
            named = [i.image.path for i in recap.all_items if i.image is not None]
            named += [p for p in (recap.event and recap.event.logo, recap.presenter and recap.presenter.avatar) if p]
            self._pictures = sorted({resolve_path(Path(p)) for p in named})
            for p in self._pictures:
                stamps.setdefault(p, stamp(p))
        self._stamps = stamps

    def render(self) -> bool:
        """Render once; True when it succeeded."""
        raise NotImplementedError

    def changed(self) -> bool:
        """Whether a watched file changed (appeared, went, or has another time or size) since the last render."""
        return any(stamp(f) != self._stamps.get(f) for f in self.watched())

    def poll(self) -> bool:
        """Render again if a watched file changed; True when it did."""
        if self.changed():
            self.render()
            return True
        return False

    def run(self, stop: threading.Event, interval: float = 0.025) -> None:
        """Poll the watched files every `interval` seconds until `stop` is set (a save waits half of it on average
        before it is noticed; a poll is a stat of each watched file, a few dozen at most)."""
        while not stop.wait(interval):
            self.poll()
