"""The OPC package a .pptx is: parts, their relationships and content types, zipped with fixed dates.

Written directly (no python-pptx at render time): importing python-pptx and building its part graph cost more
than composing the few package items below as text.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
import zlib
from functools import lru_cache

from decks.markup import esc
from decks.opc import DEFAULTS, NS_CT, NS_PR, Rel, rels_name
from decks.renderers.pptx.oxml import XML_DECL

FIXED_ZIP_DATE = (2019, 1, 1, 0, 0, 0)
# Already compressed: deflating them again costs time and saves nothing.
STORED = (".png", ".jpg", ".jpeg", ".gif")


@lru_cache(maxsize=256)
def _relative_folder(folder: str, start: str) -> str:
    return posixpath.relpath(folder, start)


def _relative(partname: str, start: str) -> str:
    """`partname` relative to the folder `start` (relpath is slow, and a deck has few folders)."""
    folder, base = posixpath.split(partname)
    up = _relative_folder(folder, start)
    return base if up == "." else f"{up}/{base}"


def _number(rid: str) -> int:
    return int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0


class Rels:
    """A part's relationships: rId numbers in the order they are made, one rel per (type, target)."""

    def __init__(self, source: str, keep: list[Rel] | None = None) -> None:
        self.source = source
        self.items: list[Rel] = list(keep) if keep else []
        self._by_target = {(r.reltype, r.target, r.external): r.rid for r in self.items} if keep else {}
        self._next = max((_number(r.rid) for r in self.items), default=0) + 1 if keep else 1
        self._in_order = not keep  # rels made here are numbered in the order they are made

    def add(self, reltype: str, target: str, external: bool = False) -> str:
        """The rId relating the source to `target`, new unless the same relationship exists."""
        key = (reltype, target, external)
        rid = self._by_target.get(key)
        if rid is None:
            rid = self._by_target[key] = f"rId{self._next}"
            self._next += 1
            self.items.append(Rel(rid, reltype, target, external))
        return rid

    def xml(self) -> bytes:
        """The `<Relationships>` item, in rId number order, targets relative to the source's folder."""
        folder = posixpath.dirname(self.source)
        items = self.items if self._in_order else sorted(self.items, key=lambda r: (_number(r.rid), r.rid))
        out = [XML_DECL, f'<Relationships xmlns="{NS_PR}">']
        out += [_relationship(r.rid, r.reltype, r.target, r.external, folder) for r in items]
        out.append("</Relationships>")
        return "".join(out).encode("utf-8")


@lru_cache(maxsize=4096)
def _relationship(rid: str, reltype: str, target: str, external: bool, folder: str) -> str:
    """One `<Relationship>`, its target relative to `folder` unless external (every slide's rels relate its
    layout and its notes' rels the notes master, in the same words)."""
    if external:
        return f'<Relationship Id="{esc(rid)}" Type="{esc(reltype)}" Target="{esc(target)}" TargetMode="External"/>'
    return f'<Relationship Id="{esc(rid)}" Type="{esc(reltype)}" Target="{esc(_relative(target, folder))}"/>'


def content_types_xml(parts: dict[str, str], defaults: dict[str, str]) -> bytes:
    """`[Content_Types].xml`: a `<Default>` per extension in `defaults` that some item uses, an `<Override>` for
    every part whose type is not its extension's default; `parts` maps partname to content type."""
    used = {posixpath.splitext(name)[1][1:].lower() for name in parts} | {"rels"}
    out = [XML_DECL, f'<Types xmlns="{NS_CT}">']
    out += [
        f'<Default Extension="{esc(ext)}" ContentType="{esc(defaults[ext])}"/>' for ext in sorted(used & set(defaults))
    ]
    for name in sorted(parts):
        if defaults.get(posixpath.splitext(name)[1][1:].lower()) != parts[name]:
            out.append(f'<Override PartName="{esc(name)}" ContentType="{esc(parts[name])}"/>')
    out.append("</Types>")
    return "".join(out).encode("utf-8")


