"""The preview server: loopback only, its own files only, server-sent events that survive a reconnect, and a
`recap watch` that Ctrl-C ends cleanly."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from decks.preview.server import PreviewServer


def _get(server: PreviewServer, path: str, host: str | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    conn.request("GET", path, headers={"Host": host} if host else {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def _events(server: PreviewServer) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
    conn.request("GET", "/events")
    return conn, conn.getresponse()


def _next_version(response: http.client.HTTPResponse) -> int:
    while True:
        line = response.fp.readline().decode()
        if line.startswith("data: "):
            return int(line[6:])


def test_it_listens_on_loopback_and_serves_only_its_own_files(served: PreviewServer) -> None:
    assert served.server_address[0] == "127.0.0.1"
    status, page = _get(served, "/")
    assert status == 200 and b'<section class="slide"' in page
    font = re.search(rb"url\((/files/\d+/[^)]+\.ttf)\)", page)
    assert font and _get(served, font.group(1).decode())[0] == 200
    for path in ("/../../etc/passwd", "/files/0/../../../etc/passwd", "/files/%2e%2e/etc/passwd", "/etc/passwd"):
        assert _get(served, path)[0] == 404, path
    assert _get(served, "/", host="attacker.example:80")[0] == 403  # DNS rebinding


def test_events_announce_each_change_and_a_reconnect_gets_the_current_version(
    served: PreviewServer, content: Path
) -> None:
    conn, events = _events(served)
    first = _next_version(events)
    content.write_text(content.read_text(encoding="utf-8").replace("Sonnet", "Sonnet 2", 1), encoding="utf-8")
    assert _next_version(events) > first
    conn.close()  # the tab goes away...
    conn, events = _events(served)  # ...and comes back: it hears the current version at once
    assert _next_version(events) == served.session.version
    conn.close()
    assert "Sonnet 2" in _get(served, "/")[1].decode()


def test_ctrl_c_ends_recap_watch_cleanly(content: Path) -> None:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "decks.cli.main", "watch", str(content)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and "preview at" not in line:
            line = proc.stdout.readline()  # type: ignore[union-attr]
        url = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert url, line
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "stopped" in err
