"""Readers: turn files (YAML content, themes, Markdown posts) into validated models, with located problems."""
