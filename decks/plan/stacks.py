"""The font stacks a theme defines: for each role, its own font, then CJK, the fallbacks, then symbols.

Han characters are shared by Chinese, Japanese and Korean but drawn differently in each, so a stack is
built for the content's language: a font the theme gives for that language (`fonts.languages`) comes
before the CJK font; fonts for other languages come after it, so any text still finds a face for kana or
Hangul.
"""

from __future__ import annotations

from pathlib import Path

import msgspec
from msgspec.structs import replace

from decks.text.faces import Face
from decks.text.fallback import FontStack
from decks.text.lookup import find_system_font
from decks.text.metrics import load_face
from decks.text.office import office_stack
from decks.themes.model import FontSpec, Theme

# Region subtags that mean Traditional Chinese when the script is not written out.
_HANT_REGIONS = ("tw", "hk", "mo")


class Stacks(msgspec.Struct, frozen=True, eq=False):
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


def normalise_language(tag: str | None) -> str:
    """A BCP 47 tag in lower case with the script made explicit for Chinese: zh-TW -> zh-hant, zh -> zh."""
    parts = (tag or "").replace("_", "-").lower().split("-")
    if parts[0] == "zh" and "hant" not in parts and any(p in _HANT_REGIONS for p in parts[1:]):
        parts.insert(1, "hant")
    return "-".join(p for p in parts if p)


def language_matches(spec_language: str | None, language: str | None) -> bool:
    """Whether a font for `spec_language` (a prefix: ja, ko, zh-Hant) serves text in `language`."""
    want, have = normalise_language(spec_language), normalise_language(language)
    return bool(want) and (have == want or have.startswith(want + "-"))


# A letter each East Asian language writes with, to find the face a stack draws that language in.
_SAMPLE = {"ja": "あ", "ko": "한"}


def east_asian_face(stack: FontStack, language: str | None) -> Face:
    """The face `stack` draws East Asian text of `language` in (Chinese when the language is not one)."""
    return stack.draws(_SAMPLE.get(normalise_language(language).split("-")[0], "字"))


_CACHE: dict[tuple[int, str], tuple[Theme, Stacks]] = {}


def stacks_for(theme: Theme, language: str | None = None) -> Stacks:
    """The stacks of `theme` for text in `language`, built once per theme object and language (themes hold
    lists, so they are not hashable)."""
    key = (id(theme), normalise_language(language))
    cached = _CACHE.get(key)
    if cached is not None and cached[0] is theme:
        return cached[1]
    stacks = _build(theme, language)
    _CACHE[key] = (theme, stacks)
    return stacks


def _build(theme: Theme, language: str | None) -> Stacks:
    fonts = theme.fonts

    def by_language(use: str, bold: bool) -> tuple[list[FontSpec], list[FontSpec]]:
        """The language fonts that serve `use` at this weight: those for `language`, then the others."""
        weight = "bold" if bold else "regular"
        serving = [s for s in fonts.languages if s.use in ("both", use) and s.weight in ("both", weight)]
        mine = [s for s in serving if language_matches(s.language, language)]
        return mine, [s for s in serving if s not in mine]

    def tail(use: str, bold: bool) -> list[FontSpec]:
        mine, others = by_language(use, bold)
        cjk = [fonts.cjk_bold, fonts.cjk] if bold and fonts.cjk_bold else [fonts.cjk]
        emoji = [fonts.emoji] if fonts.emoji else []
        return [*mine, *cjk, *others, *fonts.fallbacks, fonts.symbol, *emoji]

    def stack(first: FontSpec, rest: list[FontSpec]) -> FontStack:
        faces: list[Face] = []
        for spec in (first, *rest):
            face = face_of(spec)
            if face is not None and face not in faces:
                faces.append(face)
        return FontStack(tuple(faces))

    return Stacks(
        heading=stack(fonts.heading, tail("slides", bold=True)),
        body=stack(fonts.body, tail("slides", bold=False)),
        hand=stack(fonts.hand, tail("sketch", bold=False)),
        hand_bold=stack(fonts.hand_bold, tail("sketch", bold=True)),
    )


def office_stacks(theme: Theme, language: str | None = None) -> Stacks:
    """The slide stacks of `theme` for text in `language` measuring as LibreOffice does, each with the East
    Asian face its runs name (the sketch's stacks as they are: no office suite sets them)."""
    stacks = stacks_for(theme, language)
    return Stacks(
        heading=office_stack(stacks.heading, east_asian_face(stacks.heading, language)),
        body=office_stack(stacks.body, east_asian_face(stacks.body, language)),
        hand=stacks.hand,
        hand_bold=stacks.hand_bold,
    )
