"""A preview session: the HTML recap of one content file in one theme, rendered again in the same process when a
watched file changes (decks.preview.watched), published to the page with its problems.

The process stays warm: fonts, metrics, icons and line breaks are loaded once; the theme is read again only when
one of its files changed; a save inside one item parses and validates only that item (decks.preview.reread); the
page keeps the SVG of every slide whose plan did not change (decks.renderers.html
`Page`). When a render fails, the last good page stays and the problems are shown above it (and returned, for
the terminal), in the same `FILE:LINE:COL: field: what; what to do` form as every other command.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from decks.errors import OutputError, RecapError
from decks.gcpause import paused_gc
from decks.markup import esc
from decks.model import Recap
from decks.plan import JsonValue, SketchOptions, sketch_plan
from decks.plan.deck.plan import Deck
from decks.plan.sketch.primitives import Sketch
from decks.preview.files import Files
from decks.preview.page import LIVE_HEAD, VERSION_MARK, LivePage, Parts, changes
from decks.preview.warm import WarmPlanner
from decks.preview.watched import Stamp, Watched
from decks.themes.model import Theme

KEPT_VERSIONS = 8  # the versions of the page whose parts are kept, to send an open page only what changed


class Session(Watched):
    """Renders the preview of one content file in one theme, and again whenever a watched file changes."""

    def __init__(
        self,
        content: Path,
        theme: str | None = None,
        echo: Callable[[str], None] = print,
        grace: float = 0.0,
        sketch_options: SketchOptions | None = None,
    ) -> None:
        super().__init__(content, theme, echo)
        # `recap watch --layout path` ...: as `recap pdf` takes them
        self.sketch_options = SketchOptions(**(sketch_options or {}))
        # Seconds between publishing the slides and planning the sketchnote: an open page fetches and lays out
        # the new slides meanwhile, without this process's planning competing for the CPU.
        self.grace = grace
        self.files = Files()
        self.page = LivePage(font_url=self.files.url, image_url=self.files.url, head=LIVE_HEAD)
        self.planner = WarmPlanner()
        self._sketch: Sketch | None = None
        self._sketch_problem = ""
        self._sketch_of: tuple[Theme, Recap] | None = None
        self._too_many: tuple[Theme, int] | None = None
        self.html = ""  # the last good page
        self.errors: list[str] = []
        self.version = 0
        self.timings: dict[str, float] = {}
        self._changed = threading.Condition()
        self._parts: dict[int, Parts] = {}  # the page's parts by version, of the last few versions

    def render(self) -> bool:
        """Render the page once; True when it succeeded. Problems replace the last ones either way.

        Two steps, each published as it is ready: the slides first (the deck plan, built warm, with the last
        sketchnote), then the sketchnote, whose size search takes longer than the whole deck.
        """
        started = time.perf_counter()
        stamps: dict[Path, Stamp] = {}
        try:
            # The collector made rare (decks.gcpause): a full collection walks the warm caches' million objects.
            with paused_gc():
                stamps, theme, recap = self._read()
                loaded = time.perf_counter()
                deck = self.planner.deck(recap, theme)
                planned = time.perf_counter()
                html = self.page.html(recap, theme, deck, self._sketch, self._sketch_problem)
                done = time.perf_counter()
        except RecapError as exc:
            self._settle(stamps or self._stamps)  # no stamps: reading failed, and `_read` kept them
            self._publish(self.html, [f"error: {p}" for p in exc.problems])
            return False
        except Exception as exc:  # a bug must not end the session: show it, keep the last page
            self._settle(stamps or self._stamps)
            self._publish(self.html, [f"internal error: {type(exc).__name__}: {exc} (a bug in recap; please report)"])
            return False
        self._settle(stamps, recap)
        self.files.refresh()  # the served bytes are those of this render's files, checked
        self.timings = {"load": loaded - started, "deck plan": planned - loaded, "slides page": done - planned}
        self.timings["slides"] = done - started
        self._publish(html, [f"warning: {w}" for w in deck.warnings])
        if self.grace:
            time.sleep(self.grace)
        done = time.perf_counter()
        try:
            html = self._with_sketch(recap, theme, deck)
        except Exception as exc:  # a bug in the sketch must not end the session either
            self._publish(self.html, [f"internal error: {type(exc).__name__}: {exc} (a bug in recap; please report)"])
            return False
        self.timings["sketch"] = time.perf_counter() - done
        self.timings["total"] = time.perf_counter() - started
        slides, sketch = self.timings["slides"] * 1000, self.timings["sketch"] * 1000
        self.echo(f"updated in {slides:.0f} ms (the sketchnote {sketch:.0f} ms after)")
        return True

    def _with_sketch(self, recap: Recap, theme: Theme, deck: Deck) -> str:
        """The page with the sketchnote of this version, published; the sketch is planned again only when the
        content or theme changed, and not at all while the content has at least as many items as one that
        already did not fit (the size search is slow to give up)."""
        items = len(recap.all_items)
        if self._sketch_of is not None and self._sketch_of[0] is theme and self._sketch_of[1] == recap:
            pass
        elif self._too_many is not None and self._too_many[0] is theme and items >= self._too_many[1]:
            self._sketch = None
        else:
            try:
                self._sketch, self._sketch_problem = sketch_plan(recap, theme, **self.sketch_options), ""
                self._too_many = None
            except OutputError as exc:
                self._sketch, self._sketch_problem = None, "; ".join(str(p) for p in exc.problems)
                self._too_many = (theme, items)
            self._sketch_of = (theme, recap)
        html = self.page.html(recap, theme, deck, self._sketch, self._sketch_problem)
        notes = [f"warning: {w}" for w in self._sketch.warnings] if self._sketch is not None else []
        if self._sketch is None and self._sketch_problem:
            notes.append(f"warning: no sketchnote in the preview: {self._sketch_problem}")
        self._publish(html, notes)
        return html

    def _publish(self, html: str, lines: list[str]) -> None:
        errors = [line for line in lines if not line.startswith("warning:")]
        for line in lines:
            self.echo(line)
        # The parts of the page published: this render's, or the last good page's when this render failed.
        parts = self.page.parts if html is not self.html else self._parts.get(self.version)
        with self._changed:
            self.html = html
            self.errors = errors
            self.version += 1
            if parts is not None:
                self._parts[self.version] = parts
                while len(self._parts) > KEPT_VERSIONS:  # the page's of a few versions back: memory stays bounded
                    del self._parts[min(self._parts)]
            self._changed.notify_all()

    def changes(self, since: str) -> dict[str, JsonValue]:
        """What an open page showing version `since` needs to show the current one (decks.preview.page `changes`,
        with the version, and the problems panel, or "" for none); `{"whole": True, …}` when the page should
        load itself whole (a version too old, or none known)."""
        with self._changed:
            version, errors, parts = self.version, self.errors, self._parts
            old, new = parts.get(int(since)) if since.isdigit() else None, parts.get(version)
        if old is None or new is None:
            return {"version": version, "whole": True}
        return {"version": version, **changes(old, new), "errors": _panel(errors)}

    def wait(self, seen: int, timeout: float) -> int:
        """The version after `seen`, waiting up to `timeout` seconds for one."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen, timeout)
            return self.version

    def page_html(self) -> str:
        """The page to serve: the last good one, with the current problems above it and its version marked."""
        with self._changed:
            html, errors, version = self.html, self.errors, self.version
        if not html:
            html = (
                '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>recap preview</title>\n'
                f"{LIVE_HEAD}\n</head>\n<body>\n<h1>recap preview</h1>\n</body>\n</html>\n"
            )
        if errors:
            html = html.replace("<body>\n", "<body>\n" + _panel(errors) + "\n", 1)
        return html.replace(VERSION_MARK, str(version))


def _panel(errors: list[str]) -> str:
    """The problems panel over the last good page, or "" when there are none."""
    if not errors:
        return ""
    return (
        '<div class="live-errors" role="alert"><p>The content cannot be shown as it is now; '
        "the last good preview is below.</p><pre>" + esc("\n".join(errors)) + "</pre></div>"
    )
