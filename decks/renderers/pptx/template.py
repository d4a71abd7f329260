"""The template: open it, find a layout for each slide role by name or placeholder types, read its boxes.

A role whose layout is missing falls back to another layout (with a warning), never to a crash: the
plan's boxes are then derived from the fallback's, and text goes into added text boxes when the layout
has no placeholder for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER

from decks.assets import assets_dir
from decks.layout.deck import Frame, Geometry, Rect, default_geometry
from decks.themes.model import Theme

EMU_PER_PT = 12700
NAMES: dict[str, tuple[str, ...]] = {
    "title": ("Recap Title", "Title Slide"),
    "section": ("Recap Section", "Section Header"),
    "content": ("Recap Content", "Title and Content"),
    "picture": ("Recap Content + Picture", "Two Content"),
    "closing": ("Recap Closing", "Title and Content"),
}
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
BODIES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)


def template_path(theme: Theme) -> Path | None:
    """The theme's template file, the bundled 16:9 one, or None for python-pptx's default (4:3)."""
    if theme.slides.template is not None:
        path = theme.slides.template
        if not path.is_absolute() and theme.folder is not None:
            path = theme.folder / path
        return path
    if theme.slides.size == "4:3":
        return None
    return assets_dir() / "templates" / "recap-16x9.pptx"


def _box(shape: Any, master: dict[int, Rect]) -> Rect | None:
    if shape.width is None or shape.left is None:
        return master.get(int(shape.placeholder_format.type))
    return Rect(shape.left / EMU_PER_PT, shape.top / EMU_PER_PT, shape.width / EMU_PER_PT, shape.height / EMU_PER_PT)


def _slots(layout: Any, master: dict[int, Rect]) -> tuple[Rect | None, list[Rect]]:
    title, bodies = None, []
    for ph in sorted(layout.placeholders, key=lambda p: p.placeholder_format.idx):
        kind = ph.placeholder_format.type
        box = _box(ph, master)
        if box is None:
            continue
        if kind in TITLES and title is None:
            title = box
        elif kind in BODIES:
            bodies.append(box)
    return title, bodies


@dataclass
class Resolved:
    """Each role's layout and the geometry the planner works on."""

    layouts: dict[str, Any]
    geometry: Geometry
    warnings: list[str] = field(default_factory=list)


def resolve(prs: Any, source: str) -> Resolved:
    """Layouts for every role in `prs`, with fallbacks and warnings for those the template lacks."""
    width, height = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
    sx, sy = width / 960, height / 540
    defaults = {
        role: Frame(*(Rect(b.x * sx, b.y * sy, b.w * sx, b.h * sy) if b else None for b in (f.title, f.body, f.aside)))
        for role, f in default_geometry().frames.items()
    }
    master = {}
    for ph in prs.slide_master.placeholders:
        if ph.width is not None:
            master[int(ph.placeholder_format.type)] = _box(ph, {})
    if PP_PLACEHOLDER.TITLE in master:
        master[int(PP_PLACEHOLDER.CENTER_TITLE)] = master[int(PP_PLACEHOLDER.TITLE)]
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    found: dict[str, Any] = {}
    for role, names in NAMES.items():
        layout = next((by_name[n] for n in names if n in by_name), None)
        if layout is None:
            layout = _by_types(prs, role, master)
        if layout is not None:
            found[role] = layout
    warnings: list[str] = []
    layouts: dict[str, Any] = {}
    frames: dict[str, Frame] = {}
    content = found.get("content")
    for role in NAMES:
        layout = found.get(role)
        if layout is None:
            layout = content or by_name.get("Title Only") or by_name.get("Blank") or prs.slide_layouts[0]
            warnings.append(
                f"template {source} has no '{NAMES[role][0]}' layout (nor one with the placeholders it needs); "
                f"{role} slides use '{layout.name}' instead"
            )
            frame = defaults[role]
            title, bodies = _slots(layout, master)
            if role not in ("title", "section"):
                frame = Frame(title or frame.title, frame.body, frame.aside)
        else:
            title, bodies = _slots(layout, master)
            d = defaults[role]
            frame = Frame(title or d.title, bodies[0] if bodies else d.body, bodies[1] if len(bodies) > 1 else d.aside)
        if role == "picture" and frame.aside is None:
            frame = defaults["picture"]
        layouts[role] = layout
        frames[role] = frame
    return Resolved(layouts, Geometry(width, height, frames), warnings)


def _by_types(prs: Any, role: str, master: dict[int, Rect]) -> Any:
    """A layout whose placeholders suit `role`, when no layout has one of its names."""
    for layout in prs.slide_layouts:
        kinds = [ph.placeholder_format.type for ph in layout.placeholders]
        bodies = sum(k in BODIES for k in kinds)
        if role == "title" and PP_PLACEHOLDER.CENTER_TITLE in kinds and PP_PLACEHOLDER.SUBTITLE in kinds:
            return layout
        if role == "content" and PP_PLACEHOLDER.TITLE in kinds and bodies == 1:
            return layout
        if role == "picture" and PP_PLACEHOLDER.TITLE in kinds and bodies == 2:
            return layout
    return None