class Package:
    """Parts in the order they are added (that is the zip's order), with their content types and rels.

    Each part is deflated as it is added and only its zip entry is kept: a large deck's XML (some 20 MB for
    1,000 items) is never held whole, only its compressed fifth (and the parts that repeat, the notes slides,
    whose deflated bytes serve each repeat)."""

    def __init__(self) -> None:
        self.types: dict[str, str] = {}
        self.defaults = dict(DEFAULTS)
        self._entries: dict[str, _Entry] = {}
        self._rels: dict[str, _Entry] = {}  # partname ("/" for the package) -> its .rels item's entry
        self._deflated: dict[bytes, tuple[int, bytes]] = {}  # the CRC and deflated bytes of repeated parts

    def __contains__(self, name: str) -> bool:
        return name in self.types

    def add(
        self, name: str, content_type: str, blob: bytes, rels: Rels | bytes | None = None, repeats: bool = False
    ) -> None:
        """Add part `name`; `rels` is its relationships, or a template's .rels item copied as it is. A part that
        `repeats` (notes slides: many say the same) is deflated once for all parts with the same bytes."""
        assert name not in self.types, name
        self.types[name] = content_type
        self._entries[name] = _entry(name[1:], blob, self._deflated if repeats else None)
        if rels is not None:
            self.set_rels(name, rels.xml() if isinstance(rels, Rels) else rels)

    def set(self, name: str, blob: bytes) -> None:
        """The content of part `name`, which keeps its place in the zip (a part written last, placed first)."""
        self._entries[name] = _entry(name[1:], blob)

    def set_rels(self, name: str, xml: bytes) -> None:
        """The .rels item of part `name` ("/" for the package's own)."""
        self._rels[name] = _entry("_rels/.rels" if name == "/" else rels_name(name)[1:], xml)

    def zip_bytes(self) -> bytes:
        """The package zipped: content types, package rels, then each part followed by its rels; fixed dates."""
        entries = [_entry("[Content_Types].xml", content_types_xml(self.types, self.defaults))]
        if "/" in self._rels:
            entries.append(self._rels["/"])
        for name, entry in self._entries.items():
            entries.append(entry)
            if name in self._rels:
                entries.append(self._rels[name])
        return _zip(entries)


# The zip is written here rather than with `zipfile`, whose per-entry work (a ZipInfo, a file object, a seek
# back to rewrite each local header) cost as much as deflating a large deck's thousands of small parts. The
# bytes are those `zipfile` writes for `_put`'s entries (tests/renderers/pptx/test_package.py compares them):
# the same deflate stream (zlib's default level, raw), headers, fixed date and attributes.
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_DOS_TIME = FIXED_ZIP_DATE[3] << 11 | FIXED_ZIP_DATE[4] << 5 | FIXED_ZIP_DATE[5] // 2
_DOS_DATE = (FIXED_ZIP_DATE[0] - 1980) << 9 | FIXED_ZIP_DATE[1] << 5 | FIXED_ZIP_DATE[2]
_VERSION = 20  # zipfile's DEFAULT_VERSION
_UNIX = 3

# One item ready for the zip: its header fields (all but the offset), name and data as stored.
_Entry = tuple[tuple[int, ...], bytes, bytes]


def _entry(name: str, data: bytes, deflated: dict[bytes, tuple[int, bytes]] | None = None) -> _Entry:
    """The zip entry of item `name`; `deflated` (when given) keeps the CRC and deflated bytes of each data, for
    items whose content repeats."""
    if name.isascii():
        raw, flags = name.encode("ascii"), 0
    else:
        raw, flags = name.encode("utf-8"), 0x800
    stored = name.lower().endswith(STORED)
    if stored:
        crc, body = zlib.crc32(data), data
    elif deflated is None:
        crc, body = zlib.crc32(data), zlib.compress(data, zlib.Z_DEFAULT_COMPRESSION, -15)
    else:
        done = deflated.get(data)
        if done is None:
            done = deflated[data] = zlib.crc32(data), zlib.compress(data, zlib.Z_DEFAULT_COMPRESSION, -15)
        crc, body = done
    if max(len(body), len(data)) >= zipfile.ZIP64_LIMIT:
        raise ValueError("a part of 2 GB or more needs zip64, which recap does not write")
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    head = (_VERSION, 0, flags, method, _DOS_TIME, _DOS_DATE, crc, len(body), len(data), len(raw))
    return head, raw, body


def _zip(entries: list[_Entry]) -> bytes:
    if len(entries) >= 0xFFFF:
        raise ValueError(f"a package of {len(entries):,} items needs zip64, which recap does not write")
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for head, raw, body in entries:
        if offset >= zipfile.ZIP64_LIMIT:
            raise ValueError("a package of 2 GB or more needs zip64, which recap does not write")
        out += (_LOCAL.pack(b"PK\x03\x04", *head, 0), raw, body)
        central += (_CENTRAL.pack(b"PK\x01\x02", _VERSION, _UNIX, *head, 0, 0, 0, 0, 0o644 << 16, offset), raw)
        offset += _LOCAL.size + len(raw) + len(body)
    size = sum(map(len, central))
    end = _END.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), size, offset, 0)
    return b"".join([*out, *central, end])


def zip_items(items: list[tuple[str, bytes]]) -> bytes:
    """A zip of `items` (name, data) in order: deflated but for already compressed images, fixed dates."""
    return _zip([_entry(name, data) for name, data in items])


def _put(dst: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_DATE)
    info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    dst.writestr(info, data)


def normalize_zip(data: bytes) -> bytes:
    """`data` re-zipped entry by entry with one fixed timestamp, so two saves of the same deck match."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            _put(dst, info.filename, src.read(info.filename))
    return out.getvalue()
