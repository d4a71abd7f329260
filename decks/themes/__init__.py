"""Themes: the look of both outputs (palette, fonts, sizes, slide size, sketch style, icons)."""

from decks.themes.model import FontSpec, Theme

__all__ = ["FontSpec", "Theme"]
