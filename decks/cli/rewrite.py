"""`recap NAME --watch` (pptx, pdf, every renderer): the output file written again on each save of the content,
its pictures or the theme, in one warm process, until Ctrl-C.

The files are watched by the preview's own loop (`decks.preview.session.Watched`); a save inside one item reads
only that item again (decks.preview.reread), and a renderer of the deck plan gets it from the warm planner
(decks.preview.warm, equal to `deck_plan`'s). Each file is written as every command writes it (`write_atomic`:
a temporary file, then a rename), so a reader never sees half a file. A broken edit prints the located problems
and leaves the last good file in place.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from decks.cli import console
from decks.errors import RecapError
from decks.preview.session import Watched
from decks.preview.warm import WarmPlanner

if TYPE_CHECKING:
    from decks.model import Recap
    from decks.options import OptionValue
    from decks.preview.watched import Stamp
    from decks.renderers.base import Renderer
    from decks.themes.model import Theme


class OutputWatch(Watched):
    """Writes one renderer's file from one content file in one theme, again whenever a watched file changes."""

    def __init__(
        self, content: Path, theme: str | None, target: Path, renderer: type[Renderer], options: dict[str, OptionValue]
    ) -> None:
        super().__init__(content, theme, echo=console.result)
        self.target = target
        self.renderer = renderer
        self.options = options
        self.planner = WarmPlanner()
        self.writes = 0  # files written so far (for tests)

    def make(self, recap: Recap, theme: Theme) -> tuple[bytes, list[str]]:
        """The file's bytes and its warnings, as `decks.renderers.base.render` makes them."""
        from decks.renderers.base import language_warnings, render  # lazy: per command (cli start-up)
        from decks.themes.contrast import contrast_problems  # lazy: per command (cli start-up)

        contrast = [str(problem) for problem in contrast_problems(theme)]
        if self.renderer.consumes == "deck":
            deck = self.planner.deck(recap, theme)
            result = self.renderer().render(deck, theme, **self.options)
            return result.data, [*contrast, *language_warnings(recap), *deck.warnings, *result.warnings]
        rendered = render(self.renderer, recap, theme, **dict(self.options))  # it takes the sketch's options out
        return rendered.data, [*contrast, *rendered.warnings]

    def render(self) -> bool:
        from decks.cli.output import write_atomic  # lazy: per command (cli start-up)

        stamps: dict[Path, Stamp] = {}
        try:
            stamps, theme, recap = self._read()
            data, warnings = self.make(recap, theme)
            write_atomic(self.target, data)
        except RecapError as exc:
            self._settle(stamps or self._stamps)  # no stamps: reading failed, and `_read` kept them
            console.errors([str(problem) for problem in exc.problems])
            self._kept()
            return False
        except Exception as exc:  # a bug must not end the watch: say so, keep the last file
            self._settle(stamps or self._stamps)
            console.error(f"internal error: {type(exc).__name__}: {exc} (a bug in recap; please report)")
            self._kept()
            return False
        self._settle(stamps, recap)
        self.writes += 1
        console.warnings(warnings)
        console.result(str(self.target))
        return True

    def _kept(self) -> None:
        if self.target.exists() and self.writes:
            console.note(f"kept the last good {self.target}; waiting for the next save")
        else:
            console.note("waiting for the next save")


def rewrite_on_save(
    content: Path,
    theme: str | None,
    target: Path,
    renderer: type[Renderer],
    options: dict[str, OptionValue],
    stop: threading.Event | None = None,
    interval: float = 0.1,
) -> None:
    """Write `target` now and again after every change until Ctrl-C, SIGTERM or `stop` (for tests); returns
    normally then (exit code 0)."""
    watch = OutputWatch(content, theme, target, renderer, options)
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        # Ctrl-C and a polite kill both end the watch cleanly, even when started in the background (where a
        # shell leaves SIGINT ignored).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        watch.render()
        console.note(f"watching {content}, its pictures and the theme (Ctrl-C to stop)")
        watch.run(stop, interval)
    except KeyboardInterrupt:
        pass
    console.note("stopped")
