"""Where recap's bundled assets (themes, fonts, icons) and example content live, in a checkout or a wheel."""

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
