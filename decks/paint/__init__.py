"""Painting shared by renderers that never import each other: the deck plan's text set line by line
(`deck`), the sketch as SVG (`svg_sketch`), and font subsets and glyph outlines for SVG (`fontdata`)."""
