"""The one rule for every web address recap may turn into a link: http, https or mailto, written out in full.

Every URL field of the content model (links, resources, source, event.url, presenter handles) and every link
`recap import` writes goes through `check_url`, so that nothing else (`javascript:`, `file:`, `data:`, a Windows
share `\\\\host\\share`) ever becomes clickable in a deck, a PDF or an SVG.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("http", "https", "mailto")
MAX_URL_LENGTH = 4096  # far past any real address; keeps QR codes and link tables small

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Something that reads as a host name: www.example.com, example.org/path, example.com:8080.
_HOSTLIKE = re.compile(r"^[\w\-]+(\.[\w\-]+)+(:\d+)?([/?#].*)?$")
_SPACE = re.compile(r"\s")  # for str patterns, exactly the characters str.isspace() accepts


def url_problem(value: str) -> str | None:
    """Why `value` cannot be a link, as "what; what to do"; None when it is a full http(s) or mailto address."""
    if len(value) > MAX_URL_LENGTH:
        return f"the link address is {len(value):,} characters long; keep it under {MAX_URL_LENGTH:,}"
    if _SPACE.search(value):
        return "a link address cannot contain spaces; encode them as %20"
    if value.startswith(("\\\\", "//")):
        return "a link cannot point at a file share; put the file on the web and link its https:// address"
    if "\\" in value:
        return "a link address cannot contain a backslash; write / instead (or %5C)"
    match = _SCHEME.match(value)
    scheme = match.group(1).lower() if match else ""
    rest = value[match.end() :] if match else value
    if match is None or (scheme not in ALLOWED_SCHEMES and rest[:1].isdigit()):
        # No scheme, or a host:port that only looks like one: a careless www.example.com/x.
        if _HOSTLIKE.match(value):
            return f"a link needs a full address; add https:// in front: https://{value}"
        return "a link needs a full address; start it with https:// (or http://, mailto:)"
    if scheme not in ALLOWED_SCHEMES:
        return f"'{scheme}:' links are not allowed; use an http://, https:// or mailto: address"
    if scheme == "mailto":
        return None if rest else "a mailto: link needs an address; write mailto:name@example.com"
    try:
        host = urlsplit(value).hostname
    except ValueError:  # e.g. an unclosed [ in the host
        host = None
    if not rest.startswith("//") or not host:
        return f"a link needs a host name; write it like {scheme}://www.example.com/page"
    return None


def is_web_address(value: str) -> bool:
    """Whether `value` may be a link (the same rule as the model's URL fields)."""
    return url_problem(value) is None


def is_dangerous(value: str) -> bool:
    """Whether `value` names a scheme or place that must never be kept even as text to click (javascript:, file:,
    data:, a file share): the importer drops such links instead of keeping them in the notes."""
    match = _SCHEME.match(value.strip())
    if value.strip().startswith("\\\\"):
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
