"""A preview session: the content file, its pictures and the theme watched by their modification stamps, and the
HTML recap rendered again in the same process when one changes.

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
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from decks.errors import RecapError
from decks.markup import esc
from decks.preview.warm import WarmPlanner

VERSION_MARK = "__RECAP_LIVE_VERSION__"

# The page asks the server for news over server-sent events and updates itself when the version it shows is old.
# EventSource reconnects by itself when the server is away.
LIVE_HEAD = """<meta name="recap-version" content="__RECAP_LIVE_VERSION__">
<script>
(function () {
  function version(doc) {
    var meta = doc.querySelector('meta[name="recap-version"]');
    return meta ? meta.content : '';
  }
  var shown = version(document), busy = false, again = false;
  // Only the parts that changed are replaced (a slide, the sketchnote, the problems), so the browser lays out
  // one slide again, not the whole page; a page of another shape is replaced whole.
  function parts(body) {
    var out = {};
    Array.prototype.forEach.call(body.querySelectorAll('body > header, body > .live-errors, main > section'),
      function (el) { out[el.id || el.tagName + '.' + el.className] = el; });
    return out;
  }
  function swap(body) {
    var now = parts(document.body), next = parts(body);
    var same = Object.keys(now).join() === Object.keys(next).join();
    if (!same) {
      var x = window.scrollX, y = window.scrollY;
      document.body.replaceWith(document.importNode(body, true));
      window.scrollTo(x, y);
      return;
    }
    Object.keys(next).forEach(function (key) {
      if (now[key].outerHTML !== next[key].outerHTML) now[key].replaceWith(document.importNode(next[key], true));
    });
  }
  // A change swaps the page's body and styles in place: no reload, so fonts stay loaded and the reader stays
  // where they were; if that fails, the page is simply loaded again.
  function update() {
    if (busy) { again = true; return; }
    busy = true;
    fetch('/', {cache: 'no-store'}).then(function (r) { return r.text(); }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, 'text/html');
      var fresh = doc.head.querySelectorAll('style'), old = document.head.querySelectorAll('style');
      for (var i = 0; i < fresh.length && i < old.length; i++) {
        if (old[i].textContent !== fresh[i].textContent) old[i].textContent = fresh[i].textContent;
      }
      document.title = doc.title;
      document.documentElement.lang = doc.documentElement.lang;
      swap(doc.body);
      shown = version(doc);
    }).catch(function () { window.location.reload(); }).then(function () {
      busy = false;
      if (again) { again = false; update(); }
    });
  }
  var source = new EventSource('/events');
  source.addEventListener('reload', function (e) { if (e.data !== shown) update(); });
})();
</script>
<style>
.live-errors { background: #fff1f2; border-bottom: 3px solid #9f1239; padding: 10px 16px; }
.live-errors p { margin: 0 0 4px; font-weight: 600; color: #9f1239; }
.live-errors pre { margin: 0; white-space: pre-wrap; font: 13px/1.5 ui-monospace, monospace; color: #1f2430; }
</style>"""


Stamp = tuple[int, int] | None
_FONT_TYPES = {b"\x00\x01\x00\x00": "font/ttf", b"true": "font/ttf", b"OTTO": "font/otf", b"ttcf": "font/collection"}
_PICTURE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}


def _checked(path: Path) -> tuple[bytes, str] | None:
    """The bytes of a font or picture file and their content type, read within the cap and checked as what they
    claim to be (a picture decodes; a font starts with a font's signature); None when they are not."""
    from decks.imagefiles import read_picture, sniff
    from decks.safeio import ReadRefused, read_bounded

    try:
        if path.suffix.lower() in (".ttf", ".otf", ".ttc"):
            raw = read_bounded(path, "font")
            kind = _FONT_TYPES.get(raw[:4])
        else:
            raw = read_picture(path)
            kind = _PICTURE_TYPES.get(sniff(raw) or "")
    except (RecapError, ReadRefused, OSError):
        return None
    return (raw, kind) if kind else None


@dataclass
class Files:
    """The files the preview serves besides the page (fonts, pictures), each under a URL of its own making; a
    URL that is not in this table is not served, so no path from a request ever reaches the file system.

    What is served is bytes held in memory: read within the cap and checked (a picture decodes, a font is a
    font) when the page that names them was rendered, and read again only after a render, when the file's
    stamp changed. A request never opens a file, so a symlink swapped in, a FIFO or /dev/zero at a picture's
    path is never served or read at request time.
    """

    by_token: dict[str, Path] = field(default_factory=dict)
    by_path: dict[Path, str] = field(default_factory=dict)
    _held: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    _stamps: dict[Path, Stamp] = field(default_factory=dict)

    def url(self, path: Path) -> str:
        from decks.readers.content import resolve_path

        path = resolve_path(Path(path))
        if path not in self.by_path:
            token = f"/files/{len(self.by_path)}/{quote(path.name)}"
            self.by_path[path] = token
            self.by_token[token] = path
        self._load(path)
        return self.by_path[path]

    def _load(self, path: Path) -> None:
        """Read and check the file again when its stamp changed since it was last read."""
        stamp = _stamp(path)
        token = self.by_path[path]
        if path in self._stamps and self._stamps[path] == stamp:
            return
        self._stamps[path] = stamp
        checked = _checked(path) if stamp is not None else None
        if checked is None:
            self._held.pop(token, None)  # no longer a file recap would read: served no more
        else:
            self._held[token] = checked

    def refresh(self) -> None:
        """Read again every file whose stamp changed (after a render: the pictures a slide kept are named again)."""
        for path in list(self.by_path):
            self._load(path)

    def get(self, url: str) -> tuple[bytes, str] | None:
        """The bytes and content type behind a URL of this table, as checked at the last render, or None."""
        return self._held.get(url)


@cache
def _live_page_class() -> Any:
    from decks.paint.deck_svg import FontFaces, slide_svg
    from decks.renderers.html import Page

    class LivePage(Page):
        """The page, keeping each slide's SVG by the slide object itself: the warm planner gives an unchanged
        slide as the very object of the last build, and hashing every slide of a long deck on each save (to
        find it by value) costs more than painting the few that changed."""

        def slides(self, deck: Any, theme: Any) -> tuple[list[str], Any]:
            setter = self.setter(theme)  # a new theme forgets every painted slide
            fonts = FontFaces()
            out = []
            keep: dict[Any, Any] = {}
            for number, slide in enumerate(deck.slides, 1):
                key = (id(slide), number)
                held: Any = self._slides.get(key)  # type: ignore[call-overload]
                if held is None or held[0] is not slide:
                    own = FontFaces()
                    held = (slide, slide_svg(deck, slide, number, setter, own, self._image), own)
                keep[key] = held
                fonts.merge(held[2])
                out.append(held[1])
            self._slides = keep
            return out, fonts

    return LivePage


def _resolved(path: Path) -> Path:
    from decks.readers.content import resolve_path

    return resolve_path(path)


def _stamp(path: Path) -> Stamp:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class Watched:
    """The files one content file in one theme is made from (the content file, the pictures it names, the theme's
    files), watched by their modification stamps; `render` is run again whenever one changes. `Session` renders
    the preview page; `decks.cli.rewrite` writes an output file."""

    def __init__(self, content: Path, theme: str | None = None, echo: Callable[[str], None] = print) -> None:
        from decks.preview.reread import ContentReader

        self.content = Path(content)
        self.theme_name = theme
        self.echo = echo
        self.reader = ContentReader(self.content)
        self._theme: Any = None
        self._theme_read_as: str | None = None  # the name or folder the theme was read from
        self._theme_files: list[Path] = []
        self._pictures: list[Path] = []
        self._stamps: dict[Path, Stamp] = {}

    def watched(self) -> list[Path]:
        """The content file, the pictures it names and the theme's files."""
        return [self.content, *self._pictures, *self._theme_files]

    def _theme_now(self, stamps: dict[Path, Stamp], recap: Any = None) -> Any:
        """The theme (`--theme`'s, else the content's `theme:`), read again only when one of its files changed
        since it was read, or the content names another."""
        from decks.themes import loader

        name = self.theme_name
        if name is None and recap is not None and recap.theme is not None:
            name = loader.theme_in_content(recap.theme, self.content)
        if (
            self._theme is not None
            and name == self._theme_read_as
            and all(stamps.get(f) == self._stamps.get(f) for f in self._theme_files)
        ):
            return self._theme
        loader._load_theme_cached.cache_clear()  # its cache is keyed by folder: the files may have changed
        self._theme = None
        self._theme_read_as = name
        folder = loader.find_theme(name or loader.DEFAULT_THEME).resolve()
        files = {folder / loader.THEME_FILE}
        try:
            for layer in loader._read_chain(folder):
                files.add(layer.file.resolve())
        except RecapError:
            pass
        for f in list(files):
            files.update(p for p in f.parent.iterdir() if p.is_file() and p.suffix in (".yaml", ".pptx", ".ttf"))
        self._theme_files = sorted(files)
        for f in self._theme_files:
            stamps.setdefault(f, _stamp(f))
        theme = loader.load_theme(name)
        self._theme = theme
        return theme

    def _read(self) -> tuple[dict[Path, Stamp], Any, Any]:
        """The stamps of the watched files as they are now, then the theme and the content read from them (either
        may raise `RecapError`); pass the stamps to `_settle` after the render, whether it succeeded or not."""
        stamps = {f: _stamp(f) for f in self.watched()}
        try:
            recap = self.reader.read()  # first: its `theme:` may name the theme
            return stamps, self._theme_now(stamps, recap), recap
        except BaseException:
            self._stamps = stamps
            raise

    def _settle(self, stamps: dict[Path, Stamp], recap: Any = None) -> None:
        """Remember what was rendered from: the stamps, and (after a good render) the pictures the content names."""
        if recap is not None:
            named = [i.image.path for i in recap.all_items if i.image is not None]
            named += [p for p in (recap.event and recap.event.logo, recap.presenter and recap.presenter.avatar) if p]
            self._pictures = sorted({_resolved(Path(p)) for p in named})
            for p in self._pictures:
                stamps.setdefault(p, _stamp(p))
        self._stamps = stamps

    def render(self) -> bool:
        """Render once; True when it succeeded."""
        raise NotImplementedError

    def changed(self) -> bool:
        """Whether a watched file changed (appeared, went, or has another time or size) since the last render."""
        return any(_stamp(f) != self._stamps.get(f) for f in self.watched())

    def poll(self) -> bool:
        """Render again if a watched file changed; True when it did."""
        if self.changed():
            self.render()
            return True
        return False

    def run(self, stop: threading.Event, interval: float = 0.05) -> None:
        """Poll the watched files every `interval` seconds until `stop` is set."""
        while not stop.wait(interval):
            self.poll()


class Session(Watched):
    """Renders the preview of one content file in one theme, and again whenever a watched file changes."""

    def __init__(
        self,
        content: Path,
        theme: str | None = None,
        echo: Callable[[str], None] = print,
        grace: float = 0.0,
        sketch_options: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(content, theme, echo)
        self.sketch_options = dict(sketch_options or {})  # `recap watch --layout path` ...: as `recap pdf` takes them
        # Seconds between publishing the slides and planning the sketchnote: an open page fetches and lays out
        # the new slides meanwhile, without this process's planning competing for the CPU.
        self.grace = grace
        self.files = Files()
        self.page = _live_page_class()(font_url=self.files.url, image_url=self.files.url, head=LIVE_HEAD)
        self.planner = WarmPlanner()
        self._sketch: Any = None
        self._sketch_problem = ""
        self._sketch_of: tuple[Any, Any] | None = None
        self._too_many: tuple[Any, int] | None = None
        self.html = ""  # the last good page
        self.errors: list[str] = []
        self.version = 0
        self.timings: dict[str, float] = {}
        self._changed = threading.Condition()

    def render(self) -> bool:
        """Render the page once; True when it succeeded. Problems replace the last ones either way.

        Two steps, each published as it is ready: the slides first (the deck plan, built warm, with the last
        sketchnote), then the sketchnote, whose size search takes longer than the whole deck.
        """
        started = time.perf_counter()
        stamps: dict[Path, Stamp] = {}
        try:
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

    def _with_sketch(self, recap: Any, theme: Any, deck: Any) -> str:
        """The page with the sketchnote of this version, published; the sketch is planned again only when the
        content or theme changed, and not at all while the content has at least as many items as one that
        already did not fit (the size search is slow to give up)."""
        from decks import plan
        from decks.errors import OutputError

        items = len(recap.all_items)
        if self._sketch_of is not None and self._sketch_of[0] is theme and self._sketch_of[1] == recap:
            pass
        elif self._too_many is not None and self._too_many[0] is theme and items >= self._too_many[1]:
            self._sketch = None
        else:
            try:
                self._sketch, self._sketch_problem = plan.sketch_plan(recap, theme, **self.sketch_options), ""
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
        with self._changed:
            self.html = html
            self.errors = errors
            self.version += 1
            self._changed.notify_all()

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
            panel = (
                '<div class="live-errors" role="alert"><p>The content cannot be shown as it is now; '
                "the last good preview is below.</p><pre>" + esc("\n".join(errors)) + "</pre></div>"
            )
            html = html.replace("<body>\n", "<body>\n" + panel + "\n", 1)
        return html.replace(VERSION_MARK, str(version))
