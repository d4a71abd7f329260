"""The file table of the preview: the fonts and pictures the page names, each under a URL of the table's making,
served from bytes read and checked at render time (never from a path a request names)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from decks.errors import RecapError
from decks.imagefiles import read_picture, sniff
from decks.preview.stamps import Stamp, stamp
from decks.readers.content import resolve_path
from decks.safeio import ReadRefused, read_bounded

_FONT_TYPES = {b"\x00\x01\x00\x00": "font/ttf", b"true": "font/ttf", b"OTTO": "font/otf", b"ttcf": "font/collection"}
_PICTURE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}


def _checked(path: Path) -> tuple[bytes, str] | None:
    """The bytes of a font or picture file and their content type, read within the cap and checked as what they
    claim to be (a picture decodes; a font starts with a font's signature); None when they are not."""
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
        path = resolve_path(Path(path))
        if path not in self.by_path:
            token = f"/files/{len(self.by_path)}/{quote(path.name)}"
            self.by_path[path] = token
            self.by_token[token] = path
        self._load(path)
        return self.by_path[path]

    def _load(self, path: Path) -> None:
        """Read and check the file again when its stamp changed since it was last read."""
        now = stamp(path)
        token = self.by_path[path]
        if path in self._stamps and self._stamps[path] == now:
            return
        self._stamps[path] = now
        checked = _checked(path) if now is not None else None
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
