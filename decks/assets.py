"""Where recap's bundled assets (themes, fonts, icons), docs and example content live, in a checkout or a wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# The wheel carries README.md, docs/, assets/ and content/ under decks/_repo/ in the checkout's own layout
# (pyproject.toml), so the docs' relative links (README -> docs/*.png, docs/themes.md -> ../assets/...) resolve
# in both; tests/test_doc_links.py and tests/cli/test_first_hour.py check it.
_INSTALLED = _PACKAGE / "_repo"


@cache
def repo_dir() -> Path:
    """The folder that holds README.md, docs/, assets/ and content/: inside the installed wheel, else the checkout."""
    return _INSTALLED if _INSTALLED.is_dir() else _PACKAGE.parent


def assets_dir() -> Path:
    """The bundled `assets/` folder (themes, fonts, icons, templates)."""
    return repo_dir() / "assets"


def content_dir() -> Path:
    """The bundled example content folder."""
    return repo_dir() / "content"


def example_content() -> Path:
    """The content file used when a command is given none."""
    return content_dir() / "tf-dev-summit-2019.yaml"


def fonts_dir() -> Path:
    """Bundled font files."""
    return assets_dir() / "fonts"


def themes_dir() -> Path:
    """Bundled themes, one folder each."""
    return assets_dir() / "themes"


def docs_dir() -> Path:
    """The bundled docs (themes.md, DESIGN.md ...)."""
    return repo_dir() / "docs"


def doc_files() -> dict[str, Path]:
    """The Markdown docs by short name ('themes', 'design', 'readme' ...), for `recap docs NAME`."""
    found = {path.stem.lower(): path for path in sorted(docs_dir().glob("*.md"))}
    readme = repo_dir() / "README.md"
    if "readme" not in found and readme.is_file():
        found["readme"] = readme
    return dict(sorted(found.items()))
