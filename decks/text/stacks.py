"""The font stacks a theme defines: for each role, its own font, then CJK, the fallbacks, then symbols."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from decks.text.fallback import FontStack
from decks.text.fonts import Face, find_system_font, load_face
from decks.themes.model import FontSpec, Theme


@dataclass(frozen=True, eq=False)
class Stacks:
    """Font stacks by role."""

    heading: FontStack
    body: FontStack
    hand: FontStack
    hand_bold: FontStack

    def all(self) -> tuple[FontStack, ...]:
        return (self.heading, self.body, self.hand, self.hand_bold)


def spec_path(spec: FontSpec) -> Path | None:
    """The file behind a font spec: its file, else the system font of that family, else None."""
    if spec.file is not None:
        return spec.file
    if spec.system:
        return find_system_font(spec.system)
    return None


def face_of(spec: FontSpec) -> Face | None:
    """The face of a spec, or None for an optional font that is not installed."""
    path = spec_path(spec)
    if path is None:
        if spec.optional:
            return None
        from decks.errors import ContentError, Problem

        raise ContentError([Problem(spec.system or "theme", "font not installed", "install it, or use a file")])
    face = load_face(path)
    if spec.family or spec.margin:
        # The family the deck names (a metric-compatible twin measures for it), and a safety margin: a smaller
        # em makes every advance that much wider.
        face = replace(face, family=spec.family or face.family, units_per_em=face.units_per_em / (1 + spec.margin))
    return face


_CACHE: dict[int, tuple[Theme, Stacks]] = {}


def stacks_for(theme: Theme) -> Stacks:
    """The stacks of `theme`, built once per theme object (themes hold lists, so they are not hashable)."""
    cached = _CACHE.get(id(theme))
    if cached is not None and cached[0] is theme:
        return cached[1]
    stacks = _build(theme)
    _CACHE[id(theme)] = (theme, stacks)
    return stacks


def _build(theme: Theme) -> Stacks:
    fonts = theme.fonts
    tail_regular = [fonts.cjk, *fonts.fallbacks, fonts.symbol]
    tail_bold = [fonts.cjk_bold or fonts.cjk, fonts.cjk, *fonts.fallbacks, fonts.symbol]

    def stack(first: FontSpec, tail: list[FontSpec]) -> FontStack:
        faces: list[Face] = []
        for spec in (first, *tail):
            face = face_of(spec)
            if face is not None and face not in faces:
                faces.append(face)
        return FontStack(tuple(faces))

    return Stacks(
        heading=stack(fonts.heading, tail_bold),
        body=stack(fonts.body, tail_regular),
        hand=stack(fonts.hand, tail_regular),
        hand_bold=stack(fonts.hand_bold, tail_bold),
    )
