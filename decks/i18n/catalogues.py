"""Compiling a gettext catalogue (`.po`) into the `.mo` file recap reads: Babel, fuzzy entries left out.

Run at build time by the wheel's build hook (hatch_build.py, which loads this file by its path, so it needs
nothing but the standard library and Babel), and at run time only in a checkout whose `.po` is newer than its
`.mo` (decks.i18n reads the `.mo`).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

FIXED_DATE = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)  # the earliest time a zip (a wheel) can record


def compile_po(po: Path) -> bytes:
    """The `.mo` bytes of a `.po` catalogue, compiled by Babel (fuzzy entries left out)."""
    from babel.core import Locale, UnknownLocaleError  # lazy: only when a .mo is missing (a source checkout)
    from babel.messages.mofile import write_mo  # lazy: only when a .mo is missing (a source checkout)
    from babel.messages.pofile import read_po  # lazy: only when a .mo is missing (a source checkout)

    try:
        locale: Locale | None = Locale.parse(po.stem)
    except (ValueError, UnknownLocaleError):
        locale = None  # the plural rule then comes from the file's Plural-Forms header alone
    with po.open("rb") as f:
        catalog = read_po(f, locale=locale, abort_invalid=True)
    # Babel dates a catalogue whose header has no POT-Creation-Date (recap's have none) with the time of reading,
    # and writes that into the .mo: a fixed date keeps a build's bytes the same (gettext reads no date).
    catalog.creation_date = FIXED_DATE
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def compile_folder(folder: Path) -> list[Path]:
    """Each `<locale>.po` of `folder` compiled to `<locale>.mo` beside it; the `.mo` files, sorted. A `.mo` is
    rewritten only when its bytes change, so a rebuild leaves it (and its time) as it was."""
    written = []
    for po in sorted(folder.glob("*.po")):
        mo = po.with_suffix(".mo")
        data = compile_po(po)
        if not mo.is_file() or mo.read_bytes() != data:
            mo.write_bytes(data)
        written.append(mo)
    return written
