"""The preview's web server: the standard library's threading HTTP server on the loopback address only.

It answers five things and nothing else: `/` (the page), `/changes?since=N` (what a page showing version N
needs to show the current one, as JSON: the parts that changed, decks.preview.page), `/events` (server-sent
events: a `reload` event with the page's version whenever it changes, and a comment now and then, so a closed
tab is noticed), the fonts and pictures the page names (`/files/N/NAME`, from the session's own table of bytes
read and checked at the last render: no request path is ever joined to a folder, and no request opens a file),
and a bare 204 for the favicon. Requests naming another host are refused (DNS rebinding).
"""

from __future__ import annotations

import json
import signal
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from decks.preview.session import Session

HOST = "127.0.0.1"
PING = 5.0  # seconds between keep-alive comments on an idle event stream


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server for one session; handler threads are daemons and end when the server stops."""

    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, session: Session, port: int = 0) -> None:
        self.session = session
        self.stopping = threading.Event()
        super().__init__((HOST, port), Handler)

    # As typeshed's socketserver: the request is a socket (or a datagram and its socket); the address is what
    # the socket's family uses, which this method only passes on.
    def handle_error(self, request: socket.socket | tuple[bytes, socket.socket], client_address: object) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # a browser that closed its connection is not news
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows renders and problems, not every request

    def _allowed_host(self) -> bool:
        port = self.server.server_address[1]
        return self.headers.get("Host", "") in (f"{HOST}:{port}", f"localhost:{port}")

    def do_GET(self) -> None:
        if not self._allowed_host():
            self._send(403, b"forbidden host\n", "text/plain; charset=utf-8")
            return
        path = urlsplit(self.path).path
        session = self.server.session
        if path in ("/", "/index.html"):
            self._send(200, session.page_html().encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/changes":
            since = parse_qs(urlsplit(self.path).query).get("since", [""])[0]
            body = json.dumps(session.changes(since), ensure_ascii=False, separators=(",", ":"))
            self._send(200, body.encode("utf-8"), "application/json; charset=utf-8")
        elif path == "/events":
            self._events()
        elif path == "/favicon.ico":
            self._send(204, b"", "image/x-icon")
        else:
            found = session.files.get(path)
            if found is None:
                self._send(404, b"not found\n", "text/plain; charset=utf-8")
            else:
                self._send(200, found[0], found[1], cache=True)

    def _send(self, status: int, body: bytes, kind: str, cache: bool = False) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=3600" if cache else "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if body:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away mid-answer

    def _events(self) -> None:
        session, stopping = self.server.session, self.server.stopping
        self.close_connection = True
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            # The current version first: a page that reconnects after missing a change reloads at once.
            seen = session.version
            self.wfile.write(f"retry: 500\nevent: reload\ndata: {seen}\n\n".encode())
            self.wfile.flush()
            while not stopping.is_set():
                version = session.wait(seen, PING)
                if stopping.is_set():
                    break
                if version != seen:
                    seen = version
                    self.wfile.write(f"event: reload\ndata: {seen}\n\n".encode())
                else:
                    self.wfile.write(b": ping\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError, OSError):
            return  # the tab was closed or reloaded; it opens a new stream if it comes back


def serve(
    session: Session, port: int = 0, open_browser: bool = False, ready: Callable[[PreviewServer], None] | None = None
) -> None:
    """Render, then serve until Ctrl-C (or `ready.stop` is set, for tests); `ready(server)` is called once serving."""

    server = PreviewServer(session, port)
    session.grace = max(session.grace, 0.2)
    if threading.current_thread() is threading.main_thread():
        # Ctrl-C and a polite kill both end the session cleanly, even when started in the background (where a
        # shell leaves SIGINT ignored).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    poller = threading.Thread(target=session.run, args=(server.stopping,), name="recap-watch", daemon=True)
    try:  # everything after the handlers are set: a Ctrl-C at any point ends here, cleanly
        session.render()
        poller.start()
        session.echo(f"preview at {server.url} (Ctrl-C to stop)")
        if open_browser:
            webbrowser.open(server.url)
        if ready is not None:
            ready(server)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.stopping.set()
        with session._changed:
            session._changed.notify_all()  # wake the event streams so they end
        server.server_close()
        if poller.is_alive():
            poller.join(timeout=2)
