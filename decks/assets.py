"""Where recap's bundled assets (themes, fonts, icons), docs and example content live, in a checkout or a wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def assets_dir() -> Path:
    """The bundled `assets/` folder: inside the installed wheel, else at the top of the checkout."""
    installed = _PACKAGE / "_assets"
    return installed if installed.is_dir() else _PACKAGE.parent / "assets"


@cache
def content_dir() -> Path:
    """The bundled example content folder."""
    installed = _PACKAGE / "_content"
    return installed if installed.is_dir() else _PACKAGE.parent / "content"


def example_content() -> Path:
    """The content file used when a command is given none."""
    return content_dir() / "tf-dev-summit-2019.yaml"


def fonts_dir() -> Path:
    """Bundled font files."""
    return assets_dir() / "fonts"


def themes_dir() -> Path:
    """Bundled themes, one folder each."""
    return assets_dir() / "themes"


@cache
def docs_dir() -> Path:
    """The bundled docs (themes.md, DESIGN.md ...): inside the installed wheel, else docs/ in the checkout."""
    installed = _PACKAGE / "_docs"
    return installed if installed.is_dir() else _PACKAGE.parent / "docs"


def doc_files() -> dict[str, Path]:
    """The Markdown docs by short name ('themes', 'design', 'readme' ...), for `recap docs NAME`."""
    found = {path.stem.lower(): path for path in sorted(docs_dir().glob("*.md"))}
    readme = _PACKAGE.parent / "README.md"  # in a checkout; the wheel carries it in _docs/ (pyproject.toml)
    if "readme" not in found and readme.is_file():
        found["readme"] = readme
    return dict(sorted(found.items()))
