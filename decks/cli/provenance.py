"""Which recap command made an output file, read from the mark each renderer writes into its metadata, so no
command replaces a file another command (or another program, or the user's own edits) made.

The mark is `recap NAME` (decks.renderers.base.made_by): the PDF's /Creator, the PPTX's docProps/app.xml
<Application>, the PNG's Software text chunk, an SVG comment after the XML declaration, the HTML's generator
meta, a YAML comment opening a Markdown post's front matter. A deck saved again in PowerPoint or LibreOffice
names that application instead, and a PDF saved again by a viewer names it as its Producer: such a file holds
the user's edits and is not recap's to replace. Only the metadata is read: the start of a text file, a PNG's
chunks up to its first image data, one zip member, a memory map of a PDF. (An edit in a text editor that leaves
the mark is not seen: the mark says who made the file.)
"""

from __future__ import annotations

import mmap
import re
import struct
import zipfile
from pathlib import Path
from typing import BinaryIO

from decks.errors import OutputError, Problem

_NAME = rb"recap(?: ([a-z][a-z0-9_-]{0,40}))?"
_PDF = re.compile(rb"/Creator\s*\(" + _NAME + rb"\)")
_PRODUCER = re.compile(rb"/Producer\s*\(([^)]{0,80})")
# An SVG's mark stands right after recap's own XML declaration: an editor that saves the file again (Inkscape)
# writes its own declaration. A page's generator meta stands in its head.
_TEXT = re.compile(
    rb'\A<\?xml version="1.0" encoding="UTF-8"\?>\n<!-- ' + _NAME + rb" -->\n"
    rb'|<meta name="generator" content="' + _NAME + rb'">'
    rb"|\A---\n# " + _NAME + rb"\n"  # a Markdown post's front matter opens with it
)
_APP = re.compile(rb"<Application>" + _NAME + rb"</Application>")
_TEXT_HEAD = 4096  # an SVG's or HTML page's mark stands in its first lines
_APP_LIMIT = 1 << 16  # docProps/app.xml is a few hundred bytes
_EARLIER = "recap"  # the mark of a recap before marks named the command

NOT_RECAP = None


def made_by(path: Path) -> str | None:
    """The command named in `path`'s mark ("pdf", "slides" ...), "recap" for an earlier recap's bare mark, or
    None when the file has no recap mark (another program made it, or it was saved again in one)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
            fh.seek(0)
            if head.startswith(b"%PDF"):
                return _pdf(fh)
            if head.startswith(b"\x89PNG\r\n\x1a\n"):
                return _png(fh)
            if head.startswith(b"PK"):
                return _pptx(path)
            return _named(_TEXT.search(fh.read(_TEXT_HEAD)))
    except (OSError, ValueError, zipfile.BadZipFile, struct.error):
        return NOT_RECAP


def _named(found: re.Match[bytes] | None) -> str | None:
    if found is None:
        return NOT_RECAP
    name = next((g for g in found.groups() if g), None)
    return name.decode("ascii") if name else _EARLIER


def _pdf(fh: BinaryIO) -> str | None:
    """The last /Creator's mark (an incremental update appends a newer one), if the last /Producer is still the
    library recap writes PDF with: a viewer that saves the file again (annotations, a filled form) keeps the
    Creator and names itself as the Producer, and that file holds the user's work."""
    with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as view:
        producers = [m.group(1) for m in _PRODUCER.finditer(view)]
        if not producers or not producers[-1].startswith(b"ReportLab"):
            return NOT_RECAP
        marks = list(_PDF.finditer(view))
        return _named(marks[-1] if marks else None)


def _png(fh: BinaryIO) -> str | None:
    fh.read(8)
    while True:
        length, kind = struct.unpack(">I4s", fh.read(8))
        if kind in (b"IDAT", b"IEND"):
            return NOT_RECAP
        body = fh.read(length)
        fh.read(4)  # the CRC
        if kind == b"tEXt" and body.startswith(b"Software\0"):
            return _named(re.fullmatch(_NAME, body.removeprefix(b"Software\0")))


def _pptx(path: Path) -> str | None:
    with zipfile.ZipFile(path) as package:
        info = package.getinfo("docProps/app.xml")
        if info.file_size > _APP_LIMIT:
            return NOT_RECAP
        return _named(_APP.search(package.read(info)))


# The formats recap's own commands mark. A plugin's file of another format has no place recap knows to read a
# mark from: without one it is replaced as before (a plugin that writes text can mark it with an SVG-style
# comment, `<!-- recap NAME -->`, in its first 4 KiB).
_MARKED_SUFFIXES = frozenset({".pdf", ".pptx", ".png", ".svg", ".html", ".md"})
# Formats two built-in commands write (`recap pdf` and `recap slides`): an earlier recap's bare mark on such a
# file does not say which made it. On any other format it can only be the one command's own.
_SHARED_SUFFIXES = frozenset({".pdf"})


def check_replace(target: Path, command: str, force: bool) -> None:
    """Refuse (OutputError, exit 3) to replace `target` unless recap's `command` made it or `force` is given."""
    if force or not target.is_file():
        return
    maker = made_by(target)
    suffix = target.suffix.lower()
    if maker == command or (maker == _EARLIER and suffix not in _SHARED_SUFFIXES):
        return
    if maker is NOT_RECAP and suffix not in _MARKED_SUFFIXES:
        return
    if maker is NOT_RECAP:
        made = "exists and was not made by recap (or was saved again in another program)"
    elif maker == _EARLIER:
        made = "was made by an earlier recap that did not record which command made it"
    else:
        made = f"was made by `recap {maker}`, not `recap {command}`"
    raise OutputError([Problem(str(target), made, "pass --force to replace it, or name another file with -o")])
