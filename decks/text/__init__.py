"""The one text engine both renderers use: fonts and metrics, fallback, line breaking and fitting."""
