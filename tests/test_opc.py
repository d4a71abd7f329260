"""The one table of XML namespaces: each prefix's URI as Office spells it, the Clark names derived from it, and
no other module of decks/ spelling a namespace URI of its own."""

from __future__ import annotations

from pathlib import Path

from decks import opc

DECKS = Path(__file__).resolve().parent.parent / "decks"


def test_the_namespaces_are_the_ones_office_declares() -> None:
    # spelled here independently of the table, so a typo in it fails
    assert opc.nsdecls("a", "p", "r") == (
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    )
    assert opc.QN_PR + "Relationship" == "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
    assert opc.QN_CT + "Default" == "{http://schemas.openxmlformats.org/package/2006/content-types}Default"


def test_each_clark_prefix_is_its_uri_in_braces() -> None:
    for prefix, uri in opc.NAMESPACES.items():
        assert getattr(opc, f"QN_{prefix.upper()}") == "{" + uri + "}"
        assert getattr(opc, f"NS_{prefix.upper()}") == uri


def test_no_other_module_spells_a_namespace_uri() -> None:
    spelled = [
        f"{path.relative_to(DECKS.parent)}: {uri}"
        for path in sorted(DECKS.rglob("*.py"))
        if path.name != "opc.py" or path.parent != DECKS
        for uri in opc.NAMESPACES.values()
        if f'"{uri}"' in path.read_text(encoding="utf-8") or f"{{{uri}}}" in path.read_text(encoding="utf-8")
    ]
    assert spelled == []
