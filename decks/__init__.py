"""recap: one content file about an event in, a recap deck and a one-page sketchnote out."""

__version__ = "0.1.0"
