"""Imports run down the layers (content file -> model -> plans -> renderers -> file, the CLI on top), and no two
files of `decks/` import each other in a circle, not even through an import inside a function.

The import graph is read from the source with `ast`, so an import inside a function counts the same as one at
the top of a file. A module may import its own layer or any layer below it, never one above.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "decks"

LAYERS: list[list[str]] = [
    # low to high; a name covers the module and everything under it
    [  # root utilities: know nothing of recap's stages
        "decks",  # the package itself (`__version__`)
        "decks.errors",
        "decks.markup",
        "decks.colors",
        "decks.safeio",
        "decks.safewrite",
        "decks.cachedir",
        "decks.options",
        "decks.assets",
        "decks.opc",
        "decks.imageheaders",
        "decks.imagefiles",
        "decks.gcpause",
    ],
    ["decks.model"],
    ["decks.i18n"],
    ["decks.readers"],
    ["decks.text"],
    ["decks.themes", "decks.schema"],  # the JSON Schemas of the content and the theme
    ["decks.plan", "decks.checks"],  # `recap check` asks the plans whether the content fits
    ["decks.paint"],
    ["decks.renderers"],
    ["decks.preview"],
    ["decks.cli"],
]

KNOWN_UPWARD: dict[tuple[str, str], str] = {
    # (importer, imported): why it is still here. Each is a debt to pay, not a rule; remove the line with the import.
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The modules of `decks` that `name` imports anywhere in its file (top level or inside a function)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            # `from decks.plan import icons` imports the module decks.plan.icons; `from decks.plan import x`
            # imports the package decks.plan
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        out.update(t for t in targets if t in MODULES and t != name)
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(module: str) -> int | None:
    """The index in LAYERS of the longest name that covers `module`."""
    best: tuple[int, int] | None = None
    for index, names in enumerate(LAYERS):
        for prefix in names:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), index)
    return None if best is None else best[1]


def test_the_import_reader_sees_imports_inside_functions_and_submodules_named_in_from() -> None:
    # guards the reader itself: without these the layer test below could pass on an empty graph
    assert "decks.errors" in GRAPH["decks.cli.console"]
    assert "decks.plan.icons" in GRAPH["decks.plan.sketch.cardspec"]  # `from decks.plan import icons`
    assert "decks.readers.content" in GRAPH["decks.cli.main"]  # imported inside a function
    assert sum(len(targets) for targets in GRAPH.values()) > 300


def test_every_module_has_a_layer() -> None:
    assert [name for name in MODULES if _layer(name) is None] == []


def test_every_import_runs_down_the_layers() -> None:
    upward = sorted(
        f"{importer} (layer {_layer(importer)}) imports {imported} (layer {_layer(imported)})"
        for importer, targets in GRAPH.items()
        for imported in targets
        if (_layer(imported) or 0) > (_layer(importer) or 0) and (importer, imported) not in KNOWN_UPWARD
    )
    assert upward == []


@pytest.mark.parametrize(("importer", "imported"), sorted(KNOWN_UPWARD))
def test_a_known_upward_import_is_listed_only_while_it_is_there(importer: str, imported: str) -> None:
    # a paid debt must leave the list, so the list always shows what is left
    assert imported in GRAPH.get(importer, set()), (
        f"{importer} no longer imports {imported}: remove it from KNOWN_UPWARD"
    )
    assert (_layer(imported) or 0) > (_layer(importer) or 0)


def _cycles() -> list[list[str]]:
    """The sets of files that import each other in a circle (strongly connected components, Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # the graph is small (a few hundred files): recursion is fine
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(GRAPH[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return cycles


def test_no_two_files_import_each_other_in_a_circle() -> None:
    assert _cycles() == []


def test_the_circle_finder_finds_a_circle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(GRAPH, "decks.errors", GRAPH["decks.errors"] | {"decks.cli.console"})
    assert ["decks.cli.console", "decks.errors"] in _cycles()


def _private(module: str, name: str) -> bool:
    """Whether `name` is not part of `module`'s public interface: an underscored name, a constant (upper case),
    or a name missing from the module's `__all__` when it declares one."""
    import importlib

    if name.startswith("_") or name.isupper():
        return True
    declared = getattr(importlib.import_module(module), "__all__", None)
    return declared is not None and name not in declared


def _text_names_painting_imports() -> list[tuple[str, str, str]]:
    """(file, module, name) for each name a module of decks/paint imports from the text engine (decks.text)."""
    out = []
    for name, path in MODULES.items():
        if not name.startswith("decks.paint"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("decks.text"):
                out.extend((name, node.module or "", alias.name) for alias in node.names)
    return out


def test_painting_imports_only_the_text_engines_public_names() -> None:
    # Painting sets the plan's lines as recorded (Para.ends); of the text engine it uses faces and stacks, and the
    # interface decks.text.office declares for renderers, never the measuring's constants and helpers.
    imported = _text_names_painting_imports()
    assert ("decks.paint.deck", "decks.text.office", "east_asian") in imported  # the reader sees the imports
    assert [f"{where} imports {module}.{name}" for where, module, name in imported if _private(module, name)] == []


def test_a_constant_or_undeclared_name_of_the_text_engine_is_private() -> None:
    assert _private("decks.text.office", "LATIN")
    assert _private("decks.text.office", "hhea")  # public-looking, but not in the module's __all__
    assert _private("decks.text.faces", "_something")
    assert not _private("decks.text.office", "field_height")
    assert not _private("decks.text.faces", "Face")
