"""The resolved bidi embedding level of each character of a line, from python-bidi: the one place recap runs
python-bidi's own steps rather than its public API.

Why a shim: a renderer that sets a line in pieces (runs in several faces) must reorder the pieces itself (Unicode
bidi rule L2), so it needs each character's level after rule I2. python-bidi's public API (0.5 on) gives only the
finished visual string (`bidi.get_display`, Rust's unicode-bidi) and a paragraph's base level; its levels are
not exposed (`get_display(debug=True)` prints a Rust debug dump, per UTF-8 byte: not data). The pure-Python
implementation python-bidi keeps in `bidi.algorithm` since 0.5 (https://github.com/MeirKriheli/python-bidi/issues/25)
has the steps as module functions, undocumented; this module runs them up to I2 and nothing else.

Limits: those steps are the Unicode 5 algorithm, without isolates (LRI, RLI, FSI, PDI) and without bracket pairs
(rule N0), so a line whose levels they cannot resolve gets None and the caller's rough levels. Checked with
python-bidi 0.6: tests/text/test_bidi_levels.py pins that range and checks that reordering by these levels gives
`bidi.get_display`'s order on text without brackets or controls. No upstream report asks for a levels API yet.
"""

from __future__ import annotations


def resolved_levels(text: str, rtl: bool) -> list[int] | None:
    """The level of each character of `text`, a line of a paragraph whose base direction is right-to-left when
    `rtl` (odd levels are drawn right to left); None when python-bidi's steps cannot resolve it."""
    try:
        from bidi import algorithm as uba  # lazy: python-bidi only for right-to-left text

        storage = uba.get_empty_storage()
        storage["base_level"] = 1 if rtl else 0
        storage["base_dir"] = "R" if rtl else "L"
        uba.get_embedding_levels(text, storage, False, False)
        uba.explicit_embed_and_overrides(storage, False)
        uba.resolve_weak_types(storage, False)
        uba.resolve_neutral_types(storage, False)
        uba.resolve_implicit_levels(storage, False)
        levels = [int(ch["level"]) for ch in storage["chars"]]
    except (ImportError, AttributeError, AssertionError, IndexError, KeyError, TypeError):
        return None  # steps moved or renamed; or a newer bidi class or a control they trip on
    return levels if len(levels) == len(text) else None
