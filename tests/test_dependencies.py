"""The runtime dependencies in pyproject.toml are exactly what `decks/` imports: every import of the package (at
the top of a file or inside a function, read with `ast`) is the standard library, recap itself or a declared
dependency, and every declared dependency is imported somewhere. What only the tests import is in the test
extra, and every library a test imports directly is declared there (not merely pulled in by another)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement ("PyYAML>=6" -> "pyyaml", PEP 503)."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group()).lower()


def _imports(folder: Path) -> dict[str, set[str]]:
    """Top-level module name -> the files under `folder` that import it (absolute imports only)."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                found.setdefault(name.partition(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def _third_party(imports: dict[str, set[str]], own: set[str]) -> dict[str, set[str]]:
    """Distribution name -> the files that import it, for every import that is neither stdlib nor `own`; an
    import no installed distribution provides is keyed by "?module"."""
    providers = packages_distributions()
    out: dict[str, set[str]] = {}
    for module, files in imports.items():
        if module in sys.stdlib_module_names or module in own or module == "__future__":
            continue
        for dist in [_name(d) for d in providers.get(module, [])] or [f"?{module}"]:
            out.setdefault(dist, set()).update(files)
    return out


RUNTIME = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
TEST_EXTRA = {_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["test"]}


def test_every_import_of_the_package_is_stdlib_recap_or_a_declared_runtime_dependency() -> None:
    used = _third_party(_imports(ROOT / "decks"), {"decks"})
    undeclared = {dist: sorted(files) for dist, files in used.items() if dist not in RUNTIME}
    assert undeclared == {}, "declare these in [project] dependencies, or stop importing them"


def test_every_declared_runtime_dependency_is_imported_by_the_package() -> None:
    used = _third_party(_imports(ROOT / "decks"), {"decks"})
    assert sorted(RUNTIME - set(used)) == [], "a dependency `decks/` never imports: move it to an extra or drop it"


def test_every_library_a_test_imports_is_declared_for_the_tests() -> None:
    used = _third_party(_imports(ROOT / "tests"), {"decks", "tests", "conftest"})
    # A test's own helper modules, imported by bare name from tests/fixtures (sys.path), are not libraries.
    helpers = {p.stem for p in (ROOT / "tests").rglob("*.py")}
    undeclared = {
        dist: sorted(files)
        for dist, files in used.items()
        if dist not in RUNTIME | TEST_EXTRA and dist.removeprefix("?") not in helpers
    }
    assert undeclared == {}, "declare these in the test extra"
