"""The live preview in a real browser: headless Chromium, driven over the DevTools protocol, loads the page,
shows the slides and the sketchnote (in the DOM and in pixels), and shows an edit of the content file within a
second; a broken edit shows the located error lines over the last good preview. Skips visibly without Chromium.
"""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest

from decks.preview.server import PreviewServer

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--window-size=1200,900",
    "--remote-debugging-port=0",
]


class Browser:
    """A page of headless Chromium, driven over the DevTools protocol (commands only; events are skipped)."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.last = 0

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.last += 1
        self.ws.send(json.dumps({"id": self.last, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.last:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result", {})

    def eval(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float) -> float:
        """Seconds until `expression` is true in the page (a page that is reloading is asked again)."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            try:
                if self.eval(expression):
                    return time.monotonic() - start
            except RuntimeError:
                pass  # the page was between documents
            time.sleep(0.02)
        raise AssertionError(f"not true within {timeout} s: {expression}")

    def screenshot(self) -> Any:
        from PIL import Image

        data = base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"])
        return Image.open(io.BytesIO(data)).convert("RGB")


@contextmanager
def chromium_page(chromium: str, profile: Path, timeout: float = 20) -> Iterator[Browser]:
    """Headless Chromium with its profile in `profile`, its first page driven over the DevTools protocol (each
    command waits at most `timeout` seconds); the browser is stopped on the way out. bench/bench_watch.py uses it
    too."""
    import websocket

    proc = subprocess.Popen(
        [chromium, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.is_file() and port_file.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        targets = json.load(urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(t for t in targets if t["type"] == "page")
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=timeout, suppress_origin=True)
        try:
            yield Browser(ws)
        finally:
            ws.close()
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    with chromium_page(chromium, tmp_path_factory.mktemp("chromium")) as page:
        yield page


def _open(browser: Browser, served: PreviewServer) -> None:
    browser.call("Page.navigate", url=served.url)
    slides = len(served.session.page._painted)  # one per slide, by number
    browser.wait_for(
        f"document.querySelectorAll('section.slide svg').length === {slides}"
        " && document.querySelector('#sketchnote svg') !== null && document.fonts.status === 'loaded'",
        20,
    )


def _accent_pixels(image: Any, color: tuple[int, int, int]) -> int:
    return sum(1 for px in image.get_flattened_data() if all(abs(a - b) < 12 for a, b in zip(px, color, strict=True)))


def test_the_page_shows_slides_and_sketch_and_an_edit_within_a_second(
    browser: Browser, served: PreviewServer, content: Path
) -> None:
    _open(browser, served)
    assert browser.eval("document.documentElement.lang") == "en"
    assert "Learnings from TensorFlow Dev Summit 2019" in browser.eval("document.body.textContent")
    # Pixels: the title slide's accent band is painted, and the sketchnote draws in several colours.
    top = browser.screenshot()
    assert _accent_pixels(top.resize((300, 225)), (0xC2, 0x41, 0x0C)) > 2000
    browser.eval("document.getElementById('sketchnote').scrollIntoView()")
    sketch = browser.screenshot().resize((300, 225))
    assert len(set(sketch.get_flattened_data())) > 50
    # An edit: the open page shows it within a second of the file being saved.
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("Sonnet", "Sonnet Two", 1), encoding="utf-8")
    elapsed = browser.wait_for("document.body.textContent.includes('Sonnet Two')", 5)
    assert elapsed < 1.0, f"the edit showed after {elapsed:.2f} s"
    # The tab goes away and comes back: the stream is opened again and the next edit shows too.
    browser.call("Page.navigate", url="about:blank")
    _open(browser, served)
    content.write_text(text.replace("Sonnet", "Sonnet Three", 1), encoding="utf-8")
    browser.wait_for("document.body.textContent.includes('Sonnet Three')", 5)


def test_a_broken_edit_shows_the_error_lines_over_the_last_good_preview(
    browser: Browser, served: PreviewServer, content: Path
) -> None:
    _open(browser, served)
    content.write_text(content.read_text(encoding="utf-8") + "\nitems: [\n", encoding="utf-8")
    browser.wait_for("document.querySelector('.live-errors pre') !== null", 5)
    errors = browser.eval("document.querySelector('.live-errors pre').textContent")
    assert errors.startswith("error: ") and f"{content}:" in errors
    assert browser.eval("document.querySelectorAll('section.slide svg').length") > 0


def test_an_edit_replaces_only_the_changed_slides_and_the_page_equals_a_fresh_load(
    browser: Browser, served: PreviewServer, content: Path
) -> None:
    _open(browser, served)
    # Mark every slide's element and log what the page fetches: an unchanged slide keeps its element.
    browser.eval(
        "window.recapBefore = {}; document.querySelectorAll('main > section').forEach(function (s) {"
        "  s.recapMark = true; window.recapBefore[s.id] = s.outerHTML; });"
        "window.recapFetched = []; var real = window.fetch;"
        "window.fetch = function (url, opts) { window.recapFetched.push(String(url)); return real(url, opts); };"
    )
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("Sonnet", "Sonnet Four", 1), encoding="utf-8")
    browser.wait_for("document.body.textContent.includes('Sonnet Four')", 5)
    # The patched page shows what a fresh load of the page shows (once the sketchnote, which follows, is in).
    fresh = (
        "fetch('/', {cache: 'no-store'}).then(function (r) { return r.text(); }).then(function (t) {"
        "  var doc = new DOMParser().parseFromString(t, 'text/html');"
        "  return doc.querySelector('main').outerHTML === document.querySelector('main').outerHTML"
        "    && doc.querySelector('header').outerHTML === document.querySelector('header').outerHTML; })"
    )
    deadline = time.monotonic() + 5
    while True:
        result = browser.call("Runtime.evaluate", expression=fresh, returnByValue=True, awaitPromise=True)
        if result.get("result", {}).get("value") is True:
            break
        assert time.monotonic() < deadline, "the patched page never equalled a fresh load"
        time.sleep(0.1)
    fetched = [url for url in browser.eval("window.recapFetched") if url != "/"]  # our own fresh loads
    assert fetched and all(url.startswith("/changes?since=") for url in fetched), fetched
    # The sections that changed (the edited item's slide, the agenda naming it, the sketchnote) were replaced;
    # every other section kept its element.
    sections = browser.eval(
        "Array.prototype.map.call(document.querySelectorAll('main > section'), function (s) {"
        "  return [!!s.recapMark, window.recapBefore[s.id] !== s.outerHTML]; })"
    )
    replaced = [not kept for kept, _ in sections]
    assert replaced == [changed for _, changed in sections]
    assert 1 <= sum(replaced) <= 4 < len(sections)
