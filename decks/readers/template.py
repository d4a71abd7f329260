"""A template package (.pptx, .potx) read as raw parts: every part read and checked now, made inert as it is
read (decks.readers.template_parts), its content types and relationships at hand.

A file that is no template (not a zip, a zip bomb, an encrypted entry, no presentation part, broken XML) is a
`ContentError` naming the file. The one reading of a template: the theme loader (for `recap check`), the deck
plan's layout resolution (decks.plan.template) and the pptx renderer all read it here.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path

from lxml import etree

from decks.errors import ContentError, Problem
from decks.opc import QN_CT, RT_OFFICE_DOCUMENT, Rel, UnsafeXML, parse, rels_name
from decks.readers.template_parts import MACRO_MAIN_TYPES, MAIN_TYPES, Inert, Refused, relationships

# A template is read whole into memory: a zip whose parts inflate past this is refused (a zip bomb), as is one
# with more parts than any real deck has.
MAX_UNCOMPRESSED = 300 * 2**20
MAX_PARTS = 10_000
PACKAGE_HINT = "save the template from PowerPoint or LibreOffice as .pptx (or .potx)"
FIELD = "slides.template"


def template_error(source: str, message: str, hint: str) -> ContentError:
    """A template that cannot be used: exit 1, naming the file."""
    return ContentError([Problem(source, message, hint, FIELD)])


@lru_cache(maxsize=4)
def _read(path: Path, mtime: int, size: int) -> TemplatePackage:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise template_error(str(path), f"cannot read the template ({exc.strerror})", "check the path") from None
    return TemplatePackage(data, str(path))


def read_template(path: Path) -> TemplatePackage:
    """The template at `path`, read once per process while the file is unchanged (the plan reads its layouts,
    the pptx renderer copies its parts)."""
    try:
        st = path.stat()
    except OSError:
        raise template_error(str(path), "template not found", "check slides.template in the theme") from None
    return _read(path, st.st_mtime_ns, st.st_size)


class TemplatePackage:
    """A .pptx (or .potx) read as raw parts: blobs by partname in zip order, content types, and relationships;
    made inert as it is read (decks.readers.template_parts): only the parts recap understands are kept, with no
    external relationship, active part or unsafe action, and `warnings` say what went."""

    def __init__(self, data: bytes, source: str = "template") -> None:
        self.source = source
        name = f"the template {Path(source).name}"

        def refuse(what: str, hint: str = PACKAGE_HINT) -> ContentError:
            return template_error(source, f"{name} {what}", hint)

        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                infos = [i for i in z.infolist() if not i.filename.endswith("/")]
                if not infos:
                    raise refuse("is an empty zip")
                if len(infos) > MAX_PARTS:
                    raise refuse(f"has {len(infos):,} parts, over {MAX_PARTS:,}")
                locked = next((i for i in infos if i.flag_bits & 0x1), None)
                if locked is not None:
                    raise refuse(
                        f"has an encrypted entry ({_entry_name(locked.filename)})",
                        "save the template again without a password (File > Info > Protect Presentation)",
                    )
                total = sum(i.file_size for i in infos)
                if total > MAX_UNCOMPRESSED:
                    raise refuse(
                        f"unpacks to {total / 2**20:,.0f} MB, over the {MAX_UNCOMPRESSED // 2**20} MB recap reads"
                    )
                # Every part is read (and its checksum checked) now: a damaged template fails here, not mid-render.
                self.blobs = {"/" + i.filename: _inflate(z, i) for i in infos}
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            EOFError,
            NotImplementedError,
            ValueError,
            RuntimeError,
            OSError,
            zlib.error,
            struct.error,
        ) as exc:
            raise refuse(f"is not a readable .pptx ({_entry_name(str(exc))})") from None
        not_pptx = "is a zip but not a PowerPoint presentation or template"
        if "/[Content_Types].xml" not in self.blobs:
            raise refuse(not_pptx)
        types = self.xml("/[Content_Types].xml")
        del self.blobs["/[Content_Types].xml"]
        self.defaults = {
            (d.get("Extension") or "").lower(): d.get("ContentType") or "" for d in types.iter(QN_CT + "Default")
        }
        self.overrides = {o.get("PartName") or "": o.get("ContentType") or "" for o in types.iter(QN_CT + "Override")}
        self._rels: dict[str, list[Rel]] = {}
        main = next((r.target for r in self.rels("/") if r.reltype == RT_OFFICE_DOCUMENT), None)
        if main is None or main not in self.blobs or self.content_type(main) not in MAIN_TYPES | MACRO_MAIN_TYPES:
            raise refuse(not_pptx)
        self.main = main
        try:
            inert = Inert(self.blobs, self.content_type, main)
        except Refused as exc:
            raise refuse(f"cannot be used: {exc.message}", exc.hint) from None
        self.blobs, self.warnings = inert.blobs, [f"template {source}: {w}" for w in inert.warnings]
        self._rels = dict(inert.rels)

    def content_type(self, partname: str) -> str:
        """The part's content type: its `<Override>`, else its extension's `<Default>`."""
        ext = posixpath.splitext(partname)[1][1:].lower()
        return self.overrides.get(partname) or self.defaults.get(ext, "application/octet-stream")

    def rels(self, partname: str) -> list[Rel]:
        """The part's relationships, internal targets made absolute partnames."""
        if partname not in self._rels:
            item = "/_rels/.rels" if partname == "/" else rels_name(partname)
            blob = self.blobs.get(item)
            found = relationships(item, self._parse(item, blob)) if blob is not None else []
            self._rels[partname] = [rel for _, rel in found]
        return self._rels[partname]

    def related(self, partname: str, rid: str) -> str | None:
        """The partname `partname` relates to by `rid`, if any."""
        return next((r.target for r in self.rels(partname) if r.rid == rid), None)

    def xml(self, partname: str) -> etree._Element:
        """The part parsed (safely: no entities, no network)."""
        blob = self.blobs.get(partname)
        if blob is None:
            raise template_error(self.source, f"the part {partname} is missing", "save the template again")
        return self._parse(partname, blob)

    def _parse(self, partname: str, blob: bytes) -> etree._Element:
        try:
            return parse(blob)
        except UnsafeXML as exc:
            raise template_error(
                self.source, f"the template {Path(self.source).name}: the part {partname} {exc}", PACKAGE_HINT
            ) from None


def _entry_name(text: str) -> str:
    """A zip entry's name or a zip library's message, cut short and printable, for a message."""
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= 80 else text[:79] + "…"


def _inflate(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One entry, read no further than its declared size (a forged header cannot make it inflate more)."""
    with z.open(info) as fh:
        data = fh.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise ValueError(f"{info.filename} inflates past its declared size")
    return data
