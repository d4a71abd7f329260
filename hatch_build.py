"""The wheel's build hook: compiles the message catalogues (decks/i18n/locales/*.po) into the .mo files recap
reads, so no run compiles them. Runs for the wheel and for editable installs (`make venv`), which then read the
.mo files from the checkout; the .mo files are not in git (.gitignore), so they are named as build artifacts.
Babel does the compiling (pyproject.toml's build-system requires it); the function is decks/i18n/catalogues.py,
loaded by its path so that the build imports nothing of recap's runtime dependencies.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CataloguesHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return  # the sdist carries the .po sources; a wheel built from it compiles them
        root = Path(self.root)
        spec = importlib.util.spec_from_file_location("recap_catalogues", root / "decks" / "i18n" / "catalogues.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        written = module.compile_folder(root / "decks" / "i18n" / "locales")
        build_data["artifacts"].extend(str(mo.relative_to(root).as_posix()) for mo in written)
