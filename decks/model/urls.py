"""The one rule for every web address recap may turn into a link: http, https or mailto, written out in full.

Every URL field of the content model (links, resources, source, event.url, presenter handles) and every link
`recap import` writes goes through `check_url`, so that nothing else (`javascript:`, `file:`, `data:`, a Windows
share `\\\\host\\share`) ever becomes clickable in a deck, a PDF or an SVG, and no address holds a character that
hides or reorders what it shows (bidi controls such as U+202E, zero-width and other format characters).

Every output writes an address in one form, `ascii_url`'s: percent-encoded UTF-8 with Punycode (IDNA) host names,
7-bit ASCII, as a PDF `/URI` must be and as every client reads it alike.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import quote, urlsplit

ALLOWED_SCHEMES = ("http", "https", "mailto")
MAX_URL_LENGTH = 4096  # far past any real address; keeps QR codes and link tables small

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Something that reads as a host name: www.example.com, example.org/path, example.com:8080.
_HOSTLIKE = re.compile(r"[\w\-]+(\.[\w\-]+)+(:\d+)?([/?#].*)?", re.DOTALL)  # used with fullmatch
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # the model refuses them in any text; the rule alone does too
_SPACE = re.compile(r"\s")  # for str patterns, exactly the characters str.isspace() accepts


def url_problem(value: str) -> str | None:
    """Why `value` cannot be a link, as "what; what to do"; None when it is a full http(s) or mailto address."""
    if len(value) > MAX_URL_LENGTH:
        return f"the link address is {len(value):,} characters long; keep it under {MAX_URL_LENGTH:,}"
    if _SPACE.search(value):
        return "a link address cannot contain spaces; encode them as %20"
    control = _CONTROL.search(value)
    if control is not None:
        return (
            f"the link address holds the control character U+{ord(control.group()):04X} "
            f"(at character {control.start() + 1}); remove it"
        )
    hidden = hidden_problem(value)
    if hidden is not None:
        return hidden
    if value.startswith(("\\\\", "//")):
        return "a link cannot point at a file share; put the file on the web and link its https:// address"
    if "\\" in value:
        return "a link address cannot contain a backslash; write / instead (or %5C)"
    match = _SCHEME.match(value)
    scheme = match.group(1).lower() if match else ""
    rest = value[match.end() :] if match else value
    if match is None or (scheme not in ALLOWED_SCHEMES and rest[:1].isdigit()):
        # No scheme, or a host:port that only looks like one: a careless www.example.com/x.
        if _HOSTLIKE.fullmatch(value):
            return f"a link needs a full address; add https:// in front: https://{value}"
        return "a link needs a full address; start it with https:// (or http://, mailto:)"
    if scheme not in ALLOWED_SCHEMES:
        return f"'{scheme}:' links are not allowed; use an http://, https:// or mailto: address"
    if scheme == "mailto":
        return None if rest else "a mailto: link needs an address; write mailto:name@example.com"
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # e.g. an unclosed [ in the host
        host = None
    else:
        try:
            _ = parts.port  # urllib checks the port only when it is asked for it
        except ValueError:  # https://example.com:x/ or a port over 65535
            return "the port of the link address is not a number from 0 to 65535; write it like example.com:8080"
    if not rest.startswith("//") or not host:
        return f"a link needs a host name; write it like {scheme}://www.example.com/page"
    odd = _NOT_IN_HOST.search(host)
    if odd is not None:
        return (
            f"the host name of the link address holds '{odd.group()}'; a host name has letters, digits, dots "
            "and hyphens"
        )
    if not host.isascii() and _idna_host(host) is None:
        return (
            "the host name of the link address is not a valid international domain name; "
            "write it as its xn-- form or check its spelling"
        )
    return None


def hidden_problem(value: str) -> str | None:
    """Why `value` cannot be a link if it holds a bidi control or an invisible format character; else None."""
    hidden = _hidden_character(value)
    if hidden is None:
        return None
    at, code = hidden
    return (
        f"the link address holds U+{code:04X} (at character {at}), a bidi control or invisible format "
        "character that hides or reorders what the address shows; remove it"
    )


def _hidden_character(value: str) -> tuple[int, int] | None:
    """(1-based position, code point) of the first format character (Unicode category Cf: the bidi controls
    U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C, and U+200B, U+2060, U+FEFF, U+00AD …) in `value`."""
    if value.isascii():
        return None
    for at, ch in enumerate(value, 1):
        if not ch.isascii() and unicodedata.category(ch) == "Cf":
            return at, ord(ch)
    return None


@functools.lru_cache(maxsize=256)
def _idna_host(host: str) -> str | None:
    """`host` in Punycode (IDNA 2008 with the UTS 46 mapping browsers use; IDNA 2003, Python's codec, for the
    names it allows and 2008 does not, such as symbols), or None when it cannot be one."""
    import idna  # lazy: only for a non-ASCII host, which most contents lack; every command loads this

    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        pass
    try:
        found = host.encode("idna").decode("ascii")
    except (UnicodeError, ValueError):
        return None
    # IDNA 2003 keeps the ASCII of a label as it is: "<\u00e4" would be "xn--<-6ba", no host name at all.
    return found if _LDH.fullmatch(found) else None


# ASCII that no host name holds (an IPv6 address has colons, and a % before its zone); other characters are
# checked by IDNA.
_NOT_IN_HOST = re.compile(r"[\x00-\x2c/;-@\[-\^`{-\x7f]")
_LDH = re.compile(r"[A-Za-z0-9_.-]+")  # letters, digits, hyphens (and the underscores some hosts have)


# What stays as it is in a path, query or fragment: the printable ASCII characters RFC 3986 allows there, and the
# percent sign of an escape already written. Anything else (non-ASCII, " < > \\ ^ ` { | }) is percent-encoded.
_SAFE = "!#$&'()*+,-./:;=?@[]_~%"
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _encode(part: str) -> str:
    return quote(_LONE_PERCENT.sub("%25", part), safe=_SAFE, encoding="utf-8")


def ascii_url(value: str) -> str:
    """The address every output writes: `value` (one `url_problem` accepts) as 7-bit ASCII, its host name in
    Punycode and everything else that is not ASCII percent-encoded as UTF-8 (RFC 3986/3987). An ASCII address
    comes back as it is. `https://bücher.example/张量` -> `https://xn--bcher-kva.example/%E5%BC%A0%E9%87%8F`."""
    if value.isascii() and not _NEEDS_ESCAPE.search(value):
        return value
    match = _SCHEME.match(value)
    if match is None:
        return _encode(value)
    scheme, rest = value[: match.end()], value[match.end() :]
    if scheme.lower() == "mailto:":
        address, mark, query = rest.partition("?")
        local, at, domain = address.rpartition("@")
        host = _idna_host(domain) if at and not domain.isascii() else None
        address = f"{_encode(local)}@{host}" if host else _encode(address)
        return scheme + address + (mark + _encode(query) if mark else "")
    if not rest.startswith("//"):
        return scheme + _encode(rest)
    cut = len(rest)
    for mark in "/?#":
        found = rest.find(mark, 2)
        if found != -1:
            cut = min(cut, found)
    netloc, tail = rest[2:cut], rest[cut:]
    userinfo, at, hostport = netloc.rpartition("@")
    host, port = hostport, ""
    if not hostport.startswith("["):
        host, colon, after = hostport.rpartition(":")
        if colon and after.isdigit():
            port = ":" + after
        else:
            host = hostport
    if not host.isascii():
        host = _idna_host(host) or _encode(host)
    netloc = (_encode(userinfo) + at if at else "") + host + port
    return f"{scheme}//{netloc}{_encode(tail)}"


# Printable ASCII that must still be escaped in an address (RFC 3986 allows none of them unescaped).
_NEEDS_ESCAPE = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f]|%(?![0-9A-Fa-f]{2})')


def is_web_address(value: str) -> bool:
    """Whether `value` may be a link (the same rule as the model's URL fields)."""
    return url_problem(value) is None


def is_dangerous(value: str) -> bool:
    """Whether `value` names a scheme or place that must never be kept even as text to click (javascript:, file:,
    data:, a file share) or hides what it shows (a bidi control, an invisible format character): the importer
    drops such links instead of keeping them in the notes."""
    match = _SCHEME.match(value.strip())
    if value.strip().startswith("\\\\") or _hidden_character(value) is not None:
        return True
    if match is None:
        return False
    scheme = match.group(1).lower()
    rest = value.strip()[match.end() :]
    return scheme not in ALLOWED_SCHEMES and not rest[:1].isdigit()


def check_url(value: str) -> str:
    """`value` when it is a full http(s) or mailto address; raises ValueError saying what to write otherwise."""
    problem = url_problem(value)
    if problem:
        raise ValueError(problem)
    return value
