"""Renderers: plugins that turn a validated recap and a theme into a file."""
