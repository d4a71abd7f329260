"""Layout: from the model and a theme to pure plans (a slide plan, sketchnote primitives) that renderers emit."""
