"""No module of `decks/` uses another library's private names (`lib._thing`), read with `ast` from every import
of a library (at the top of a file or inside a function) to every attribute taken from what it bound. The one
reach into a library's internals that fixes its bug lives in decks/paint/pdffonts.py, pinned by its own test;
decks/text/bidi_levels.py is the python-bidi shim (see its docstring and tests/text/test_bidi_levels.py)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "decks"

ALLOWED = {
    # lxml's element class is public under this name: its docs and its type stubs annotate with it.
    "etree._Element",
}


def _library_names(tree: ast.AST) -> set[str]:
    """The names a file binds to a library (not recap) by its imports."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.partition(".")[0] != "decks":
                    names.add(alias.asname or alias.name.partition(".")[0])
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and node.module
            and node.module.partition(".")[0] not in ("decks", "__future__")
        ):
            names.update(alias.asname or alias.name for alias in node.names)
    return names


def _private_uses(source: str, where: str) -> list[str]:
    """`where:line: lib._name` for each private name of a library that `source` uses."""
    tree = ast.parse(source, where)
    libraries = _library_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        chain = [node.attr]
        base: ast.expr = node.value
        while isinstance(base, ast.Attribute):
            chain.append(base.attr)
            base = base.value
        if not isinstance(base, ast.Name) or base.id not in libraries:
            continue
        dotted = ".".join([base.id, *reversed(chain)])
        private = node.attr.startswith("_") and not node.attr.startswith("__")
        if private and dotted not in ALLOWED:
            found.append(f"{where}:{node.lineno}: {dotted}")
    return found


def test_no_module_uses_a_private_name_of_another_library() -> None:
    found = [
        use
        for path in sorted(PACKAGE.rglob("*.py"))
        for use in _private_uses(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent)))
    ]
    assert found == []


def test_the_check_sees_private_names_through_imports_inside_functions_and_aliases() -> None:
    source = (
        "from lxml import etree\n"
        "from decks import text\n"
        "def f(e: etree._Element):\n"
        "    import re\n"
        "    from reportlab.pdfbase import ttfonts as tt\n"
        "    text._mine, tt.__name__\n"
        "    return re._cache, tt._private.x\n"
    )
    assert _private_uses(source, "m.py") == ["m.py:7: re._cache", "m.py:7: tt._private"]
